//! What the UI's server functions need from the server, as traits the server implements.
//! Server functions stay thin: they find the caller and call one of these.

use crate::domain::ChatView;
#[cfg(feature = "ssr")]
use crate::domain::chat_list::ChatEntry;
use crate::domain::{MeetingPurpose, RepRole};
#[cfg(feature = "ssr")]
use crate::domain::{Question, SessionEvent, StepKey};
#[cfg(feature = "ssr")]
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Who the caller is: the signed-in user's id. Chats, runs and preps belong to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Visitor(pub String);

/// What the chat page needs to render and to follow live updates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatSnapshot {
    pub view: ChatView,
    /// The name of this session's live signal: an unguessable capability, owner only.
    pub feed: String,
}

/// The chat, as the UI drives it. Every mutation returns the events it committed so the
/// caller can show them at once; the live feed delivers the same events to other tabs.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait ChatService: Send + Sync {
    /// The visitor's chat `session_id`, or without one their newest (a new empty one if
    /// they have none).
    async fn load_chat(
        &self,
        visitor: &Visitor,
        session_id: Option<&str>,
    ) -> Result<ChatSnapshot, AppError>;
    /// The visitor's chats, newest activity first.
    async fn list_chats(&self, visitor: &Visitor) -> Result<Vec<ChatEntry>, AppError>;
    /// Start a fresh chat for the visitor.
    async fn new_chat(&self, visitor: &Visitor) -> Result<ChatSnapshot, AppError>;
    /// Events after `after_seq`, for a browser that missed some.
    async fn events_since(
        &self,
        visitor: &Visitor,
        session_id: &str,
        after_seq: u64,
    ) -> Result<Vec<SessionEvent>, AppError>;
    /// The rep typed something.
    async fn send_message(
        &self,
        visitor: &Visitor,
        session_id: &str,
        text: &str,
    ) -> Result<Vec<SessionEvent>, AppError>;
    /// The rep picked an account from the matches.
    async fn choose_account(
        &self,
        visitor: &Visitor,
        session_id: &str,
        account_id: &str,
    ) -> Result<Vec<SessionEvent>, AppError>;
    /// The rep asked to research a company that is not in the book, by its domain.
    async fn research_domain(
        &self,
        visitor: &Visitor,
        session_id: &str,
        domain: &str,
    ) -> Result<Vec<SessionEvent>, AppError>;
    /// The rep pressed a question button; `label` is what the button said, `account_id`
    /// the account the button is about (None: the current one).
    async fn ask(
        &self,
        visitor: &Visitor,
        session_id: &str,
        label: &str,
        question: Question,
        account_id: Option<&str>,
    ) -> Result<Vec<SessionEvent>, AppError>;
    /// The rep pressed Retry on a finished run (every failed step) or on one failed step.
    async fn retry(
        &self,
        visitor: &Visitor,
        session_id: &str,
        run_id: &str,
        step: Option<StepKey>,
    ) -> Result<Vec<SessionEvent>, AppError>;
    /// The rep chose a role or purpose, skipped, or asked to change them.
    async fn set_persona(
        &self,
        visitor: &Visitor,
        session_id: &str,
        change: PersonaChange,
    ) -> Result<Vec<SessionEvent>, AppError>;
}

/// A change to the rep's role or meeting purpose, from the persona buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PersonaChange {
    Role {
        role: RepRole,
    },
    Purpose {
        purpose: MeetingPurpose,
    },
    /// Don't ask again.
    Skip,
    /// Show the choices again.
    Change,
}

/// The book of business at a glance, for the Accounts page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookView {
    pub total: usize,
    /// Of which demo data.
    pub demo: usize,
    /// Whether a HubSpot token is set (the page offers "Sync HubSpot now").
    pub hubspot: bool,
}

/// The book, as the Accounts page drives it (imports go through the JSON API: a file is
/// not a server-function argument).
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait BookService: Send + Sync {
    async fn book_view(&self) -> Result<BookView, AppError>;
    /// Remove the demo accounts; the book after.
    async fn remove_demo(&self) -> Result<BookView, AppError>;
    /// Sync HubSpot now; what it did, in words.
    async fn sync_hubspot(&self) -> Result<String, AppError>;
}

/// The book service as the server provides it in context.
#[cfg(feature = "ssr")]
pub type SharedBookService = std::sync::Arc<dyn BookService>;

