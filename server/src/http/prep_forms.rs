//! The prep's buttons as plain form posts, for a page before (or without) its WASM:
//! `POST /prep/pin` (`session_id`, `message_id`: "📋 Add to meeting prep", then back to the
//! chat), `POST /preps/{id}/items/{item}/remove` and `POST /preps/{id}/items/{item}/move`
//! (`dir=up|down`), each answering `303` back to the prep's page.

use super::AppState;
use super::identity::{SignedIn, redirect};
use app::domain::chat::plausible_prep_id;
use app::ports::Visitor;
use axum::extract::{Form, Path, State};
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/prep/pin", post(pin))
        .route("/preps/{id}/items/{item}/remove", post(remove))
        .route("/preps/{id}/items/{item}/move", post(move_item))
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
