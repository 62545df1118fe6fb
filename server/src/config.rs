//! Settings, read once from the environment. Every knob and its default:
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `LEPTOS_SITE_ADDR` | `127.0.0.1:3000` | where to listen (`:0` picks a free port) |
//! | `LEPTOS_SITE_ROOT` | `target/site` | the built browser bundle and static files |
//! | `DOSSIER_DB` | `surrealkv://data/dossier.db` | `surrealkv://PATH`, `mem://`, or `ws://HOST:PORT` |
//! | `DOSSIER_DB_USER` / `DOSSIER_DB_PASS` | unset | root credentials for a `ws://` server |
//! | `DOSSIER_DEMO_DELAY_MS` | `200-900` | how long each demo research step takes (`MIN-MAX` or `N`) |
//! | `DOSSIER_PROFILE_TTL_SECS` | `172800` (48 h) | how long a finished profile answers without a new run |
//! | `DOSSIER_CACHE` | `on` | `off`: never answer from the cache (tests and demos of a full run) |
//! | `DOSSIER_VENDOR_FILE` | unset | TOML describing your company (see `vendor.example.toml`); unset: the demo vendor |
//! | `DOSSIER_LEASE_MS` | `15000` | how long a run stays held by a process without a heartbeat |
//! | `RUST_LOG` | `info` | log filter |
//!
//! Research sources (`DOSSIER_SOURCES`, `DOSSIER_<PROVIDER>_*`): see [`crate::sources::config`].

use crate::analysts::llm::LlmConfig;
use crate::cache::CachePolicy;
use crate::sources::SourcesConfig;
use std::net::SocketAddr;
use std::time::Duration;

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Settings {
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub db_url: String,
    pub db_user: Option<String>,
    pub db_pass: Option<String>,
    pub demo_delay: DelayRange,
    pub cache: CachePolicy,
    pub sources: SourcesConfig,
    pub vendor_file: Option<String>,
    pub lease: Duration,
    /// The language model that writes answers and places questions the rules can't;
    /// None: templates only.
    pub llm: Option<LlmConfig>,
}

/// A range of step durations for the demo source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DelayRange {
    pub min_ms: u64,
    pub max_ms: u64,
}

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {name}={value:?}: {reason}")]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    pub reason: String,
}

impl DelayRange {
    /// `"300-1500"` or `"50"`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let num = |s: &str| {
            s.trim()
                .parse::<u64>()
                .map_err(|_| format!("{s:?} is not a whole number of milliseconds"))
        };
        let (min_ms, max_ms) = match text.split_once('-') {
            Some((a, b)) => (num(a)?, num(b)?),
            None => {
                let n = num(text)?;
                (n, n)
            }
        };
        if min_ms > max_ms {
            return Err("the minimum is above the maximum".into());
        }
        if max_ms > 600_000 {
            return Err("at most 600000 ms (10 minutes) per step".into());
        }
        Ok(Self { min_ms, max_ms })
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: "target/site".into(),
            db_url: "surrealkv://data/dossier.db".into(),
            db_user: None,
            db_pass: None,
            demo_delay: DelayRange {
                min_ms: 200,
                max_ms: 900,
            },
            cache: CachePolicy::default(),
            sources: SourcesConfig::default(),
            vendor_file: None,
            lease: Duration::from_secs(15),
            llm: None,
        }
    }
}

