//! "Website scan": the technologies a company's own home page shows (its headers, cookies
//! and markup), fingerprinted with our own rules ([`rules`], applied by [`detect`]) over a
//! fetch that cannot reach private addresses ([`crate::sources::net::safe_fetch`]); and,
//! for the company profile, how the page describes the company (its meta description).
//!
//! The page is `https://{domain}/` (or the configured base URL, for tests). Only its first
//! `max_bytes` are read; when the page is longer, technologies seen in the markup say so in
//! their note (one further down the page may be missed).

pub mod about;
pub mod detect;
pub mod markup;
pub mod rules;

use crate::findings::{Collected, Findings, Tech};
use crate::sources::net::safe_fetch::{self, FetchError, FetchPolicy, Page};
use crate::sources::{ErrorKind, ProviderConfig, Source, SourceError, SourcesConfig};
use app::domain::{AccountSummary, StepKey};
use detect::Signals;
use rand::Rng;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The source's name, as on a source badge.
pub const NAME: &str = "Website scan";
const CONFIDENCE: f32 = 0.7;

/// The technologies the company's home page shows, as a source.
pub struct WebsiteTechSource {
    config: ProviderConfig,
    policy: FetchPolicy,
    limit: Semaphore,
}

impl WebsiteTechSource {
    /// The scan with the website settings in `sources`.
    pub fn new(sources: &SourcesConfig) -> Self {
        let config = sources.website.clone();
        Self {
            policy: FetchPolicy {
                allow_private: sources.website_allow_private,
                timeout: config.timeout,
                max_bytes: config.max_bytes,
                user_agent: sources.user_agent.clone(),
            },
            limit: Semaphore::new(config.concurrency.max(1)),
            config,
        }
    }

    /// The page to scan for `account`.
    fn url_for(&self, account: &AccountSummary) -> Result<String, SourceError> {
        if !self.config.base_url.is_empty() {
            return Ok(format!("{}/", self.config.base_url.trim_end_matches('/')));
        }
        let domain = account
            .domain
            .trim()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let ok = !domain.is_empty()
            && domain.len() <= 253
            && domain.contains('.')
            && domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !ok {
            return Err(err(
                ErrorKind::Rejected,
                "the company has no usable web address",
            ));
        }
        Ok(format!("https://{domain}/"))
    }

    /// Fetch with retries on timeouts, connection failures and 5xx answers.
    async fn fetch_with_retries(&self, url: &str) -> Result<Page, SourceError> {
        let mut attempt = 0;
        loop {
            let result = safe_fetch::fetch(url, &self.policy)
                .await
                .map_err(fetch_error)
                .and_then(check_page);
            match result {
                Err(e) if e.kind.is_retriable() && attempt < self.config.retries => {
                    let base = self.config.backoff.saturating_mul(1 << attempt.min(6));
                    let jitter = rand::rng().random_range(0..=base.as_millis() as u64 / 2);
                    tokio::time::sleep(base + Duration::from_millis(jitter)).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }
}

fn err(kind: ErrorKind, message: impl Into<String>) -> SourceError {
    SourceError::new(NAME, kind, message)
}

fn fetch_error(e: FetchError) -> SourceError {
    match e {
        FetchError::Blocked => err(ErrorKind::Rejected, "refused to fetch a private address"),
        FetchError::InvalidUrl(why) => err(
            ErrorKind::Rejected,
            format!("refused to fetch the address ({why})"),
        ),
        FetchError::TooManyRedirects => err(
            ErrorKind::Rejected,
            format!(
                "the website redirected more than {} times",
                safe_fetch::MAX_REDIRECTS
            ),
        ),
        FetchError::BadRedirect => err(ErrorKind::Malformed, "the website sent a broken redirect"),
        FetchError::Timeout => err(ErrorKind::Timeout, "the website did not answer in time"),
        FetchError::Unresolved => err(
            ErrorKind::NotFound,
            "the website's address could not be found",
        ),
        FetchError::Connect => err(ErrorKind::Unavailable, "the website could not be reached"),
    }
}

/// A page we can scan, or why not.
fn check_page(page: Page) -> Result<Page, SourceError> {
    let status = page.status;
    let kind_message = match status {
        200..=299 => None,
        404 | 410 => Some((ErrorKind::NotFound, "the website has no home page")),
        401 | 403 => Some((ErrorKind::Rejected, "the website refused our visit")),
        429 => Some((ErrorKind::RateLimited, "the website asked us to slow down")),
        500..=599 => Some((ErrorKind::Unavailable, "the website answered with an error")),
        _ => Some((
            ErrorKind::Rejected,
            "the website did not return its home page",
        )),
    };
    if let Some((kind, message)) = kind_message {
        return Err(err(kind, format!("{message} (HTTP {status})")));
    }
    if !page.is_html() {
        return Err(err(
            ErrorKind::Malformed,
            "the home page is not an HTML page",
        ));
    }
    Ok(page)
}

/// The technologies on `page`, as facts pointing at source 0.
pub fn technologies(page: &Page, max_bytes: usize) -> Vec<Tech> {
    let body = page.body.as_deref().unwrap_or("");
    let found = detect::detect(&Signals {
        headers: &page.headers,
        cookies: &page.cookies,
        body,
    });
    found
        .into_iter()
        .map(|d| {
            let note = if d.from_body && page.truncated {
                format!(
                    "{} (scanned the first {} of the page)",
                    d.note,
                    size(max_bytes)
                )
            } else {
                d.note
            };
            Tech {
                name: d.name.to_string(),
                category: d.category.to_string(),
                note: Some(note),
                src: 0,
            }
        })
        .collect()
}

fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{} KB", (bytes / 1_000).max(1))
    }
}

// The `Source` shape every provider shares (name, steps, collect); only `collect` differs.
#[async_trait::async_trait]
impl Source for WebsiteTechSource {
    fn name(&self) -> &str {
        NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::Tech, StepKey::Company]
    }

