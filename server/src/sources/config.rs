//! Which sources are on, and each provider's base URL, key, timeout and retry policy.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `DOSSIER_SOURCES` | unset | comma list: `demo` (built-in data set), `network` (the keyless providers), for every account; unset: demo accounts use `demo`, the rep's own accounts `network` |
//! | `DOSSIER_USER_AGENT` | `Dossier/0.1 (+https://github.com/dossier)` | sent to every provider (Wikimedia requires a contact) |
//! | `DOSSIER_<P>_URL` | the provider's public API | base URL (tests point it at a loopback server) |
//! | `DOSSIER_<P>_KEY` | unset | API key; a keyed provider is on exactly when its key is set |
//! | `DOSSIER_<P>_TIMEOUT_MS` | `8000` | per request |
//! | `DOSSIER_<P>_RETRIES` | `2` | extra attempts on 429/5xx/timeout, with jittered exponential backoff |
//! | `DOSSIER_<P>_CONCURRENCY` | `4` | requests in flight to this provider at once |
//! | `DOSSIER_<P>_MAX_BYTES` | `5000000` | larger answers are refused |
//! | `DOSSIER_WEBSITE_ALLOW_PRIVATE` | `0` | `1` lets the website fingerprinter reach loopback/private addresses (tests only) |
//!
//! `<P>` is one of `SERPAPI` (keyed: Google News + Google Jobs), `APOLLO` (keyed: people
//! search), `WIKIDATA`, `WIKIPEDIA`, `GREENHOUSE`, `LEVER`, `ASHBY`, `GNEWS_RSS`, `WEBSITE`
//! (keyless). For `WEBSITE` the URL, when set, replaces `https://{domain}` (tests only).

use std::time::Duration;

/// One provider's connection settings. `Debug` hides the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    /// The API's base URL, without a trailing `/`.
    pub base_url: String,
    /// The API key, for a keyed provider.
    pub key: Option<String>,
    /// The deadline of one request.
    pub timeout: Duration,
    /// Extra attempts after the first, on retriable failures only.
    pub retries: u32,
    /// Requests in flight to this provider at once.
    pub concurrency: usize,
    /// Larger answers are refused.
    pub max_bytes: usize,
    /// The first backoff; doubles per attempt, with jitter. Tests shorten it.
    pub backoff: Duration,
    /// The longest `Retry-After` we wait for; a longer one fails the request at once.
    pub max_retry_after: Duration,
    /// Whether a request may be sent twice: false for one that makes something (a Notion
    /// page, a Slack message), which is then sent again only after a `429` (the server did
    /// nothing), never after a timeout or a `5xx` that may have made it.
    pub idempotent: bool,
}

impl std::fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("base_url", &self.base_url)
            .field("key", &self.key.as_ref().map(|_| "<hidden>"))
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("concurrency", &self.concurrency)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

impl ProviderConfig {
    /// The defaults for the API at `base_url`.
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_string(),
            key: None,
            timeout: Duration::from_millis(8_000),
            retries: 2,
            concurrency: 4,
            max_bytes: 5_000_000,
            backoff: Duration::from_millis(250),
            max_retry_after: Duration::from_secs(10),
            idempotent: true,
        }
    }
}

/// Every source's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesConfig {
    /// The built-in demo data set.
    pub demo: bool,
    /// Whether `DOSSIER_SOURCES` chose the sources for every account. Unset, demo accounts
    /// are researched from the demo data set and the rep's own accounts with the keyless
    /// network providers (plus every keyed one whose key is set).
    pub chosen: bool,
    /// The keyless network providers.
    pub network: bool,
    /// Sent to every provider.
    pub user_agent: String,
    /// SerpAPI (keyed): Google News and Google Jobs.
    pub serpapi: ProviderConfig,
    /// Apollo (keyed): people search.
    pub apollo: ProviderConfig,
    /// Wikidata: company facts.
    pub wikidata: ProviderConfig,
    /// Wikipedia: the company's description.
    pub wikipedia: ProviderConfig,
    /// Greenhouse job boards.
    pub greenhouse: ProviderConfig,
    /// Lever job postings.
    pub lever: ProviderConfig,
    /// Ashby job boards.
    pub ashby: ProviderConfig,
    /// The Google News RSS feed.
    pub gnews_rss: ProviderConfig,
    /// The website scan (its URL replaces `https://{domain}`, for tests).
    pub website: ProviderConfig,
    /// Let the website fingerprinter reach private, loopback and link-local addresses.
    pub website_allow_private: bool,
}

