//! The book of business: the rep's accounts (demo, imported from a CRM, or added from a
//! domain), their CRM records and opportunities, and the search index over them, which
//! is swapped whole whenever the book changes (searches never wait for a writer).
//!
//! - [`import`]: reading a CRM export; [`plan`]: what its rows do to the book;
//! - [`domain`]: a company's registrable domain; [`importer`]: running an import;
//! - [`hubspot`]: the HubSpot sync, written by [`sync`].

pub mod domain;
pub mod hubspot;
pub mod import;
pub mod importer;
pub mod plan;
mod service;
pub mod sync;

pub use service::Accounts;

pub use importer::ImportRequest;

use crate::store::accounts::{AccountDoc, BookEntry};
use crate::store::{Store, StoreError};
use app::domain::crm::Opportunity;
use app::domain::search::AccountIndex;
use app::domain::{AccountSummary, Origin};
use arc_swap::ArcSwap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The accounts and their index, as of one change. Each account (with its CRM identity)
/// is held once and shared: by the index, the next index an import builds, and the
/// import's own working list.
struct Snapshot {
    index: AccountIndex<Arc<BookEntry>>,
}

impl Snapshot {
    fn new(entries: Vec<Arc<BookEntry>>) -> Self {
        Self {
            index: AccountIndex::new(entries),
        }
    }

    fn entries(&self) -> &[Arc<BookEntry>] {
        self.index.accounts()
    }

    /// Every account's entry, for planning a change.
    fn records(&self) -> impl Iterator<Item = &BookEntry> {
        self.entries().iter().map(|e| &**e)
    }
}

/// How many accounts the book holds, and how many of them are demo data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BookCounts {
    pub total: usize,
    pub demo: usize,
}

/// What creating an account from a domain did.
#[derive(Clone, Debug, PartialEq)]
pub enum Added {
    Created(AccountSummary),
    /// The domain is already in the book.
    Exists(AccountSummary),
}

/// How often an instance sharing its database checks whether another changed the book.
pub const CATCH_UP_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// The book, shared by the chat, the orchestrator and the API.
pub struct Book {
    store: Store,
    state: ArcSwap<Snapshot>,
    /// One change (an import, a new account, removing the demo data) at a time.
    writer: tokio::sync::Mutex<()>,
    demo_loaded_at: Option<i64>,
    /// The book's version (`meta:book`) this process's index shows: another process that
    /// changes the book bumps it, and [`Book::catch_up`] reads the book again.
    version: AtomicU64,
}

impl Book {
    /// The book as stored.
    pub async fn load(store: Store) -> Result<Arc<Self>, StoreError> {
        let entries = store
            .book_entries()
            .await?
            .into_iter()
            .map(Arc::new)
            .collect();
        let demo_loaded_at = store.demo_loaded_at().await?;
        let version = AtomicU64::new(store.book_version().await?);
        let interrupted = store.interrupt_running_imports().await?;
        if interrupted > 0 {
            tracing::warn!(interrupted, "imports were cut short by a restart");
        }
        Ok(Arc::new(Self {
            store,
            state: ArcSwap::from_pointee(Snapshot::new(entries)),
            writer: tokio::sync::Mutex::new(()),
            demo_loaded_at,
            version,
        }))
    }

    pub fn get(&self, id: &str) -> Option<AccountSummary> {
        self.state.load().index.get(id).map(|e| e.account.clone())
    }

