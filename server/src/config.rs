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
//! | `DOSSIER_LIMIT_RESEARCH_PER_MIN`, `_QUESTIONS_PER_MIN`, `_CHATS_PER_MIN`, `_IMPORTS_PER_MIN`, `_SENDS_PER_MIN` | `30`, `60`, `30`, `10`, `20` | per user (an address: 4×) before `429` |
//! | `DOSSIER_QUESTION_WAIT_MS` | `30000` | how long `POST /api/chat/question` waits for data the research is still collecting before answering `pending` |
//! | `DOSSIER_FEED_IDLE_SECS` | `300` | a chat's live signal nobody has followed this long is freed (made again on demand) |
//! | `DOSSIER_HUBSPOT_TOKEN` | unset | a HubSpot private-app token: companies, deals and contacts are synced |
//! | `DOSSIER_HUBSPOT_URL` | `https://api.hubapi.com` | the HubSpot API (tests point it at a loopback server) |
//! | `DOSSIER_HUBSPOT_SYNC_MINS` | `360` | minutes between HubSpot syncs (`0`: only on demand) |
//! | `DOSSIER_SIGNUP` | `invite` | who may create an account after the owner: `invite`, `open` or `closed` |
//! | `DOSSIER_PUBLIC_URL` | unset | the address users reach (`https://dossier.acme.com`): invite links, and `Secure` cookies when https |
//! | `DOSSIER_SECRET_KEY` | unset | 64 hex characters sealing reps' Notion tokens and Slack webhooks at rest (see [`crate::vault`]) |
//! | `RUST_LOG` | `info` | log filter |
//!
//! Research sources (`DOSSIER_SOURCES`, `DOSSIER_<PROVIDER>_*`): see [`crate::sources::config`].
//! Email, Slack, Notion and links (`DOSSIER_SMTP_*`, `DOSSIER_NOTION_API_URL`,
//! `DOSSIER_SLACK_WEBHOOK_PREFIX`, `DOSSIER_SHARE_DAYS`): see [`crate::sharing::config`].

use crate::analysts::llm::LlmConfig;
use crate::cache_policy::CachePolicy;
pub use crate::sources::DelayRange;
use crate::sources::SourcesConfig;
use std::net::SocketAddr;
use std::time::Duration;

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to listen (`LEPTOS_SITE_ADDR`).
    pub site_addr: SocketAddr,
    /// The built browser bundle and static files (`LEPTOS_SITE_ROOT`).
    pub site_root: String,
    /// The database (`DOSSIER_DB`).
    pub db_url: String,
    /// Root user name for a `ws://` database.
    pub db_user: Option<String>,
    /// Root password for a `ws://` database.
    pub db_pass: Option<String>,
    /// How long each demo research step takes.
    pub demo_delay: DelayRange,
    /// How long answers are cached, and whether at all.
    pub cache: CachePolicy,
    /// Which research sources are on, and their settings.
    pub sources: SourcesConfig,
    /// The TOML file describing the vendor; `None`: the demo vendor.
    pub vendor_file: Option<String>,
    /// How long a run stays held by a process without a heartbeat.
    pub lease: Duration,
    /// How long a chat's live signal lives with nobody following it.
    pub feed_idle: Duration,
    /// How long `POST /api/chat/question` waits for data still being collected.
    pub question_wait: Duration,
    /// Research starts, questions, new chats and imports a user may make per minute.
    pub floods: FloodLimits,
    /// The language model that writes answers and places questions the rules can't;
    /// None: templates only.
    pub llm: Option<LlmConfig>,
    /// The HubSpot connection (its `key` is the private-app token; None: not connected).
    pub hubspot: crate::sources::ProviderConfig,
    /// How often HubSpot is synced; None: only on demand.
    pub hubspot_sync_every: Option<Duration>,
    /// Who may create an account once the workspace has its owner.
    pub signup: SignupMode,
    /// The address users reach, without a trailing slash; None: links use the request's host.
    pub public_url: Option<String>,
    /// Email, Slack, Notion and read-only links.
    pub sharing: crate::sharing::SharingConfig,
    /// The key sealing reps' Notion tokens and Slack webhooks (`DOSSIER_SECRET_KEY`); None:
    /// see [`crate::vault`].
    pub secret_key: Option<crate::vault::SecretKey>,
}