impl Default for SourcesConfig {
    fn default() -> Self {
        Self {
            demo: true,
            chosen: false,
            network: false,
            user_agent: "Dossier/0.1 (meeting-prep assistant; +https://github.com/dossier)".into(),
            serpapi: ProviderConfig::new("https://serpapi.com"),
            apollo: ProviderConfig::new("https://api.apollo.io/api/v1"),
            wikidata: ProviderConfig::new("https://www.wikidata.org"),
            wikipedia: ProviderConfig::new("https://en.wikipedia.org"),
            greenhouse: ProviderConfig::new("https://boards-api.greenhouse.io"),
            lever: ProviderConfig::new("https://api.lever.co"),
            ashby: ProviderConfig::new("https://api.ashbyhq.com"),
            gnews_rss: ProviderConfig::new("https://news.google.com"),
            website: ProviderConfig::new(""),
            website_allow_private: false,
        }
    }
}

impl SourcesConfig {
    /// Read `DOSSIER_SOURCES` and the per-provider variables through `lookup`.
    /// Errors name the variable and say what was expected.
    pub fn from_lookup(
        lookup: &impl Fn(&str) -> Option<String>,
    ) -> Result<Self, (&'static str, String, String)> {
        let mut c = SourcesConfig::default();
        if let Some(v) = lookup("DOSSIER_SOURCES") {
            c.demo = false;
            c.chosen = true;
            for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match part {
                    "demo" => c.demo = true,
                    "network" => c.network = true,
                    other => {
                        return Err((
                            "DOSSIER_SOURCES",
                            v.clone(),
                            format!("unknown source group {other:?}; expected demo and/or network"),
                        ));
                    }
                }
            }
        }
        if let Some(v) = lookup("DOSSIER_USER_AGENT") {
            if v.trim().is_empty() || v.len() > 200 || v.chars().any(char::is_control) {
                return Err((
                    "DOSSIER_USER_AGENT",
                    v,
                    "expected one line of at most 200 characters".into(),
                ));
            }
            c.user_agent = v;
        }
        if let Some(v) = lookup("DOSSIER_WEBSITE_ALLOW_PRIVATE") {
            c.website_allow_private = matches!(v.trim(), "1" | "true" | "yes");
        }
        macro_rules! provider {
            ($field:ident, $prefix:literal) => {
                read_provider(
                    lookup,
                    &mut c.$field,
                    concat!("DOSSIER_", $prefix, "_URL"),
                    concat!("DOSSIER_", $prefix, "_KEY"),
                    concat!("DOSSIER_", $prefix, "_TIMEOUT_MS"),
                    concat!("DOSSIER_", $prefix, "_RETRIES"),
                    concat!("DOSSIER_", $prefix, "_CONCURRENCY"),
                    concat!("DOSSIER_", $prefix, "_MAX_BYTES"),
                )?
            };
        }
        provider!(serpapi, "SERPAPI");
        provider!(apollo, "APOLLO");
        provider!(wikidata, "WIKIDATA");
        provider!(wikipedia, "WIKIPEDIA");
        provider!(greenhouse, "GREENHOUSE");
        provider!(lever, "LEVER");
        provider!(ashby, "ASHBY");
        provider!(gnews_rss, "GNEWS_RSS");
        provider!(website, "WEBSITE");
        Ok(c)
    }
}

