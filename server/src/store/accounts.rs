//! The book of business: accounts (demo, from a CRM, or added by the rep) with their CRM
//! records, their opportunities, and the imports that wrote them. An import writes in
//! batches, each one transaction with its progress, so a crash leaves whole rows only.

use super::{Store, StoreError, decode};
use app::domain::crm::{CrmRecord, Opportunity};
use app::domain::import::ImportReport;
use app::domain::{AccountSummary, HoldsAccount, Origin};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// An account as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountDoc {
    pub key: String,
    pub name: String,
    pub domain: String,
    pub industry: String,
    pub employees: u32,
    pub location: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default)]
    pub crm: Option<CrmRecord>,
    /// A digest of what the CRM said, to tell an unchanged row from an updated one.
    #[serde(default)]
    pub hash: Option<String>,
    /// When the rep added it (accounts added from a domain).
    #[serde(default)]
    pub added_at: Option<i64>,
}

impl AccountDoc {
    pub fn summary(&self) -> AccountSummary {
        AccountSummary {
            id: self.key.clone(),
            name: self.name.clone(),
            domain: self.domain.clone(),
            industry: self.industry.clone(),
            employees: self.employees,
            location: self.location.clone(),
            origin: self.origin,
        }
    }

    pub fn from_summary(a: &AccountSummary) -> Self {
        Self {
            key: a.id.clone(),
            name: a.name.clone(),
            domain: a.domain.clone(),
            industry: a.industry.clone(),
            employees: a.employees,
            location: a.location.clone(),
            origin: a.origin,
            crm: None,
            hash: None,
            added_at: None,
        }
    }
}

/// What the book keeps in memory per account: the account and its CRM identity.
#[derive(Clone, Debug, PartialEq)]
pub struct BookEntry {
    pub account: AccountSummary,
    pub crm_id: Option<String>,
    pub hash: Option<String>,
}

impl HoldsAccount for BookEntry {
    fn account(&self) -> &AccountSummary {
        &self.account
    }
}

impl From<AccountDoc> for BookEntry {
    /// The entry for a stored account, taking its strings.
    fn from(d: AccountDoc) -> Self {
        Self {
            crm_id: d.crm.and_then(|c| c.crm_id),
            hash: d.hash,
            account: AccountSummary {
                id: d.key,
                name: d.name,
                domain: d.domain,
                industry: d.industry,
                employees: d.employees,
                location: d.location,
                origin: d.origin,
            },
        }
    }
}

impl BookEntry {
    /// The entry for a stored account (a copy; [`From`] takes the doc's strings).
    pub fn from_doc(d: &AccountDoc) -> Self {
        Self::from(d.clone())
    }
}

/// An opportunity as stored: the account it belongs to and its digest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpportunityDoc {
    pub key: String,
    pub account: String,
    pub hash: String,
    #[serde(default)]
    pub crm_id: Option<String>,
    pub opportunity: Opportunity,
}

/// One transaction of an import: rows to write, demo accounts they replace, progress.
pub struct Batch<'a> {
    pub import_id: &'a str,
    pub accounts: &'a [AccountDoc],
    pub opportunities: &'a [OpportunityDoc],
    pub remove: &'a [String],
    /// Rows written once this batch commits.
    pub written: usize,
}

