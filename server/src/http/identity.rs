//! Who each request is, before any handler runs: the user of its session cookie or its
//! `Authorization: Bearer` token, put in the request's extensions ([`SignedIn`], and
//! [`Visitor`] — the owner id chats, runs and preps belong to).
//!
//! Without one, a request creates nothing: the JSON API and the server functions answer
//! `401`, a page redirects to sign-in (or to "Create your account" on a fresh install), and
//! only the sign-in pages, their forms, the health check, read-only share links
//! (`/share/{token}`, which show one prep and nothing else) and static files are served.

use super::AppState;
use super::auth::session_cookie;
use crate::auth::AuthError;
use crate::store::users::UserRow;
use app::ports::Visitor;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The signed-in user of a request.
#[derive(Clone, Debug)]
pub struct SignedIn(pub UserRow);

/// Marks a request identified by an API token rather than a browser session.
#[derive(Clone, Copy, Debug)]
pub struct ByToken;

/// What a request may reach without signing in.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/api/health"
            | "/api/auth/signup"
            | "/api/auth/signin"
            | "/api/auth/signout"
            | "/signin"
            | "/signup"
            | "/auth/signin"
            | "/auth/signup"
            | "/auth/signout"
    ) || path.starts_with("/share/")
}

/// The app's pages (what a signed-out visitor is sent to sign in from).
fn is_page(path: &str) -> bool {
    matches!(
        path,
        "/" | "/accounts" | "/chats" | "/chat/send" | "/prep/pin"
    ) || path == "/settings"
        || path.starts_with("/settings/")
        || path.starts_with("/preps/")
}

/// The bearer token of an `Authorization` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The user the request's token or session cookie names, if any, and whether by a token.
async fn user_of(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(UserRow, bool)>, AuthError> {
    if let Some(token) = bearer(headers) {
        return Ok(state.auth.by_token(token).await?.map(|u| (u, true)));
    }
    match session_cookie(headers) {
        Some(cookie) => Ok(state.auth.by_cookie(cookie).await?.map(|u| (u, false))),
        None => Ok(None),
    }
}

/// Middleware: identify the caller, or keep a signed-out request to what it may reach.
pub async fn identify(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let user = match user_of(&state, req.headers()).await {
        Ok(user) => user,
        Err(e) => return e.into_response(),
    };
    if let Some((user, by_token)) = user {
        req.extensions_mut().insert(Visitor(user.uid.clone()));
        req.extensions_mut().insert(SignedIn(user));
        if by_token {
            req.extensions_mut().insert(ByToken);
        }
        return next.run(req).await;
    }
    let path = req.uri().path();
    if is_public(path) {
        next.run(req).await
    } else if path.starts_with("/api/") {
        AuthError::NotSignedIn.into_response()
    } else if is_page(path) {
        let to = match state.auth.first_run().await {
            Ok(true) => "/signup",
            _ => "/signin",
        };
        redirect(to)
    } else {
        // Static files (the WASM bundle, styles, icons) and "page not found".
        next.run(req).await
    }
}

/// `303 See Other` to `to` (a path of ours).
pub fn redirect(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(LOCATION, v);
    }
    res
}
