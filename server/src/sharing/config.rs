//! How preps leave Dossier, read from the environment:
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `DOSSIER_SMTP_URL` | unset | the mail server: `smtps://user:pass@smtp.example.com`, `smtp://host:587?tls=required`, `smtp://127.0.0.1:2525` (unset: no email is sent; drafts still download) |
//! | `DOSSIER_SMTP_FROM` | unset | the sender of every email (`Dossier <dossier@example.com>`); needed with `DOSSIER_SMTP_URL` |
//! | `DOSSIER_NOTION_API_URL` | `https://api.notion.com` | the Notion API (tests point it at a loopback server) |
//! | `DOSSIER_SLACK_WEBHOOK_PREFIX` | `https://hooks.slack.com/services/` | what a rep's Slack webhook URL must start with |
//! | `DOSSIER_SHARE_DAYS` | `14` | how long a read-only link works (1–90 days) |

use crate::sources::ProviderConfig;
use std::time::Duration;

/// A setting that could not be read (the settings room names it to the operator).
#[derive(Debug, PartialEq)]
pub struct Invalid {
    pub name: &'static str,
    pub value: String,
    pub reason: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid setting {}={:?}: {}",
            self.name, self.value, self.reason
        )
    }
}

impl std::error::Error for Invalid {}

/// Email, Slack, Notion and link settings.
#[derive(Clone)]
pub struct SharingConfig {
    /// The SMTP server's URL (may hold a password: never logged).
    pub smtp_url: Option<String>,
    /// Who emails are from.
    pub smtp_from: Option<String>,
    /// How long one SMTP conversation may take.
    pub smtp_timeout: Duration,
    /// The Notion API (its `key` is set per rep, from their settings).
    pub notion: ProviderConfig,
    /// What a Slack webhook URL must start with.
    pub slack_prefix: String,
    /// Timeouts and retries of a Slack webhook call (its base URL is the rep's webhook).
    pub slack: ProviderConfig,
    /// How long a read-only link works.
    pub share_for: Duration,
}

/// Never the SMTP URL (it may hold a password).
impl std::fmt::Debug for SharingConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharingConfig")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<hidden>"))
            .field("smtp_from", &self.smtp_from)
            .field("notion", &self.notion)
            .field("slack_prefix", &self.slack_prefix)
            .field("share_for", &self.share_for)
            .finish_non_exhaustive()
    }
}

impl Default for SharingConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            smtp_from: None,
            smtp_timeout: Duration::from_secs(20),
            notion: ProviderConfig {
                retries: 3,
                idempotent: false,
                timeout: Duration::from_secs(20),
                max_retry_after: Duration::from_secs(60),
                ..ProviderConfig::new("https://api.notion.com")
            },
            slack_prefix: "https://hooks.slack.com/services/".into(),
            slack: ProviderConfig {
                retries: 2,
                idempotent: false,
                timeout: Duration::from_secs(15),
                ..ProviderConfig::new("https://hooks.slack.com")
            },
            share_for: Duration::from_secs(14 * 86_400),
        }
    }
}

impl SharingConfig {
    /// Read through `lookup`; unset variables keep their defaults.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, Invalid> {
        let mut c = Self::default();
        if let Some(v) = lookup("DOSSIER_SMTP_URL") {
            let url = v.trim();
            let ok = (url.starts_with("smtp://") || url.starts_with("smtps://"))
                && url::Url::parse(url).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()));
            if !ok {
                return Err(invalid(
                    "DOSSIER_SMTP_URL",
                    "<hidden>",
                    "expected smtp://HOST:PORT or smtps://USER:PASS@HOST",
                ));
            }
            // A password over plain SMTP would cross the network readable.
            let parsed = url::Url::parse(url).ok();
            let credentials = parsed
                .as_ref()
                .is_some_and(|u| !u.username().is_empty() || u.password().is_some());
            let tls = url.starts_with("smtps://")
                || parsed
                    .as_ref()
                    .is_some_and(|u| u.query_pairs().any(|(k, v)| k == "tls" && v == "required"));
            if credentials && !tls {
                return Err(invalid(
                    "DOSSIER_SMTP_URL",
                    "<hidden>",
                    "a user and password need smtps:// or ?tls=required",
                ));
            }
            c.smtp_url = Some(url.to_string());
        }
        if let Some(v) = lookup("DOSSIER_SMTP_FROM") {
            if v.trim().parse::<lettre::message::Mailbox>().is_err() {
                return Err(invalid(
                    "DOSSIER_SMTP_FROM",
                    &v,
                    "expected an address such as Dossier <dossier@example.com>",
                ));
            }
            c.smtp_from = Some(v.trim().to_string());
        }
        if c.smtp_url.is_some() && c.smtp_from.is_none() {
            return Err(invalid(
                "DOSSIER_SMTP_FROM",
                "",
                "set it with DOSSIER_SMTP_URL: the address emails are sent from",
            ));
        }
        if let Some(v) = lookup("DOSSIER_NOTION_API_URL") {
            c.notion.base_url = http_url("DOSSIER_NOTION_API_URL", &v)?;
        }
        if let Some(v) = lookup("DOSSIER_SLACK_WEBHOOK_PREFIX") {
            let prefix = http_url("DOSSIER_SLACK_WEBHOOK_PREFIX", &v)?;
            c.slack_prefix = if prefix.ends_with('/') {
                prefix
            } else {
                format!("{prefix}/")
            };
        }
        if let Some(v) = lookup("DOSSIER_SHARE_DAYS") {
            let days: u64 = v
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=90).contains(d))
                .ok_or_else(|| invalid("DOSSIER_SHARE_DAYS", &v, "expected days from 1 to 90"))?;
            c.share_for = Duration::from_secs(days * 86_400);
        }
        Ok(c)
    }
}

