//! Running an import: read the file and plan it off the async threads, then write it in
//! batches — each batch one transaction with the import's progress — publishing the
//! index every second so searches see the new accounts while the import runs.

use super::import::columns::{Crm, FileKind};
use super::import::{ImportError, ReadOptions, Rows, read};
use super::plan::{Identities, Plan, Provenanced, plan_accounts, plan_opportunities};
use super::{Book, Snapshot};
use crate::store::StoreError;
use crate::store::accounts::{AccountDoc, Batch, BookEntry};
use app::domain::crm::{CrmOrigin, Provenance};
use app::domain::import::{ColumnView, ImportReport, ImportStatus};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Rows per transaction.
pub const BATCH_ROWS: usize = 1_000;
/// How often the index is republished during an import, at the most: and never more often
/// than every 4 rebuild times, so rebuilding takes at most a fifth of one core while searches
/// and the writes share the rest.
const PUBLISH_EVERY: Duration = Duration::from_secs(1);

/// An import as asked for.
pub struct ImportRequest {
    /// The file as received (not copied).
    pub bytes: axum::body::Bytes,
    pub options: ReadOptions,
    /// The uploaded file's name, for the citation (`accounts.csv`).
    pub file_name: Option<String>,
    /// The id to report progress under (the preview's), or a new one.
    pub import_id: Option<String>,
    /// Plan and report only; write nothing.
    pub preview: bool,
}

/// Why an import did not run.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Book {
    /// Read, plan and (unless a preview) write an import; the report says what it did.
    pub async fn import(&self, req: ImportRequest) -> Result<ImportReport, ImportFailure> {
        let import_id = req
            .import_id
            .clone()
            .filter(|id| valid_import_id(id))
            .unwrap_or_else(|| format!("imp-{}", crate::random_id(10)));
        let _guard = self.writer.lock().await;
        let state = self.state.load_full();
        let stored = self.stored_opportunities().await?;
        let now = crate::now_ms();
        let preview = req.preview;
        let prepared = {
            let state = state.clone();
            let id = import_id.clone();
            tokio::task::spawn_blocking(move || prepare(&req, &state, &stored, now, id))
                .await
                .map_err(|e| ImportError::Malformed(format!("the reader stopped: {e}")))?
        };
        let (mut report, plan) = match prepared {
            Ok(p) => p,
            // A preview shows the columns so the rep can say which one holds the name.
            Err(e @ ImportError::NoNameColumn { .. }) if preview => {
                return Ok(unmapped(import_id, e));
            }
            Err(e) => return Err(e.into()),
        };
        if preview {
            return Ok(report);
        }
        report.status = ImportStatus::Running;
        self.store.put_import(&report).await?;
        match self.write(&mut report, plan, state).await {
            Ok(()) => {
                report.status = ImportStatus::Done;
                report.written = report.planned;
            }
            Err(e) => {
                tracing::error!(import = %report.import_id, error = %e, "import failed");
                report.status = ImportStatus::Failed;
                report.error = Some(
                    "The database stopped accepting rows. Every row written is whole; \
                     run the import again to finish it."
                        .into(),
                );
            }
        }
        // Whatever was written (all of it, or whole batches before a failure) is news to
        // the other instances.
        if let Err(e) = self.changed().await {
            tracing::warn!(error = %e, "could not count the book's change");
        }
        self.store.put_import(&report).await?;
        Ok(report)
    }

    /// An import's report as last written.
    pub async fn import_report(&self, id: &str) -> Result<Option<ImportReport>, StoreError> {
        if !valid_import_id(id) {
            return Ok(None);
        }
        self.store.import_report(id).await
    }

    /// Every stored opportunity's key and digest.
    pub(super) async fn stored_opportunities(&self) -> Result<HashMap<String, String>, StoreError> {
        Ok(self.store.opportunity_hashes().await?.into_iter().collect())
    }

    /// Write a plan batch by batch, publishing the index as it goes. Each account is
    /// held once: a written row moves from the plan into the book being built.
    pub(super) async fn write(
        &self,
        report: &mut ImportReport,
        plan: Plan,
        state: Arc<Snapshot>,
    ) -> Result<(), StoreError> {
        let Plan {
            accounts,
            opportunities,
            remove,
            ..
        } = plan;
        let removed: HashSet<String> = remove.iter().cloned().collect();
        // The book as it will be, aligned with the old one so a row that updates an
        // account replaces it in place; the accounts this import replaces are left out
        // of every index published.
        let mut entries: Vec<Arc<BookEntry>> = state.entries().to_vec();
        let mut places: Vec<Option<usize>> = accounts
            .iter()
            .map(|doc| state.index.position(&doc.key))
            .collect();
        // Nothing else needs the old index: it goes as soon as the first new one is out.
        drop(state);
        let mut published = Instant::now();
        let mut rebuild = Duration::ZERO;
        let mut written = 0;
        let mut remove = remove.as_slice();
        // Taken from the end, a batch at a time, so the plan shrinks as the book grows.
        let mut accounts = accounts;
        accounts.reverse();
        places.reverse();
        let mut opportunities = opportunities.chunks(BATCH_ROWS);
        loop {
            let batch: Vec<AccountDoc> = accounts
                .drain(accounts.len().saturating_sub(BATCH_ROWS)..)
                .rev()
                .collect();
            if accounts.capacity() > 2 * accounts.len() + BATCH_ROWS {
                accounts.shrink_to_fit();
            }
            let opps = if batch.is_empty() {
                opportunities.next().unwrap_or_default()
            } else {
                &[]
            };
            let take = remove.len().min(BATCH_ROWS);
            if batch.is_empty() && opps.is_empty() && take == 0 {
                break;
            }
            let (now_removed, rest) = remove.split_at(take);
            remove = rest;
            written += batch.len() + opps.len();
            self.store
                .write_batch(&Batch {
                    import_id: &report.import_id,
                    accounts: &batch,
                    opportunities: opps,
                    remove: now_removed,
                    written,
                })
                .await?;
            report.written = written;
            for doc in batch {
                match places.pop().flatten() {
                    Some(i) => entries[i] = Arc::new(BookEntry::from(doc)),
                    None => entries.push(Arc::new(BookEntry::from(doc))),
                }
            }
            if published.elapsed() >= PUBLISH_EVERY.max(rebuild * 4) {
                rebuild = self.swap(without(&entries, &removed)).await;
                published = Instant::now();
            }
        }
        if !removed.is_empty() {
            entries = without(&entries, &removed);
        }
        self.swap(entries).await;
        Ok(())
    }
}

