//! The JSON API a script can drive (documented in README.md):
//! `POST /api/customers/search`, `POST /api/intelligence/customer`, `GET /api/runs/{id}`,
//! `POST /api/chat/question`, `GET /api/chat/answers/{id}`, `GET /api/chats`, `GET /api/health`. Each handler parses, makes one call into
//! the chat service and maps its result to the response body.

use super::AppState;
use super::api_error::{ApiError, parse_body};
use super::dto::{
    AccountMatch, AnswerQuery, ChatListItem, IntelligenceRequest, IntelligenceResponse,
    OwedAnswerResponse, QuestionRequest, QuestionResponse, RunResponse, SearchRequest,
};
use crate::chat::OwedAnswer;
use app::error::AppError;
use app::ports::Visitor;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};

/// The largest API request body.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/customers/search", post(search))
        .route("/api/intelligence/customer", post(start_intelligence))
        .route("/api/runs/{id}", get(run))
        .route("/api/chat/question", post(question))
        .route("/api/chat/answers/{id}", get(owed_answer))
        .route("/api/chats", get(chats))
        .route("/api/health", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn search(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<Vec<AccountMatch>>, ApiError> {
    let req: SearchRequest = parse_body(&body)?;
    let hits = state.chat.search_accounts(&req.query, req.limit)?;
    Ok(Json(hits.into_iter().map(AccountMatch::from).collect()))
}

async fn start_intelligence(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Result<(StatusCode, Json<IntelligenceResponse>), ApiError> {
    let req: IntelligenceRequest = parse_body(&body)?;
    let sid = req.chat_session_id.as_deref();
    let started = state
        .chat
        .request_intelligence(&visitor, &req.customer_id, sid);
    let response = IntelligenceResponse::from(started.await?);
    let status = match response {
        IntelligenceResponse::Started { .. } => StatusCode::ACCEPTED,
        IntelligenceResponse::Cached { .. } => StatusCode::OK,
    };
    Ok((status, Json(response)))
}

/// A follow-up question about an account, answered cache-first; the exchange is also
/// posted to the chat session.
async fn question(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Result<Json<QuestionResponse>, ApiError> {
    let req: QuestionRequest = parse_body(&body)?;
    let chat = &state.chat;
    let answered = chat.answer_question(
        &visitor,
        &req.question,
        &req.customer_id,
        &req.chat_session_id,
    );
    Ok(Json(answered.await?.into()))
}

/// An answer `POST /api/chat/question` still owed (`pending`): `200` once posted, `202` while
/// the data is still being collected.
async fn owed_answer(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    q: Result<Query<AnswerQuery>, QueryRejection>,
) -> Result<(StatusCode, Json<OwedAnswerResponse>), ApiError> {
    let Query(q) = q.map_err(|_| {
        AppError::BadInput("Name the chat: ?chatSessionId=s-… (and nothing else).".into())
    })?;
    let sid = q.chat_session_id.trim();
    let owed = state.chat.owed_answer(&visitor, sid, &id).await?;
    let status = match owed {
        OwedAnswer::Posted(_) => StatusCode::OK,
        OwedAnswer::Pending => StatusCode::ACCEPTED,
    };
    let body = OwedAnswerResponse::new(id, sid.to_string(), owed);
    Ok((status, Json(body)))
}

/// The caller's chats, newest activity first.
async fn chats(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
) -> Result<Json<Vec<ChatListItem>>, ApiError> {
    let rows = state.chat.chats_of(&visitor).await?;
    Ok(Json(rows.into_iter().map(ChatListItem::from).collect()))
}

async fn run(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Json<RunResponse>, ApiError> {
    let report = state.chat.run_report(&visitor, &id).await?;
    Ok(Json(report.into()))
}
