//! Fetch one public web page without letting it reach into our own network (SSRF).
//!
//! Every hop (the first request and each redirect) is vetted the same way:
//! - only `http` and `https`, no user name or password in the URL, and (unless private
//!   addresses are allowed) only the default ports 80 and 443;
//! - the host is resolved here, with [`tokio::net::lookup_host`], and the fetch is refused
//!   if *any* resolved address is not a public unicast address ([`is_public_ip`]);
//! - the request then connects to exactly those vetted addresses: the client gets them as
//!   DNS overrides and its own resolver refuses every other name, and proxies are off, so a
//!   second, different DNS answer (DNS rebinding) can never be used.
//!
//! Redirects are followed by hand, at most [`MAX_REDIRECTS`] of them. One deadline
//! (`timeout`) covers the whole fetch: lookups, every hop and the body. The body is read
//! as a stream and cut at `max_bytes`: the rest is never read (the connection is dropped),
//! and the cut page is still analysed ([`Page::truncated`] says so). Only HTML bodies (or
//! bodies without a content type) are read at all; no compression is asked for, so the
//! bytes read are the bytes analysed.

mod address;
mod page;
mod pinned;
#[cfg(test)]
mod tests;

pub use address::{Target, is_public_ip, vet_url};
pub use page::cut;

use page::{is_html_type, read_page};
use pinned::{client_for, resolve};
use reqwest::Url;
use reqwest::header::LOCATION;
use std::time::Duration;
use tokio::time::Instant;

/// The most redirects followed before the fetch is refused.
pub const MAX_REDIRECTS: usize = 5;

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchPolicy {
    /// Let the fetch reach private, loopback and link-local addresses, and any port.
    /// Tests only.
    pub allow_private: bool,
    /// The deadline for the whole fetch, redirects and body included.
    pub timeout: Duration,
    /// The body is cut after this many bytes.
    pub max_bytes: usize,
    pub user_agent: String,
}

/// The page at the end of the redirects.
#[derive(Clone, Debug)]
pub struct Page {
    /// The URL of the page (after redirects).
    pub url: Url,
    pub status: u16,
    /// Response headers: lower-case name, value (lossy UTF-8, cut at 1 KB).
    pub headers: Vec<(String, String)>,
    /// The names of the cookies the page sets.
    pub cookies: Vec<String>,
    /// The `Content-Type` essence (`text/html`), lower case, when given.
    pub content_type: Option<String>,
    /// The body (lossy UTF-8), read only for a successful HTML page; `None` otherwise.
    pub body: Option<String>,
    /// The body was longer than `max_bytes` and was cut there.
    pub truncated: bool,
}

impl Page {
    /// A 2xx answer.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// HTML, or no content type at all (then we look anyway).
    pub fn is_html(&self) -> bool {
        is_html_type(self.content_type.as_deref())
    }
}

/// Why a fetch gave no page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an http(s) URL we are willing to fetch (scheme, credentials, port, no host).
    #[error("not a fetchable web address: {0}")]
    InvalidUrl(&'static str),
    /// The host is or resolves to a private, loopback, link-local or otherwise non-public
    /// address.
    #[error("refused to fetch a private address")]
    Blocked,
    #[error("too many redirects")]
    TooManyRedirects,
    /// A redirect without a usable `Location`.
    #[error("a broken redirect")]
    BadRedirect,
    #[error("timed out")]
    Timeout,
    /// The name did not resolve.
    #[error("the address could not be found")]
    Unresolved,
    /// Connection, TLS or protocol failure.
    #[error("the connection failed")]
    Connect,
}

/// Fetch `url`, following redirects, under `policy`.
pub async fn fetch(url: &str, policy: &FetchPolicy) -> Result<Page, FetchError> {
    let deadline = Instant::now() + policy.timeout;
    match tokio::time::timeout_at(deadline, fetch_inner(url, policy)).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout),
    }
}

async fn fetch_inner(url: &str, policy: &FetchPolicy) -> Result<Page, FetchError> {
    let mut url = Url::parse(url).map_err(|_| FetchError::InvalidUrl("unparsable"))?;
    let mut redirects = 0;
    loop {
        let target = vet_url(&url, policy.allow_private)?;
        let addrs = resolve(&target, policy.allow_private).await?;
        let client = client_for(&target, &addrs, policy)?;
        let response = client
            .get(url.clone())
            .header(
                reqwest::header::ACCEPT,
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            )
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    FetchError::Timeout
                } else {
                    FetchError::Connect
                }
            })?;
        let status = response.status();
        if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
            if redirects >= MAX_REDIRECTS {
                return Err(FetchError::TooManyRedirects);
            }
            redirects += 1;
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or(FetchError::BadRedirect)?;
            url = url.join(location).map_err(|_| FetchError::BadRedirect)?;
            continue;
        }
        return read_page(url, response, policy.max_bytes).await;
    }
}
