//! The chat service: what happens when the rep types, picks an account, asks or sets a persona.
//! Both the UI's server functions and the JSON API go through here.
//!
//! `research.rs` starts research on an account; `replies.rs` composes answers to what the
//! rep typed or pressed.

mod persona;
mod questions;
mod replies;
mod research;

pub use questions::{AnswerReady, Asked};
pub use research::ResearchStart;

use crate::analysts::Analyst;
use crate::analysts::llm::LlmAnalyst;
use crate::live::FeedHub;
use crate::orchestrator::Orchestrator;
use crate::store::sessions::SessionRow;
use crate::store::{Store, StoreError};
use app::domain::intent::parse_question;
use app::domain::persona::parse_persona;
use app::domain::query::{CompanyQuery, extract_company};
use app::domain::query::{MAX_CHAT_CHARS, clean_text};
use app::domain::search::AccountIndex;
use app::domain::{
    AccountSummary, Change, ChatMessage, ChatView, Intent, Question, SessionEvent, SourceRef,
};
use app::error::AppError;
use app::ports::{ChatService, ChatSnapshot, PersonaChange, Visitor};
use std::sync::Arc;

/// How many matches the chat offers.
pub const CHAT_MATCHES: usize = 5;

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error");
        AppError::Unavailable
    }
}

/// The chat, over the store, the account index, the feeds and the orchestrator.
pub struct Chat {
    pub store: Store,
    pub accounts: Arc<AccountIndex>,
    pub feeds: FeedHub,
    pub orchestrator: Arc<Orchestrator>,
    /// Writes the answers to questions.
    pub analyst: Arc<dyn Analyst>,
    /// Places questions the rules can't (a language model), if one is configured.
    pub classifier: Option<Arc<LlmAnalyst>>,
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

/// The CRM record behind the overview and the account matches.
fn crm_source(account: Option<&AccountSummary>) -> SourceRef {
    SourceRef {
        name: "CRM record".into(),
        confidence: 0.95,
        last_updated: "2026-11-01".into(),
        fetched_at_ms: None,
        url: account.map(AccountSummary::website),
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
            let before = view.seq;
            let batch = self.store.events_since(&session.sid, view.seq).await?;
            view.apply_all(&batch);
            if view.seq == before {
                break; // done (or a gap in the log: show what is consistent)
            }
        }
        Ok(ChatSnapshot { view, feed })
    }

    /// Commit what the rep said and Dossier's answer, as two messages.
    async fn exchange(
        &self,
        session: &SessionRow,
        said: String,
        answer: ChatMessage,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let changes = vec![
            Change::MessageAdded {
                message: ChatMessage::user(message_id(), said, crate::now_ms()),
            },
            Change::MessageAdded { message: answer },
        ];
        Ok(self.store.append(&session.sid, changes, None).await?)
    }

    /// What a typed message asks: the rules first, then the classifier if there is one
    /// (only for messages that name no company).
    pub async fn understand(&self, text: &str, last: Option<Intent>) -> Option<Question> {
        if let Some(q) = parse_question(text, last) {
            return Some(q);
        }
        if extract_company(text) != CompanyQuery::Missing {
            return None;
        }
        let classifier = self.classifier.as_ref()?;
        let intent = classifier.classify(text).await?;
        tracing::info!(
            intent = intent.action_name(),
            "question placed by the classifier"
        );
        Some(Question::new(intent))
    }

    /// The id of the best match for the company a message names, if any.
    fn named_account(&self, company: &CompanyQuery) -> Option<String> {
        match company {
            CompanyQuery::Name(n) | CompanyQuery::Domain(n) => {
                self.accounts.search(n, 1).first().map(|a| a.id.clone())
            }
            CompanyQuery::Missing => None,
        }
    }

    /// The account by id, or a 404 that names the problem.
    pub fn account(&self, account_id: &str) -> Result<AccountSummary, AppError> {
        self.accounts
            .get(account_id)
            .cloned()
            .ok_or_else(|| AppError::NotFound("No customer with that id.".into()))
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
        let context = self.store.session_context(&session.sid).await?;
        let company = extract_company(&text);
        let names_company = company != CompanyQuery::Missing;
        // The account the message names, if it is one we know ("meeting with Globex").
        let named = self.named_account(&company);
        // "I'm the AE", "it's a renewal meeting": the persona, said in words. Remembered; it
        // is the answer unless the message also names an account ("prep for a renewal with
        // Acme").
        if let (role, purpose) = parse_persona(&text)
            && (role.is_some() || purpose.is_some())
        {
            let answer = self.state_persona(&session, role, purpose).await?;
            if named.is_none() {
                return self.exchange(&session, text, answer).await;
            }
        }
        // Naming an account other than the current one searches for it; the old thread stays.
        let switching = named.is_some_and(|id| context.account_id.as_deref() != Some(id.as_str()));
        let question = if switching {
            None
        } else {
            self.understand(&text, context.last_intent).await
        };
        match question {
            // "Switch to Globex": search for the account named.
            Some(q) if q.intent == Intent::SwitchAccount && names_company => {}
            Some(q) => return Ok(self.ask_in(&session, text, q).await?.events),
            None if context.account_id.is_some() && !names_company => {
                let q = Question::new(Intent::Help);
                return Ok(self.ask_in(&session, text, q).await?.events);
            }
            None => {}
        }
        let reply = self.reply_to(&text);
        self.exchange(&session, text, reply).await
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

    async fn ask(
        &self,
        visitor: &Visitor,
        session_id: &str,
        label: &str,
        question: Question,
        account_id: Option<&str>,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let label = clean_text(label, MAX_LABEL_CHARS)?;
        // A button under an older account's messages asks about that account again.
        if let Some(id) = account_id {
            let account = self.account(id)?;
            self.set_current_account(&session.sid, &account.id).await?;
        }
        let question = Question {
            focus: question.focus.map(|f| f.trim().to_lowercase()).filter(|f| {
                !f.is_empty() && f.len() <= 40 && f.chars().all(|c| c.is_alphanumeric() || c == ' ')
            }),
            ..question
        };
        Ok(self.ask_in(&session, label, question).await?.events)
    }

    async fn set_persona(
        &self,
        visitor: &Visitor,
        session_id: &str,
        change: PersonaChange,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let said = match change {
            PersonaChange::Role { role } => format!("I'm the {}", role.label()),
            PersonaChange::Purpose { purpose } => purpose.label().to_string(),
            PersonaChange::Skip => "Skip".into(),
            PersonaChange::Change => "Change role or purpose".into(),
        };
        let answer = self.change_persona(&session, change).await?;
        self.exchange(&session, said, answer).await
    }
}

/// The longest button label accepted as the rep's side of the chat.
const MAX_LABEL_CHARS: usize = 200;
