//! Gives server-function errors the right HTTP status: server_fn answers every error with
//! 500, so the error body (an [`AppError`]) decides instead. Applied as a response layer,
//! because leptos_axum registers each server function's route itself.

use app::error::AppError;
use axum::body::{Body, to_bytes};
use axum::http::StatusCode;
use axum::response::Response;

/// Error bodies are small; anything bigger is passed through untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn status_from_error_body(res: Response) -> Response {
    let is_fn_error = res.status() == StatusCode::INTERNAL_SERVER_ERROR
        && res
            .headers()
            .contains_key(server_fn::error::SERVER_FN_ERROR_HEADER);
    if !is_fn_error {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
