//! The sign-in pages' forms, as plain HTML form posts (they work before the WASM arrives):
//! `POST /auth/signup`, `/auth/signin`, `/auth/signout`. Each answers `303`: to the chat
//! with the session cookie, or back to its page with the problem's code.

use super::AppState;
use super::auth::{ClientIp, clear_session, end_previous, session_cookie, set_session};
use super::identity::redirect;
use crate::auth::{AuthError, NewSession, Signup};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use axum::routing::post;
use serde::Deserialize;

/// The largest form body (a name, an email, a password of at most 1 KB, an invite code).
const MAX_FORM_BYTES: usize = 8 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/signup", post(signup))
        .route("/auth/signin", post(signin))
        .route("/auth/signout", post(signout))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
}

#[derive(Deserialize)]
struct SignupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    invite: String,
}

#[derive(Deserialize)]
struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
struct SignoutForm {
    #[serde(default)]
    everywhere: Option<String>,
}

/// To the chat, signed in on this device.
fn to_chat(state: &AppState, s: NewSession) -> Response {
    let mut res = redirect("/");
    res.headers_mut()
        .append(SET_COOKIE, set_session(state, &s.cookie));
    res
}

/// Back to `page` with the problem's code (and the invite, so the link still works).
fn back(page: &str, e: &AuthError, invite: Option<&str>) -> Response {
    if let AuthError::Store(err) = e {
        tracing::error!(error = %err, "auth store failed");
    }
    let code = e.problem().code();
    match invite.filter(|i| crate::auth::secret::well_formed(i)) {
        Some(i) => redirect(&format!("{page}?error={code}&invite={i}")),
        None => redirect(&format!("{page}?error={code}")),
    }
}

async fn signup(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SignupForm>,
) -> Response {
    let invite = Some(f.invite.trim().to_string()).filter(|i| !i.is_empty());
    end_previous(&state, &headers).await;
    let asked = Signup {
        name: f.name,
        email: f.email,
        password: f.password,
        invite: invite.clone(),
    };
    match state.auth.sign_up(asked).await {
        Ok(s) => to_chat(&state, s),
        Err(e) => back("/signup", &e, invite.as_deref()),
    }
}

async fn signin(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<SigninForm>,
) -> Response {
    end_previous(&state, &headers).await;
    match state.auth.sign_in(&f.email, &f.password, ip).await {
        Ok(s) => to_chat(&state, s),
        Err(e) => back("/signin", &e, None),
    }
}

async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SignoutForm>,
) -> Response {
    if let Some(cookie) = session_cookie(&headers)
        && let Err(e) = state.auth.sign_out(cookie, f.everywhere.is_some()).await
    {
        return back("/signin", &e, None);
    }
    let mut res = redirect("/signin");
    res.headers_mut().append(SET_COOKIE, clear_session(&state));
    res
}