#[allow(clippy::too_many_arguments)]
fn read_provider(
    lookup: &impl Fn(&str) -> Option<String>,
    p: &mut ProviderConfig,
    url: &'static str,
    key: &'static str,
    timeout: &'static str,
    retries: &'static str,
    concurrency: &'static str,
    max_bytes: &'static str,
) -> Result<(), (&'static str, String, String)> {
    if let Some(v) = lookup(url) {
        let ok = (v.starts_with("http://") || v.starts_with("https://"))
            && v.len() <= 2_000
            && !v.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err((url, v, "expected an http:// or https:// URL".into()));
        }
        p.base_url = v.trim_end_matches('/').to_string();
    }
    if let Some(v) = lookup(key) {
        if v.trim().is_empty() || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err((
                key,
                "<hidden>".into(),
                "expected a key without spaces".into(),
            ));
        }
        p.key = Some(v);
    }
    let number = |name: &'static str, min: u64, max: u64| -> Result<Option<u64>, _> {
        match lookup(name) {
            None => Ok(None),
            Some(v) => match v.trim().parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err((
                    name,
                    v,
                    format!("expected a whole number from {min} to {max}"),
                )),
            },
        }
    };
    if let Some(n) = number(timeout, 1, 600_000)? {
        p.timeout = Duration::from_millis(n);
    }
    if let Some(n) = number(retries, 0, 10)? {
        p.retries = n as u32;
    }
    if let Some(n) = number(concurrency, 1, 1_000)? {
        p.concurrency = n as usize;
    }
    if let Some(n) = number(max_bytes, 1_000, 1_000_000_000)? {
        p.max_bytes = n as usize;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> Result<SourcesConfig, (&'static str, String, String)> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        SourcesConfig::from_lookup(&|k: &str| map.get(k).cloned())
    }

    #[test]
    fn demo_is_the_default_and_network_is_opt_in() {
        let c = read(&[]).unwrap();
        assert!(c.demo && !c.network);
        assert_eq!(c.serpapi.key, None);
        let c = read(&[("DOSSIER_SOURCES", "network")]).unwrap();
        assert!(!c.demo && c.network);
        let c = read(&[("DOSSIER_SOURCES", " demo , network ")]).unwrap();
        assert!(c.demo && c.network);
    }

    #[test]
    fn provider_settings_are_read_and_checked() {
        let c = read(&[
            ("DOSSIER_SERPAPI_URL", "http://127.0.0.1:9/"),
            ("DOSSIER_SERPAPI_KEY", "k123"),
            ("DOSSIER_SERPAPI_TIMEOUT_MS", "1500"),
            ("DOSSIER_SERPAPI_RETRIES", "0"),
        ])
        .unwrap();
        assert_eq!(c.serpapi.base_url, "http://127.0.0.1:9");
        assert_eq!(c.serpapi.key.as_deref(), Some("k123"));
        assert_eq!(c.serpapi.timeout, Duration::from_millis(1500));
        assert_eq!(c.serpapi.retries, 0);
        for (name, bad) in [
            ("DOSSIER_SOURCES", "demo,everything"),
            ("DOSSIER_APOLLO_URL", "ftp://x"),
            ("DOSSIER_APOLLO_URL", "javascript:alert(1)"),
            ("DOSSIER_APOLLO_URL", ""),
            ("DOSSIER_APOLLO_KEY", "two words"),
            ("DOSSIER_APOLLO_KEY", ""),
            ("DOSSIER_LEVER_TIMEOUT_MS", "0"),
            ("DOSSIER_LEVER_TIMEOUT_MS", "soon"),
            ("DOSSIER_LEVER_RETRIES", "99"),
            ("DOSSIER_LEVER_CONCURRENCY", "-1"),
            ("DOSSIER_USER_AGENT", "a\nb"),
        ] {
            let err = read(&[(name, bad)]).unwrap_err();
            assert_eq!(err.0, name, "{bad:?}");
            assert!(!err.2.is_empty());
        }
        let long = "x".repeat(5_000);
        assert!(read(&[("DOSSIER_WIKIDATA_URL", &format!("https://{long}"))]).is_err());
    }

    #[test]
    fn keys_never_reach_debug_output() {
        let c = read(&[("DOSSIER_SERPAPI_KEY", "sk-secret-123")]).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("sk-secret-123"), "{shown}");
        assert!(shown.contains("<hidden>"));
    }

    #[test]
    fn a_bad_key_is_not_echoed() {
        let err = read(&[("DOSSIER_SERPAPI_KEY", "secret with space")]).unwrap_err();
        assert_eq!(err.1, "<hidden>");
    }
}