fn without(entries: &[Arc<BookEntry>], removed: &HashSet<String>) -> Vec<Arc<BookEntry>> {
    entries
        .iter()
        .filter(|e| !removed.contains(&e.account.id))
        .cloned()
        .collect()
}

/// The preview of a file whose name column is not recognised: its columns and why.
fn unmapped(import_id: String, e: ImportError) -> ImportReport {
    let message = e.to_string();
    let (columns, kind) = match e {
        ImportError::NoNameColumn { columns, kind, .. } => (columns, kind),
        _ => (Vec::new(), FileKind::Accounts),
    };
    ImportReport {
        import_id,
        status: ImportStatus::Previewed,
        source: String::new(),
        kind: kind_name(kind).into(),
        encoding: String::new(),
        columns: columns.iter().map(column_view).collect(),
        total: 0,
        planned: 0,
        written: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: Vec::new(),
        duplicates: Vec::new(),
        preview: Vec::new(),
        error: Some(message),
    }
}

fn kind_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Accounts => "accounts",
        FileKind::Opportunities => "opportunities",
    }
}

fn column_view(c: &crate::book::import::columns::ColumnUse) -> ColumnView {
    ColumnView {
        header: c.header.clone(),
        field: c.field.map(|f| f.as_str().to_string()),
        note: c.note.clone(),
    }
}

/// Import ids are ours: `imp-` and letters or digits.
fn valid_import_id(id: &str) -> bool {
    id.len() <= 40 && id.starts_with("imp-") && id[4..].chars().all(|c| c.is_ascii_alphanumeric())
}

/// Read and plan the file against the book as of `state`.
fn prepare(
    req: &ImportRequest,
    state: &Snapshot,
    stored: &HashMap<String, String>,
    now: i64,
    import_id: String,
) -> Result<(ImportReport, Plan), ImportError> {
    let file = read(&req.bytes, &req.options)?;
    let label = source_label(file.crm, req.file_name.as_deref());
    let from = Provenanced {
        crm: file.crm,
        origin: CrmOrigin {
            label: label.clone(),
            provenance: Provenance::Export,
            updated_at: now,
        },
    };
    let mut plan = match &file.rows {
        Rows::Accounts(rows) => plan_accounts(rows, &Identities::new(state.records()), &from),
        Rows::Opportunities(rows) => plan_opportunities(rows, state.records(), stored, &from),
    };
    let mut rejected = file.rejected.clone();
    rejected.append(&mut plan.rejected);
    rejected.sort_by_key(|r| r.row);
    let planned = plan.accounts.len() + plan.opportunities.len();
    let report = ImportReport {
        import_id,
        status: ImportStatus::Previewed,
        source: label,
        kind: kind_name(file.kind).into(),
        encoding: file.encoding.label().into(),
        columns: file.columns.iter().map(column_view).collect(),
        total: file.total,
        planned,
        written: 0,
        created: plan.created,
        updated: plan.updated,
        unchanged: plan.unchanged,
        rejected,
        duplicates: std::mem::take(&mut plan.duplicates),
        preview: std::mem::take(&mut plan.preview),
        error: None,
    };
    Ok((report, plan))
}

/// `Salesforce export (accounts.csv)`, `HubSpot export`.
fn source_label(crm: Crm, file_name: Option<&str>) -> String {
    let name = file_name
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n))
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_control())
                .take(80)
                .collect::<String>()
        })
        .filter(|n| !n.trim().is_empty());
    match name {
        Some(n) => format!("{} export ({n})", crm.label()),
        None => format!("{} export", crm.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_names_the_crm_and_the_file() {
        assert_eq!(
            source_label(Crm::Salesforce, Some("C:\\Users\\dana\\accounts.csv")),
            "Salesforce export (accounts.csv)"
        );
        assert_eq!(source_label(Crm::Hubspot, None), "HubSpot export");
        assert_eq!(source_label(Crm::Hubspot, Some("  ")), "HubSpot export");
    }

    #[test]
    fn import_ids_are_only_ours() {
        assert!(valid_import_id("imp-abc123"));
        assert!(!valid_import_id("imp-../../x"));
        assert!(!valid_import_id("run-1"));
    }
}
