//! Starting research on an account: answer from a fresh profile, or commit the opening
//! messages and the run, then launch it in the background.

use super::{Chat, crm_source, message_id};
use crate::research::report;
use crate::store::profiles::ProfileRow;
use crate::store::sessions::SessionRow;
use app::domain::run::duration_words;
use app::domain::{AccountSummary, Change, ChatMessage, RunView, SessionEvent, SourceRef};
use app::error::AppError;

/// What starting research on an account did.
pub enum ResearchStart {
    /// A run was started in the background.
    Started {
        run_id: String,
        estimated_ms: u64,
        events: Vec<SessionEvent>,
    },
    /// A fresh profile answered at once; no run.
    Cached {
        profile: ProfileRow,
        events: Vec<SessionEvent>,
    },
}

impl Chat {
    /// Answer from a fresh profile, or start a research run. `echo` adds the rep's choice
    /// as their own message (the UI path).
    pub async fn start_research(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
        echo: bool,
    ) -> Result<ResearchStart, AppError> {
        let now = crate::now_ms();
        let mut changes = Vec::new();
        if echo {
            changes.push(Change::MessageAdded {
                message: ChatMessage::user(message_id(), account.choice_label(), now),
            });
        }
        if let Some(profile) = self.store.fresh_profile(&account.id, now).await? {
            tracing::info!(account = %account.id, "profile cache hit");
            let minutes = ((now - profile.created_at) / 60_000).max(0);
            let summary = profile.profile["summary"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let sources: Vec<SourceRef> =
                serde_json::from_value(profile.profile["sources"].clone()).unwrap_or_default();
            changes.push(Change::MessageAdded {
                message: ChatMessage::assistant(
                    message_id(),
                    format!(
                        "Here's what I already know about {} (researched {} ago, from cache):",
                        account.name,
                        if minutes < 1 {
                            "less than a minute".to_string()
                        } else {
                            format!("{minutes} min")
                        }
                    ),
                    now,
                ),
            });
            changes.push(Change::MessageAdded {
                message: ChatMessage::assistant(
                    message_id(),
                    report::overview(account, false),
                    now,
                )
                .with_actions(report::exploration_actions())
                .with_sources(vec![crm_source(Some(account))]),
            });
            changes.push(Change::MessageAdded {
                message: ChatMessage::assistant(message_id(), summary, now).with_sources(sources),
            });
            let events = self.store.append(&session.sid, changes, None).await?;
            return Ok(ResearchStart::Cached { profile, events });
        }
        tracing::info!(account = %account.id, "profile cache miss: starting a run");
        let run_id = format!("run-{}", crate::random_id(8));
        let estimated_ms = self.orchestrator.estimated_ms();
        changes.push(Change::MessageAdded {
            message: ChatMessage::assistant(
                message_id(),
                format!("Researching {} for your meeting.", account.name),
                now,
            ),
        });
        changes.push(Change::MessageAdded {
            message: ChatMessage::assistant(message_id(), report::overview(account, true), now)
                .with_actions(report::exploration_actions())
                .with_sources(vec![crm_source(Some(account))]),
        });
        changes.push(Change::RunStarted {
            run: RunView::new(&run_id, &account.id, &account.name, estimated_ms),
        });
        changes.push(Change::MessageAdded {
            message: ChatMessage::assistant(
                message_id(),
                format!(
                    "🔄 Deep research started ({}). I'll post each finding here as it lands — keep asking meanwhile.",
                    duration_words(estimated_ms)
                ),
                now,
            )
            .with_run(&run_id),
        });
        let events = self.store.append(&session.sid, changes, None).await?;
        self.orchestrator
            .launch(session.sid.clone(), run_id.clone(), account.clone());
        Ok(ResearchStart::Started {
            run_id,
            estimated_ms,
            events,
        })
    }
}