impl Store {
    /// Load the demo accounts unless they were loaded before (or removed). Returns how
    /// many were added.
    pub async fn seed_accounts(&self, accounts: &[AccountSummary]) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE done FROM type::record('meta', 'demo_seed')")
            .await?;
        let done: Vec<Value> = res.take(0)?;
        if done.first().and_then(Value::as_bool) == Some(true) {
            return Ok(0);
        }
        for chunk in accounts.chunks(500) {
            let rows: Vec<AccountDoc> = chunk.iter().map(AccountDoc::from_summary).collect();
            self.db
                .query("FOR $a IN $rows { UPSERT type::record('account', $a.key) CONTENT $a; }")
                .bind(json!({ "rows": rows }))
                .await?
                .check()?;
        }
        self.db
            .query(
                "UPSERT type::record('meta', 'demo_seed') CONTENT \
                 { done: true, count: $n, at_ms: $now }",
            )
            .bind(json!({ "n": accounts.len(), "now": crate::now_ms() }))
            .await?
            .check()?;
        Ok(accounts.len())
    }

    /// When the demo data was loaded (ms), if it was.
    pub async fn demo_loaded_at(&self) -> Result<Option<i64>, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE at_ms FROM type::record('meta', 'demo_seed')")
            .await?;
        let at: Vec<Value> = res.take(0)?;
        Ok(at.first().and_then(Value::as_i64))
    }

    /// How many times the book was changed (by any process); 0 before the first change.
    pub async fn book_version(&self) -> Result<u64, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE version FROM type::record('meta', 'book')")
            .await?;
        let v: Vec<Value> = res.take(0)?;
        Ok(v.first().and_then(Value::as_u64).unwrap_or(0))
    }

    /// Count a change to the book; the new version.
    pub async fn bump_book_version(&self) -> Result<u64, StoreError> {
        let mut res = self
            .db
            .query(
                "UPSERT type::record('meta', 'book') SET version = (version ?? 0) + 1 \
                 RETURN VALUE version",
            )
            .await?;
        let v: Vec<Value> = res.take(0)?;
        Ok(v.first().and_then(Value::as_u64).unwrap_or(0))
    }

    /// Every account, as the book keeps it in memory.
    pub async fn book_entries(&self) -> Result<Vec<BookEntry>, StoreError> {
        let mut res = self.db.query("SELECT * OMIT id FROM account").await?;
        let docs: Vec<AccountDoc> = decode(res.take(0)?)?;
        Ok(docs.into_iter().map(BookEntry::from).collect())
    }

    /// One account with its CRM record.
    pub async fn account_doc(&self, key: &str) -> Result<Option<AccountDoc>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM type::record('account', $key)")
            .bind(json!({ "key": key }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// A new account; `Conflict` when its key is taken.
    pub async fn create_account(&self, doc: &AccountDoc) -> Result<(), StoreError> {
        let res = self
            .db
            .query("CREATE type::record('account', $a.key) CONTENT $a")
            .bind(json!({ "a": doc }))
            .await?
            .check();
        match res {
            Ok(_) => Ok(()),
            Err(e) if e.to_string().contains("already exists") => {
                Err(StoreError::Conflict(doc.key.clone()))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Replace an account's record.
    pub async fn put_account(&self, doc: &AccountDoc) -> Result<(), StoreError> {
        self.db
            .query("UPSERT type::record('account', $a.key) CONTENT $a")
            .bind(json!({ "a": doc }))
            .await?
            .check()?;
        Ok(())
    }

    /// The account's opportunities, soonest close date first.
    pub async fn opportunities_of(&self, key: &str) -> Result<Vec<Opportunity>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT VALUE opportunity FROM opportunity WHERE account = $key \
                 ORDER BY opportunity.close_date ASC",
            )
            .bind(json!({ "key": key }))
            .await?;
        decode(res.take(0)?)
    }

    /// Every opportunity's key and digest, for an import to tell unchanged rows.
    pub async fn opportunity_hashes(&self) -> Result<Vec<(String, String)>, StoreError> {
        #[derive(Deserialize)]
        struct Row {
            key: String,
            hash: String,
        }
        let mut res = self.db.query("SELECT key, hash FROM opportunity").await?;
        let rows: Vec<Row> = decode(res.take(0)?)?;
        Ok(rows.into_iter().map(|r| (r.key, r.hash)).collect())
    }

    /// Write one batch of an import and its progress, all or nothing.
    pub async fn write_batch(&self, batch: &Batch<'_>) -> Result<(), StoreError> {
        self.db
            .query(
                "BEGIN TRANSACTION;\
                 FOR $a IN $accounts { UPSERT type::record('account', $a.key) CONTENT $a; };\
                 FOR $k IN $remove { DELETE type::record('account', $k); \
                   DELETE opportunity WHERE account = $k; };\
                 FOR $o IN $opps { UPSERT type::record('opportunity', $o.key) CONTENT $o; };\
                 UPDATE type::record('import', $id) SET report.written = $written, \
                   updated_at = $now;\
                 COMMIT TRANSACTION;",
            )
            .bind(json!({
                "accounts": batch.accounts,
                "remove": batch.remove,
                "opps": batch.opportunities,
                "id": batch.import_id,
                "written": batch.written,
                "now": crate::now_ms(),
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// Remove every demo account; they are not loaded again (the seed marker stays).
    pub async fn remove_demo_accounts(&self) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("DELETE account WHERE origin = 'demo' OR origin = NONE RETURN BEFORE")
            .await?;
        let gone: Vec<Value> = res.take(0)?;
        Ok(gone.len())
    }

    /// Record an import's report (its start, its end).
    pub async fn put_import(&self, report: &ImportReport) -> Result<(), StoreError> {
        self.db
            .query(
                "UPSERT type::record('import', $id) CONTENT \
                 { report: $report, status: $report.status, updated_at: $now }",
            )
            .bind(json!({ "id": report.import_id, "report": report, "now": crate::now_ms() }))
            .await?
            .check()?;
        Ok(())
    }

    /// An import's report as last written.
    pub async fn import_report(&self, id: &str) -> Result<Option<ImportReport>, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE report FROM type::record('import', $id)")
            .bind(json!({ "id": id }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Mark imports that were running when the server stopped as interrupted.
    pub async fn interrupt_running_imports(&self) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query(
                "UPDATE import SET status = 'interrupted', report.status = 'interrupted', \
                 report.error = 'The server stopped during this import. Every row written \
                 is whole; run the import again to finish it.' WHERE status = 'running' \
                 RETURN key",
            )
            .await?;
        let rows: Vec<Value> = res.take(0)?;
        Ok(rows.len())
    }
}
