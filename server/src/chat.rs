//! The chat service: what happens when the rep types, picks an account or explores.
//! Both the UI's server functions and the JSON API go through here.

use crate::feeds::FeedHub;
use crate::orchestrator::Orchestrator;
use crate::research::{Findings, report};
use crate::store::profiles::ProfileRow;
use crate::store::sessions::SessionRow;
use crate::store::{Store, StoreError};
use app::domain::query::{CompanyQuery, MAX_CHAT_CHARS, clean_text, extract_company};
use app::domain::run::duration_words;
use app::domain::search::AccountIndex;
use app::domain::{
    AccountSummary, Action, ActionKind, Change, ChatMessage, ChatView, RunView, SessionEvent,
    SourceRef, StepKey, StepStatus, Topic,
};
use app::error::AppError;
use app::ports::{ChatService, ChatSnapshot, Visitor};
use std::sync::Arc;

/// How many matches the chat offers.
pub const CHAT_MATCHES: usize = 5;

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error");
        AppError::Unavailable
    }
}

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

/// The chat, over the store, the account index, the feeds and the orchestrator.
pub struct Chat {
    pub store: Store,
    pub accounts: Arc<AccountIndex>,
    pub feeds: FeedHub,
    pub orchestrator: Arc<Orchestrator>,
}

fn message_id() -> String {
    format!("m-{}", crate::random_id(8))
}

/// Session ids are short and plain; anything else cannot be one of ours.
fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn crm_source(account: &AccountSummary) -> SourceRef {
    SourceRef {
        name: "CRM record".into(),
        confidence: 0.95,
        last_updated: "2026-11-01".into(),
        url: Some(account.website()),
    }
}

impl Chat {
    /// The session if `visitor` owns it; otherwise "not found" (never "forbidden": ids of
    /// other people's sessions are not confirmed to exist).
    pub async fn own_session(&self, visitor: &Visitor, sid: &str) -> Result<SessionRow, AppError> {
        let not_found = || AppError::NotFound("No chat session with that id.".into());
        if !plausible_id(sid) {
            return Err(not_found());
        }
        match self.store.session(sid).await? {
            Some(s) if s.owner == visitor.0 => Ok(s),
            _ => Err(not_found()),
        }
    }

    /// A new session owned by `visitor`.
    pub async fn create_session(&self, visitor: &Visitor) -> Result<SessionRow, AppError> {
        let row = SessionRow {
            sid: format!("s-{}", crate::random_id(12)),
            owner: visitor.0.clone(),
            feed: crate::random_id(24),
            created_at: crate::now_ms(),
        };
        self.store.create_session(&row).await?;
        Ok(row)
    }

    async fn snapshot(&self, session: &SessionRow) -> Result<ChatSnapshot, AppError> {
        // Feed first, snapshot second: nothing can fall between them.
        let feed = self.feeds.ensure(&session.sid, &session.feed);
        let mut view = ChatView::new(session.sid.clone());
        loop {
            let batch = self.store.events_since(&session.sid, view.seq).await?;
            if batch.is_empty() {
                break;
            }
            view.apply_all(&batch);
        }
        Ok(ChatSnapshot { view, feed })
    }

    /// The account by id, or a 404 that names the problem.
    pub fn account(&self, account_id: &str) -> Result<AccountSummary, AppError> {
        self.accounts
            .get(account_id)
            .cloned()
            .ok_or_else(|| AppError::NotFound("No customer with that id.".into()))
    }

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
                .with_sources(vec![crm_source(account)]),
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
                .with_sources(vec![crm_source(account)]),
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

    /// The reply to a message that should name a company.
    fn reply_to(&self, text: &str) -> ChatMessage {
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
        .with_sources(vec![SourceRef {
            name: "CRM accounts".into(),
            confidence: 0.95,
            last_updated: "2026-11-01".into(),
            url: None,
        }])
    }