/// The book service from context.
#[cfg(feature = "ssr")]
pub fn book_service() -> Result<SharedBookService, AppError> {
    leptos::prelude::use_context::<SharedBookService>().ok_or(AppError::Internal)
}

/// The settings page, as the UI reads it (its changes are plain form posts to the server,
/// which work before the WASM arrives).
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait SettingsService: Send + Sync {
    /// What the settings page shows the visitor.
    async fn settings(
        &self,
        visitor: &Visitor,
    ) -> Result<crate::domain::settings::SettingsView, AppError>;
}

/// The settings service as the server provides it in context.
#[cfg(feature = "ssr")]
pub type SharedSettingsService = std::sync::Arc<dyn SettingsService>;

/// The settings service from context.
#[cfg(feature = "ssr")]
pub fn settings_service() -> Result<SharedSettingsService, AppError> {
    leptos::prelude::use_context::<SharedSettingsService>().ok_or(AppError::Internal)
}

/// The chat service as the server provides it in context.
#[cfg(feature = "ssr")]
pub type SharedChatService = std::sync::Arc<dyn ChatService>;

/// The caller's user id, from the request the server function is handling (the server
/// answers `401` before any server function runs for a request that is not signed in).
#[cfg(feature = "ssr")]
pub fn current_visitor() -> Result<Visitor, AppError> {
    use leptos::prelude::use_context;
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Visitor>().cloned())
        .ok_or(AppError::Internal)
}

/// The chat service from context.
#[cfg(feature = "ssr")]
pub fn chat_service() -> Result<SharedChatService, AppError> {
    leptos::prelude::use_context::<SharedChatService>().ok_or(AppError::Internal)
}

/// A prep as its page and its deck show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrepPage {
    pub doc: crate::domain::one_pager::OnePager,
    pub items: Vec<crate::domain::one_pager::PinnedItem>,
    /// The newest version (the page may show an older one).
    pub latest_version: u32,
    pub chat_session_id: String,
    /// Its links and sends.
    #[serde(default)]
    pub sharing: crate::domain::sharing::SharingView,
}

/// The meeting preps, as the UI drives them (the one-pager itself is asked for in the chat).
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait PrepService: Send + Sync {
    /// The visitor's prep `prep_id`, at `version` (None: the newest).
    async fn prep_page(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        version: Option<u32>,
    ) -> Result<PrepPage, AppError>;
    /// The visitor's preps, most recently changed first.
    async fn preps(
        &self,
        visitor: &Visitor,
    ) -> Result<Vec<crate::domain::one_pager::PrepSummary>, AppError>;
    /// Pin chat message `message_id` to the prep of its chat's account; the prep's id.
    async fn pin(
        &self,
        visitor: &Visitor,
        session_id: &str,
        message_id: &str,
    ) -> Result<String, AppError>;
    /// Remove an item from a prep; the items left.
    async fn unpin(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        item_id: &str,
    ) -> Result<Vec<crate::domain::one_pager::PinnedItem>, AppError>;
    /// Put a prep's items in this order; the items after.
    async fn reorder(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        item_ids: &[String],
    ) -> Result<Vec<crate::domain::one_pager::PinnedItem>, AppError>;
    /// A new read-only link to the prep's latest version (`host`: the request's `Host`).
    async fn share(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        host: Option<&str>,
    ) -> Result<crate::domain::sharing::NewShareLink, AppError>;
    /// Every link to the prep stops working.
    async fn unshare(&self, visitor: &Visitor, prep_id: &str) -> Result<(), AppError>;
    /// Send the prep on `channel` (email: to `to`, else the send-ahead note to the rep).
    async fn send(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        channel: crate::domain::sharing::Channel,
        to: Option<&str>,
    ) -> Result<crate::domain::sharing::SendRecord, AppError>;
    /// Send a failed send again.
    async fn retry_send(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        send_id: &str,
    ) -> Result<crate::domain::sharing::SendRecord, AppError>;
}

/// The `Host` of the request the server function is handling.
#[cfg(feature = "ssr")]
pub fn request_host() -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_string)
    })
}

/// The prep service as the server provides it in context.
#[cfg(feature = "ssr")]
pub type SharedPrepService = std::sync::Arc<dyn PrepService>;

/// The prep service from context.
#[cfg(feature = "ssr")]
pub fn prep_service() -> Result<SharedPrepService, AppError> {
    leptos::prelude::use_context::<SharedPrepService>().ok_or(AppError::Internal)
}