/// An http(s) URL with a host, without a trailing `/` (a prefix keeps its path).
fn http_url(name: &'static str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    let ok = (v.starts_with("http://") || v.starts_with("https://"))
        && url::Url::parse(v).is_ok_and(|u| u.host_str().is_some());
    if !ok {
        return Err(invalid(name, value, "expected an http(s) URL"));
    }
    Ok(if name == "DOSSIER_SLACK_WEBHOOK_PREFIX" {
        v.to_string()
    } else {
        v.trim_end_matches('/').to_string()
    })
}

fn invalid(name: &'static str, value: &str, reason: &str) -> Invalid {
    Invalid {
        name,
        value: value.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> Result<SharingConfig, Invalid> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        SharingConfig::from_lookup(&|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_and_good_values() {
        let c = read(&[]).unwrap();
        assert!(c.smtp_url.is_none());
        assert_eq!(c.notion.base_url, "https://api.notion.com");
        let c = read(&[
            ("DOSSIER_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("DOSSIER_SMTP_FROM", "Dossier <dossier@example.com>"),
            ("DOSSIER_SHARE_DAYS", "30"),
            ("DOSSIER_SLACK_WEBHOOK_PREFIX", "http://127.0.0.1:9/hooks"),
        ])
        .unwrap();
        assert_eq!(c.share_for, Duration::from_secs(30 * 86_400));
        assert_eq!(c.slack_prefix, "http://127.0.0.1:9/hooks/");
        let c = read(&[
            ("DOSSIER_SMTP_URL", "smtps://rep:pa55word@smtp.example.com"),
            ("DOSSIER_SMTP_FROM", "dossier@example.com"),
        ])
        .unwrap();
        assert!(
            !format!("{c:?}").contains("pa55word"),
            "its Debug hides the password"
        );
    }

    #[test]
    fn bad_values_are_refused_and_a_password_is_never_echoed() {
        let e = read(&[("DOSSIER_SMTP_URL", "mailto:secret-password@x")]).unwrap_err();
        assert!(!e.to_string().contains("secret-password"));
        for (k, v) in [
            ("DOSSIER_SMTP_FROM", "not an address\r\nBcc: x@y"),
            ("DOSSIER_SHARE_DAYS", "0"),
            ("DOSSIER_SHARE_DAYS", "lots"),
            ("DOSSIER_NOTION_API_URL", "ftp://x"),
            ("DOSSIER_SLACK_WEBHOOK_PREFIX", ""),
        ] {
            assert!(read(&[(k, v)]).is_err(), "{k}={v:?}");
        }
        // A password never goes over plain SMTP.
        for url in [
            "smtp://rep:pa55@smtp.example.com:587",
            "smtp://rep:pa55@smtp.example.com?tls=opportunistic",
        ] {
            let e = read(&[
                ("DOSSIER_SMTP_URL", url),
                ("DOSSIER_SMTP_FROM", "d@example.com"),
            ])
            .unwrap_err();
            assert!(!e.to_string().contains("pa55"), "{e}");
        }
        assert!(
            read(&[
                (
                    "DOSSIER_SMTP_URL",
                    "smtp://rep:pa55@smtp.example.com:587?tls=required"
                ),
                ("DOSSIER_SMTP_FROM", "d@example.com"),
            ])
            .is_ok()
        );
        // An SMTP server needs a sender.
        assert!(read(&[("DOSSIER_SMTP_URL", "smtp://127.0.0.1:25")]).is_err());
    }
}
