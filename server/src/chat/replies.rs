//! Replies to a message that names a company: the account matches, or "which company?".

use super::{CHAT_MATCHES, Chat, crm_source, message_id};
use app::domain::query::{CompanyQuery, extract_company};
use app::domain::{Action, ActionKind, ChatMessage};

impl Chat {
    /// The reply to a message that should name a company.
    pub(super) fn reply_to(&self, text: &str) -> ChatMessage {
        let now = crate::now_ms();
        let (shown, term) = match extract_company(text) {
            CompanyQuery::Name(n) => (n.clone(), n),
            CompanyQuery::Domain(d) => (d.clone(), d),
            CompanyQuery::Missing => {
                return ChatMessage::assistant(
                    message_id(),
                    "Which company is your meeting with? Type its name or website, for example \
                     “Acme Corp” or “acmecorp.com”.",
                    now,
                );
            }
        };
        let hits = self.accounts.search(&term, CHAT_MATCHES);
        if hits.is_empty() {
            return ChatMessage::assistant(
                message_id(),
                format!(
                    "I couldn't find a customer matching \"{shown}\". Check the spelling, or try \
                     their website (for example acmecorp.com)."
                ),
                now,
            )
            .with_actions(vec![Action::new(
                "search_again",
                "Search again",
                ActionKind::SearchAgain,
            )]);
        }
        let noun = if hits.len() == 1 {
            "customer"
        } else {
            "customers"
        };
        ChatMessage::assistant(
            message_id(),
            format!("Found {} {noun} matching \"{shown}\":", hits.len()),
            now,
        )
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
        .with_sources(vec![crm_source(None)])
    }
}
