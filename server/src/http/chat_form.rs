//! The chat's message box as a plain form post (`POST /chat/send`, form-encoded
//! `session_id`, `text`): what a message typed before the WASM arrives, or without
//! JavaScript, goes through. It commits the message as the server function would and
//! answers `303` back to the chat, which the server renders with the reply.

use super::AppState;
use super::identity::{SignedIn, redirect};
use app::domain::query::{MAX_CHAT_CHARS, TextError, clean_text};
use app::ports::{ChatService, Visitor};
use axum::extract::{DefaultBodyLimit, Form, State};
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/chat/send", post(send))
        // Form-encoded, a character is up to 12 bytes (`%F0%9F%9A%80`).
        .layer(DefaultBodyLimit::max(12 * MAX_CHAT_CHARS + 1024))
}

#[derive(Deserialize)]
struct SendForm {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    text: String,
}

/// The code the chat page shows a refused message's reason by.
fn text_error_code(e: &TextError) -> &'static str {
    match e {
        TextError::Empty => "empty",
        TextError::TooLong { .. } => "long",
    }
}

async fn send(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Form(f): Form<SendForm>,
) -> Response {
    let back = format!("/?chat={}", urlencode(&f.session_id));
    if let Err(e) = clean_text(&f.text, MAX_CHAT_CHARS) {
        return redirect(&format!("{back}&error={}", text_error_code(&e)));
    }
    let visitor = Visitor(user.uid);
    match state
        .chat
        .send_message(&visitor, &f.session_id, &f.text)
        .await
    {
        Ok(_) => redirect(&back),
        // Not this rep's chat (or no such chat): their newest instead.
        Err(app::error::AppError::NotFound(_)) => redirect("/"),
        Err(e) => {
            tracing::warn!(error = %e, "a form-posted message was not sent");
            redirect(&format!("{back}&error=unavailable"))
        }
    }
}

/// Session ids are letters, digits, `-` and `_`; anything else is dropped from the link.
fn urlencode(sid: &str) -> String {
    sid.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect()
}