    async fn collect(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let url = self.url_for(account)?;
        let _permit = self
            .limit
            .acquire()
            .await
            .map_err(|_| err(ErrorKind::Unavailable, "the website scan is shutting down"))?;
        let page = self.fetch_with_retries(&url).await?;
        let data = match step {
            StepKey::Company => Collected::Company {
                company: vec![about::self_description(&page, &account.domain)],
            },
            _ => Collected::Tech {
                tech: technologies(&page, self.config.max_bytes),
            },
        };
        Ok(Findings::from_source(
            data,
            crate::sources::source_ref(
                NAME,
                CONFIDENCE,
                crate::sources::today_iso(),
                Some(page.url.to_string()),
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(domain: &str) -> AccountSummary {
        AccountSummary {
            id: "acme".into(),
            name: "Acme".into(),
            domain: domain.into(),
            industry: "Software".into(),
            employees: 10,
            location: "Berlin, Germany".into(),
            origin: Default::default(),
        }
    }

    #[test]
    fn the_home_page_address_comes_from_the_domain() {
        let source = WebsiteTechSource::new(&SourcesConfig::default());
        assert_eq!(
            source.url_for(&account("acme.com")).unwrap(),
            "https://acme.com/"
        );
        assert_eq!(
            source.url_for(&account(" Acme.COM. ")).unwrap(),
            "https://acme.com/"
        );
        for bad in [
            "",
            "localhost",
            "acme.com/path",
            "evil.com@127.0.0.1",
            "a b.com",
            "acme.com:8080",
        ] {
            let e = source.url_for(&account(bad)).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Rejected, "{bad}");
        }
        let mut config = SourcesConfig::default();
        config.website.base_url = "http://127.0.0.1:9".into();
        let source = WebsiteTechSource::new(&config);
        assert_eq!(
            source.url_for(&account("acme.com")).unwrap(),
            "http://127.0.0.1:9/"
        );
    }

    #[test]
    fn failures_read_as_plain_words() {
        let e = fetch_error(FetchError::Blocked);
        assert_eq!(
            e.to_string(),
            "Website scan: refused to fetch a private address"
        );
        assert_eq!(e.kind, ErrorKind::Rejected);
        assert_eq!(
            fetch_error(FetchError::TooManyRedirects).kind,
            ErrorKind::Rejected
        );
        assert_eq!(fetch_error(FetchError::Timeout).kind, ErrorKind::Timeout);
        assert_eq!(
            fetch_error(FetchError::Connect).kind,
            ErrorKind::Unavailable
        );
    }

    #[test]
    fn sizes_read_as_plain_words() {
        assert_eq!(size(5_000_000), "5 MB");
        assert_eq!(size(200_000), "200 KB");
        assert_eq!(size(10), "1 KB");
    }
}
