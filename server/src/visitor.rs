//! The visitor cookie: a random id that owns the visitor's chats. Set on first contact,
//! HttpOnly, and put in each request's extensions as [`app::ports::Visitor`].

use app::ports::Visitor;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::middleware::Next;
use axum::response::Response;

pub const COOKIE_NAME: &str = "dossier_visitor";

/// A well-formed visitor id: 32 lower-case hex characters.
pub fn valid_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The visitor id in a `Cookie` header, if any and well formed.
pub fn from_cookie_header(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE_NAME)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| valid_id(v))
}

/// Middleware: find or issue the visitor id.
pub async fn ensure_visitor(mut req: Request, next: Next) -> Response {
    let existing = req
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(from_cookie_header);
    let (id, fresh) = match existing {
        Some(id) => (id, false),
        None => (crate::random_id(16), true),
    };
    req.extensions_mut().insert(Visitor(id.clone()));
    let mut res = next.run(req).await;
    if fresh {
        let cookie =
            format!("{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_well_formed_ids() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            from_cookie_header(&format!("a=b; {COOKIE_NAME}={id}")),
            Some(id.into())
        );
        assert_eq!(from_cookie_header(&format!("{COOKIE_NAME}=nope")), None);
        assert_eq!(
            from_cookie_header(&format!("{COOKIE_NAME}={}", id.to_uppercase())),
            None
        );
        assert_eq!(
            from_cookie_header(&format!("{COOKIE_NAME}='; DROP TABLE x")),
            None
        );
        assert_eq!(from_cookie_header(""), None);
    }
}
