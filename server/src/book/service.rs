//! The book with its CRM connection, as the Accounts page and the API drive it: what the
//! book holds, removing the demo data, syncing HubSpot.

use super::Book;
use super::hubspot::{HubSpot, SyncError};
use super::sync::Synced;
use app::error::AppError;
use app::ports::{BookService, BookView};
use std::sync::Arc;

/// The book and, when a token is set, HubSpot.
pub struct Accounts {
    pub book: Arc<Book>,
    pub hubspot: Option<HubSpot>,
}

impl Accounts {
    /// Sync HubSpot now.
    pub async fn sync_hubspot(&self) -> Result<Synced, SyncError> {
        let hubspot = self.hubspot.as_ref().ok_or(SyncError::NotConnected)?;
        hubspot.sync(&self.book).await
    }
}

#[async_trait::async_trait]
impl BookService for Accounts {
    async fn book_view(&self) -> Result<BookView, AppError> {
        let c = self.book.counts();
        Ok(BookView {
            total: c.total,
            demo: c.demo,
            hubspot: self.hubspot.is_some(),
        })
    }

    async fn remove_demo(&self) -> Result<BookView, AppError> {
        let removed = self.book.remove_demo().await?;
        tracing::info!(removed, "demo accounts removed");
        self.book_view().await
    }

    async fn sync_hubspot(&self) -> Result<String, AppError> {
        match Accounts::sync_hubspot(self).await {
            Ok(s) => Ok(format!(
                "HubSpot synced: {} new, {} updated, {} unchanged accounts; {} new, {} updated deals.",
                s.accounts.created,
                s.accounts.updated,
                s.accounts.unchanged,
                s.opportunities.created,
                s.opportunities.updated
            )),
            Err(SyncError::Store(e)) => Err(e.into()),
            Err(e) => Err(AppError::BadInput(e.to_string())),
        }
    }
}
