//! Starting research on an account: answer from a fresh profile, or commit the opening
//! messages and the run, then launch it in the background.

use super::{Chat, crm_source, message_id};
use crate::answers::run;
use crate::cache::CachePolicy;
use crate::findings::Collected;
use crate::store::cache::CacheEntry;
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
        profile: CacheEntry,
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
        // Switching account keeps the thread: later questions are about this account.
        self.set_current_account(&session.sid, &account.id).await?;
        let persona = self.store.persona(&session.owner).await?;
        let mut changes = Vec::new();
        if echo {
            changes.push(Change::MessageAdded {
                message: ChatMessage::user(message_id(), account.choice_label(), now),
            });
        }
        let policy = self.orchestrator.cache_policy();
        let cached = if policy.enabled {
            self.store
                .cache_get(&CachePolicy::profile_key(&account.domain), now)
                .await?
        } else {
            None
        };
        let summary_of = |entry: &CacheEntry| {
            let summary = entry.value["summary"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let sources: Vec<SourceRef> =
                serde_json::from_value(entry.value["sources"].clone()).unwrap_or_default();
            (summary, sources)
        };
        if let Some(profile) = cached.as_ref().filter(|p| p.is_fresh(now)) {
            tracing::info!(account = %account.id, "profile cache hit");
            let (mut summary, sources) = summary_of(profile);
            // The cached summary is neutral; this rep's angle is added from its facts.
            let collected: Vec<Collected> =
                serde_json::from_value(profile.value["collected"].clone()).unwrap_or_default();
            if let Some(angle) = run::angle(&collected, &persona) {
                summary.push_str("\n\n");
                summary.push_str(&angle);
            }
            changes.push(Change::MessageAdded {
                message: ChatMessage::assistant(
                    message_id(),
                    format!(
                        "Here's what I already know about {} (researched {}, from cache):",
                        account.name,
                        age_words(now - profile.created_at)
                    ),
                    now,
                ),
            });
            changes.push(Change::MessageAdded {
                message: ChatMessage::assistant(message_id(), run::overview(account, false), now)
                    .with_actions(
                        run::exploration_actions(None)
                            .into_iter()
                            .map(|a| a.about(&account.id))
                            .collect(),
                    )
                    .with_sources(vec![crm_source(Some(account))]),
            });
            changes.push(Change::MessageAdded {
                message: ChatMessage::assistant(message_id(), summary, now).with_sources(sources),
            });
            changes.push(Change::MessageAdded {
                message: self.persona_prompt(&persona, now),
            });
            let events = self.store.append(&session.sid, changes, None).await?;
            return Ok(ResearchStart::Cached {
                profile: profile.clone(),
                events,
            });
        }
        // A stale profile is still worth reading while the refresh runs.
        let run_id = format!("run-{}", crate::random_id(8));
        let stale = cached.map(|p| {
            tracing::info!(account = %account.id, "stale profile: showing it and refreshing");
            let (summary, sources) = summary_of(&p);
            ChatMessage::assistant(
                message_id(),
                format!(
                    "🕰 As of {} ({}) — refreshing now:\n{summary}",
                    crate::sources::iso_date_from_ms(p.created_at),
                    age_words(now - p.created_at)
                ),
                now,
            )
            .with_sources(sources)
        });
        if stale.is_none() {
            tracing::info!(account = %account.id, "profile cache miss: starting a run");
        }
        let estimated_ms = self.orchestrator.estimated_ms();
        changes.push(Change::MessageAdded {
            message: ChatMessage::assistant(
                message_id(),
                format!("Researching {} for your meeting.", account.name),
                now,
            ),
        });
        changes.push(Change::MessageAdded {
            message: ChatMessage::assistant(message_id(), run::overview(account, true), now)
                .with_actions(
                    run::exploration_actions(Some(&run_id))
                        .into_iter()
                        .map(|a| a.about(&account.id))
                        .collect(),
                )
                .with_sources(vec![crm_source(Some(account))]),
        });
        if let Some(message) = stale {
            changes.push(Change::MessageAdded { message });
        }
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
        changes.push(Change::MessageAdded {
            message: self.persona_prompt(&persona, now),
        });
        let events = self.store.append(&session.sid, changes, None).await?;
        self.orchestrator.launch(run_id.clone());
        Ok(ResearchStart::Started {
            run_id,
            estimated_ms,
            events,
        })
    }
}

/// How long ago, for a rep: `less than a minute ago`, `5 min ago`, `3 h ago`, `2 days ago`.
fn age_words(ms: i64) -> String {
    let min = ms.max(0) / 60_000;
    match min {
        0 => "less than a minute ago".into(),
        1..=59 => format!("{min} min ago"),
        60..=2879 => format!("{} h ago", min / 60),
        _ => format!("{} days ago", min / 1440),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ages_read_naturally() {
        assert_eq!(super::age_words(5_000), "less than a minute ago");
        assert_eq!(super::age_words(5 * 60_000), "5 min ago");
        assert_eq!(super::age_words(3 * 3_600_000), "3 h ago");
        assert_eq!(super::age_words(50 * 3_600_000), "2 days ago");
        assert_eq!(super::age_words(-10), "less than a minute ago");
    }
}
