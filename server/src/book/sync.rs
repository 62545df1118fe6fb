//! Writing what a CRM's API returned (a HubSpot sync): the accounts first, then the
//! opportunities planned against the book as the accounts left it. Same plans, same
//! batches and the same report as a file import.

use super::Book;
use super::import::{AccountRow, OpportunityRow};
use super::plan::{Identities, Provenanced, plan_accounts, plan_opportunities};
use crate::store::StoreError;
use app::domain::import::{ImportReport, ImportStatus};

/// What a sync did: one report for the accounts, one for the opportunities.
#[derive(Clone, Debug)]
pub struct Synced {
    pub accounts: ImportReport,
    pub opportunities: ImportReport,
}

impl Book {
    /// Write a CRM's accounts and opportunities.
    pub async fn apply_sync(
        &self,
        accounts: Vec<AccountRow>,
        opportunities: Vec<OpportunityRow>,
        from: &Provenanced,
    ) -> Result<Synced, StoreError> {
        let _guard = self.writer.lock().await;
        let state = self.state.load_full();
        let plan = plan_accounts(&accounts, &Identities::new(state.records()), from);
        let mut accounts_report = report("accounts", from, accounts.len(), &plan);
        self.store.put_import(&accounts_report).await?;
        self.write(&mut accounts_report, plan, state).await?;
        finish(&mut accounts_report);
        self.store.put_import(&accounts_report).await?;

        let state = self.state.load_full();
        let stored = self.stored_opportunities().await?;
        let plan = plan_opportunities(&opportunities, state.records(), &stored, from);
        let mut opps_report = report("opportunities", from, opportunities.len(), &plan);
        self.store.put_import(&opps_report).await?;
        self.write(&mut opps_report, plan, state).await?;
        finish(&mut opps_report);
        self.store.put_import(&opps_report).await?;
        self.changed().await?;
        Ok(Synced {
            accounts: accounts_report,
            opportunities: opps_report,
        })
    }
}

fn report(kind: &str, from: &Provenanced, total: usize, plan: &super::plan::Plan) -> ImportReport {
    ImportReport {
        import_id: format!("imp-{}", crate::random_id(10)),
        status: ImportStatus::Running,
        source: from.origin.label.clone(),
        kind: kind.into(),
        encoding: String::new(),
        columns: Vec::new(),
        total,
        planned: plan.accounts.len() + plan.opportunities.len(),
        written: 0,
        created: plan.created,
        updated: plan.updated,
        unchanged: plan.unchanged,
        rejected: plan.rejected.clone(),
        duplicates: plan.duplicates.clone(),
        preview: Vec::new(),
        error: None,
    }
}

fn finish(report: &mut ImportReport) {
    report.status = ImportStatus::Done;
    report.written = report.planned;
}
