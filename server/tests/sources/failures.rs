//! The failure matrix, run against the SerpAPI news source, a job board (Greenhouse) and
//! Wikidata: what the rep sees when a provider misbehaves, and how many requests it took.

use crate::*;
use app::domain::StepKey;
use serde_json::{Value, json};
use server::findings::Findings;
use server::sources::ErrorKind;
use server::sources::net::http::Request as HttpRequest;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

/// Text planted in error bodies; it must never reach the rep.
const BODY_MARKER: &str = "SECRET-BODY-TEXT";

/// A provider under test.
pub struct Target {
    pub name: &'static str,
    pub keyed: bool,
    pub step: StepKey,
    pub build: fn(&ProviderConfig) -> Box<dyn Source>,
    /// Mocks for a successful collection whose first fact carries `text`.
    pub success: fn(&str) -> Vec<Mock>,
    /// The texts a rep would read from the facts (titles, descriptions).
    pub texts: fn(&Findings) -> Vec<String>,
    /// Is this request the collection's first call (the one the failures hit)?
    pub first: fn(&wiremock::Request) -> bool,
    /// An error the provider sends with HTTP 200, and the kind it must become.
    pub error_body: fn() -> Value,
    pub error_kind: ErrorKind,
}

pub fn serpapi_news() -> Target {
    Target {
        name: "Google News (SerpAPI)",
        keyed: true,
        step: StepKey::News,
        build: |c| Box::new(crate::serpapi_news::source(c)),
        success: crate::serpapi_news::mocks,
        texts: |f| news(f).iter().map(|i| i.title.clone()).collect(),
        first: |_| true,
        error_body: || {
            json!({"search_metadata": {"id": "x", "status": "Error"},
                   "error": format!("We couldn't get valid results for this search. {BODY_MARKER}")})
        },
        error_kind: ErrorKind::Malformed,
    }
}

pub fn greenhouse() -> Target {
    Target {
        name: "Greenhouse",
        keyed: false,
        step: StepKey::Hiring,
        build: |c| Box::new(crate::greenhouse::source(c)),
        success: crate::greenhouse::mocks,
        texts: |f| jobs(f).iter().map(|j| j.title.clone()).collect(),
        first: |_| true,
        error_body: || json!({"status": 500, "error": format!("Internal error {BODY_MARKER}")}),
        error_kind: ErrorKind::Malformed,
    }
}

pub fn wikidata() -> Target {
    Target {
        name: "Wikidata + Wikipedia",
        keyed: false,
        step: StepKey::Company,
        build: |c| Box::new(crate::wikidata::source(c)),
        success: crate::wikidata::mocks,
        texts: |f| {
            company(f)
                .iter()
                .filter_map(|c| c.description.clone())
                .collect()
        },
        first: |r| {
            r.url
                .query_pairs()
                .any(|(k, v)| k == "action" && v == "wbsearchentities")
        },
        error_body: || {
            json!({"error": {"code": "internal_api_error_DBQueryError",
                             "info": format!("A database query error has occurred. {BODY_MARKER}")},
                   "servedby": "mw-api-ext.eqiad.main-1"})
        },
        error_kind: ErrorKind::Malformed,
    }
}

async fn start(t: &Target, mocks: Vec<Mock>) -> MockServer {
    let server = MockServer::start().await;
    for m in mocks {
        m.mount(&server).await;
    }
    let _ = t;
    server
}

async fn run(t: &Target, c: &ProviderConfig) -> Result<Findings, SourceError> {
    let source = (t.build)(c);
    source.collect(t.step, &acme()).await
}

async fn first_calls(t: &Target, server: &MockServer) -> usize {
    let all = server.received_requests().await.unwrap();
    all.iter().filter(|r| (t.first)(r)).count()
}

fn assert_clean(t: &Target, e: &SourceError) {
    let shown = e.to_string();
    assert!(shown.starts_with(&format!("{}: ", t.name)), "{shown}");
    assert!(
        !shown.contains(BODY_MARKER),
        "a response body leaked: {shown}"
    );
    assert!(!shown.contains(KEY), "the key leaked: {shown}");
    assert!(!shown.contains("127.0.0.1"), "a URL leaked: {shown}");
}

pub async fn error_body_behind_a_200(t: &Target) {
    let server = start(t, vec![]).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json((t.error_body)()))
        .mount(&server)
        .await;
    let e = run(t, &config(&server, t.keyed)).await.unwrap_err();
    assert_eq!(e.kind, t.error_kind, "{e}");
    assert_clean(t, &e);
    assert_eq!(first_calls(t, &server).await, 1, "not retried");
}

