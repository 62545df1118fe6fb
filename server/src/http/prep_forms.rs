//! The prep's buttons as plain form posts, for a page before (or without) its WASM:
//! `POST /prep/pin` (`session_id`, `message_id`: "📋 Add to meeting prep", then back to the
//! chat), `POST /preps/{id}/items/{item}/remove` and `POST /preps/{id}/items/{item}/move`
//! (`dir=up|down`), each answering `303` back to the prep's page; and sharing:
//! `POST /preps/{id}/share` (the new link, shown once on a page of its own),
//! `/preps/{id}/unshare`, `/preps/{id}/send` (`channel`, `to`) and
//! `/preps/{id}/sends/{send}/retry`, back to the page's "Share and send" (a refusal is
//! shown on a page of its own, in the words of the API's error).

use super::AppState;
use super::identity::{SignedIn, redirect};
use super::settings_forms::{refusal_page, shown_once_then};
use super::sharing::host;
use app::domain::chat::plausible_prep_id;
use app::domain::sharing::Channel;
use app::error::AppError;
use app::ports::Visitor;
use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/prep/pin", post(pin))
        .route("/preps/{id}/items/{item}/remove", post(remove))
        .route("/preps/{id}/items/{item}/move", post(move_item))
        .route("/preps/{id}/share", post(share))
        .route("/preps/{id}/unshare", post(unshare))
        .route("/preps/{id}/send", post(send))
        .route("/preps/{id}/sends/{send}/retry", post(retry))
        .layer(axum::extract::DefaultBodyLimit::max(4 * 1024))
}

#[derive(Deserialize)]
struct PinForm {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    message_id: String,
}

async fn pin(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Form(f): Form<PinForm>,
) -> Response {
    let visitor = Visitor(user.uid);
    match state
        .chat
        .pin_message(&visitor, &f.session_id, &f.message_id)
        .await
    {
        Ok((_, item)) => redirect(&format!(
            "/?chat={}#message-{}",
            prep_link_safe(&f.session_id),
            prep_link_safe(&item.message_id)
        )),
        Err(e) => {
            tracing::info!(error = %e, "a form-posted pin was refused");
            redirect("/")
        }
    }
}

async fn remove(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Path((id, item)): Path<(String, String)>,
) -> Response {
    let _ = state.chat.unpin(&Visitor(user.uid), &id, &item).await;
    back_to(&id)
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    dir: String,
}

async fn move_item(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Path((id, item)): Path<(String, String)>,
    Form(f): Form<MoveForm>,
) -> Response {
    let up = f.dir == "up";
    let _ = state
        .chat
        .move_item(&Visitor(user.uid), &id, &item, up)
        .await;
    back_to(&id)
}

async fn share(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match state
        .chat
        .share_prep(&Visitor(user.uid), &id, host(&headers), None)
        .await
    {
        Ok(link) => shown_once_then(
            "Your share link",
            "Read-only link",
            &link.url,
            &format!(
                "Copy it now: it is not shown again. Anyone with it sees this one-pager, read-only, until {} (UTC); stop it on the prep's page.",
                link.expires_at.replace('T', " ").trim_end_matches('Z')
            ),
            (
                &format!("/preps/{}#share", prep_link_safe(&id)),
                "Back to the prep",
            ),
        ),
        Err(e) => refused(&id, &e),
    }
}

async fn unshare(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Path(id): Path<String>,
) -> Response {
    match state.chat.unshare_prep(&Visitor(user.uid), &id).await {
        Ok(_) => to_share(&id),
        Err(e) => refused(&id, &e),
    }
}

#[derive(Deserialize)]
struct SendForm {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    to: String,
}

async fn send(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Path(id): Path<String>,
    Form(f): Form<SendForm>,
) -> Response {
    let Some(channel) = Channel::parse(&f.channel) else {
        return refused(
            &id,
            &AppError::BadInput("Send by email, Slack or Notion.".into()),
        );
    };
    let to = Some(f.to.trim()).filter(|t| !t.is_empty());
    match state
        .chat
        .send_prep(&Visitor(user.uid), &id, channel, to)
        .await
    {
        Ok(_) => to_share(&id),
        Err(e) => refused(&id, &e),
    }
}

async fn retry(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Path((id, send)): Path<(String, String)>,
) -> Response {
    match state.chat.retry_send(&Visitor(user.uid), &id, &send).await {
        Ok(_) => to_share(&id),
        Err(e) => refused(&id, &e),
    }
}

/// The prep page's "Share and send".
fn to_share(prep_id: &str) -> Response {
    if plausible_prep_id(prep_id) {
        redirect(&format!("/preps/{prep_id}#share"))
    } else {
        redirect("/chats")
    }
}

/// What was refused, on a page of its own with the way back.
fn refused(prep_id: &str, e: &AppError) -> Response {
    refusal_page(
        "That didn't go",
        &e.to_string(),
        e.status(),
        (
            &format!("/preps/{}#share", prep_link_safe(prep_id)),
            "Back to the prep",
        ),
    )
}

/// Letters, digits, `-` and `_` only (ids in a redirect).
fn prep_link_safe(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect()
}

/// The prep's page (the list of preps for an id that can't be one).
fn back_to(prep_id: &str) -> Response {
    if plausible_prep_id(prep_id) {
        redirect(&format!("/preps/{prep_id}#items-h"))
    } else {
        redirect("/chats")
    }
}