/// Who may create an account once the workspace has its owner (`DOSSIER_SIGNUP`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignupMode {
    /// Only with an invite from a member (the default).
    #[default]
    Invite,
    /// Anyone who reaches the server.
    Open,
    /// No one: the owner only.
    Closed,
}

impl SignupMode {
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "invite" => Some(Self::Invite),
            "open" => Some(Self::Open),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }
}

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {name}={value:?}: {reason}")]
pub struct ConfigError {
    /// The variable's name.
    pub name: &'static str,
    /// The value it had.
    pub value: String,
    /// What was expected.
    pub reason: String,
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
            feed_idle: Duration::from_secs(300),
            question_wait: Duration::from_secs(30),
            floods: FloodLimits::default(),
            llm: None,
            hubspot: crate::sources::ProviderConfig {
                retries: 5,
                ..crate::sources::ProviderConfig::new("https://api.hubapi.com")
            },
            hubspot_sync_every: Some(Duration::from_secs(360 * 60)),
            signup: SignupMode::default(),
            public_url: None,
            sharing: crate::sharing::SharingConfig::default(),
            secret_key: None,
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
        read_server(&mut s, &lookup)?;
        if let Some(v) = lookup("DOSSIER_DEMO_DELAY_MS") {
            s.demo_delay =
                DelayRange::parse(&v).map_err(|r| invalid("DOSSIER_DEMO_DELAY_MS", &v, r))?;
        }
        read_cache(&mut s.cache, &lookup)?;
        if let Some(v) = lookup("DOSSIER_VENDOR_FILE") {
            if v.trim().is_empty() {
                return Err(invalid("DOSSIER_VENDOR_FILE", &v, "expected a file path"));
            }
            s.vendor_file = Some(v);
        }
        if let Some(v) = lookup("DOSSIER_LEASE_MS") {
            s.lease = Duration::from_millis(millis("DOSSIER_LEASE_MS", &v, 300, 3_600_000)?);
        }
        if let Some(v) = lookup("DOSSIER_QUESTION_WAIT_MS") {
            let ms = millis("DOSSIER_QUESTION_WAIT_MS", &v, 0, 600_000)?;
            s.question_wait = Duration::from_millis(ms);
        }
        if let Some(v) = lookup("DOSSIER_FEED_IDLE_SECS") {
            let secs = whole("DOSSIER_FEED_IDLE_SECS", &v, 1, 86_400, "seconds")?;
            s.feed_idle = Duration::from_secs(secs);
        }
        for (name, slot) in [
            (
                "DOSSIER_LIMIT_RESEARCH_PER_MIN",
                &mut s.floods.research_per_min,
            ),
            (
                "DOSSIER_LIMIT_QUESTIONS_PER_MIN",
                &mut s.floods.questions_per_min,
            ),
            ("DOSSIER_LIMIT_CHATS_PER_MIN", &mut s.floods.chats_per_min),
            (
                "DOSSIER_LIMIT_IMPORTS_PER_MIN",
                &mut s.floods.imports_per_min,
            ),
            ("DOSSIER_LIMIT_SENDS_PER_MIN", &mut s.floods.sends_per_min),
        ] {
            if let Some(v) = lookup(name) {
                *slot = whole(name, &v, 1, 100_000, "requests a minute")? as u32;
            }
        }
        s.llm = read_llm(&lookup)?;
        read_hubspot(&mut s, &lookup)?;
        read_identity(&mut s, &lookup)?;
        s.sharing =
            crate::sharing::SharingConfig::from_lookup(&lookup).map_err(|e| ConfigError {
                name: e.name,
                value: e.value,
                reason: e.reason,
            })?;
        s.sources =
            SourcesConfig::from_lookup(&lookup).map_err(|(name, value, reason)| ConfigError {
                name,
                value,
                reason,
            })?;
        Ok(s)
    }
}

/// The setting `name` cannot be `value`, because of `reason`.
fn invalid(name: &'static str, value: &str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        name,
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// `value` as whole milliseconds from `min` to `max`.
fn millis(name: &'static str, value: &str, min: u64, max: u64) -> Result<u64, ConfigError> {
    whole(name, value, min, max, "milliseconds")
}

/// `value` as a whole number of `unit` from `min` to `max`.
fn whole(
    name: &'static str,
    value: &str,
    min: u64,
    max: u64,
    unit: &str,
) -> Result<u64, ConfigError> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| invalid(name, value, format!("expected {unit} from {min} to {max}")))
}

