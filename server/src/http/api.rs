//! The JSON API a script can drive (documented in README.md):
//! `POST /api/customers/search`, `POST /api/intelligence/customer`, `GET /api/runs/{id}`,
//! `POST /api/chat/question`, `GET /api/health`.

use super::api_error::{ApiError, parse_body};
use crate::chat::ResearchStart;
use crate::startup::AppState;
use app::domain::query::{
    CompanyQuery, MAX_CHAT_CHARS, MAX_SEARCH_CHARS, clean_text, extract_company,
};
use app::domain::run::duration_words;
use app::domain::{Intent, Question, StepKey};
use app::error::AppError;
use app::ports::Visitor;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::json;

/// The largest API request body.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// The most matches one search returns.
pub const MAX_LIMIT: usize = 25;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/customers/search", post(search))
        .route("/api/intelligence/customer", post(start_intelligence))
        .route("/api/runs/{id}", get(run))
        .route("/api/chat/question", post(question))
        .route("/api/health", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchRequest {
    query: String,
    #[serde(default)]
    limit: Option<usize>,
}

async fn search(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let req: SearchRequest = parse_body(&body)?;
    let query = clean_text(&req.query, MAX_SEARCH_CHARS)?;
    let limit = req.limit.unwrap_or(5);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::BadInput(format!("limit must be between 1 and {MAX_LIMIT}")).into());
    }
    let term = match extract_company(&query) {
        CompanyQuery::Name(n) => n,
        CompanyQuery::Domain(d) => d,
        CompanyQuery::Missing => query,
    };
    let hits: Vec<_> = state
        .chat
        .accounts
        .search(&term, limit)
        .into_iter()
        .map(|a| {
            json!({ "id": a.id, "name": a.name, "domain": a.domain, "industry": a.industry,
                    "employees": a.employees, "location": a.location, "label": a.choice_label() })
        })
        .collect();
    Ok(Json(hits).into_response())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct IntelligenceRequest {
    customer_id: String,
    #[serde(default)]
    chat_session_id: Option<String>,
}

async fn start_intelligence(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: IntelligenceRequest = parse_body(&body)?;
    let chat = &state.chat;
    let account = chat.account(req.customer_id.trim())?;
    let session = match req.chat_session_id.as_deref() {
        Some(sid) => chat.own_session(&visitor, sid).await?,
        None => chat.create_session(&visitor).await?,
    };
    Ok(
        match chat.start_research(&session, &account, false).await? {
            ResearchStart::Started {
                run_id,
                estimated_ms,
                ..
            } => (
                StatusCode::ACCEPTED,
                Json(json!({
                    "executionId": run_id,
                    "estimatedDuration": duration_words(estimated_ms),
                    "estimatedMs": estimated_ms,
                    "chatSessionId": session.sid,
                })),
            )
                .into_response(),
            ResearchStart::Cached { profile, .. } => (
                StatusCode::OK,
                Json(json!({
                    "cached": true,
                    "chatSessionId": session.sid,
                    "customerId": account.id,
                    "asOf": profile.created_at,
                    "expiresAt": profile.fresh_until,
                    "profile": profile.value,
                })),
            )
                .into_response(),
        },
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct QuestionRequest {
    question: String,
    customer_id: String,
    chat_session_id: String,
}

/// A follow-up question about an account, answered cache-first; the exchange is also
/// posted to the chat session.
async fn question(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: QuestionRequest = parse_body(&body)?;
    let chat = &state.chat;
    let text = clean_text(&req.question, MAX_CHAT_CHARS)?;
    let session = chat
        .own_session(&visitor, req.chat_session_id.trim())
        .await?;
    let account = chat.account(req.customer_id.trim())?;
    let context = chat
        .store
        .session_context(&session.sid)
        .await
        .map_err(AppError::from)?;
    if context.account_id.as_deref() != Some(account.id.as_str()) {
        chat.set_current_account(&session.sid, &account.id).await?;
    }
    let question = chat
        .understand(&text, context.last_intent)
        .await
        .unwrap_or_else(|| Question::new(Intent::Help));
    let asked = chat.ask_in(&session, text, question.clone()).await?;
    let answer = asked.answer.wait().await.ok_or(AppError::Unavailable)?;
    let actions: Vec<_> = answer
        .actions
        .iter()
        .map(|a| json!({ "id": a.id, "label": a.label, "action": a.action.name() }))
        .collect();
    let sources: Vec<_> = answer
        .sources
        .iter()
        .map(|s| {
            json!({ "name": s.name, "confidence": s.confidence,
                         "lastUpdated": s.last_updated, "url": s.url })
        })
        .collect();
    Ok(Json(json!({
        "content": answer.text,
        "actions": actions,
        "sources": sources,
        "intent": question.intent.action_name(),
        "chatSessionId": session.sid,
    }))
    .into_response())
}

async fn run(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let chat = &state.chat;
    let not_found = || ApiError(AppError::NotFound("No run with that id.".into()));
    if id.len() > 64 {
        return Err(not_found());
    }
    let run = chat
        .store
        .run(&id)
        .await
        .map_err(AppError::from)?
        .ok_or_else(not_found)?;
    // Runs are visible only to the owner of the session they belong to.
    chat.own_session(&visitor, &run.sid)
        .await
        .map_err(|_| not_found())?;
    let steps: Vec<_> = chat
        .store
        .steps(&id)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|s| {
            let label = StepKey::ALL
                .get(s.idx)
                .map(|k| k.label())
                .unwrap_or_default();
            json!({ "key": s.key, "label": label, "status": s.status, "detail": s.detail,
                    "cache": s.cache, "updatedAt": s.updated_at, "result": s.result })
        })
        .collect();
    let count = |what: &str| steps.iter().filter(|s| s["cache"] == what).count();
    let cache = json!({ "hits": count("hit"), "misses": count("miss") });
    Ok(Json(json!({
        "id": run.rid,
        "chatSessionId": run.sid,
        "customerId": run.account_id,
        "customerName": run.account_name,
        "status": run.status,
        "estimatedMs": run.estimated_ms,
        "startedAt": run.started_at,
        "finishedAt": run.finished_at,
        "cache": cache,
        "steps": steps,
    }))
    .into_response())
}
