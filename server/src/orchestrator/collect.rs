//! Collecting one step: the step's cache layer first, then every source that serves the
//! step in parallel (all settled; each source's raw answer cached on its own), merged.

use super::Orchestrator;
use crate::findings::Findings;
use crate::sources::{Source, SourceError};
use app::domain::{AccountSummary, StepKey};
use std::sync::Arc;

/// Where a step's result came from, as `GET /api/runs/{id}` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheUse {
    /// The step's layer was fresh.
    Hit,
    /// Collected now (some sources may have answered from their raw layer).
    Miss,
}

impl CacheUse {
    pub fn as_str(self) -> &'static str {
        match self {
            CacheUse::Hit => "hit",
            CacheUse::Miss => "miss",
        }
    }
}

impl Orchestrator {
    /// A step's findings from its cache layer, if fresh (None when the cache is off).
    pub async fn cached_step(&self, step: StepKey, account: &AccountSummary) -> Option<Findings> {
        let sources = self.registry.for_step(step);
        let (key, _) = self
            .cache
            .step_layer(step, &sources.first()?.cache_scope(account))?;
        self.cached::<Findings>(&key).await
    }

    /// A targeted live query: collect one step now (its raw layers, then its providers),
    /// cached with the step's lifetime.
    pub async fn collect_now(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, String> {
        self.gather(step, account).await.0
    }

    /// One step's findings, or why there are none (shown to the rep).
    pub(super) async fn gather(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> (Result<Findings, String>, CacheUse) {
        let sources = self.registry.for_step(step);
        let Some(first) = sources.first() else {
            return (
                Err(format!("no source is configured for {}", step.noun())),
                CacheUse::Miss,
            );
        };
        let layer = self.cache.step_layer(step, &first.cache_scope(account));
        if let Some((key, _)) = &layer
            && let Some(found) = self.cached::<Findings>(key).await
        {
            return (Ok(found), CacheUse::Hit);
        }
        let answers =
            futures::future::join_all(sources.iter().map(|source| self.ask(source, step, account)))
                .await;
        let mut found = Vec::new();
        let mut failures = Vec::new();
        for answer in answers {
            match answer {
                Ok(f) => found.push(f),
                Err(e) => failures.push(e),
            }
        }
        let reasons = || {
            failures
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        if found.is_empty() {
            return (Err(reasons()), CacheUse::Miss);
        }
        let Some(merged) = Findings::merge(step, found) else {
            return (Err("nothing to collect".into()), CacheUse::Miss);
        };
        // A provider that may answer next time (429, 5xx, timeout) keeps the merged result
        // out of the step's layer, so the next run asks it again; the providers that did
        // answer are served from their own raw layer meanwhile.
        let transient = failures.iter().any(|e| e.kind.is_retriable());
        if let Some((key, ttl)) = layer
            && !transient
        {
            self.remember(&key, &merged, ttl).await;
        }
        (Ok(merged), CacheUse::Miss)
    }

    /// One source's answer for a step: its raw layer, or a live call.
    async fn ask(
        &self,
        source: &Arc<dyn Source>,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let (key, ttl) = self
            .cache
            .source_layer(source.name(), step, &source.cache_scope(account));
        if let Some(found) = self.cached::<Findings>(&key).await {
            return Ok(found);
        }
        match source.collect(step, account).await {
            Ok(found) => {
                self.remember(&key, &found, ttl).await;
                Ok(found)
            }
            Err(e) => {
                tracing::warn!(source = source.name(), step = step.as_str(), account = %account.id,
                    error = %e, "source failed");
                Err(e)
            }
        }
    }

    /// A fresh cached value under `key` (a miss when the cache is off, stale or unreadable).
    pub(super) async fn cached<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        if !self.cache.enabled {
            return None;
        }
        let now = crate::now_ms();
        match self.store.cache_get(key, now).await {
            Ok(Some(entry)) if entry.is_fresh(now) => match serde_json::from_value(entry.value) {
                Ok(v) => {
                    tracing::info!(key, "cache hit");
                    Some(v)
                }
                Err(e) => {
                    tracing::warn!(key, error = %e, "cache entry unreadable; treated as a miss");
                    None
                }
            },
            Ok(_) => {
                tracing::info!(key, "cache miss");
                None
            }
            Err(e) => {
                tracing::warn!(key, error = %e, "cache read failed; treated as a miss");
                None
            }
        }
    }

    /// Cache `value` under `key` for `ttl` (best effort: a failed write is logged).
    pub(super) async fn remember<T: serde::Serialize>(
        &self,
        key: &str,
        value: &T,
        ttl: std::time::Duration,
    ) {
        let value = match serde_json::to_value(value) {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(key, error = %e, "cache value did not encode");
                return;
            }
        };
        let fresh = ttl.as_millis() as i64;
        let keep = self.cache.keep.as_millis() as i64;
        if let Err(e) = self
            .store
            .cache_put(key, &value, crate::now_ms(), fresh, keep)
            .await
        {
            tracing::warn!(key, error = %e, "cache write failed");
        }
    }
}