impl Settings {
    /// Read the environment; unset variables keep their defaults.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Read settings through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut s = Settings::default();
        let err = |name: &'static str, value: &str, reason: String| ConfigError {
            name,
            value: value.to_string(),
            reason,
        };
        if let Some(v) = lookup("LEPTOS_SITE_ADDR") {
            s.site_addr = v.trim().parse().map_err(|_| {
                err(
                    "LEPTOS_SITE_ADDR",
                    &v,
                    "expected HOST:PORT, e.g. 127.0.0.1:3000".into(),
                )
            })?;
        }
        if let Some(v) = lookup("LEPTOS_SITE_ROOT") {
            s.site_root = v;
        }
        if let Some(v) = lookup("DOSSIER_DB") {
            let ok = ["surrealkv://", "mem://", "ws://", "wss://", "memory"]
                .iter()
                .any(|p| v.starts_with(p));
            if !ok {
                return Err(err(
                    "DOSSIER_DB",
                    &v,
                    "expected surrealkv://PATH, mem:// or ws://HOST:PORT".into(),
                ));
            }
            s.db_url = v;
        }
        s.db_user = lookup("DOSSIER_DB_USER");
        s.db_pass = lookup("DOSSIER_DB_PASS");
        if let Some(v) = lookup("DOSSIER_DEMO_DELAY_MS") {
            s.demo_delay =
                DelayRange::parse(&v).map_err(|r| err("DOSSIER_DEMO_DELAY_MS", &v, r))?;
        }
        if let Some(v) = lookup("DOSSIER_PROFILE_TTL_SECS") {
            let secs: u64 = v.trim().parse().map_err(|_| {
                err(
                    "DOSSIER_PROFILE_TTL_SECS",
                    &v,
                    "expected whole seconds".into(),
                )
            })?;
            s.cache.profile = Duration::from_secs(secs);
        }
        if let Some(v) = lookup("DOSSIER_CACHE") {
            s.cache.enabled = match v.trim() {
                "on" | "1" | "true" => true,
                "off" | "0" | "false" => false,
                _ => return Err(err("DOSSIER_CACHE", &v, "expected on or off".into())),
            };
        }
        if let Some(v) = lookup("DOSSIER_VENDOR_FILE") {
            if v.trim().is_empty() {
                return Err(err(
                    "DOSSIER_VENDOR_FILE",
                    &v,
                    "expected a file path".into(),
                ));
            }
            s.vendor_file = Some(v);
        }
        if let Some(v) = lookup("DOSSIER_LEASE_MS") {
            let ms: u64 = v
                .trim()
                .parse()
                .ok()
                .filter(|ms| (300..=3_600_000).contains(ms))
                .ok_or_else(|| {
                    err(
                        "DOSSIER_LEASE_MS",
                        &v,
                        "expected milliseconds from 300 to 3600000".into(),
                    )
                })?;
            s.lease = Duration::from_millis(ms);
        }
        if let Some(url) = lookup("DOSSIER_LLM_URL").filter(|v| !v.trim().is_empty()) {
            let parsed = url::Url::parse(url.trim()).map_err(|e| {
                err(
                    "DOSSIER_LLM_URL",
                    &url,
                    format!("not a URL ({e}); e.g. http://localhost:11434/v1"),
                )
            })?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(err(
                    "DOSSIER_LLM_URL",
                    &url,
                    "expected an http:// or https:// URL".into(),
                ));
            }
            let model = lookup("DOSSIER_LLM_MODEL")
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty() && m.len() <= 200)
                .ok_or_else(|| {
                    err(
                        "DOSSIER_LLM_MODEL",
                        "",
                        "required when DOSSIER_LLM_URL is set, e.g. gpt-4o-mini".into(),
                    )
                })?;
            let timeout = match lookup("DOSSIER_LLM_TIMEOUT_MS") {
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|ms| (100..=600_000).contains(ms))
                    .ok_or_else(|| {
                        err(
                            "DOSSIER_LLM_TIMEOUT_MS",
                            &v,
                            "expected milliseconds from 100 to 600000".into(),
                        )
                    })?,
                None => 60_000,
            };
            s.llm = Some(LlmConfig {
                base_url: url.trim().to_string(),
                model,
                key: lookup("DOSSIER_LLM_KEY").filter(|k| !k.is_empty()),
                idle_timeout: Duration::from_millis(timeout.min(20_000)),
                total_timeout: Duration::from_millis(timeout),
            });
        }
        s.sources =
            SourcesConfig::from_lookup(&lookup).map_err(|(name, value, reason)| ConfigError {
                name,
                value,
                reason,
            })?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_language_model_is_configured_by_url_and_model() {
        let get = |pairs: &[(&str, &str)]| {
            let map: HashMap<String, String> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Settings::from_lookup(|k| map.get(k).cloned())
        };
        assert_eq!(get(&[]).unwrap().llm, None);
        let llm = get(&[
            ("DOSSIER_LLM_URL", "http://localhost:11434/v1"),
            ("DOSSIER_LLM_MODEL", "llama3"),
        ])
        .unwrap()
        .llm
        .unwrap();
        assert_eq!(llm.model, "llama3");
        assert_eq!(llm.key, None);
        let e = get(&[("DOSSIER_LLM_URL", "http://x/v1")]).unwrap_err();
        assert_eq!(e.name, "DOSSIER_LLM_MODEL");
        let e = get(&[("DOSSIER_LLM_URL", "ftp://x"), ("DOSSIER_LLM_MODEL", "m")]).unwrap_err();
        assert_eq!(e.name, "DOSSIER_LLM_URL");
        let e = get(&[("DOSSIER_LLM_URL", "not a url"), ("DOSSIER_LLM_MODEL", "m")]).unwrap_err();
        assert_eq!(e.name, "DOSSIER_LLM_URL");
        let e = get(&[
            ("DOSSIER_LLM_URL", "http://x/v1"),
            ("DOSSIER_LLM_MODEL", "m"),
            ("DOSSIER_LLM_TIMEOUT_MS", "-1"),
        ])
        .unwrap_err();
        assert_eq!(e.name, "DOSSIER_LLM_TIMEOUT_MS");
        let key = get(&[
            ("DOSSIER_LLM_URL", "http://x/v1"),
            ("DOSSIER_LLM_MODEL", "m"),
            ("DOSSIER_LLM_KEY", "sk-secret"),
        ])
        .unwrap();
        assert!(
            !format!("{key:?}").contains("sk-secret"),
            "keys never in Debug"
        );
    }

    fn read(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_serve_locally_with_an_on_disk_db() {
        let s = read(&[]).unwrap();
        assert_eq!(s.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.db_url, "surrealkv://data/dossier.db");
        assert_eq!(
            s.demo_delay,
            DelayRange {
                min_ms: 200,
                max_ms: 900
            }
        );
        assert!(s.cache.enabled && s.sources.demo && s.vendor_file.is_none());
    }

    #[test]
    fn overrides_are_read() {
        let s = read(&[
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
            ("DOSSIER_DB", "mem://"),
            ("DOSSIER_DEMO_DELAY_MS", "20"),
        ])
        .unwrap();
        assert_eq!(s.site_addr.port(), 8080);
        assert_eq!(s.db_url, "mem://");
        assert_eq!(
            s.demo_delay,
            DelayRange {
                min_ms: 20,
                max_ms: 20
            }
        );
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        let e = read(&[("DOSSIER_DB", "postgres://x")]).unwrap_err();
        assert!(e.to_string().contains("DOSSIER_DB"), "{e}");
        assert!(read(&[("LEPTOS_SITE_ADDR", "")]).is_err());
        assert!(read(&[("DOSSIER_DEMO_DELAY_MS", "900-100")]).is_err());
        assert!(read(&[("DOSSIER_DEMO_DELAY_MS", "abc")]).is_err());
        assert!(read(&[("DOSSIER_DEMO_DELAY_MS", &"9".repeat(10_000))]).is_err());
        assert!(read(&[("DOSSIER_PROFILE_TTL_SECS", "-1")]).is_err());
        assert!(read(&[("DOSSIER_CACHE", "maybe")]).is_err());
        assert!(read(&[("DOSSIER_LEASE_MS", "5")]).is_err());
        assert!(read(&[("DOSSIER_VENDOR_FILE", " ")]).is_err());
        let e = read(&[("DOSSIER_SERPAPI_TIMEOUT_MS", "x")]).unwrap_err();
        assert_eq!(e.name, "DOSSIER_SERPAPI_TIMEOUT_MS");
    }
}
