//! The settings page's forms, as plain HTML form posts (they work before the WASM arrives
//! or without JavaScript): each answers `303` back to `/settings` with what was saved
//! (`?saved=company`) or the problem's code (`?error=line-name&section=products&line=3`).
//! A new API token or invite link is shown once, on a page of its own that is not cached.
//! Tokens, invites and passwords are for a signed-in browser only (an API token gets `403`).

use super::AppState;
use super::auth::{BrowserCaller, base_url, set_session};
use super::identity::{SignedIn, redirect};
use crate::auth::AuthError;
use app::domain::settings::{CompanyText, MAX_COMPANY_BYTES, SettingsProblem};
use axum::extract::{DefaultBodyLimit, Form, State};
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings/profile", post(profile))
        .route("/settings/company", post(company))
        .route("/settings/company/reset", post(reset_company))
        .route("/settings/password", post(password))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/revoke", post(revoke_token))
        .route("/settings/invite", post(invite))
        // Form-encoded, a character is up to 12 bytes (`%F0%9F%9A%80`).
        .layer(DefaultBodyLimit::max(3 * MAX_COMPANY_BYTES + 4096))
}

#[derive(Deserialize)]
struct ProfileForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    purpose: String,
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct IdForm {
    #[serde(default)]
    id: String,
}

/// Back to the settings page, saying what was saved.
fn saved(what: &str) -> Response {
    redirect(&format!("/settings?saved={what}"))
}

/// Back to the settings page with the problem.
fn refused(p: SettingsProblem) -> Response {
    redirect(&format!("/settings?{}", p.query()))
}

async fn profile(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Form(f): Form<ProfileForm>,
) -> Response {
    match state
        .settings
        .set_persona(&user.uid, &f.role, &f.purpose)
        .await
    {
        Ok(_) => saved("profile"),
        Err(e) => refused(e.problem()),
    }
}

async fn company(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
    Form(f): Form<CompanyText>,
) -> Response {
    match state.settings.save_company(&user.uid, &f).await {
        Ok(()) => saved("company"),
        Err(e) => refused(e.problem()),
    }
}

async fn reset_company(
    State(state): State<AppState>,
    Extension(SignedIn(user)): Extension<SignedIn>,
) -> Response {
    match state.settings.reset_company(&user.uid).await {
        Ok(()) => saved("reset"),
        Err(e) => refused(e.problem()),
    }
}

/// The settings page's name for an auth problem.
fn auth_problem(e: &AuthError) -> SettingsProblem {
    match e {
        AuthError::WrongCredentials => SettingsProblem::WrongPassword,
        AuthError::Field(_) => SettingsProblem::NewPassword,
        AuthError::TooManyAttempts(_) => SettingsProblem::TooManyAttempts,
        AuthError::Store(err) => {
            tracing::error!(error = %err, "auth store failed");
            SettingsProblem::Unavailable
        }
        _ => SettingsProblem::Unavailable,
    }
}

async fn password(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    Form(f): Form<PasswordForm>,
) -> Response {
    match state
        .auth
        .change_password(&user, &f.current, &f.password)
        .await
    {
        Ok(s) => {
            let mut res = saved("password");
            res.headers_mut()
                .append(SET_COOKIE, set_session(&state, &s.cookie));
            res
        }
        Err(e) => refused(auth_problem(&e)),
    }
}

async fn create_token(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    Form(f): Form<NameForm>,
) -> Response {
    match state.auth.create_token(&user, &f.name).await {
        Ok(t) => shown_once(
            "Your new API token",
            &format!("Token “{}”", f.name.trim()),
            &t.token,
            "Copy it now: it is not shown again. Send it as \
             `Authorization: Bearer …` to the JSON API; revoke it on the settings page.",
        ),
        Err(AuthError::Field(_)) => refused(SettingsProblem::TokenName),
        Err(e) => refused(auth_problem(&e)),
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    Form(f): Form<IdForm>,
) -> Response {
    match state.auth.revoke_token(&user, &f.id).await {
        // Already gone (another tab revoked it): the page shows it is gone either way.
        Ok(_) => saved("revoked"),
        Err(e) => refused(auth_problem(&e)),
    }
}

async fn invite(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    headers: HeaderMap,
) -> Response {
    match state.auth.invite(&user).await {
        Ok(new) => {
            let url = format!("{}/signup?invite={}", base_url(&state, &headers), new.code);
            shown_once(
                "Invite a teammate",
                "Invite link",
                &url,
                "Send this link to one teammate: it creates one account and expires in 7 days.",
            )
        }
        Err(e) => refused(auth_problem(&e)),
    }
}

/// A page that shows a secret once: never cached, never stored.
fn shown_once(title: &str, label: &str, secret: &str, note: &str) -> Response {
    let e = app::domain::settings::escape_html;
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} — Dossier</title><link rel=\"stylesheet\" href=\"/pkg/dossier.css\"></head>\
         <body><main><div class=\"access-page\"><h1>{t}</h1>\
         <label class=\"secret\">{l}<input type=\"text\" readonly value=\"{s}\" \
         aria-label=\"{l}\"></label>\
         <p class=\"access-note\">{n}</p>\
         <p><a href=\"/settings\">Back to settings</a></p></div></main></body></html>",
        t = e(title),
        l = e(label),
        s = e(secret),
        n = e(note),
    );
    let mut res = Html(page).into_response();
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
