//! Sharing a prep over the API (documented in README.md):
//! - `POST /api/preps/{id}/share` (body optional: `{"expiresInDays": 1–90}`) → `201
//!   {"url","expiresAt"}`, a read-only link to the latest version, shown this once;
//! - `DELETE /api/preps/{id}/share` → `204`: every link to the prep stops working;
//! - `GET /api/preps/{id}/email.eml`: the customer-safe send-ahead note as a draft;
//! - `POST /api/preps/{id}/send {"channel":"email"|"slack"|"notion","to"?}` → `202` and
//!   the send, `sending`; its outcome is then on the prep (`GET /api/preps/{id}`, `sends`);
//! - `POST /api/preps/{id}/sends/{send}/retry` → `202`: a failed send, sent again.
//!
//! Another rep's prep: `404`.

use super::AppState;
use super::api_error::{ApiError, parse_body};
use app::domain::sharing::{Channel, NewShareLink, SendRecord};
use app::error::AppError;
use app::ports::Visitor;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/preps/{id}/share", post(share).delete(unshare))
        .route("/api/preps/{id}/email.eml", get(draft))
        .route("/api/preps/{id}/send", post(send))
        .route("/api/preps/{id}/sends/{send}/retry", post(retry))
}

/// The request's `Host`, for the links made.
pub fn host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|h| h.to_str().ok())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ShareRequest {
    expires_in_days: Option<u32>,
}

async fn share(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<NewShareLink>), ApiError> {
    let req: ShareRequest = if body.iter().all(u8::is_ascii_whitespace) {
        ShareRequest::default()
    } else {
        parse_body(&body)?
    };
    let link = state
        .chat
        .share_prep(&visitor, &id, host(&headers), req.expires_in_days)
        .await?;
    Ok((StatusCode::CREATED, Json(link)))
}

async fn unshare(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.chat.unshare_prep(&visitor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn draft(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (eml, name) = state.chat.send_ahead_eml(&visitor, &id).await?;
    let mut res = eml.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("message/rfc822"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SendRequest {
    channel: String,
    #[serde(default)]
    to: Option<String>,
}

async fn send(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<SendRecord>), ApiError> {
    let req: SendRequest = parse_body(&body)?;
    let channel = Channel::parse(&req.channel).ok_or_else(|| {
        AppError::BadInput("\"channel\" is \"email\", \"slack\" or \"notion\".".into())
    })?;
    let sent = state
        .chat
        .send_prep(&visitor, &id, channel, req.to.as_deref())
        .await?;
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

async fn retry(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path((id, send)): Path<(String, String)>,
) -> Result<(StatusCode, Json<SendRecord>), ApiError> {
    let again = state.chat.retry_send(&visitor, &id, &send).await?;
    Ok((StatusCode::ACCEPTED, Json(again)))
}
