//! Requests refused before any handler: a state-changing request another site made a
//! browser send (`403`), and a JSON API body that is not JSON (`415`).

use super::AppState;
use super::api_error::error_response;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the browser says another site made this request: `Sec-Fetch-Site: cross-site`,
/// or an `Origin` whose host is neither the one the request was sent to nor the public
/// address's (`DOSSIER_PUBLIC_URL`: a proxy may rewrite `Host`).
pub(super) fn cross_site(headers: &HeaderMap, public_host: Option<&str>) -> bool {
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
    let Some(o) = origin_host else {
        return true; // `Origin: null` (a sandboxed frame, a file)
    };
    let ours = |host: &str| o.eq_ignore_ascii_case(host);
    !(header(HOST.as_str()).is_some_and(ours) || public_host.is_some_and(ours))
}

/// The host (and port) of the public URL `url`.
pub(super) fn host_of(url: &str) -> Option<&str> {
    url.split_once("://").map(|(_, host)| host)
}

/// Middleware: refuse cross-site POST, PUT, PATCH and DELETE.
pub async fn same_site(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let changes = matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    let public_host = state.public_url.as_deref().and_then(host_of);
    if changes && cross_site(req.headers(), public_host) {
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

    fn cross_site_here(h: &HeaderMap) -> bool {
        cross_site(h, None)
    }

    #[test]
    fn behind_a_proxy_the_public_address_is_ours() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://dossier.acme.com"),
        ]);
        assert!(cross_site(&h, None));
        assert!(!cross_site(&h, Some("dossier.acme.com")));
        assert!(cross_site(&h, Some("other.acme.com")));
    }

    #[test]
    fn another_site_is_told_apart_from_this_one() {
        let here = [("host", "dossier.acme.com")];
        assert!(!cross_site_here(&headers(&here)));
        assert!(!cross_site_here(&headers(&[
            ("host", "dossier.acme.com"),
            ("origin", "https://dossier.acme.com")
        ])));
        assert!(!cross_site_here(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(cross_site_here(&headers(&[
            ("host", "dossier.acme.com"),
            ("origin", "https://evil.example")
        ])));
        assert!(cross_site_here(&headers(&[
            ("host", "dossier.acme.com"),
            ("origin", "null")
        ])));
        assert!(cross_site_here(&headers(&[
            ("host", "dossier.acme.com"),
            ("sec-fetch-site", "cross-site")
        ])));
    }
}
