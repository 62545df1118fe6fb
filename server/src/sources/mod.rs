//! Where facts come from: one [`Source`] per provider.
//!
//! A source serves one or more collection steps and returns [`Findings`]: facts with the
//! source record they came from. Sources are off unless configured ([`SourcesConfig`]),
//! except the built-in demo source (the default) and the keyless network sources when the
//! user enables them.
//!
//! The rooms: [`providers`] (one file, or one family folder, per provider), [`website`]
//! (the website technology scanner and its rules), [`net`] (the HTTP layer, the SSRF-safe
//! fetcher and text cleaning every provider stands on); the settings ([`config`]), the
//! sources that are on ([`registry`]) and the [`Source`] trait stay here.

pub mod config;
pub mod net;
pub mod providers;
pub mod registry;
pub mod website;

#[cfg(test)]
mod parser_props;

pub use config::{ProviderConfig, SourcesConfig};
pub use net::text::{iso_date_from_ms, rfc3339, today_iso};
pub use providers::demo::DelayRange;
pub use registry::Registry;

use crate::findings::Findings;
use app::domain::{AccountSummary, SourceRef, StepKey};

/// Why a source gave nothing. Its `Display` is shown to the rep as the step's reason,
/// so it names the provider and says what happened in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{provider}: {message}")]
pub struct SourceError {
    /// The provider's name, e.g. `Google News`.
    pub provider: String,
    /// What kind of failure.
    pub kind: ErrorKind,
    /// What happened, in plain words.
    pub message: String,
}

/// What kind of failure, which decides whether a retry can help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401/403: the key is wrong or lacks access. Never retried.
    Unauthorized,
    /// 429: too many requests. Retried after `Retry-After` or a backoff.
    RateLimited,
    /// 5xx or a connection failure. Retried with backoff.
    Unavailable,
    /// No answer within the provider's timeout. Retried.
    Timeout,
    /// The provider answered with something we cannot read (bad JSON, an error body
    /// behind a 200, HTML instead of JSON). Never retried.
    Malformed,
    /// The answer was larger than the provider's size limit. Never retried.
    TooLarge,
    /// The provider has nothing for this company (404, unknown board). Never retried.
    NotFound,
    /// Any other refusal (400, 422, a blocked address). Never retried.
    Rejected,
    /// No network: the provider's host name could not be looked up. Never retried (every
    /// provider fails the same way until the machine is online again).
    Offline,
}

impl ErrorKind {
    /// Can a retry help? Only for rate limits, outages and timeouts.
    pub fn is_retriable(self) -> bool {
        matches!(
            self,
            ErrorKind::RateLimited | ErrorKind::Unavailable | ErrorKind::Timeout
        )
    }
}

impl SourceError {
    /// A failure of `provider`.
    pub fn new(provider: impl Into<String>, kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            provider: provider.into(),
            kind,
            message: message.into(),
        }
    }
}

/// A provider of facts for one or more collection steps.
#[async_trait::async_trait]
pub trait Source: Send + Sync {
    /// The provider's name as the rep sees it on a source badge, e.g. `Google News`.
    fn name(&self) -> &str;
    /// The collection steps this source can answer.
    fn steps(&self) -> &[StepKey];
    /// Collect `step`'s facts about `account`. Only called for a step in [`Source::steps`].
    async fn collect(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError>;
}

/// The source record of data fetched now.
pub fn source_ref(
    name: &str,
    confidence: f32,
    last_updated: String,
    url: Option<String>,
) -> SourceRef {
    SourceRef {
        name: name.into(),
        confidence,
        last_updated,
        // Only a link a page may show (http/https): a provider's `javascript:` is dropped.
        url: url.filter(|u| app::domain::chat::safe_link(u).is_some()),
        fetched_at_ms: Some(crate::now_ms()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(ErrorKind::RateLimited.is_retriable());
        assert!(ErrorKind::Timeout.is_retriable());
        assert!(!ErrorKind::Unauthorized.is_retriable());
        assert!(!ErrorKind::Malformed.is_retriable());
        let e = SourceError::new("Google News", ErrorKind::Unavailable, "HTTP 503");
        assert_eq!(e.to_string(), "Google News: HTTP 503");
    }
}
