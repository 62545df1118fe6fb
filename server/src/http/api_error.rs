//! JSON errors for the API: `{"error": "..."}` with the status the error maps to.

use app::error::AppError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An API error response.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(json!({ "error": self.0.to_string() }))).into_response()
    }
}

impl From<app::domain::query::TextError> for ApiError {
    fn from(e: app::domain::query::TextError) -> Self {
        ApiError(e.into())
    }
}

/// A JSON error with a status no [`AppError`] maps to (413, 415).
pub fn error_response(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// Parse a JSON body, with an error that says what is wrong.
pub fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(
            AppError::BadInput("The request body is empty; send a JSON object.".into()).into(),
        );
    }
    serde_json::from_slice(body)
        .map_err(|e| AppError::BadInput(format!("Malformed JSON: {e}")).into())
}
