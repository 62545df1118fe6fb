//! Logging: `RUST_LOG` picks the level (default `info`, quieter for dependencies).

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new("info,surrealdb=warn,surrealdb_core=warn,leptos_ws=warn")
    });
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
