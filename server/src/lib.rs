//! Dossier's server: HTTP (pages, server functions, JSON API, websocket), the SurrealDB
//! store, the research orchestrator and the live feed.
#![recursion_limit = "256"]

pub mod analysts;
pub mod answers;
pub mod auth;
pub mod book;
pub mod cache_policy;
pub mod chat;
pub mod config;
pub mod demo;
pub mod findings;
pub mod http;
pub mod live;
pub mod orchestrator;
pub mod own_company;
pub mod prep;
pub mod rep_settings;
pub mod sharing;
pub mod sources;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod vault;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A random id of `bytes` random bytes, hex-encoded.
pub fn random_id(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
