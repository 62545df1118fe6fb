//! An account picked: answer at once from a fresh profile, or commit the opening messages
//! and the run (showing a stale profile "as of …" meanwhile), then launch it in the
//! background.

use super::{Chat, message_id};
use crate::answers::crm::CrmFacts;
use crate::answers::persona as say_persona;
use crate::answers::run::{self, start};
use crate::findings::Profile;
use crate::orchestrator::Cached;
use crate::own_company::OwnCompany;
use crate::store::sessions::SessionRow;
use app::domain::{AccountSummary, Change, ChatMessage, Persona, RunView, SessionEvent};
use app::error::AppError;
use app::ports::Visitor;

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
        profile: Cached<Profile>,
        events: Vec<SessionEvent>,
    },
}

impl ResearchStart {
    /// The events committed to the chat.
    pub fn events(self) -> Vec<SessionEvent> {
        match self {
            ResearchStart::Started { events, .. } | ResearchStart::Cached { events, .. } => events,
        }
    }
}

/// Research requested through the API: in which chat, about which account, and how.
pub struct Intelligence {
    pub session_id: String,
    pub account_id: String,
    pub start: ResearchStart,
}

impl Chat {
    /// `POST /api/intelligence/customer`: research `customer_id` in the visitor's chat
    /// `session_id`, or in a new chat.
    pub async fn request_intelligence(
        &self,
        visitor: &Visitor,
        customer_id: &str,
        session_id: Option<&str>,
    ) -> Result<Intelligence, AppError> {
        let account = self.account(customer_id.trim())?;
        let session = self.session_or_new(visitor, session_id).await?;
        let start = self.start_research(&session, &account, None).await?;
        Ok(Intelligence {
            session_id: session.sid,
            account_id: account.id,
            start,
        })
    }

    /// Answer from a fresh profile, or start a research run. `echo` is what the rep said
    /// to choose it (their button's label, or what they typed), posted as their message.
    pub async fn start_research(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
        echo: Option<String>,
    ) -> Result<ResearchStart, AppError> {
        let now = crate::now_ms();
        // Switching account keeps the thread: later questions are about this account.
        self.set_current_account(&session.sid, &account.id).await?;
        let facts = self.crm_facts(account).await?;
        let suggestion = facts.suggested_purpose(crate::answers::crm::today(now));
        let rep = self.rep(Some(&session.owner)).await?;
        let stored = rep.persona;
        let (persona, applied) =
            say_persona::with_suggestion(stored, suggestion.as_ref().map(|(p, _)| *p));
        if persona != stored {
            self.store.save_persona(&session.owner, &persona).await?;
        }
        let preparing = Preparing {
            company: rep.company,
            purpose_note: suggestion
                .filter(|_| applied)
                .map(|(p, why)| say_persona::purpose_from_crm(p, &why)),
            persona,
        };
        let mut changes = Vec::new();
        if let Some(said) = echo {
            changes.push(Change::MessageAdded {
                message: ChatMessage::user(message_id(), said, now),
            });
        }
        let profile = self.collector.profile(account, now).await?;
        match profile {
            Some(profile) if profile.is_fresh(now) => {
                tracing::info!(account = %account.id, "profile cache hit");
                changes.extend(self.profile_answer(&facts, &profile, &preparing, now));
                let events = self.store.append(&session.sid, changes, None).await?;
                Ok(ResearchStart::Cached { profile, events })
            }
            stale => {
                match &stale {
                    Some(_) => {
                        tracing::info!(account = %account.id, "stale profile: showing it and refreshing")
                    }
                    None => {
                        tracing::info!(account = %account.id, "profile cache miss: starting a run")
                    }
                }
                let run_id = format!("run-{}", crate::random_id(8));
                let estimated_ms = self.orchestrator.estimated_ms(account);
                changes.extend(self.opening(
                    &facts,
                    &run_id,
                    estimated_ms,
                    stale.as_ref(),
                    &preparing,
                    now,
                ));
                let events = self.store.append(&session.sid, changes, None).await?;
                self.orchestrator.launch(run_id.clone());
                Ok(ResearchStart::Started {
                    run_id,
                    estimated_ms,
                    events,
                })
            }
        }
    }

