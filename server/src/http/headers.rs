//! Headers on every answer: nothing is sniffed, framed or leaks a referrer elsewhere, and
//! nothing personal is cached — every page and API answer is `no-store`; only the static
//! files (the WASM bundle, styles, icons) may be kept. A page's Content-Security-Policy
//! (with the nonce of its inline scripts) is set where it is rendered (`app::shell`); any
//! other answer gets a strict one.

use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// What an answer that sets no policy of its own gets: nothing runs, nothing frames it.
const STRICT_CSP: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
                          base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Files anyone may cache: they hold nothing personal.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/")
        || matches!(
            path,
            "/icon.svg" | "/manifest.webmanifest" | "/offline.html"
        )
}

/// Middleware: the headers above.
pub async fn secure(req: Request, next: Next) -> Response {
    let cacheable = is_static(req.uri().path());
    let mut res = next.run(req).await;
    add(res.headers_mut(), cacheable);
    res
}

fn add(h: &mut HeaderMap, cacheable: bool) {
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(REFERRER_POLICY) {
        h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    }
    if !h.contains_key(CONTENT_SECURITY_POLICY) {
        h.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_CSP),
        );
    }
    if !cacheable {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_answers_are_never_stored_and_static_files_may_be() {
        let mut page = HeaderMap::new();
        add(&mut page, false);
        assert_eq!(page[CACHE_CONTROL], "no-store");
        assert_eq!(page[X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(
            page[CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        let mut file = HeaderMap::new();
        file.insert(CACHE_CONTROL, HeaderValue::from_static("max-age=60"));
        add(&mut file, true);
        assert_eq!(file[CACHE_CONTROL], "max-age=60");
        assert!(is_static("/pkg/dossier_bg.wasm"));
        assert!(!is_static("/"));
        assert!(!is_static("/settings"));
        assert!(!is_static("/api/me"));
        assert!(!is_static("/sw.js"), "the worker is always fetched fresh");
    }
}
