//! The meeting-prep API (documented in README.md): `POST /api/preps {"chatSessionId"}` →
//! `202 {"prepId"}` (its progress in the chat), `GET /api/preps`, `GET /api/preps/{id}`
//! (JSON; `?version=N` for an earlier one), `GET /api/preps/{id}.pdf`, `.md`,
//! `/slides.pdf` (sharing: [`super::sharing`]), `POST /api/preps/{id}/items {"messageId"}`, `PUT /api/preps/{id}/items
//! {"itemIds"}` (the order), `DELETE /api/preps/{id}/items/{item}`. Another rep's prep: 404.

use super::AppState;
use super::api_error::{ApiError, parse_body};
use crate::prep::{markdown, pdf};
use app::domain::one_pager::{OnePager, PinnedItem, PrepSummary};
use app::error::AppError;
use app::ports::Visitor;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/preps", post(create).get(list))
        .route("/api/preps/{id}", get(one))
        .route("/api/preps/{id}/slides.pdf", get(slides))
        .route("/api/preps/{id}/items", post(pin).put(reorder))
        .route("/api/preps/{id}/items/{item}", delete(unpin))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CreateRequest {
    chat_session_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateResponse {
    prep_id: String,
}

async fn create(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<CreateResponse>), ApiError> {
    let req: CreateRequest = parse_body(&body)?;
    let locale = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let started = state
        .chat
        .create_prep(&visitor, &req.chat_session_id, locale)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(CreateResponse {
            prep_id: started.prep_id,
        }),
    ))
}

async fn list(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
) -> Result<Json<Vec<PrepSummary>>, ApiError> {
    Ok(Json(state.chat.preps_of(&visitor).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionQuery {
    version: Option<u32>,
}

/// A prep as JSON: its one-pager (sections, lines citing sources by number, the sources,
/// the version and what is new since the last), its chat and its pinned items.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PrepResponse {
    #[serde(flatten)]
    doc: OnePager,
    chat_session_id: String,
    /// The versions made so far: 1 … latest.
    latest_version: u32,
    items: Vec<PinnedItem>,
    /// Every send of the prep, newest first: where, to whom, delivered or why not.
    sends: Vec<app::domain::sharing::SendRecord>,
    /// The read-only links that work now (never their tokens).
    share_links: Vec<app::domain::sharing::ShareLinkInfo>,
}

/// `GET /api/preps/{id}`, `{id}.pdf`, `{id}.md`.
async fn one(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(file): Path<String>,
    q: Result<Query<VersionQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) =
        q.map_err(|_| AppError::BadInput("The only query is ?version=N (a number).".into()))?;
    let (id, format) = match file.rsplit_once('.') {
        Some((id, "pdf")) => (id, Format::Pdf),
        Some((id, "md")) => (id, Format::Markdown),
        Some(_) => return Err(AppError::NotFound("No such form of a prep.".into()).into()),
        None => (file.as_str(), Format::Json),
    };
    let (prep, doc, items) = state.chat.prep_doc(&visitor, id, q.version).await?;
    Ok(match format {
        Format::Json => {
            let (sends, share_links) = state.chat.sent(&prep).await?;
            Json(PrepResponse {
                doc,
                chat_session_id: prep.sid,
                latest_version: prep.version,
                items,
                sends,
                share_links,
            })
            .into_response()
        }
        Format::Markdown => file_response(
            markdown::markdown(&doc).into_bytes(),
            "text/markdown; charset=utf-8",
            &filename(&doc, "md"),
        ),
        Format::Pdf => {
            let name = filename(&doc, "pdf");
            file_response(render(doc, pdf::one_pager).await?, "application/pdf", &name)
        }
    })
}

enum Format {
    Json,
    Pdf,
    Markdown,
}

/// `GET /api/preps/{id}/slides.pdf`: the deck, landscape, a slide a section.
async fn slides(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    q: Result<Query<VersionQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) =
        q.map_err(|_| AppError::BadInput("The only query is ?version=N (a number).".into()))?;
    let (_, doc, _) = state.chat.prep_doc(&visitor, &id, q.version).await?;
    let name = filename(&doc, "deck.pdf");
    Ok(file_response(
        render(doc, pdf::slides).await?,
        "application/pdf",
        &name,
    ))
}

/// Draw a PDF off the async threads.
async fn render(
    doc: OnePager,
    draw: fn(&OnePager) -> Result<Vec<u8>, pdf::PdfError>,
) -> Result<Vec<u8>, ApiError> {
    let drawn = tokio::task::spawn_blocking(move || draw(&doc)).await;
    match drawn {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "a prep PDF failed");
            Err(AppError::Internal.into())
        }
        Err(e) => {
            tracing::error!(error = %e, "a prep PDF panicked");
            Err(AppError::Internal.into())
        }
    }
}

/// A file, opened in the browser, with a name made only of letters, digits and `-`.
fn file_response(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

/// `meeting-prep-acme-corp-v2.pdf`.
fn filename(doc: &OnePager, ext: &str) -> String {
    format!(
        "meeting-prep-{}-v{}.{ext}",
        crate::prep::slug(&doc.account_name),
        doc.version
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PinRequest {
    message_id: String,
}

async fn pin(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<PinnedItem>), ApiError> {
    let req: PinRequest = parse_body(&body)?;
    let item = state.chat.pin_to(&visitor, &id, &req.message_id).await?;
    Ok((StatusCode::CREATED, Json(item)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ReorderRequest {
    item_ids: Vec<String>,
}

async fn reorder(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Vec<PinnedItem>>, ApiError> {
    let req: ReorderRequest = parse_body(&body)?;
    Ok(Json(
        state
            .chat
            .reorder_items(&visitor, &id, &req.item_ids)
            .await?,
    ))
}

async fn unpin(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path((id, item)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state.chat.unpin(&visitor, &id, &item).await?;
    Ok(StatusCode::NO_CONTENT)
}
