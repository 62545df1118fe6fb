//! The HTTP layer every network provider uses: one client per provider with its base URL,
//! user agent, timeout, retry policy, size limit and a cap on requests in flight.
//!
//! Failures become [`SourceError`]s whose messages a rep can read: they name what went
//! wrong (`rate limited (HTTP 429), retried 2 times`) and never quote a response body, a
//! URL (which may carry a key) or the key itself.

use crate::sources::{ErrorKind, ProviderConfig, SourceError};
use futures::StreamExt;
use rand::Rng;
use reqwest::{Method, StatusCode, header};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::Semaphore;

/// The longest backoff between two attempts, whatever the configuration says.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// One provider's HTTP client. Cheap to clone; clones share the concurrency limit, so two
/// sources on one provider (SerpAPI news and jobs) share its budget.
#[derive(Clone)]
pub struct Http {
    /// The provider's name in error messages.
    name: String,
    config: Arc<ProviderConfig>,
    client: reqwest::Client,
    permits: Arc<Semaphore>,
}

/// One request: a path under the base URL, query parameters, extra headers and an
/// optional JSON body. Not `Debug`: its query or headers may hold a key.
pub struct Request<'a> {
    /// The HTTP method.
    pub method: Method,
    /// The path under the provider's base URL.
    pub path: &'a str,
    /// Query parameters, in order.
    pub query: Vec<(&'a str, String)>,
    /// Extra request headers.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, for a POST.
    pub json: Option<serde_json::Value>,
}

impl<'a> Request<'a> {
    /// A GET of `path`.
    pub fn get(path: &'a str) -> Self {
        Self {
            method: Method::GET,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            json: None,
        }
    }

    /// A POST of `body` to `path`.
    pub fn post(path: &'a str, body: serde_json::Value) -> Self {
        Self {
            method: Method::POST,
            json: Some(body),
            ..Self::get(path)
        }
    }

    /// Add the query parameter `name=value`.
    pub fn query(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// Add the header `name: value`.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// A response body that fitted the size limit, and its content type.
#[derive(Debug)]
pub struct Body {
    /// The body as sent.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, when given.
    pub content_type: Option<String>,
}

/// One failed attempt: the error, and how long the provider asked us to wait.
struct Failure {
    kind: ErrorKind,
    message: String,
    retry_after: Option<Duration>,
}

impl Failure {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            retry_after: None,
        }
    }
}

/// Follow at most 5 redirects, and only within the host first asked: an API key in a
/// header (Apollo's `x-api-key`) must never travel to another host.
fn same_host_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt
            .previous()
            .first()
            .and_then(|u| u.host_str().map(String::from));
        let same = first.as_deref() == attempt.url().host_str();
        if attempt.previous().len() > 5 || !same {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

impl Http {
    /// A client for the provider `name` (as the rep sees it) with `config`'s settings.
    pub fn new(name: &str, config: &ProviderConfig, user_agent: &str) -> Self {
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(config.timeout)
            .redirect(same_host_redirects())
            .build()
            .expect("the HTTP client's TLS backend initialises");
        Self {
            name: name.to_string(),
            config: Arc::new(config.clone()),
            client,
            permits: Arc::new(Semaphore::new(config.concurrency.max(1))),
        }
    }

    /// The same client (sharing its concurrency limit) under another provider name.
    pub fn named(&self, name: &str) -> Self {
        Self {
            name: name.to_string(),
            ..self.clone()
        }
    }

    /// The provider's name, as errors name it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The provider's settings.
    pub fn config(&self) -> &ProviderConfig {
        &self.config
    }

    /// An error from this provider.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>) -> SourceError {
        SourceError::new(self.name.clone(), kind, message)
    }

    /// Send `req` and decode the JSON answer into `T`.
    pub async fn json<T: DeserializeOwned>(&self, req: Request<'_>) -> Result<T, SourceError> {
        let body = self.send(req).await?;
        self.decode(&body.bytes)
    }

    /// Decode a JSON body into `T`; Malformed (without quoting the body) when it is not.
    pub fn decode<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, SourceError> {
        serde_json::from_slice(bytes)
            .map_err(|e| self.error(ErrorKind::Malformed, json_problem(bytes, &e)))
    }

    /// Send `req`, retrying transient failures, and return the body.
    pub async fn send(&self, req: Request<'_>) -> Result<Body, SourceError> {
        let mut retried = 0u32;
        loop {
            let outcome = {
                let _permit = self.permits.acquire().await.map_err(|_| {
                    self.error(ErrorKind::Unavailable, "the client is shutting down")
                })?;
                match tokio::time::timeout(self.config.timeout, self.attempt(&req)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Failure::new(
                        ErrorKind::Timeout,
                        format!("no answer within {}", short_duration(self.config.timeout)),
                    )),
                }
            };
            let failure = match outcome {
                Ok(body) => return Ok(body),
                Err(f) => f,
            };
            if let Some(wait) = failure.retry_after
                && wait > self.config.max_retry_after
            {
                return Err(self.error(
                    ErrorKind::RateLimited,
                    format!(
                        "rate limited (HTTP 429); the provider asks to wait {}, try again after that",
                        short_duration(wait)
                    ),
                ));
            }
            let retriable = if self.config.idempotent {
                failure.kind.is_retriable()
            } else {
                failure.kind == ErrorKind::RateLimited
            };
            if !retriable || retried >= self.config.retries {
                let message = match retried {
                    0 => failure.message,
                    1 => format!("{}, retried once", failure.message),
                    n => format!("{}, retried {n} times", failure.message),
                };
                return Err(self.error(failure.kind, message));
            }
            let wait = failure.retry_after.unwrap_or_else(|| {
                backoff_delay(self.config.backoff, retried, rand::rng().random::<f64>())
            });
            tracing::debug!(
                provider = %self.name,
                attempt = retried + 1,
                wait_ms = wait.as_millis() as u64,
                reason = %failure.message,
                "retrying"
            );
            tokio::time::sleep(wait).await;
            retried += 1;
        }
    }

    /// One attempt: send, map the status, read the body within the size limit.
    async fn attempt(&self, req: &Request<'_>) -> Result<Body, Failure> {
        let url = format!("{}{}", self.config.base_url, req.path);
        let mut builder = self.client.request(req.method.clone(), &url);
        if !req.query.is_empty() {
            builder = builder.query(&req.query);
        }
        for (name, value) in &req.headers {
            builder = builder.header(*name, value);
        }
        if let Some(body) = &req.json {
            builder = builder.json(body);
        }
        let response = builder
            .send()
            .await
            .map_err(|e| self.transport_failure(&e))?;
        let status = response.status();
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            let (kind, message) = status_failure(status, self.config.key.is_some());
            return Err(Failure {
                kind,
                message,
                retry_after: if kind.is_retriable() {
                    retry_after
                } else {
                    None
                },
            });
        }
        let limit = self.config.max_bytes;
        if let Some(len) = response.content_length()
            && len > limit as u64
        {
            return Err(too_large(limit));
        }
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase);
        let mut bytes = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| self.transport_failure(&e))?;
            if bytes.len() + chunk.len() > limit {
                return Err(too_large(limit));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Body {
            bytes,
            content_type,
        })
    }

    /// A transport error in words, without its URL (which may hold a key).
    fn transport_failure(&self, e: &reqwest::Error) -> Failure {
        if e.is_timeout() {
            Failure::new(
                ErrorKind::Timeout,
                format!("no answer within {}", short_duration(self.config.timeout)),
            )
        } else if e.is_connect() && is_name_lookup_failure(e) {
            Failure::new(
                ErrorKind::Offline,
                "offline: the provider's address could not be looked up",
            )
        } else if e.is_connect() {
            Failure::new(ErrorKind::Unavailable, "could not connect")
        } else if e.is_redirect() {
            Failure::new(ErrorKind::Rejected, "too many redirects")
        } else if e.is_body() || e.is_decode() {
            Failure::new(
                ErrorKind::Unavailable,
                "the connection broke while reading the answer",
            )
        } else if e.is_builder() {
            Failure::new(
                ErrorKind::Rejected,
                "the request could not be built (check the base URL)",
            )
        } else {
            Failure::new(
                ErrorKind::Unavailable,
                "the request failed before an answer arrived",
            )
        }
    }
}

