//! The chat service: what happens when the rep types, picks an account, asks or sets a
//! persona. The UI's server functions (through [`ChatService`]) and the JSON API both go
//! through here; each use case has its own file:
//! - [`sessions`]: whose chat it is, new chats, snapshots, committing an exchange;
//! - [`typed`]: what a typed message is (persona, company, question, help);
//! - [`matches`]: the account matches for a company name;
//! - [`start_research`]: an account picked — answer from the profile or start a run;
//! - [`ask`]: a question answered cache-first; [`promises`]: answers written in the
//!   background, kept across crashes; [`waiting`]: answers owed when data lands;
//! - [`persona`]: the rep's role and meeting purpose; [`run_report`]: a run for the API;
//! - [`retry`]: research again only what failed;
//! - [`one_pager`]: pins and the one-pager; [`sharing`]: links, drafts and sends.

mod add_account;
mod ask;
mod crm;
mod matches;
mod one_pager;
mod persona;
mod promises;
mod retry;
mod run_report;
mod sessions;
mod sharing;
mod start_research;
mod typed;
mod waiting;

pub use ask::{AnswerReady, Asked, QuestionAnswered};
pub use one_pager::{PrepStarted, prep_id};
pub use promises::COULD_NOT_FINISH;
pub use run_report::RunReport;
pub use sharing::{MAX_SHARE_DAYS, SharedPrep};
pub use start_research::{Intelligence, ResearchStart};
pub use waiting::OwedAnswer;

use crate::analysts::Analyst;
use crate::analysts::llm::LlmAnalyst;
use crate::book::Book;
use crate::live::FeedHub;
use crate::orchestrator::{Collector, Orchestrator};
use crate::own_company::Companies;
use crate::store::{Store, StoreError};
use app::domain::chat_list::ChatEntry;
use app::domain::query::{MAX_CHAT_CHARS, clean_text};
use app::domain::{AccountSummary, Question, SessionEvent, StepKey};
use app::error::AppError;
use app::ports::{ChatService, ChatSnapshot, PersonaChange, Visitor};
use std::sync::Arc;

/// How many matches the chat offers.
pub const CHAT_MATCHES: usize = 5;

/// The longest button label accepted as the rep's side of the chat.
const MAX_LABEL_CHARS: usize = 200;

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error");
        AppError::Unavailable
    }
}

/// The chat, over the store, the account index, the feeds, research and the analysts.
pub struct Chat {
    store: Store,
    book: Arc<Book>,
    feeds: FeedHub,
    orchestrator: Arc<Orchestrator>,
    collector: Arc<Collector>,
    /// Each rep's own company, for answers.
    companies: Arc<Companies>,
    /// Writes the answers to questions.
    analyst: Arc<dyn Analyst>,
    /// Places questions the rules can't (a language model), if one is configured.
    classifier: Option<Arc<LlmAnalyst>>,
    /// The placeholders this process is writing answers into.
    answering: promises::Answering,
    /// How long `POST /api/chat/question` waits for data still being collected.
    question_wait: std::time::Duration,
    /// The preps whose one-pager this process is making.
    prepping: one_pager::Prepping,
    /// Email, Slack and Notion, and how long a link lasts.
    couriers: Arc<crate::sharing::Couriers>,
    /// The sends this process is delivering.
    sending: sharing::Sending,
    /// Opens the reps' sealed Notion tokens and Slack webhooks.
    vault: Arc<crate::vault::Vault>,
    /// This chat, for the work it spawns (set by [`Chat::shared`]).
    me: std::sync::OnceLock<std::sync::Weak<Chat>>,
}

impl Chat {
    pub fn new(
        store: Store,
        book: Arc<Book>,
        feeds: FeedHub,
        (collector, orchestrator, companies): (Arc<Collector>, Arc<Orchestrator>, Arc<Companies>),
        (analyst, classifier): (Arc<dyn Analyst>, Option<Arc<LlmAnalyst>>),
    ) -> Self {
        Self {
            store,
            book,
            feeds,
            orchestrator,
            collector,
            companies,
            analyst,
            classifier,
            answering: Default::default(),
            question_wait: std::time::Duration::from_secs(30),
            prepping: Default::default(),
            couriers: Arc::new(crate::sharing::Couriers::offline(
                crate::sharing::SharingConfig::default(),
                "Dossier",
            )),
            sending: Default::default(),
            vault: Arc::new(crate::vault::Vault::ephemeral()),
            me: std::sync::OnceLock::new(),
        }
    }