    /// The answer from a fresh profile: what is known, the overview, the summary (with this
    /// rep's angle added, from their role, purpose and own company: the cached summary is
    /// neutral), the persona prompt.
    fn profile_answer(
        &self,
        facts: &CrmFacts,
        profile: &Cached<Profile>,
        preparing: &Preparing,
        now: i64,
    ) -> Vec<Change> {
        let persona = &preparing.persona;
        let mut summary = profile.value.summary.clone();
        let company = preparing.company.findings();
        let mut collected = profile.value.collected.clone();
        collected.push(company.data.clone());
        let mut sources = profile.value.sources.clone();
        if let Some(angle) = run::angle(&collected, persona) {
            summary.push_str("\n\n");
            summary.push_str(&angle);
            if run::angle::draws_on_company(&collected) {
                sources.extend(company.sources);
            }
        }
        let account = &facts.account;
        let say = |text: String| ChatMessage::assistant(message_id(), text, now);
        [
            say(start::already_known(account, now - profile.created_at)),
            overview(facts, None, now),
            say(summary).with_sources(sources).with_actions(
                run::summary::summary_actions(&collected)
                    .into_iter()
                    .map(|a| a.about(&account.id))
                    .collect(),
            ),
        ]
        .into_iter()
        .chain(preparing.purpose_note.clone().map(say))
        .chain([self.persona_prompt(persona, false, now)])
        .map(|message| Change::MessageAdded { message })
        .collect()
    }

    /// The messages that open a run: researching, the overview, a stale profile if there is
    /// one, the run itself, "deep research started", the persona prompt.
    fn opening(
        &self,
        facts: &CrmFacts,
        run_id: &str,
        estimated_ms: u64,
        stale: Option<&Cached<Profile>>,
        preparing: &Preparing,
        now: i64,
    ) -> Vec<Change> {
        let persona = &preparing.persona;
        let account = &facts.account;
        let say = |text: String| ChatMessage::assistant(message_id(), text, now);
        let added = |message| Change::MessageAdded { message };
        let mut changes = vec![
            added(say(start::researching(
                account,
                &preparing.company.profile.name,
            ))),
            added(overview(facts, Some(run_id), now)),
        ];
        if let Some(p) = stale {
            let text = start::as_of(p.created_at, now - p.created_at, &p.value.summary);
            changes.push(added(say(text).with_sources(p.value.sources.clone())));
        }
        changes.push(Change::RunStarted {
            run: RunView::new(run_id, &account.id, &account.name, estimated_ms),
        });
        let started = start::deep_research_started(estimated_ms);
        changes.push(added(
            ChatMessage::assistant(start::started_id(run_id), started, now).with_run(run_id),
        ));
        if let Some(note) = &preparing.purpose_note {
            changes.push(added(say(note.clone())));
        }
        changes.push(added(self.persona_prompt(persona, true, now)));
        changes
    }
}

/// Who is preparing: the rep's persona for this prep, and why the CRM chose its purpose
/// when it did.
struct Preparing {
    persona: Persona,
    /// The company the rep sells for.
    company: std::sync::Arc<OwnCompany>,
    purpose_note: Option<String>,
}

/// The quick overview from the CRM record, with its exploration buttons (waiting on
/// `run_id`'s data when a run is gathering it).
fn overview(facts: &CrmFacts, run_id: Option<&str>, now: i64) -> ChatMessage {
    let today = crate::answers::crm::today(now);
    let (text, sources) = run::overview(facts, today);
    ChatMessage::assistant(message_id(), text, now)
        .with_actions(
            run::exploration_actions(run_id)
                .into_iter()
                .map(|a| a.about(&facts.account.id))
                .collect(),
        )
        .with_sources(sources)
}