    /// The answer to an exploration button, from the session's latest run.
    async fn explore_answer(
        &self,
        session: &SessionRow,
        topic: Topic,
    ) -> Result<ChatMessage, AppError> {
        let now = crate::now_ms();
        let snapshot = self.snapshot(session).await?;
        let Some(run) = snapshot.view.runs.last() else {
            return Ok(ChatMessage::assistant(
                message_id(),
                "Pick an account first: tell me who you're meeting.",
                now,
            ));
        };
        let step = match topic {
            Topic::Business | Topic::Technology => StepKey::Profile,
            Topic::Contacts => StepKey::Contacts,
            Topic::News => StepKey::News,
            Topic::Hiring => StepKey::Hiring,
        };
        let account = self.account(&run.account_id)?;
        let state = run.step(step).map(|s| (s.status, s.detail.clone()));
        let text = match state {
            Some((StepStatus::Done, _)) => {
                let rows = self.store.steps(&run.id).await?;
                let findings: Option<Findings> = rows
                    .into_iter()
                    .find(|r| r.idx == step.index())
                    .and_then(|r| r.result)
                    .and_then(|v| serde_json::from_value(v).ok());
                if let Some(f) = findings {
                    let (_, text) = report::step_message(&account, &f.data);
                    return Ok(
                        ChatMessage::assistant(message_id(), text, now).with_sources(f.sources)
                    );
                }
                format!("I have no stored {} for {}.", step.noun(), account.name)
            }
            Some((StepStatus::Failed, reason)) => format!(
                "I couldn't get {} for {}: {}. I won't guess — ask again after the next research run.",
                step.noun(),
                account.name,
                reason.unwrap_or_else(|| "the source failed".into())
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

#[async_trait::async_trait]
impl ChatService for Chat {
    async fn load_chat(&self, visitor: &Visitor) -> Result<ChatSnapshot, AppError> {
        let session = match self.store.latest_session(&visitor.0).await? {
            Some(s) => s,
            None => self.create_session(visitor).await?,
        };
        self.snapshot(&session).await
    }

    async fn new_chat(&self, visitor: &Visitor) -> Result<ChatSnapshot, AppError> {
        let session = self.create_session(visitor).await?;
        self.snapshot(&session).await
    }

    async fn events_since(
        &self,
        visitor: &Visitor,
        session_id: &str,
        after_seq: u64,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        // A browser catching up may be following a feed this process has not created yet
        // (after a restart): create it so live updates resume.
        self.feeds.ensure(&session.sid, &session.feed);
        Ok(self.store.events_since(&session.sid, after_seq).await?)
    }

    async fn send_message(
        &self,
        visitor: &Visitor,
        session_id: &str,
        text: &str,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let text = clean_text(text, MAX_CHAT_CHARS)?;
        let now = crate::now_ms();
        let user = ChatMessage::user(message_id(), text.clone(), now);
        let reply = self.reply_to(&text);
        let changes = vec![
            Change::MessageAdded { message: user },
            Change::MessageAdded { message: reply },
        ];
        Ok(self.store.append(&session.sid, changes, None).await?)
    }

    async fn choose_account(
        &self,
        visitor: &Visitor,
        session_id: &str,
        account_id: &str,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let account = self.account(account_id)?;
        Ok(match self.start_research(&session, &account, true).await? {
            ResearchStart::Started { events, .. } | ResearchStart::Cached { events, .. } => events,
        })
    }

    async fn explore(
        &self,
        visitor: &Visitor,
        session_id: &str,
        topic: Topic,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let now = crate::now_ms();
        let answer = self.explore_answer(&session, topic).await?;
        let changes = vec![
            Change::MessageAdded {
                message: ChatMessage::user(message_id(), topic.question(), now),
            },
            Change::MessageAdded { message: answer },
        ];
        Ok(self.store.append(&session.sid, changes, None).await?)
    }
}
