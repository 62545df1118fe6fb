//! A company that is not in the book yet, added by its website: validated as a public
//! registrable domain, created from what the rep gave, then filled in the background
//! from the public company-profile sources (only the blanks; the rep's name stays).

use super::Chat;
use crate::book::Added;
use crate::book::domain::registrable_domain;
use crate::findings::{Collected, merged_company};
use app::domain::StepKey;
use app::domain::query::clean_text;
use app::error::AppError;

/// The longest company name accepted.
const MAX_NAME_CHARS: usize = 200;

impl Chat {
    /// Add the company at `domain` (a domain or a URL) to the book, named `name` or after
    /// its domain; `Exists` when the domain is already there.
    pub async fn add_account(&self, domain: &str, name: Option<&str>) -> Result<Added, AppError> {
        let domain = registrable_domain(domain).map_err(AppError::BadInput)?;
        let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => Some(clean_text(n, MAX_NAME_CHARS)?),
            None => None,
        };
        let added = self.book.add_from_domain(&domain, name.as_deref()).await?;
        if let Added::Created(account) = &added {
            self.fill_in_later(account.id.clone());
        }
        Ok(added)
    }

    /// Ask the company-profile sources about a new account and keep what they know.
    fn fill_in_later(&self, account_id: String) {
        let book = self.book.clone();
        let collector = self.collector.clone();
        tokio::spawn(async move {
            let Some(account) = book.get(&account_id) else {
                return;
            };
            let (found, _) = collector.collect(StepKey::Company, &account).await;
            let Ok(found) = found else {
                return;
            };
            let Collected::Company { company } = found.data else {
                return;
            };
            let facts = merged_company(&company);
            let Ok(Some(mut doc)) = book.record(&account_id).await else {
                return;
            };
            if doc.industry.is_empty() {
                doc.industry = facts.industry.unwrap_or_default();
            }
            if doc.employees == 0 {
                doc.employees = facts
                    .employees
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0);
            }
            if doc.location.is_empty() {
                doc.location = facts.headquarters.unwrap_or_default();
            }
            if let Err(e) = book.fill_in(doc).await {
                tracing::warn!(account = %account_id, error = %e, "could not fill in the new account");
            }
        });
    }
}