pub async fn unauthorized_is_not_retried(t: &Target) {
    let server = start(t, vec![]).await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": format!("Invalid API key. {BODY_MARKER}")})),
        )
        .mount(&server)
        .await;
    let e = run(t, &config(&server, t.keyed)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    assert!(e.message.contains("HTTP 401"), "{e}");
    assert_clean(t, &e);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

pub async fn retry_after_is_honoured(t: &Target) {
    let server = start(t, (t.success)("Acme Corp raises $50M Series C")).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let f = run(t, &config(&server, t.keyed)).await.unwrap();
    assert!(!(t.texts)(&f).is_empty());
    assert_eq!(first_calls(t, &server).await, 2);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}, not the second asked for",
        started.elapsed()
    );
}

pub async fn a_long_retry_after_fails_fast(t: &Target) {
    let server = start(t, (t.success)("never reached")).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .with_priority(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let e = run(t, &config(&server, t.keyed)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(e.kind, ErrorKind::RateLimited);
    assert_eq!(
        e.message,
        "rate limited (HTTP 429); the provider asks to wait 2 min, try again after that"
    );
    assert_eq!(first_calls(t, &server).await, 1);
}

pub async fn two_503s_then_success(t: &Target) {
    let server = start(t, (t.success)("Acme Corp raises $50M Series C")).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    let f = run(t, &config(&server, t.keyed)).await.unwrap();
    assert!(!(t.texts)(&f).is_empty());
    assert_eq!(first_calls(t, &server).await, 3);
}

pub async fn server_errors_forever(t: &Target) {
    let server = start(t, vec![]).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_string(BODY_MARKER))
        .mount(&server)
        .await;
    let e = run(t, &config(&server, t.keyed)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unavailable);
    assert_eq!(e.message, "unavailable (HTTP 500), retried 2 times");
    assert_clean(t, &e);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "retries + 1"
    );
}

pub async fn a_slow_provider_times_out(t: &Target) {
    let server = start(t, vec![]).await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json((t.error_body)())
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    let mut c = config(&server, t.keyed);
    c.timeout = Duration::from_millis(150);
    c.retries = 1;
    let started = Instant::now();
    let e = run(t, &c).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1_500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(e.message, "no answer within 150 ms, retried once");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

pub async fn malformed_json(t: &Target) {
    let server = start(t, vec![]).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!(r#"{{"{BODY_MARKER}": [1, 2, {{"title": "#),
            "application/json",
        ))
        .mount(&server)
        .await;
    let e = run(t, &config(&server, t.keyed)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.starts_with("could not read the answer"), "{e}");
    assert_clean(t, &e);
    assert_eq!(first_calls(t, &server).await, 1, "not retried");
}

pub async fn a_huge_answer_is_refused(t: &Target) {
    let server = start(t, vec![]).await;
    let huge = vec![b' '; 50 * 1024 * 1024];
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(huge, "application/json"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let e = run(t, &config(&server, t.keyed)).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.message, "the answer is larger than the 1 MB limit");
    assert_eq!(first_calls(t, &server).await, 1, "not retried");
}

pub async fn hostile_text_stays_text(t: &Target) {
    let hostile = "<script>alert('x')</script>\u{7}Acme\u{202E} \n\t news\u{0}";
    let server = start(t, (t.success)(hostile)).await;
    let f = run(t, &config(&server, t.keyed)).await.unwrap();
    let texts = (t.texts)(&f);
    assert_eq!(
        texts.first().map(String::as_str),
        Some("<script>alert('x')</script>Acme news"),
        "markup kept literally; control and bidi characters stripped"
    );
}

macro_rules! matrix {
    ($module:ident) => {
        mod $module {
            #[tokio::test]
            async fn an_error_body_behind_a_200() {
                super::error_body_behind_a_200(&super::$module()).await
            }
            #[tokio::test]
            async fn unauthorized_is_not_retried() {
                super::unauthorized_is_not_retried(&super::$module()).await
            }
            #[tokio::test]
            async fn retry_after_is_honoured() {
                super::retry_after_is_honoured(&super::$module()).await
            }
            #[tokio::test]
            async fn a_long_retry_after_fails_fast() {
                super::a_long_retry_after_fails_fast(&super::$module()).await
            }
            #[tokio::test]
            async fn two_503s_then_success() {
                super::two_503s_then_success(&super::$module()).await
            }
            #[tokio::test]
            async fn server_errors_forever() {
                super::server_errors_forever(&super::$module()).await
            }
            #[tokio::test]
            async fn a_slow_provider_times_out() {
                super::a_slow_provider_times_out(&super::$module()).await
            }
            #[tokio::test]
            async fn malformed_json() {
                super::malformed_json(&super::$module()).await
            }
            #[tokio::test]
            async fn a_huge_answer_is_refused() {
                super::a_huge_answer_is_refused(&super::$module()).await
            }
            #[tokio::test]
            async fn hostile_text_stays_text() {
                super::hostile_text_stays_text(&super::$module()).await
            }
        }
    };
}

