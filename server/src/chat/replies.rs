//! Answers to what the rep typed or pressed: account matches, "which company?", and the
//! exploration buttons, answered from the session's latest run.

use super::{CHAT_MATCHES, Chat, crm_source, message_id};
use crate::research::{Findings, report};
use crate::store::sessions::SessionRow;
use app::domain::query::{CompanyQuery, extract_company};
use app::domain::{Action, ActionKind, ChatMessage, StepKey, StepStatus, Topic};
use app::error::AppError;

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
            .with_actions(vec![Action {
                id: "search_again".into(),
                label: "Search again".into(),
                action: ActionKind::SearchAgain,
            }]);
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
                .map(|a| Action {
                    id: a.id.clone(),
                    label: a.choice_label(),
                    action: ActionKind::SelectCustomer {
                        account_id: a.id.clone(),
                    },
                })
                .collect(),
        )
        .with_sources(vec![crm_source(None)])
    }

    /// The answer to an exploration button, from the session's latest run.
    pub(super) async fn explore_answer(
        &self,
        session: &SessionRow,
        topic: Topic,
    ) -> Result<ChatMessage, AppError> {
        let now = crate::now_ms();
        let Some(run) = self.store.latest_run(&session.sid).await? else {
            return Ok(ChatMessage::assistant(
                message_id(),
                "Pick an account first: tell me who you're meeting.",
                now,
            ));
        };
        let step = match topic {
            Topic::Business => StepKey::Company,
            Topic::Technology => StepKey::Tech,
            Topic::Contacts => StepKey::Contacts,
            Topic::News => StepKey::News,
            Topic::Hiring => StepKey::Hiring,
        };
        let account = self.account(&run.account_id)?;
        let row = self
            .store
            .steps(&run.rid)
            .await?
            .into_iter()
            .find(|r| r.idx == step.index());
        let text = match row {
            Some(r) if r.status == StepStatus::Done.as_str() => {
                let findings: Option<Findings> =
                    r.result.and_then(|v| serde_json::from_value(v).ok());
                if let Some(f) = findings {
                    let (_, text) = report::step_message(&account, &f.data);
                    return Ok(
                        ChatMessage::assistant(message_id(), text, now).with_sources(f.sources)
                    );
                }
                format!("I have no stored {} for {}.", step.noun(), account.name)
            }
            Some(r) if r.status == StepStatus::Failed.as_str() => format!(
                "I couldn't get {} for {}: {}. I won't guess — ask again after the next research run.",
                step.noun(),
                account.name,
                r.detail.unwrap_or_else(|| "the source failed".into())
            ),
            _ => format!(
                "Still collecting {} for {} — it will appear here as soon as it lands.",
                step.noun(),
                account.name
            ),
        };
        Ok(ChatMessage::assistant(message_id(), text, now))
    }
}
