//! `GET /share/{token}` and `/share/{token}.pdf`: a prep opened by its read-only link,
//! signed out — that prep's version and nothing else (no chat, no other prep, no script:
//! the page's policy runs none). An unknown, revoked or expired link: `404`.

use super::AppState;
use super::flood::Kind;
use crate::chat::SharedPrep;
use crate::prep::pdf;
use app::error::AppError;
use axum::Router;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;

/// Nothing runs, nothing is fetched but our styles, nothing is posted.
const SHARE_CSP: &str = "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; \
                         img-src 'self' data:; base-uri 'none'; form-action 'none'; \
                         frame-ancestors 'none'";

pub fn routes() -> Router<AppState> {
    Router::new().route("/share/{file}", get(open))
}

async fn open(
    State(state): State<AppState>,
    Path(file): Path<String>,
    parts: axum::http::request::Parts,
) -> Response {
    let connected = parts.extensions.get::<ConnectInfo<SocketAddr>>().copied();
    let (token, as_pdf) = match file.strip_suffix(".pdf") {
        Some(t) => (t.to_string(), true),
        None => (file, false),
    };
    // Drawing a PDF costs a core for milliseconds: an address gets a few a minute.
    if as_pdf
        && let Some(ConnectInfo(addr)) = connected
        && let Err(wait) = state.floods.check_address(Kind::SharedPdf, addr.ip())
    {
        let secs = wait.as_secs().max(1);
        let mut res = problem(&AppError::TooMany(format!(
            "Too many PDFs from here in a minute. Try again in {secs} s."
        )));
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    let shared = match state.chat.shared_prep(&token).await {
        Ok(s) => s,
        Err(e) => return problem(&e),
    };
    if as_pdf {
        return pdf_of(shared).await;
    }
    let SharedPrep {
        doc,
        newer,
        expires_at,
        from,
    } = shared;
    let until = crate::prep::day(expires_at);
    let page = app::pages::shared_page::shared_document(
        doc,
        newer,
        from,
        until,
        format!("/share/{token}.pdf"),
    );
    let mut res = Html(page).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SHARE_CSP),
    );
    // The link is the secret: never sent on to a source's site.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    res
}

async fn pdf_of(shared: SharedPrep) -> Response {
    let doc = shared.doc;
    let name = format!(
        "meeting-prep-{}-v{}.pdf",
        crate::prep::slug(&doc.account_name),
        doc.version
    );
    match tokio::task::spawn_blocking(move || pdf::one_pager(&doc)).await {
        Ok(Ok(bytes)) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
            res
        }
        _ => {
            tracing::error!("a shared prep's PDF failed");
            problem(&AppError::Internal)
        }
    }
}

/// A plain page saying what is wrong (404 for a link that doesn't work).
fn problem(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = app::domain::settings::escape_html(&e.to_string());
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>Link not found — Dossier</title>\
         <link rel=\"stylesheet\" href=\"/pkg/dossier.css\"></head><body><main>\
         <div class=\"access-page\"><h1>This link doesn't open a prep</h1>\
         <p class=\"access-note\">{text}</p></div></main></body></html>"
    );
    let mut res = (status, Html(page)).into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SHARE_CSP),
    );
    res
}
