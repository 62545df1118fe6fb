//! Finding accounts by name: the matches the chat offers for a company a message names
//! (or "which company?"), and the account search of the JSON API.

use super::crm::book_source;
use super::{CHAT_MATCHES, Chat, message_id};
use crate::answers::matches as say;
use crate::book::domain::registrable_domain;
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
            CompanyQuery::Missing => query.clone(),
        };
        Ok(self
            .book
            .search_phrase(&term, &from_name_on(&query, &term), limit))
    }

    /// The reply to a message that should name a company: the matches; for a domain not
    /// in the book, an offer to research it anyway.
    pub(super) fn matches_reply(&self, text: &str, company: &CompanyQuery) -> ChatMessage {
        let now = crate::now_ms();
        let (shown, term, named_domain) = match company.clone() {
            CompanyQuery::Name(n) => (n.clone(), n, None),
            CompanyQuery::Domain(d) => (d.clone(), d.clone(), Some(d)),
            CompanyQuery::Missing => {
                return ChatMessage::assistant(message_id(), say::which_company(), now);
            }
        };
        let hits = self
            .book
            .search_phrase(&term, &from_name_on(text, &term), CHAT_MATCHES);
        let mixed =
            hits.iter().any(|a| a.origin.is_demo()) && hits.iter().any(|a| !a.origin.is_demo());
        let mut actions: Vec<Action> = hits
            .iter()
            .map(|a| {
                Action::new(
                    a.id.clone(),
                    say::choice(a, mixed),
                    ActionKind::SelectCustomer {
                        account_id: a.id.clone(),
                    },
                )
            })
            .collect();
        let mut text = if hits.is_empty() {
            say::no_match(&shown)
        } else {
            say::found(hits.len(), &shown, hits.iter().all(|a| a.origin.is_demo()))
        };
        if let Some(d) = named_domain {
            match registrable_domain(&d) {
                Ok(domain) if self.book.with_domain(&domain).is_none() => {
                    if hits.is_empty() {
                        text = say::not_in_book(&domain);
                    }
                    actions.push(Action::new(
                        "research_domain",
                        say::research_label(&domain),
                        ActionKind::ResearchDomain { domain },
                    ));
                }
                Ok(_) => {}
                Err(why) if hits.is_empty() => text = say::unresearchable(&d, &why),
                Err(_) => {}
            }
        }
        if actions.is_empty() {
            actions.push(Action::new(
                "search_again",
                "Search again",
                ActionKind::SearchAgain,
            ));
        }
        let message = ChatMessage::assistant(message_id(), text, now).with_actions(actions);
        if hits.is_empty() {
            message
        } else {
            message.with_sources(vec![book_source(&hits, now)])
        }
    }
}

/// The sentence from the company name on ("software in palo alto" of "prep me for
/// software in palo alto"), or the name alone when it is not found in the sentence.
fn from_name_on(text: &str, term: &str) -> String {
    let lower = text.to_lowercase();
    match lower.find(&term.to_lowercase()) {
        Some(at) if lower.is_char_boundary(at) => lower[at..].to_string(),
        _ => term.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrase_runs_from_the_name_to_the_end() {
        assert_eq!(
            from_name_on("Prep me for Software in Palo Alto", "Software"),
            "software in palo alto"
        );
        assert_eq!(from_name_on("acme", "Globex"), "Globex");
    }
}
