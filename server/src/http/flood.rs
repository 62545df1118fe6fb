//! Floods: research starts, questions, new chats and imports are limited per user and per
//! client address (governor's keyed limiters: a burst of the per-minute allowance, refilled
//! evenly), so one rep or one script cannot make the server call every provider a thousand
//! times. Over the limit: `429` with `Retry-After` and a sentence saying when to try again.

use super::AppState;
use super::api_error::error_response;
use super::identity::SignedIn;
use crate::config::FloodLimits;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

/// What a request costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Starts research: it may call every provider.
    Research,
    /// Asks a question or sends a message (it may query providers live).
    Question,
    /// Makes a new chat.
    Chat,
    /// Imports or syncs accounts.
    Import,
    /// Sends a prep out (email, Slack, Notion), or makes a share link: what could make
    /// Dossier a relay for mail nobody asked for.
    Send,
    /// A shared prep's PDF drawn for a signed-out visitor (by address only:
    /// [`SHARED_PDFS_PER_MIN`]).
    SharedPdf,
}

/// How many shared-prep PDFs one address may have drawn a minute.
pub const SHARED_PDFS_PER_MIN: u32 = 30;

impl Kind {
    /// The kind of a request, by method and path (None: not limited here).
    pub fn of(method: &Method, path: &str) -> Option<Kind> {
        if method != Method::POST {
            return None;
        }
        if is_send(path) {
            return Some(Kind::Send);
        }
        Some(match path {
            "/api/intelligence/customer" | "/api/chat/choose" | "/api/chat/research_domain" => {
                Kind::Research
            }
            "/api/chat/question" | "/api/chat/ask" | "/api/chat/send" | "/chat/send" => {
                Kind::Question
            }
            "/api/chat/new" => Kind::Chat,
            "/api/accounts/import" | "/api/accounts/sync" | "/api/book/sync_hubspot" => {
                Kind::Import
            }
            _ => return None,
        })
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Send => "sends",
            Kind::SharedPdf => "PDFs",
            Kind::Research => "research starts",
            Kind::Question => "questions",
            Kind::Chat => "new chats",
            Kind::Import => "imports",
        }
    }
}

/// A send of a prep or a new share link, by the API, a form or a server function:
/// `/api/preps/{id}/send`, `/preps/{id}/share`, `…/sends/{send}/retry`, `/api/prep/send` …
fn is_send(path: &str) -> bool {
    let under_prep = path.starts_with("/api/preps/") || path.starts_with("/preps/");
    let segments: Vec<&str> = path.split('/').collect();
    let retry =
        segments.len() >= 3 && segments[segments.len() - 3] == "sends" && path.ends_with("/retry");
    under_prep && (path.ends_with("/send") || path.ends_with("/share") || retry)
        || matches!(
            path,
            "/api/prep/send" | "/api/prep/resend" | "/api/prep/share"
        )
}

/// One keyed limiter per kind and per key (user or address).
pub struct Floods {
    limiters: Vec<(Kind, DefaultKeyedRateLimiter<String>)>,
    clock: DefaultClock,
}

/// A quota of `per_minute` (at least 1), spent at once or spread over the minute.
fn quota(per_minute: u32) -> Quota {
    let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n)
}

impl Floods {
    pub fn new(limits: &FloodLimits) -> Self {
        let l = |kind, per_minute| (kind, RateLimiter::keyed(quota(per_minute)));
        Self {
            limiters: vec![
                l(Kind::Research, limits.research_per_min),
                l(Kind::Question, limits.questions_per_min),
                l(Kind::Chat, limits.chats_per_min),
                l(Kind::Import, limits.imports_per_min),
                l(Kind::Send, limits.sends_per_min),
                l(Kind::SharedPdf, SHARED_PDFS_PER_MIN),
            ],
            clock: DefaultClock::default(),
        }
    }

    /// Count one request of `kind` by user `uid` from `ip`; how long to wait when over.
    /// An address gets four times a user's allowance (a team behind one office address).
    pub fn check(&self, kind: Kind, uid: &str, ip: Option<IpAddr>) -> Result<(), Duration> {
        let Some((_, limiter)) = self.limiters.iter().find(|(k, _)| *k == kind) else {
            return Ok(());
        };
        let now = self.clock.now();
        let wait = |e: governor::NotUntil<_>| e.wait_time_from(now).max(Duration::from_secs(1));
        limiter.check_key(&format!("u:{uid}")).map_err(wait)?;
        if let Some(ip) = ip {
            for i in 0..4 {
                match limiter.check_key(&format!("ip{i}:{ip}")) {
                    Ok(()) => return Ok(()),
                    Err(e) if i == 3 => return Err(wait(e)),
                    Err(_) => {}
                }
            }
        }
        Ok(())
    }

