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
        .route("/settings/notion", post(notion))
        .route("/settings/notion/remove", post(remove_notion))
        .route("/settings/slack", post(slack))
        .route("/settings/slack/remove", post(remove_slack))
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

#[derive(Deserialize)]
struct NotionForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    page: String,
}

#[derive(Deserialize)]
struct SlackForm {
    #[serde(default)]
    webhook: String,
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

// Where preps are sent: a signed-in browser only (a leaked API token must not redirect
// the rep's sends to a webhook of its own).

async fn notion(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    Form(f): Form<NotionForm>,
) -> Response {
    match state
        .settings
        .save_notion(&user.uid, &f.token, &f.page)
        .await
    {
        Ok(()) => saved("notion"),
        Err(e) => refused(e.problem()),
    }
}

async fn remove_notion(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
) -> Response {
    match state.settings.remove_notion(&user.uid).await {
        Ok(()) => saved("notion-off"),
        Err(e) => refused(e.problem()),
    }
}

async fn slack(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    Form(f): Form<SlackForm>,
) -> Response {
    match state.settings.save_slack(&user.uid, &f.webhook).await {
        Ok(()) => saved("slack"),
        Err(e) => refused(e.problem()),
    }
}

async fn remove_slack(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
) -> Response {
    match state.settings.remove_slack(&user.uid).await {
        Ok(()) => saved("slack-off"),
        Err(e) => refused(e.problem()),
    }
}

/// A page saying why a form was refused (`status`), with the way back.
pub(super) fn refusal_page(title: &str, why: &str, status: u16, back: (&str, &str)) -> Response {
    let e = app::domain::settings::escape_html;
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} — Dossier</title><link rel=\"stylesheet\" href=\"/pkg/dossier.css\"></head>\
         <body><main><div class=\"access-page\"><h1>{t}</h1>\
         <p class=\"access-error\" role=\"alert\">{w}</p>\
         <p><a href=\"{b}\">{bl}</a></p></div></main></body></html>",
        t = e(title),
        w = e(why),
        b = e(back.0),
        bl = e(back.1),
    );
    let status =
        axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::BAD_REQUEST);
    (status, Html(page)).into_response()
}

/// A page that shows a secret once: never cached, never stored.
pub(super) fn shown_once(title: &str, label: &str, secret: &str, note: &str) -> Response {
    shown_once_then(
        title,
        label,
        secret,
        note,
        ("/settings", "Back to settings"),
    )
}

/// [`shown_once`], with a link back to `back` (its address and words).
pub(super) fn shown_once_then(
    title: &str,
    label: &str,
    secret: &str,
    note: &str,
    back: (&str, &str),
) -> Response {
    let e = app::domain::settings::escape_html;
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} — Dossier</title><link rel=\"stylesheet\" href=\"/pkg/dossier.css\"></head>\
         <body><main><div class=\"access-page\"><h1>{t}</h1>\
         <label class=\"secret\">{l}<input type=\"text\" readonly value=\"{s}\" \
         aria-label=\"{l}\"></label>\
         <p class=\"access-note\">{n}</p>\
         <p><a href=\"{b}\">{bl}</a></p></div></main></body></html>",
        b = e(back.0),
        bl = e(back.1),
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