    /// The chat, shared: what it spawns (one-pagers) holds it.
    pub fn shared(self) -> Arc<Self> {
        let chat = Arc::new(self);
        let _ = chat.me.set(Arc::downgrade(&chat));
        chat
    }

    /// This chat, if it is shared (always, once built by [`Chat::shared`]).
    fn me(&self) -> Option<Arc<Chat>> {
        self.me.get()?.upgrade()
    }

    /// Let `POST /api/chat/question` wait up to `wait` for data still being collected.
    pub fn with_question_wait(mut self, wait: std::time::Duration) -> Self {
        self.question_wait = wait;
        self
    }

    /// Send through `couriers` (email, Slack, Notion as configured).
    pub fn with_couriers(mut self, couriers: Arc<crate::sharing::Couriers>) -> Self {
        self.couriers = couriers;
        self
    }

    /// Open sealed secrets with `vault` (the one the settings sealed them with).
    pub fn with_vault(mut self, vault: Arc<crate::vault::Vault>) -> Self {
        self.vault = vault;
        self
    }

    /// The account by id, or a 404 that names the problem.
    pub fn account(&self, account_id: &str) -> Result<AccountSummary, AppError> {
        self.book
            .get(account_id)
            .ok_or_else(|| AppError::NotFound("No customer with that id.".into()))
    }
}

fn message_id() -> String {
    format!("m-{}", crate::random_id(8))
}

#[async_trait::async_trait]
impl ChatService for Chat {
    async fn load_chat(
        &self,
        visitor: &Visitor,
        session_id: Option<&str>,
    ) -> Result<ChatSnapshot, AppError> {
        let session = match session_id {
            Some(sid) => self.own_session(visitor, sid).await?,
            None => match self.store.latest_session(&visitor.0).await? {
                Some(s) => s,
                None => self.create_session(visitor).await?,
            },
        };
        self.snapshot(&session).await
    }

    async fn list_chats(&self, visitor: &Visitor) -> Result<Vec<ChatEntry>, AppError> {
        self.chats_of(visitor).await
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
        self.feeds
            .ensure(&session.sid, &session.feed, &session.owner);
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
        self.typed(&session, text).await
    }

    async fn choose_account(
        &self,
        visitor: &Visitor,
        session_id: &str,
        account_id: &str,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let account = self.account(account_id)?;
        Ok(self
            .start_research(&session, &account, Some(account.choice_label()))
            .await?
            .events())
    }

    async fn research_domain(
        &self,
        visitor: &Visitor,
        session_id: &str,
        domain: &str,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let account = match self.add_account(domain, None).await? {
            crate::book::Added::Created(a) | crate::book::Added::Exists(a) => a,
        };
        Ok(self
            .start_research(&session, &account, Some(account.choice_label()))
            .await?
            .events())
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
        Ok(self
            .ask_in(&session, label, question.sanitized())
            .await?
            .events)
    }

    async fn retry(
        &self,
        visitor: &Visitor,
        session_id: &str,
        run_id: &str,
        step: Option<StepKey>,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        self.retry_run(&session, run_id, step).await
    }

    async fn set_persona(
        &self,
        visitor: &Visitor,
        session_id: &str,
        change: PersonaChange,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let session = self.own_session(visitor, session_id).await?;
        let said = crate::answers::persona::said(change);
        let mut answer = self.change_persona(&session, change).await?;
        let revised = match change {
            PersonaChange::Role { .. } | PersonaChange::Purpose { .. } => {
                self.revise_summary(&session, &mut answer).await?
            }
            PersonaChange::Skip | PersonaChange::Change => None,
        };
        self.exchange_revising(&session, said, answer, revised)
            .await
    }
}