/// How many of each costly request a user may make per minute (an address: four times).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FloodLimits {
    pub research_per_min: u32,
    pub questions_per_min: u32,
    pub chats_per_min: u32,
    pub imports_per_min: u32,
    /// Sends of a prep (email, Slack, Notion) and new share links.
    pub sends_per_min: u32,
}

impl Default for FloodLimits {
    fn default() -> Self {
        Self {
            research_per_min: 30,
            questions_per_min: 60,
            chats_per_min: 30,
            imports_per_min: 10,
            sends_per_min: 20,
        }
    }
}

/// Who may sign up, and the public address.
fn read_identity(
    s: &mut Settings,
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<(), ConfigError> {
    if let Some(v) = lookup("DOSSIER_SIGNUP") {
        s.signup = SignupMode::parse(&v)
            .ok_or_else(|| invalid("DOSSIER_SIGNUP", &v, "expected invite, open or closed"))?;
    }
    if let Some(v) = lookup("DOSSIER_PUBLIC_URL") {
        let url = v.trim().trim_end_matches('/');
        let ok = (url.starts_with("http://") || url.starts_with("https://"))
            && url::Url::parse(url).is_ok_and(|u| u.host_str().is_some());
        if !ok {
            return Err(invalid(
                "DOSSIER_PUBLIC_URL",
                &v,
                "expected an http(s) URL such as https://dossier.example.com",
            ));
        }
        s.public_url = Some(url.to_string());
    }
    if let Some(v) = lookup("DOSSIER_SECRET_KEY") {
        let key = crate::vault::parse_key(&v).ok_or_else(|| {
            invalid(
                "DOSSIER_SECRET_KEY",
                "<hidden>",
                "expected 64 hex characters (e.g. `openssl rand -hex 32`)",
            )
        })?;
        s.secret_key = Some(crate::vault::SecretKey(key));
    }
    Ok(())
}

/// The HubSpot token, API and sync interval.
fn read_hubspot(
    s: &mut Settings,
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<(), ConfigError> {
    if let Some(v) = lookup("DOSSIER_HUBSPOT_TOKEN") {
        let token = v.trim();
        if token.is_empty() || token.len() > 500 || !token.chars().all(|c| c.is_ascii_graphic()) {
            return Err(invalid(
                "DOSSIER_HUBSPOT_TOKEN",
                "<hidden>",
                "expected a HubSpot private-app token (one line, no spaces)",
            ));
        }
        s.hubspot.key = Some(token.to_string());
    }
    if let Some(v) = lookup("DOSSIER_HUBSPOT_URL") {
        let url = v.trim().trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(invalid(
                "DOSSIER_HUBSPOT_URL",
                &v,
                "expected an http(s) URL",
            ));
        }
        s.hubspot.base_url = url.to_string();
    }
    if let Some(v) = lookup("DOSSIER_HUBSPOT_SYNC_MINS") {
        let mins: u64 = v
            .trim()
            .parse()
            .ok()
            .filter(|m| *m <= 10_080)
            .ok_or_else(|| {
                invalid(
                    "DOSSIER_HUBSPOT_SYNC_MINS",
                    &v,
                    "expected minutes from 0 to 10080",
                )
            })?;
        s.hubspot_sync_every = (mins > 0).then(|| Duration::from_secs(mins * 60));
    }
    Ok(())
}

/// Where to listen, what to serve and which database to open.
fn read_server(
    s: &mut Settings,
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<(), ConfigError> {
    if let Some(v) = lookup("LEPTOS_SITE_ADDR") {
        s.site_addr = v.trim().parse().map_err(|_| {
            invalid(
                "LEPTOS_SITE_ADDR",
                &v,
                "expected HOST:PORT, e.g. 127.0.0.1:3000",
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
            return Err(invalid(
                "DOSSIER_DB",
                &v,
                "expected surrealkv://PATH, mem:// or ws://HOST:PORT",
            ));
        }
        s.db_url = v;
    }
    s.db_user = lookup("DOSSIER_DB_USER");
    s.db_pass = lookup("DOSSIER_DB_PASS");
    Ok(())
}

/// How long a profile answers from the cache, and whether the cache answers at all.
fn read_cache(
    cache: &mut CachePolicy,
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<(), ConfigError> {
    if let Some(v) = lookup("DOSSIER_PROFILE_TTL_SECS") {
        let secs: u64 = v
            .trim()
            .parse()
            .map_err(|_| invalid("DOSSIER_PROFILE_TTL_SECS", &v, "expected whole seconds"))?;
        cache.profile = Duration::from_secs(secs);
    }
    if let Some(v) = lookup("DOSSIER_CACHE") {
        cache.enabled = match v.trim() {
            "on" | "1" | "true" => true,
            "off" | "0" | "false" => false,
            _ => return Err(invalid("DOSSIER_CACHE", &v, "expected on or off")),
        };
    }
    Ok(())
}

/// The language model, when `DOSSIER_LLM_URL` is set (then a model is required).
fn read_llm(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<LlmConfig>, ConfigError> {
    let Some(url) = lookup("DOSSIER_LLM_URL").filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    let parsed = url::Url::parse(url.trim()).map_err(|e| {
        invalid(
            "DOSSIER_LLM_URL",
            &url,
            format!("not a URL ({e}); e.g. http://localhost:11434/v1"),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(
            "DOSSIER_LLM_URL",
            &url,
            "expected an http:// or https:// URL",
        ));
    }
    let model = lookup("DOSSIER_LLM_MODEL")
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty() && m.len() <= 200)
        .ok_or_else(|| {
            invalid(
                "DOSSIER_LLM_MODEL",
                "",
                "required when DOSSIER_LLM_URL is set, e.g. gpt-4o-mini",
            )
        })?;
    let timeout = match lookup("DOSSIER_LLM_TIMEOUT_MS") {
        Some(v) => millis("DOSSIER_LLM_TIMEOUT_MS", &v, 100, 600_000)?,
        None => 60_000,
    };
    Ok(Some(LlmConfig {
        base_url: url.trim().to_string(),
        model,
        key: lookup("DOSSIER_LLM_KEY").filter(|k| !k.is_empty()),
        idle_timeout: Duration::from_millis(timeout.min(20_000)),
        total_timeout: Duration::from_millis(timeout),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signup_mode_reads_its_three_words() {
        assert_eq!(SignupMode::parse("Invite"), Some(SignupMode::Invite));
        assert_eq!(SignupMode::parse(" open "), Some(SignupMode::Open));
        assert_eq!(SignupMode::parse("closed"), Some(SignupMode::Closed));
        assert_eq!(SignupMode::parse("everyone"), None);
    }
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
        assert!(read(&[("DOSSIER_FEED_IDLE_SECS", "0")]).is_err());
        assert!(read(&[("DOSSIER_LIMIT_RESEARCH_PER_MIN", "0")]).is_err());
        assert!(read(&[("DOSSIER_LIMIT_IMPORTS_PER_MIN", "lots")]).is_err());
        assert_eq!(
            read(&[("DOSSIER_LIMIT_QUESTIONS_PER_MIN", " 5 ")])
                .unwrap()
                .floods
                .questions_per_min,
            5
        );
        assert!(read(&[("DOSSIER_FEED_IDLE_SECS", "x")]).is_err());
        assert_eq!(
            read(&[("DOSSIER_FEED_IDLE_SECS", "60")]).unwrap().feed_idle,
            Duration::from_secs(60)
        );
        assert!(read(&[("DOSSIER_VENDOR_FILE", " ")]).is_err());
        let e = read(&[("DOSSIER_SERPAPI_TIMEOUT_MS", "x")]).unwrap_err();
        assert_eq!(e.name, "DOSSIER_SERPAPI_TIMEOUT_MS");
        assert!(read(&[("DOSSIER_LIMIT_SENDS_PER_MIN", "0")]).is_err());
        // The secret key: 64 hex characters, never echoed, never printed.
        let e = read(&[("DOSSIER_SECRET_KEY", "hunter2-not-a-key")]).unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
        let key = "ab".repeat(32);
        let s = read(&[("DOSSIER_SECRET_KEY", key.as_str())]).unwrap();
        assert!(s.secret_key.is_some());
        assert!(!format!("{s:?}").contains(&key), "Settings' Debug hides it");
        let e = read(&[("DOSSIER_SMTP_URL", "smtp://u:pa55word@")]).unwrap_err();
        assert!(!e.to_string().contains("pa55word"), "{e}");
    }
}