    /// The best `limit` accounts for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<AccountSummary> {
        self.state
            .load()
            .index
            .search(query, limit)
            .into_iter()
            .map(|e| e.account.clone())
            .collect()
    }

    /// The company a sentence names, or what and where the rest of it says (see
    /// [`AccountIndex::search_phrase`]).
    pub fn search_phrase(&self, term: &str, phrase: &str, limit: usize) -> Vec<AccountSummary> {
        self.state
            .load()
            .index
            .search_phrase(term, phrase, limit)
            .into_iter()
            .map(|e| e.account.clone())
            .collect()
    }

    /// The account with this domain, if any.
    pub fn with_domain(&self, domain: &str) -> Option<AccountSummary> {
        let state = self.state.load();
        state
            .entries()
            .iter()
            .find(|e| e.account.domain == domain)
            .map(|e| e.account.clone())
    }

    pub fn counts(&self) -> BookCounts {
        let state = self.state.load();
        BookCounts {
            total: state.entries().len(),
            demo: state
                .entries()
                .iter()
                .filter(|e| e.account.origin.is_demo())
                .count(),
        }
    }

    /// The account's stored record (with its CRM record, if it came from a CRM).
    pub async fn record(&self, id: &str) -> Result<Option<AccountDoc>, StoreError> {
        self.store.account_doc(id).await
    }

    /// The account's opportunities, soonest close first.
    pub async fn opportunities(&self, id: &str) -> Result<Vec<Opportunity>, StoreError> {
        self.store.opportunities_of(id).await
    }

    /// When the demo data was loaded, for its citation (read once at start).
    pub fn demo_loaded_at(&self) -> Option<i64> {
        self.demo_loaded_at
    }

    /// Add an account for `domain` (already validated), named `name` or after the domain.
    pub async fn add_from_domain(
        &self,
        domain: &str,
        name: Option<&str>,
    ) -> Result<Added, StoreError> {
        let _guard = self.writer.lock().await;
        if let Some(existing) = self.with_domain(domain) {
            return Ok(Added::Exists(existing));
        }
        let state = self.state.load();
        let base = domain.replace('.', "-");
        let mut key = base.clone();
        let mut n = 2;
        while state.index.get(&key).is_some() {
            key = format!("{base}-{n}");
            n += 1;
        }
        let doc = AccountDoc {
            key,
            name: name
                .map(str::to_string)
                .unwrap_or_else(|| name_from_domain(domain)),
            domain: domain.to_string(),
            industry: String::new(),
            employees: 0,
            location: String::new(),
            origin: Origin::Web,
            crm: None,
            hash: None,
            added_at: Some(crate::now_ms()),
        };
        self.store.create_account(&doc).await?;
        let mut entries = state.entries().to_vec();
        entries.push(Arc::new(BookEntry::from_doc(&doc)));
        self.swap(entries).await;
        self.changed().await?;
        Ok(Added::Created(doc.summary()))
    }

    /// Fill in what public sources say about an account the rep added (only the blanks).
    pub async fn fill_in(&self, doc: AccountDoc) -> Result<(), StoreError> {
        let _guard = self.writer.lock().await;
        self.store.put_account(&doc).await?;
        let mut entries = self.state.load().entries().to_vec();
        if let Some(e) = entries.iter_mut().find(|e| e.account.id == doc.key) {
            *e = Arc::new(BookEntry::from_doc(&doc));
        }
        self.swap(entries).await;
        self.changed().await
    }

    /// Remove every demo account. Returns how many were removed.
    pub async fn remove_demo(&self) -> Result<usize, StoreError> {
        let _guard = self.writer.lock().await;
        let removed = self.store.remove_demo_accounts().await?;
        let entries: Vec<Arc<BookEntry>> = self
            .state
            .load()
            .entries()
            .iter()
            .filter(|e| !e.account.origin.is_demo())
            .cloned()
            .collect();
        self.swap(entries).await;
        self.changed().await?;
        Ok(removed)
    }

    /// Count a change this process made (holding the writer lock) for the other processes;
    /// if one of them changed the book meanwhile, read it again.
    pub(super) async fn changed(&self) -> Result<(), StoreError> {
        let new = self.store.bump_book_version().await?;
        let known = self.version.swap(new, Ordering::SeqCst);
        if new != known + 1 {
            self.reload().await?;
        }
        Ok(())
    }

    /// Read the book again if another process changed it since this one last looked (with
    /// several instances on one database, polled every [`CATCH_UP_EVERY`]).
    pub async fn catch_up(&self) -> Result<bool, StoreError> {
        if self.store.book_version().await? <= self.version.load(Ordering::SeqCst) {
            return Ok(false);
        }
        let _guard = self.writer.lock().await;
        let current = self.store.book_version().await?;
        if current <= self.version.load(Ordering::SeqCst) {
            return Ok(false);
        }
        self.reload().await?;
        self.version.store(current, Ordering::SeqCst);
        Ok(true)
    }

    /// Rebuild the index from the stored accounts.
    async fn reload(&self) -> Result<(), StoreError> {
        let entries = self.store.book_entries().await?;
        let took = self.swap(entries.into_iter().map(Arc::new).collect()).await;
        tracing::info!(
            ms = took.as_millis() as u64,
            "the book changed elsewhere; read again"
        );
        Ok(())
    }

    /// Rebuild the index over `entries` off the async threads, then publish it. Returns
    /// how long the rebuild took.
    async fn swap(&self, entries: Vec<Arc<BookEntry>>) -> std::time::Duration {
        let started = std::time::Instant::now();
        match tokio::task::spawn_blocking(move || Snapshot::new(entries)).await {
            Ok(snapshot) => self.state.store(Arc::new(snapshot)),
            Err(e) => tracing::error!(error = %e, "rebuilding the account index failed"),
        }
        started.elapsed()
    }
}

/// `stripe.com` → `Stripe`, `acme-robotics.co.uk` → `Acme Robotics`.
fn name_from_domain(domain: &str) -> String {
    let label = domain.split('.').next().unwrap_or(domain);
    label
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_reads_as_a_company_name() {
        assert_eq!(name_from_domain("stripe.com"), "Stripe");
        assert_eq!(name_from_domain("acme-robotics.co.uk"), "Acme Robotics");
    }
}
