//! What the CRM says about an account, read from the book for the overview, the answers'
//! citations and the meeting purpose it suggests.

use super::Chat;
use crate::answers::crm::CrmFacts;
use app::domain::{AccountSummary, Origin, SourceRef};
use app::error::AppError;

impl Chat {
    /// The account's CRM record, opportunities and when it entered the book.
    pub(super) async fn crm_facts(&self, account: &AccountSummary) -> Result<CrmFacts, AppError> {
        let mut facts = self.crm_record(account).await?;
        facts.opportunities = self.book.opportunities(&account.id).await?;
        Ok(facts)
    }

    /// The account's CRM record without its opportunities: enough for the citation of an
    /// answer (one read).
    pub(super) async fn crm_record(&self, account: &AccountSummary) -> Result<CrmFacts, AppError> {
        let doc = self.book.record(&account.id).await?;
        let added_at = match account.origin {
            Origin::Demo => self.book.demo_loaded_at(),
            _ => doc.as_ref().and_then(|d| d.added_at),
        };
        Ok(CrmFacts {
            account: account.clone(),
            record: doc.and_then(|d| d.crm),
            opportunities: Vec::new(),
            added_at,
        })
    }
}

/// The source of a list of account matches: the rep's book, or the demo data set.
pub(super) fn book_source(hits: &[AccountSummary], now: i64) -> SourceRef {
    let demo = hits.iter().all(|a| a.origin.is_demo());
    SourceRef {
        name: if demo {
            "Your accounts (demo data)".into()
        } else {
            "Your accounts".into()
        },
        confidence: if demo { 0.5 } else { 0.9 },
        last_updated: crate::answers::crm::day(now),
        fetched_at_ms: Some(now),
        url: None,
    }
}
