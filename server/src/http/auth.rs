//! Accounts and sign-in over HTTP (documented in README.md): `POST /api/auth/signup`,
//! `/signin`, `/signout`, `/password`, `GET /api/me`, `POST /api/invites`,
//! `GET|POST /api/tokens`, `DELETE /api/tokens/{id}`. The session cookie is set and
//! cleared here; who a request is comes from [`Caller`].

use super::AppState;
use super::api_error::{error_response, parse_body};
use super::dto::{
    InviteResponse, MeResponse, NewTokenResponse, PasswordRequest, SigninRequest, SignoutRequest,
    SignupRequest, TokenRequest, TokenView, rfc3339,
};
use super::identity::{ByToken, SignedIn};
use crate::auth::{AuthError, NewSession, Signup};
use crate::store::users::UserRow;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts, Path, State};
use axum::http::header::{COOKIE, HOST, RETRY_AFTER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use std::net::{IpAddr, SocketAddr};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "dossier_session";
/// How long a browser keeps the cookie (the server ends idle sessions after 30 days).
const COOKIE_MAX_AGE_SECS: u64 = 30 * 24 * 3600;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/auth/signup", post(signup))
        .route("/api/auth/signin", post(signin))
        .route("/api/auth/signout", post(signout))
        .route("/api/auth/password", post(change_password))
        .route("/api/me", get(me))
        .route("/api/invites", post(invite))
        .route("/api/tokens", post(create_token).get(tokens))
        .route("/api/tokens/{id}", delete(revoke_token))
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let status = match &self {
            AuthError::Field(_) => StatusCode::BAD_REQUEST,
            AuthError::EmailTaken => StatusCode::CONFLICT,
            AuthError::InviteNeeded | AuthError::SignupClosed | AuthError::BadInvite => {
                StatusCode::FORBIDDEN
            }
            AuthError::WrongCredentials | AuthError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AuthError::NotFound => StatusCode::NOT_FOUND,
            AuthError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            AuthError::Store(e) => {
                tracing::error!(error = %e, "auth store failed");
                return error_response(
                    StatusCode::SERVICE_UNAVAILABLE,
                    &app::error::AppError::Unavailable.to_string(),
                );
            }
        };
        let mut res = error_response(status, &self.to_string());
        if let AuthError::TooManyAttempts(wait) = self
            && let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string())
        {
            res.headers_mut().insert(RETRY_AFTER, v);
        }
        res
    }
}

/// The signed-in user a request comes from (by its session cookie or its bearer token,
/// as [`super::identity::identify`] found it); `401` when there is none.
pub struct Caller(pub UserRow);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        match parts.extensions.get::<SignedIn>() {
            Some(SignedIn(user)) => Ok(Caller(user.clone())),
            None => Err(AuthError::NotSignedIn.into_response()),
        }
    }
}

/// Like [`Caller`], but only from a signed-in browser: an API token cannot make tokens or
/// invites or change the password (a leaked token must not outlive its revocation). `403`
/// for a token.
pub struct BrowserCaller(pub UserRow);

impl<S: Send + Sync> FromRequestParts<S> for BrowserCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        if parts.extensions.get::<ByToken>().is_some() {
            return Err(error_response(
                StatusCode::FORBIDDEN,
                "Do this signed in, in the browser: an API token cannot.",
            ));
        }
        Caller::from_request_parts(parts, state)
            .await
            .map(|Caller(u)| BrowserCaller(u))
    }
}

/// The session cookie's value, if the request carries one.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.trim())
}

/// The `Set-Cookie` that hands a device its session (`Secure` behind https).
pub fn set_session(state: &AppState, value: &str) -> HeaderValue {
    session_header(state, value, COOKIE_MAX_AGE_SECS)
}

/// The `Set-Cookie` that removes the session from a device.
pub fn clear_session(state: &AppState) -> HeaderValue {
    session_header(state, "", 0)
}