    /// Count one request of `kind` from `ip` alone (a signed-out visitor); how long to wait
    /// when over.
    pub fn check_address(&self, kind: Kind, ip: IpAddr) -> Result<(), Duration> {
        let Some((_, limiter)) = self.limiters.iter().find(|(k, _)| *k == kind) else {
            return Ok(());
        };
        let now = self.clock.now();
        limiter
            .check_key(&format!("ip:{ip}"))
            .map_err(|e| e.wait_time_from(now).max(Duration::from_secs(1)))
    }

    /// Forget keys that are back to full (called now and then).
    pub fn tidy(&self) {
        for (_, l) in &self.limiters {
            l.retain_recent();
        }
    }
}

/// Middleware: refuse a limited request over its allowance.
pub async fn limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(kind) = Kind::of(req.method(), req.uri().path()) else {
        return next.run(req).await;
    };
    let Some(SignedIn(user)) = req.extensions().get::<SignedIn>() else {
        return next.run(req).await; // refused as signed out further in
    };
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    match state.floods.check(kind, &user.uid, ip) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let secs = wait.as_secs().max(1);
            tracing::warn!(kind = ?kind, uid = %user.uid, "flood limit reached");
            let text = format!(
                "Too many {} in a minute. Try again in {secs} s.",
                kind.noun()
            );
            let path = req.uri().path();
            let mut res = if path == "/chat/send" {
                // The plain form: back to the chat, which says why.
                super::identity::redirect("/?error=limit")
            } else if path.starts_with("/preps/") {
                // A prep's plain form: the sentence on a page, and the way back.
                super::settings_forms::refusal_page(
                    "Too many at once",
                    &text,
                    429,
                    ("/chats", "Back to your preps"),
                )
            } else if path.starts_with("/api/chat/") && path != "/api/chat/question"
                || path.starts_with("/api/book/")
                || path.starts_with("/api/prep/")
            {
                // A server function: its error type, so the page shows the sentence.
                let body =
                    serde_json::to_string(&app::error::AppError::TooMany(text)).unwrap_or_default();
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    body,
                )
                    .into_response()
            } else {
                error_response(StatusCode::TOO_MANY_REQUESTS, &text)
            };
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                res.headers_mut().insert(RETRY_AFTER, v);
            }
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(n: u32) -> FloodLimits {
        FloodLimits {
            research_per_min: n,
            questions_per_min: n,
            chats_per_min: n,
            imports_per_min: n,
            sends_per_min: n,
        }
    }

    #[test]
    fn requests_are_limited_by_kind() {
        let post = Method::POST;
        assert_eq!(
            Kind::of(&post, "/api/intelligence/customer"),
            Some(Kind::Research)
        );
        assert_eq!(Kind::of(&post, "/chat/send"), Some(Kind::Question));
        assert_eq!(Kind::of(&post, "/api/chat/new"), Some(Kind::Chat));
        assert_eq!(Kind::of(&post, "/api/accounts/import"), Some(Kind::Import));
        for send in [
            "/api/preps/prep-1/send",
            "/preps/prep-1/send",
            "/api/preps/prep-1/share",
            "/preps/prep-1/share",
            "/api/preps/prep-1/sends/send-1/retry",
            "/preps/prep-1/sends/send-1/retry",
            "/api/prep/send",
            "/api/prep/resend",
            "/api/prep/share",
        ] {
            assert_eq!(Kind::of(&post, send), Some(Kind::Send), "{send}");
        }
        assert_eq!(
            Kind::of(&Method::DELETE, "/api/preps/prep-1/share"),
            None,
            "stopping is free"
        );
        assert_eq!(Kind::of(&post, "/preps/prep-1/unshare"), None);
        assert_eq!(Kind::of(&Method::GET, "/api/intelligence/customer"), None);
        assert_eq!(
            Kind::of(&post, "/api/chat/events"),
            None,
            "catching up is free"
        );
    }

    #[test]
    fn a_user_over_the_allowance_waits_and_others_do_not() {
        let floods = Floods::new(&limits(5));
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        for _ in 0..5 {
            assert!(floods.check(Kind::Research, "u1", Some(ip)).is_ok());
        }
        let wait = floods.check(Kind::Research, "u1", Some(ip)).unwrap_err();
        assert!(wait >= Duration::from_secs(1) && wait <= Duration::from_secs(60));
        assert!(
            floods.check(Kind::Question, "u1", Some(ip)).is_ok(),
            "another kind"
        );
        assert!(
            floods.check(Kind::Research, "u2", Some(ip)).is_ok(),
            "another user"
        );
    }

    #[test]
    fn one_address_gets_four_users_worth() {
        let floods = Floods::new(&limits(2));
        let ip: IpAddr = "203.0.113.10".parse().unwrap();
        let ok = (0..40)
            .filter(|i| {
                floods
                    .check(Kind::Chat, &format!("user{i}"), Some(ip))
                    .is_ok()
            })
            .count();
        assert_eq!(ok, 8);
    }
}
