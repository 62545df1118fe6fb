//! Requests refused before any handler: a state-changing request another site made a
//! browser send (`403`), and a JSON API body that is not JSON (`415`).

use super::api_error::error_response;
use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the browser says another site made this request: `Sec-Fetch-Site: cross-site`,
/// or an `Origin` whose host is not the one the request was sent to.
fn cross_site(headers: &HeaderMap) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if header("sec-fetch-site").is_some_and(|s| s.eq_ignore_ascii_case("cross-site")) {
        return true;
    }
    let Some(origin) = header(ORIGIN.as_str()) else {
        return false; // scripts and old browsers send none; the cookie is SameSite=Lax
    };
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, header(HOST.as_str())) {
        (Some(o), Some(host)) => !o.eq_ignore_ascii_case(host),
        _ => true, // `Origin: null` (a sandboxed frame, a file) or no Host
    }
}

/// Middleware: refuse cross-site POST, PUT, PATCH and DELETE.
pub async fn same_site(req: Request, next: Next) -> Response {
    let changes = matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if changes && cross_site(req.headers()) {
        return error_response(
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused.",
        );
    }
    next.run(req).await
}

/// Middleware for the JSON API: a request with a body must send it as `application/json`.
pub async fn json_only(req: Request, next: Next) -> Response {
    let has_body = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|n| n != "0")
        || req
            .headers()
            .contains_key(axum::http::header::TRANSFER_ENCODING);
    let json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| ct.split(';').next().unwrap_or("").trim())
        .is_some_and(|essence| essence.eq_ignore_ascii_case("application/json"));
    if has_body && !json {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the body as JSON with Content-Type: application/json.",
        );
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn another_site_is_told_apart_from_this_one() {
        let here = [("host", "dossier.acme.com")];
        assert!(!cross_site(&headers(&here)));
        assert!(!cross_site(&headers(&[
            ("host", "dossier.acme.com"),
            ("origin", "https://dossier.acme.com")
        ])));
        assert!(!cross_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(cross_site(&headers(&[
            ("host", "dossier.acme.com"),
            ("origin", "https://evil.example")
        ])));
        assert!(cross_site(&headers(&[
            ("host", "dossier.acme.com"),
            ("origin", "null")
        ])));
        assert!(cross_site(&headers(&[
            ("host", "dossier.acme.com"),
            ("sec-fetch-site", "cross-site")
        ])));
    }
}