fn session_header(state: &AppState, value: &str, max_age: u64) -> HeaderValue {
    let secure = if state
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"))
    {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&cookie).expect("a cookie of hex characters")
}

/// Signing in or up on a device ends the session it carried (another user's, say).
pub async fn end_previous(state: &AppState, headers: &HeaderMap) {
    if let Some(cookie) = session_cookie(headers)
        && let Err(e) = state.auth.sign_out(cookie, false).await
    {
        tracing::warn!(error = %e, "the previous session could not be ended");
    }
}

/// The signed-in answer: who, with the cookie for this device.
fn signed_in(state: &AppState, status: StatusCode, s: NewSession) -> Response {
    let mut res = (status, Json(MeResponse::from(&s.user))).into_response();
    res.headers_mut()
        .append(SET_COOKIE, set_session(state, &s.cookie));
    res
}

/// The address a request came from (the TCP peer; a proxy's headers are not trusted).
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(a)| a.ip()),
        ))
    }
}

async fn signup(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    let req: SignupRequest = parse_body(&body).map_err(IntoResponse::into_response)?;
    end_previous(&state, &headers).await;
    let s = state
        .auth
        .sign_up(Signup {
            name: req.name,
            email: req.email,
            password: req.password,
            invite: req.invite,
        })
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(signed_in(&state, StatusCode::CREATED, s))
}

async fn signin(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    let req: SigninRequest = parse_body(&body).map_err(IntoResponse::into_response)?;
    end_previous(&state, &headers).await;
    let s = state
        .auth
        .sign_in(&req.email, &req.password, ip)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(signed_in(&state, StatusCode::OK, s))
}

async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    let req: SignoutRequest = if body.iter().all(u8::is_ascii_whitespace) {
        SignoutRequest::default()
    } else {
        parse_body(&body).map_err(IntoResponse::into_response)?
    };
    if let Some(cookie) = session_cookie(&headers) {
        state
            .auth
            .sign_out(cookie, req.everywhere)
            .await
            .map_err(IntoResponse::into_response)?;
    }
    let mut res = Json(serde_json::json!({ "signedOut": true })).into_response();
    res.headers_mut().append(SET_COOKIE, clear_session(&state));
    Ok(res)
}

async fn change_password(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    body: Bytes,
) -> Result<Response, Response> {
    let req: PasswordRequest = parse_body(&body).map_err(IntoResponse::into_response)?;
    let s = state
        .auth
        .change_password(&user, &req.current_password, &req.new_password)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(signed_in(&state, StatusCode::OK, s))
}

async fn me(Caller(user): Caller) -> Json<MeResponse> {
    Json(MeResponse::from(&user))
}

async fn invite(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    headers: HeaderMap,
) -> Result<Json<InviteResponse>, AuthError> {
    let new = state.auth.invite(&user).await?;
    Ok(Json(InviteResponse {
        url: format!("{}/signup?invite={}", base_url(&state, &headers), new.code),
        expires_at: rfc3339(new.expires_at),
    }))
}

async fn create_token(
    State(state): State<AppState>,
    BrowserCaller(user): BrowserCaller,
    body: Bytes,
) -> Result<Response, Response> {
    let req: TokenRequest = parse_body(&body).map_err(IntoResponse::into_response)?;
    let t = state
        .auth
        .create_token(&user, &req.name)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((
        StatusCode::CREATED,
        Json(NewTokenResponse {
            id: t.id,
            token: t.token,
        }),
    )
        .into_response())
}

async fn tokens(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Json<Vec<TokenView>>, AuthError> {
    let rows = state.auth.tokens(&user).await?;
    Ok(Json(rows.into_iter().map(TokenView::from).collect()))
}

async fn revoke_token(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AuthError> {
    if state.auth.revoke_token(&user, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AuthError::NotFound)
    }
}

/// The address users reach: `DOSSIER_PUBLIC_URL`, else this request's host.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    crate::sharing::base_url(
        state.public_url.as_deref(),
        headers.get(HOST).and_then(|h| h.to_str().ok()),
    )
}
