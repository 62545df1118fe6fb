//! The book of business over JSON (documented in README.md):
//! `GET /api/accounts` (counts), `POST /api/accounts` (add a company by its domain),
//! `POST /api/accounts/import` (a CRM export as `text/csv`, ≤ 50 MB),
//! `GET /api/accounts/imports/{id}` (an import's progress and outcome),
//! `DELETE /api/accounts/demo` (remove the demo data), `POST /api/accounts/sync` (HubSpot now).

use super::AppState;
use super::api_error::{ApiError, error_response, parse_body};
use super::dto::{AccountMatch, AddAccountRequest, BookCountsResponse, ImportQuery};
use crate::book::Added;
use crate::book::hubspot::SyncError;
use crate::book::importer::ImportFailure;
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::json;

/// The largest CRM export accepted.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
/// The largest JSON body of the other account routes.
const MAX_JSON_BYTES: usize = 16 * 1024;

pub fn routes() -> Router<AppState> {
    let import = post(import).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES));
    let json_routes = Router::new()
        .route("/api/accounts", get(counts).post(add))
        .route("/api/accounts/imports/{id}", get(import_report))
        .route("/api/accounts/demo", delete(remove_demo))
        .route("/api/accounts/sync", post(sync))
        .layer(DefaultBodyLimit::max(MAX_JSON_BYTES))
        .route_layer(axum::middleware::from_fn(super::guard::json_only));
    Router::new()
        .route("/api/accounts/import", import)
        .merge(json_routes)
}

async fn counts(State(state): State<AppState>) -> Json<BookCountsResponse> {
    Json(state.book.counts().into())
}

/// `201` with the new account, `409` with the one already holding the domain.
async fn add(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let req: AddAccountRequest = parse_body(&body)?;
    let added = state
        .chat
        .add_account(&req.domain, req.name.as_deref())
        .await?;
    Ok(match added {
        Added::Created(a) => (StatusCode::CREATED, Json(AccountMatch::from(a))).into_response(),
        Added::Exists(a) => (
            StatusCode::CONFLICT,
            Json(json!({
                "error": format!("{} is already in your accounts.", a.domain),
                "account": AccountMatch::from(a),
            })),
        )
            .into_response(),
    })
}

/// A CRM export: `200` with what it did (or, with `preview=true`, would do).
async fn import(
    State(state): State<AppState>,
    query: Result<Query<ImportQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|e| AppError::BadInput(e.body_text()))?;
    let bytes = match csv_body(&headers, body) {
        Ok(bytes) => bytes,
        Err((status, why)) => return Ok(error_response(status, &why)),
    };
    let report = state.book.import(query.into_request(bytes)?).await?;
    Ok(Json(report).into_response())
}

/// The export's bytes, or the status (`413`, `415`, `400`) and reason that refuse them.
fn csv_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Bytes, (StatusCode, String)> {
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The file is larger than 50 MB. Split the export into smaller files.".to_string(),
        ),
        _ => (StatusCode::BAD_REQUEST, e.body_text()),
    })?;
    if !is_csv(headers) {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the export as Content-Type: text/csv.".to_string(),
        ));
    }
    Ok(body)
}

/// `text/csv`, or what browsers and Excel call a CSV file.
fn is_csv(headers: &HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "text/csv" | "application/csv" | "text/plain" | "application/vnd.ms-excel"
    )
}

async fn import_report(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match state
        .book
        .import_report(&id)
        .await
        .map_err(AppError::from)?
    {
        Some(report) => Ok(Json(report).into_response()),
        None => Err(AppError::NotFound("No import with that id.".into()).into()),
    }
}

async fn remove_demo(State(state): State<AppState>) -> Result<Response, ApiError> {
    let removed = state.book.remove_demo().await.map_err(AppError::from)?;
    Ok(Json(json!({ "removed": removed })).into_response())
}

/// Sync HubSpot now: `200` with what it did; `400` without a token; `502` when HubSpot
/// refused or failed.
async fn sync(State(state): State<AppState>) -> Result<Response, ApiError> {
    match state.accounts.sync_hubspot().await {
        Ok(s) => Ok(Json(json!({
            "source": "HubSpot",
            "accounts": s.accounts,
            "opportunities": s.opportunities,
        }))
        .into_response()),
        Err(e @ SyncError::NotConnected) => Err(AppError::BadInput(e.to_string()).into()),
        Err(e @ SyncError::Api(_)) => Ok(error_response(StatusCode::BAD_GATEWAY, &e.to_string())),
        Err(SyncError::Store(e)) => Err(AppError::from(e).into()),
    }
}

impl From<ImportFailure> for ApiError {
    fn from(e: ImportFailure) -> Self {
        match e {
            ImportFailure::File(e) => ApiError(AppError::BadInput(e.to_string())),
            ImportFailure::Store(e) => ApiError(AppError::from(e)),
        }
    }
}
