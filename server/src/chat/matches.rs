//! Finding accounts by name: the matches the chat offers for a company a message names
//! (or "which company?"), and the account search of the JSON API.

use super::crm::book_source;
use super::{CHAT_MATCHES, Chat, message_id};
use crate::answers::matches as say;
use app::domain::query::{CompanyQuery, MAX_SEARCH_CHARS, clean_text, extract_company};
use app::domain::{AccountSummary, Action, ActionKind, ChatMessage};
use app::error::AppError;

/// The most matches one API search returns.
pub const MAX_LIMIT: usize = 25;

impl Chat {
    /// Accounts matching `query` (a name, a domain, or a sentence naming one), best first.
    pub fn search_accounts(
        &self,
        query: &str,
        limit: Option<usize>,
    ) -> Result<Vec<AccountSummary>, AppError> {
        let query = clean_text(query, MAX_SEARCH_CHARS)?;
        let limit = limit.unwrap_or(5);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(AppError::BadInput(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        let term = match extract_company(&query) {
            CompanyQuery::Name(n) | CompanyQuery::Domain(n) => n,
            CompanyQuery::Missing => query,
        };
        Ok(self.book.search(&term, limit))
    }

    /// The reply to a message that should name a company.
    pub(super) fn matches_reply(&self, text: &str) -> ChatMessage {
        let now = crate::now_ms();
        let (shown, term) = match extract_company(text) {
            CompanyQuery::Name(n) => (n.clone(), n),
            CompanyQuery::Domain(d) => (d.clone(), d),
            CompanyQuery::Missing => {
                return ChatMessage::assistant(message_id(), say::which_company(), now);
            }
        };
        let hits = self.book.search(&term, CHAT_MATCHES);
        if hits.is_empty() {
            return ChatMessage::assistant(message_id(), say::no_match(&shown), now).with_actions(
                vec![Action::new(
                    "search_again",
                    "Search again",
                    ActionKind::SearchAgain,
                )],
            );
        }
        ChatMessage::assistant(message_id(), say::found(hits.len(), &shown), now)
            .with_actions(
                hits.iter()
                    .map(|a| {
                        Action::new(
                            a.id.clone(),
                            a.choice_label(),
                            ActionKind::SelectCustomer {
                                account_id: a.id.clone(),
                            },
                        )
                    })
                    .collect(),
            )
            .with_sources(vec![book_source(&hits, now)])
    }
}
