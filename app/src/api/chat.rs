//! The chat's server functions, on stable endpoints under `/api/chat/`.

use crate::domain::chat_list::ChatEntry;
use crate::domain::{Intent, SessionEvent, StepKey};
use crate::error::AppError;
use crate::ports::{ChatSnapshot, PersonaChange};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::ports::{chat_service, current_visitor};

/// The caller's chat `session_id`, or their newest.
#[server(prefix = "/api", endpoint = "chat/load")]
pub async fn load_chat(session_id: Option<String>) -> Result<ChatSnapshot, AppError> {
    chat_service()?
        .load_chat(&current_visitor()?, session_id.as_deref())
        .await
}

/// The caller's chats, newest activity first.
#[server(prefix = "/api", endpoint = "chat/list")]
pub async fn list_chats() -> Result<Vec<ChatEntry>, AppError> {
    chat_service()?.list_chats(&current_visitor()?).await
}

/// Start a new chat.
#[server(prefix = "/api", endpoint = "chat/new")]
pub async fn new_chat() -> Result<ChatSnapshot, AppError> {
    chat_service()?.new_chat(&current_visitor()?).await
}

/// Events the browser missed.
#[server(prefix = "/api", endpoint = "chat/events")]
pub async fn chat_events(
    session_id: String,
    after_seq: u64,
) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .events_since(&current_visitor()?, &session_id, after_seq)
        .await
}

/// The rep typed a message.
#[server(prefix = "/api", endpoint = "chat/send")]
pub async fn send_message(session_id: String, text: String) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .send_message(&current_visitor()?, &session_id, &text)
        .await
}

/// The rep picked an account.
#[server(prefix = "/api", endpoint = "chat/choose")]
pub async fn choose_account(
    session_id: String,
    account_id: String,
) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .choose_account(&current_visitor()?, &session_id, &account_id)
        .await
}

/// The rep asked to research a company that is not in their accounts.
#[server(prefix = "/api", endpoint = "chat/research_domain")]
pub async fn research_domain(
    session_id: String,
    domain: String,
) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .research_domain(&current_visitor()?, &session_id, &domain)
        .await
}

/// The rep pressed Retry on a finished run, or on one of its failed steps.
#[server(prefix = "/api", endpoint = "chat/retry", input = Json)]
pub async fn retry_research(
    session_id: String,
    run_id: String,
    step: Option<StepKey>,
) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .retry(&current_visitor()?, &session_id, &run_id, step)
        .await
}

/// The rep pressed a question button. JSON in: the question is structured.
#[server(prefix = "/api", endpoint = "chat/ask", input = Json)]
pub async fn ask_question(
    session_id: String,
    label: String,
    intent: Intent,
    focus: Option<String>,
    account_id: Option<String>,
) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .ask(
            &current_visitor()?,
            &session_id,
            &label,
            crate::domain::Question { intent, focus },
            account_id.as_deref(),
        )
        .await
}

/// The rep chose a role or meeting purpose.
#[server(prefix = "/api", endpoint = "chat/persona", input = Json)]
pub async fn set_persona(
    session_id: String,
    change: PersonaChange,
) -> Result<Vec<SessionEvent>, AppError> {
    chat_service()?
        .set_persona(&current_visitor()?, &session_id, change)
        .await
}
