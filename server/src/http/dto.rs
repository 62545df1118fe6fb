//! The JSON API's request and response bodies (documented in README.md), and how the chat
//! service's results map to them.

use crate::chat::{Intelligence, OwedAnswer, QuestionAnswered, ResearchStart, RunReport};
use crate::findings::CacheUse;
use crate::store::runs::StepRow;
use app::domain::run::duration_words;
use app::domain::{AccountSummary, Action, RunStatus, SourceRef, StepKey, StepStatus};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    pub query: String,
    #[serde(default)]
    pub limit: Option<usize>,
}

#[derive(Serialize)]
pub struct AccountMatch {
    id: String,
    name: String,
    domain: String,
    industry: String,
    employees: u32,
    location: String,
    label: String,
    /// `demo`, `crm` or `web`.
    origin: &'static str,
}

impl From<AccountSummary> for AccountMatch {
    fn from(a: AccountSummary) -> Self {
        Self {
            label: a.choice_label(),
            origin: a.origin.as_str(),
            id: a.id,
            name: a.name,
            domain: a.domain,
            industry: a.industry,
            employees: a.employees,
            location: a.location,
        }
    }
}

/// `POST /api/accounts`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddAccountRequest {
    pub domain: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// `GET /api/accounts`.
#[derive(Serialize)]
pub struct BookCountsResponse {
    total: usize,
    demo: usize,
}

impl From<crate::book::BookCounts> for BookCountsResponse {
    fn from(c: crate::book::BookCounts) -> Self {
        Self {
            total: c.total,
            demo: c.demo,
        }
    }
}

/// `POST /api/accounts/import?source=salesforce|hubspot|auto&filename=…&preview=true&importId=…&mapping={…}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportQuery {
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub preview: Option<bool>,
    #[serde(default)]
    pub import_id: Option<String>,
    /// JSON: header → field name (`name`, `website` …) or `"ignore"`.
    #[serde(default)]
    pub mapping: Option<String>,
}

impl ImportQuery {
    /// The import these query parameters ask for, over the file's `bytes`.
    pub fn into_request(
        self,
        bytes: axum::body::Bytes,
    ) -> Result<crate::book::ImportRequest, app::error::AppError> {
        Ok(crate::book::ImportRequest {
            options: self.read_options()?,
            bytes,
            file_name: self.filename,
            import_id: self.import_id,
            preview: self.preview.unwrap_or(false),
        })
    }