/// Whether a connect error is a failed DNS lookup (no network, or no such host).
fn is_name_lookup_failure(e: &reqwest::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        let text = err.to_string();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return true;
        }
        source = err.source();
    }
    false
}

fn too_large(limit: usize) -> Failure {
    Failure::new(
        ErrorKind::TooLarge,
        format!("the answer is larger than the {} limit", bytes_words(limit)),
    )
}

/// What a non-success status means, in words.
pub fn status_failure(status: StatusCode, keyed: bool) -> (ErrorKind, String) {
    let code = status.as_u16();
    match code {
        401 | 403 if keyed => (
            ErrorKind::Unauthorized,
            format!("the API key was refused (HTTP {code}); check it and its plan"),
        ),
        401 | 403 => (
            ErrorKind::Unauthorized,
            format!("access refused (HTTP {code})"),
        ),
        404 | 410 => (ErrorKind::NotFound, format!("not found (HTTP {code})")),
        408 => (
            ErrorKind::Timeout,
            format!("the provider timed out (HTTP {code})"),
        ),
        429 => (
            ErrorKind::RateLimited,
            format!("rate limited (HTTP {code})"),
        ),
        500..=599 => (ErrorKind::Unavailable, format!("unavailable (HTTP {code})")),
        300..=399 => (
            ErrorKind::Rejected,
            format!("unexpected redirect (HTTP {code})"),
        ),
        _ => (
            ErrorKind::Rejected,
            format!("request refused (HTTP {code})"),
        ),
    }
}

/// `Retry-After` as a wait: delay-seconds (`120`) or an HTTP date (in the past → zero).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The wait before retry number `attempt + 1`: `base * 2^attempt` (at most 30 s), with
/// "equal jitter": between half of that and all of it, `jitter` in `0.0..1.0` picking where.
pub fn backoff_delay(base: Duration, attempt: u32, jitter: f64) -> Duration {
    let exp = base
        .checked_mul(1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX))
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF);
    let half = exp / 2;
    half + half.mul_f64(jitter.clamp(0.0, 1.0))
}

/// Why `bytes` is not the JSON we expected, without quoting it.
fn json_problem(bytes: &[u8], e: &serde_json::Error) -> String {
    let start = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if start == Some(b'<') {
        return "answered with a web page instead of data".into();
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return "answered with an empty body".into();
    }
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => "not valid JSON",
        Category::Data => "JSON of an unexpected shape",
    };
    format!(
        "could not read the answer: {what} (line {}, column {})",
        e.line(),
        e.column()
    )
}

/// `8 s`, `250 ms`, `2 min`.
pub fn short_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 120_000 {
        let s = d.as_secs_f64();
        if (s - s.round()).abs() < 0.05 {
            format!("{} s", s.round() as u64)
        } else {
            format!("{s:.1} s")
        }
    } else if ms < 7_200_000 {
        format!("{} min", d.as_secs().div_ceil(60))
    } else {
        format!("{} h", d.as_secs().div_ceil(3_600))
    }
}

/// `5 MB`, `800 kB`, `900 bytes`.
fn bytes_words(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{} MB", n / 1_000_000)
    } else if n >= 1_000 {
        format!("{} kB", n / 1_000)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests;
