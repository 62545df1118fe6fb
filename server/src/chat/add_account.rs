//! A company that is not in the book yet, added by its website: validated as a public
//! registrable domain, created from what the rep gave, then filled in the background
//! from the public company-profile sources: only the blanks, and the name only when the
//! rep gave none (the account is first named after its domain: `ibm.com` → "Ibm", then
//! "IBM" as Wikidata or the home page has it).

use super::Chat;
use crate::book::Added;
use crate::book::domain::registrable_domain;
use crate::findings::{Collected, CompanyFacts, merged_company};
use crate::store::accounts::AccountDoc;
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
            self.fill_in_later(account.id.clone(), name.is_some());
        }
        Ok(added)
    }

    /// Ask the company-profile sources about a new account and keep what they know
    /// (its name too, unless the rep `named` it).
    fn fill_in_later(&self, account_id: String, named: bool) {
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
            let Ok(Some(doc)) = book.record(&account_id).await else {
                return;
            };
            let doc = filled(doc, merged_company(&company), named);
            if let Err(e) = book.fill_in(doc).await {
                tracing::warn!(account = %account_id, error = %e, "could not fill in the new account");
            }
        });
    }
}

/// `doc` with its blanks filled from `facts`, and its name too unless the rep `named` it.
fn filled(mut doc: AccountDoc, facts: CompanyFacts, named: bool) -> AccountDoc {
    if !named && let Some(name) = facts.name.and_then(|n| clean_text(&n, MAX_NAME_CHARS).ok()) {
        doc.name = name;
    }
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
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::Origin;

    fn added(name: &str) -> AccountDoc {
        AccountDoc {
            key: "ibm-com".into(),
            name: name.into(),
            domain: "ibm.com".into(),
            industry: String::new(),
            employees: 0,
            location: "Armonk, USA".into(),
            origin: Origin::Web,
            crm: None,
            hash: None,
            added_at: Some(1),
        }
    }

    fn found() -> CompanyFacts {
        CompanyFacts {
            name: Some("IBM".into()),
            industry: Some("information technology".into()),
            employees: Some(282_000),
            headquarters: Some("Armonk".into()),
            ..CompanyFacts::default()
        }
    }

    #[test]
    fn only_the_blanks_are_filled_and_a_given_name_stays() {
        let doc = filled(added("International Business Machines"), found(), true);
        assert_eq!(doc.name, "International Business Machines");
        assert_eq!(doc.industry, "information technology");
        assert_eq!(doc.employees, 282_000);
        assert_eq!(doc.location, "Armonk, USA", "what was there stays");
    }

    #[test]
    fn an_account_named_after_its_domain_takes_the_name_found() {
        assert_eq!(filled(added("Ibm"), found(), false).name, "IBM");
        let nameless = CompanyFacts {
            name: None,
            ..found()
        };
        assert_eq!(filled(added("Ibm"), nameless, false).name, "Ibm");
    }
}