    /// The reader's options, or what is wrong with the query.
    pub fn read_options(&self) -> Result<crate::book::import::ReadOptions, app::error::AppError> {
        use crate::book::import::columns::{Crm, Field};
        use app::error::AppError;
        let crm = match self.source.as_deref().map(str::trim) {
            None | Some("") | Some("auto") => None,
            Some("salesforce") => Some(Crm::Salesforce),
            Some("hubspot") => Some(Crm::Hubspot),
            Some(other) => {
                return Err(AppError::BadInput(format!(
                    "source must be salesforce, hubspot or auto (not {:?})",
                    other.chars().take(40).collect::<String>()
                )));
            }
        };
        let mut mapping = std::collections::HashMap::new();
        if let Some(raw) = &self.mapping {
            let pairs: std::collections::HashMap<String, String> = serde_json::from_str(raw)
                .map_err(|e| {
                    AppError::BadInput(format!(
                        "mapping must be a JSON object of header to field: {e}"
                    ))
                })?;
            if pairs.len() > crate::book::import::MAX_COLUMNS {
                return Err(AppError::BadInput("mapping has too many columns".into()));
            }
            for (header, field) in pairs {
                let chosen = match field.as_str() {
                    "ignore" | "" => None,
                    f => Some(Field::parse(f).ok_or_else(|| {
                        AppError::BadInput(format!(
                            "mapping: {:?} is not a field (one of {} or ignore)",
                            f.chars().take(40).collect::<String>(),
                            Field::ALL.map(Field::as_str).join(", ")
                        ))
                    })?),
                };
                mapping.insert(header.trim().to_string(), chosen);
            }
        }
        Ok(crate::book::import::ReadOptions { crm, mapping })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IntelligenceRequest {
    pub customer_id: String,
    #[serde(default)]
    pub chat_session_id: Option<String>,
}

/// `202` with a run started, or `200` with a fresh profile.
#[derive(Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum IntelligenceResponse {
    Started {
        execution_id: String,
        estimated_duration: String,
        estimated_ms: u64,
        chat_session_id: String,
    },
    Cached {
        cached: bool,
        chat_session_id: String,
        customer_id: String,
        as_of: i64,
        expires_at: i64,
        profile: Value,
    },
}

impl From<Intelligence> for IntelligenceResponse {
    fn from(i: Intelligence) -> Self {
        match i.start {
            ResearchStart::Started {
                run_id,
                estimated_ms,
                ..
            } => Self::Started {
                execution_id: run_id,
                estimated_duration: duration_words(estimated_ms),
                estimated_ms,
                chat_session_id: i.session_id,
            },
            ResearchStart::Cached { profile, .. } => Self::Cached {
                cached: true,
                chat_session_id: i.session_id,
                customer_id: i.account_id,
                as_of: profile.created_at,
                expires_at: profile.fresh_until,
                profile: serde_json::to_value(&profile.value).unwrap_or_default(),
            },
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionRequest {
    pub question: String,
    pub customer_id: String,
    pub chat_session_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionResponse {
    content: String,
    actions: Vec<ActionDto>,
    sources: Vec<SourceDto>,
    intent: &'static str,
    chat_session_id: String,
    /// The answer is still owed: `content` says what is being collected, and the answer
    /// will be at `GET /api/chat/answers/{answerId}`.
    pending: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer_id: Option<String>,
}

/// `GET /api/chat/answers/{id}?chatSessionId=…`
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerQuery {
    pub chat_session_id: String,
}

/// An owed answer: posted (`pending: false`, with its content) or still owed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwedAnswerResponse {
    answer_id: String,
    chat_session_id: String,
    pending: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<String>,
    actions: Vec<ActionDto>,
    sources: Vec<SourceDto>,
}

impl OwedAnswerResponse {
    pub fn new(answer_id: String, chat_session_id: String, owed: OwedAnswer) -> Self {
        let (pending, message) = match owed {
            OwedAnswer::Posted(m) => (false, Some(m)),
            OwedAnswer::Pending => (true, None),
        };
        Self {
            answer_id,
            chat_session_id,
            pending,
            actions: message
                .iter()
                .flat_map(|m| m.actions.iter().map(ActionDto::from))
                .collect(),
            sources: message
                .iter()
                .flat_map(|m| m.sources.iter().map(SourceDto::from))
                .collect(),
            content: message.map(|m| m.text),
        }
    }
}

#[derive(Serialize)]
struct ActionDto {
    id: String,
    label: String,
    action: &'static str,
}

impl From<&Action> for ActionDto {
    fn from(a: &Action) -> Self {
        Self {
            id: a.id.clone(),
            label: a.label.clone(),
            action: a.action.name(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SourceDto {
    name: String,
    /// Widened as before (`0.8` → `0.800000011920929`): clients compare the same number.
    confidence: f64,
    last_updated: String,
    url: Option<String>,
}

impl From<&SourceRef> for SourceDto {
    fn from(s: &SourceRef) -> Self {
        Self {
            name: s.name.clone(),
            confidence: f64::from(s.confidence),
            last_updated: s.last_updated.clone(),
            url: s.url.clone(),
        }
    }
}

impl From<QuestionAnswered> for QuestionResponse {
    fn from(q: QuestionAnswered) -> Self {
        Self {
            actions: q.answer.actions.iter().map(ActionDto::from).collect(),
            sources: q.answer.sources.iter().map(SourceDto::from).collect(),
            content: q.answer.text,
            intent: q.question.intent.action_name(),
            chat_session_id: q.session_id,
            pending: q.pending.is_some(),
            answer_id: q.pending,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunResponse {
    id: String,
    chat_session_id: String,
    customer_id: String,
    customer_name: String,
    status: RunStatus,
    estimated_ms: u64,
    started_at: i64,
    finished_at: Option<i64>,
    cache: CacheCounts,
    steps: Vec<StepDto>,
}

#[derive(Serialize)]
struct CacheCounts {
    hits: usize,
    misses: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StepDto {
    key: StepKey,
    label: &'static str,
    status: StepStatus,
    detail: Option<String>,
    cache: Option<CacheUse>,
    updated_at: i64,
    result: Option<Value>,
}

impl From<StepRow> for StepDto {
    fn from(s: StepRow) -> Self {
        Self {
            label: s.key.label(),
            key: s.key,
            status: s.status,
            detail: s.detail,
            cache: s.cache,
            updated_at: s.updated_at,
            result: s.result,
        }
    }
}

impl From<RunReport> for RunResponse {
    fn from(report: RunReport) -> Self {
        let cache = CacheCounts {
            hits: report.count(CacheUse::Hit),
            misses: report.count(CacheUse::Miss),
        };
        let run = report.run;
        Self {
            id: run.rid,
            chat_session_id: run.sid,
            customer_id: run.account_id,
            customer_name: run.account_name,
            status: run.status,
            estimated_ms: run.estimated_ms,
            started_at: run.started_at,
            finished_at: run.finished_at,
            cache,
            steps: report.steps.into_iter().map(StepDto::from).collect(),
        }
    }
}

/// `POST /api/auth/signup`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    pub name: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub invite: Option<String>,
}

/// `POST /api/auth/signin`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigninRequest {
    pub email: String,
    pub password: String,
}

/// `POST /api/auth/signout`.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignoutRequest {
    #[serde(default)]
    pub everywhere: bool,
}

/// `POST /api/auth/password`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/tokens`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub name: String,
}

/// Who is signed in (`GET /api/me`, and the sign-up and sign-in answers).
#[derive(Serialize)]
pub struct MeResponse {
    pub id: String,
    pub name: String,
    pub email: String,
    /// The workspace owner (the first account).
    pub owner: bool,
}

impl From<&crate::store::users::UserRow> for MeResponse {
    fn from(u: &crate::store::users::UserRow) -> Self {
        Self {
            id: u.uid.clone(),
            name: u.name.clone(),
            email: u.email.clone(),
            owner: u.owner,
        }
    }
}

/// `POST /api/invites`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteResponse {
    pub url: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// `POST /api/tokens`: the token, shown this once.
#[derive(Serialize)]
pub struct NewTokenResponse {
    pub id: String,
    pub token: String,
}

/// `GET /api/tokens`: a token without its secret.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used: Option<String>,
}

impl From<crate::store::users::TokenRow> for TokenView {
    fn from(t: crate::store::users::TokenRow) -> Self {
        Self {
            id: t.tid,
            name: t.name,
            created_at: rfc3339(t.created_at),
            last_used: t.last_used.map(rfc3339),
        }
    }
}

pub use crate::sources::rfc3339;

/// `GET /api/chats`: one of the rep's chats.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatListItem {
    pub id: String,
    /// `Prep for Acme Corp`, or `New chat` before an account was picked.
    pub title: String,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    /// RFC 3339: the chat's last activity.
    pub updated_at: String,
}

impl From<app::domain::chat_list::ChatEntry> for ChatListItem {
    fn from(e: app::domain::chat_list::ChatEntry) -> Self {
        Self {
            title: e.title(),
            updated_at: rfc3339(e.updated_at_ms),
            id: e.id,
            customer_id: e.customer_id,
            customer_name: e.customer_name,
        }
    }
}