matrix!(serpapi_news);
matrix!(greenhouse);
matrix!(wikidata);

#[tokio::test]
async fn absurdly_long_titles_are_cut() {
    let t = serpapi_news();
    let server = start(&t, (t.success)(&"Acme ".repeat(2_000))).await;
    let f = run(&t, &config(&server, true)).await.unwrap();
    let title = &news(&f)[0].title;
    assert_eq!(title.chars().count(), 300);
    assert!(title.ends_with('…'));
}

/// Counts requests in flight: each arrival adds one, and a timer removes it shortly
/// before its (delayed) response is sent.
struct InFlight {
    now: Arc<AtomicUsize>,
    max: Arc<AtomicUsize>,
}

const HOLD: Duration = Duration::from_millis(150);

impl Respond for InFlight {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let n = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(n, Ordering::SeqCst);
        let now = self.now.clone();
        std::thread::spawn(move || {
            std::thread::sleep(HOLD);
            now.fetch_sub(1, Ordering::SeqCst);
        });
        ResponseTemplate::new(200)
            .set_body_json(json!({"ok": true}))
            .set_delay(HOLD + Duration::from_millis(100))
    }
}

#[tokio::test]
async fn at_most_the_configured_requests_are_in_flight() {
    let server = MockServer::start().await;
    let now = Arc::new(AtomicUsize::new(0));
    let max = Arc::new(AtomicUsize::new(0));
    Mock::given(any())
        .respond_with(InFlight {
            now: now.clone(),
            max: max.clone(),
        })
        .mount(&server)
        .await;
    let mut c = config(&server, false);
    c.concurrency = 2;
    c.timeout = Duration::from_secs(5);
    let client = http("Greenhouse", &c);
    // Two sources on one provider share its limit.
    let other = client.named("Lever");
    let calls = (0..6).map(|i| {
        let h = if i % 2 == 0 {
            client.clone()
        } else {
            other.clone()
        };
        async move { h.json::<Value>(HttpRequest::get("/slow")).await }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(server.received_requests().await.unwrap().len(), 6);
    assert_eq!(
        max.load(Ordering::SeqCst),
        2,
        "two at a time: never more, and not one by one either"
    );
}

/// A chunked answer with no Content-Length that never ends is cut off at the limit,
/// not buffered: the server gets to write only a little of its 50 MB.
#[tokio::test]
async fn an_endless_stream_is_cut_off_at_the_limit() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let written = Arc::new(AtomicUsize::new(0));
    let w = written.clone();
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let mut head = Vec::new();
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = sock.read(&mut buf).await.unwrap();
            if n == 0 {
                return;
            }
            head.extend_from_slice(&buf[..n]);
        }
        let header = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if sock.write_all(header.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b' '; 64 * 1024];
        while w.load(Ordering::SeqCst) < 50 * 1024 * 1024 {
            let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
            frame.extend_from_slice(&chunk);
            frame.extend_from_slice(b"\r\n");
            if sock.write_all(&frame).await.is_err() {
                return;
            }
            w.fetch_add(chunk.len(), Ordering::SeqCst);
        }
    });
    let mut c = ProviderConfig::new(&format!("http://{addr}"));
    c.timeout = Duration::from_secs(5);
    c.retries = 0;
    c.max_bytes = 1_000_000;
    let started = Instant::now();
    let e = http("Google News RSS", &c)
        .send(HttpRequest::get("/rss/search"))
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(
        e.to_string(),
        "Google News RSS: the answer is larger than the 1 MB limit"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let sent = written.load(Ordering::SeqCst);
    assert!(
        sent < 20 * 1024 * 1024,
        "the client kept reading: {sent} bytes"
    );
}

/// A host whose name cannot be looked up (`.invalid` never resolves, RFC 6761) is what a
/// machine without internet sees for every provider: the step says "offline" at once,
/// without retries.
#[tokio::test]
async fn an_unresolvable_host_is_offline_and_not_retried() {
    use server::sources::ErrorKind;
    use server::sources::net::http::Request;
    let mut c = server::sources::ProviderConfig::new("http://dossier-test-host.invalid");
    c.retries = 5;
    c.backoff = std::time::Duration::from_secs(5);
    let started = std::time::Instant::now();
    let Err(err) = crate::http("Wikidata", &c)
        .send(Request::get("/w/api.php"))
        .await
    else {
        panic!("no such host answered");
    };
    assert_eq!(err.kind, ErrorKind::Offline, "{err}");
    assert_eq!(
        err.to_string(),
        "Wikidata: offline: the provider's address could not be looked up"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "a retry would have waited 5 s"
    );
}
