//! The read-through cache in front of the research sources, for runs *and* questions: a
//! step's cache layer, then each of its sources' raw layer, then the sources themselves (in
//! parallel, all settled, merged). Also the full-profile layer a finished run leaves.

use crate::answers::failures;
use crate::cache_policy::CachePolicy;
use crate::findings::{CacheUse, Findings, Profile};
use crate::sources::registry::Registries;
use crate::sources::{Source, SourceError};
use crate::store::{Store, StoreError};
use app::domain::{AccountSummary, SourceRef, StepKey};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// A cached value with its age.
#[derive(Clone, Debug)]
pub struct Cached<T> {
    pub value: T,
    pub created_at: i64,
    /// Fresh before this instant (ms).
    pub fresh_until: i64,
}

impl<T> Cached<T> {
    pub fn is_fresh(&self, now_ms: i64) -> bool {
        now_ms < self.fresh_until
    }
}

/// The chat-summary layer: a run's neutral summary and its sources.
#[derive(Serialize)]
struct SummaryLayer<'a> {
    summary: &'a str,
    sources: &'a [SourceRef],
}

/// One collection in flight: its result, once there is one.
type Flight = tokio::sync::OnceCell<(Result<Findings, String>, CacheUse)>;

/// Takes a flight out of the map when its caller is done (or cancelled).
struct Landed<'a> {
    collector: &'a Collector,
    key: String,
    flight: Arc<Flight>,
}

impl Drop for Landed<'_> {
    fn drop(&mut self) {
        let mut flights = self.collector.flights();
        if flights
            .get(&self.key)
            .is_some_and(|f| Arc::ptr_eq(f, &self.flight))
        {
            flights.remove(&self.key);
        }
    }
}

/// Collects research steps through the cache layers.
pub struct Collector {
    store: Store,
    registries: Registries,
    policy: CachePolicy,
    /// The collections in flight, by step and account: a second collection of the same
    /// waits for the first and shares its result (20 runs started at once for one account
    /// ask each provider once).
    in_flight: std::sync::Mutex<HashMap<String, Arc<Flight>>>,
}

impl Collector {
    pub fn new(store: Store, registries: Registries, policy: CachePolicy) -> Self {
        Self {
            store,
            registries,
            policy,
            in_flight: Default::default(),
        }
    }

    /// A step's findings from its cache layer, if fresh (None when the cache is off).
    pub async fn cached_step(&self, step: StepKey, account: &AccountSummary) -> Option<Findings> {
        if self
            .registries
            .for_account(account)
            .for_step(step)
            .is_empty()
        {
            return None;
        }
        let (key, _) = self.policy.step_layer(step, &account.research_scope())?;
        self.cached::<Findings>(&key).await
    }

    fn flights(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Flight>>> {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One step's findings, or why there are none (shown to the rep), and whether they came
    /// from the step's layer. Questions use it as a targeted live query of one step. The
    /// same step for the same account is collected once at a time (see `in_flight`).
    pub async fn collect(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> (Result<Findings, String>, CacheUse) {
        let key = format!(
            "{}:{}:{}",
            step.as_str(),
            account.id,
            account.research_scope()
        );
        let flight = self.flights().entry(key.clone()).or_default().clone();
        // Leaves the map when this caller is done or dropped (the flight stays for those
        // still waiting on it; a later collection starts afresh).
        let _landed = Landed {
            collector: self,
            key,
            flight: flight.clone(),
        };
        // The first caller collects; the others wait for the same result (if the first is
        // cancelled, the next one collects instead).
        flight
            .get_or_init(|| self.collect_now(step, account))
            .await
            .clone()
    }

    async fn collect_now(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> (Result<Findings, String>, CacheUse) {
        let sources = self.registries.for_account(account).for_step(step);
        let crm = self.crm_part(step, account).await;
        if sources.is_empty() {
            return match crm {
                Some(found) => (Ok(found), CacheUse::Miss),
                None => (
                    Err(format!("no source is configured for {}", step.noun())),
                    CacheUse::Miss,
                ),
            };
        }
        let layer = self.policy.step_layer(step, &account.research_scope());
        if let Some((key, _)) = &layer
            && let Some(found) = self.cached::<Findings>(key).await
        {
            return (Ok(found), CacheUse::Hit);
        }
        let answers =
            futures::future::join_all(sources.iter().map(|source| self.ask(source, step, account)))
                .await;
        let (found, failures): (Vec<_>, Vec<_>) = answers.into_iter().partition(Result::is_ok);
        // The rep's own CRM first: its contacts win a merge with the same person found.
        let found: Vec<Findings> = crm
            .into_iter()
            .chain(found.into_iter().filter_map(Result::ok))
            .collect();
        let failures: Vec<SourceError> = failures.into_iter().filter_map(Result::err).collect();
        if found.is_empty() {
            return (Err(failures::step_failed(step, &failures)), CacheUse::Miss);
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

    /// What the rep's CRM adds to a step: its known contacts to the decision makers.
    async fn crm_part(&self, step: StepKey, account: &AccountSummary) -> Option<Findings> {
        if step != StepKey::Contacts || account.origin.is_demo() {
            return None;
        }
        match self.store.account_doc(&account.id).await {
            Ok(doc) => Findings::from_crm_contacts(doc?.crm.as_ref()?),
            Err(e) => {
                tracing::warn!(account = %account.id, error = %e, "CRM contacts unreadable");
                None
            }
        }
    }

    /// One source's answer for a step: its raw layer, or a live call.
    async fn ask(
        &self,
        source: &Arc<dyn Source>,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let (key, ttl) = self
            .policy
            .source_layer(source.name(), step, &account.research_scope());
        if let Some(found) = self.cached::<Findings>(&key).await {
            return Ok(found);
        }
        // A source that panics (a parser bug on hostile data) fails its own step, not the run.
        let asked = std::panic::AssertUnwindSafe(source.collect(step, account));
        let answer = match futures::FutureExt::catch_unwind(asked).await {
            Ok(answer) => answer,
            Err(_) => Err(SourceError::new(
                source.name(),
                crate::sources::ErrorKind::Malformed,
                "its answer could not be read",
            )),
        };
        match answer {
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

    /// The account's full profile, fresh or stale (None when the cache is off or there is
    /// none, or it no longer reads as a profile).
    pub async fn profile(
        &self,
        account: &AccountSummary,
        now: i64,
    ) -> Result<Option<Cached<Profile>>, StoreError> {
        if !self.policy.enabled {
            return Ok(None);
        }
        let key = CachePolicy::profile_key(&account.research_scope());
        let Some(entry) = self.store.cache_get(&key, now).await? else {
            return Ok(None);
        };
        match serde_json::from_value(entry.value) {
            Ok(value) => Ok(Some(Cached {
                value,
                created_at: entry.created_at,
                fresh_until: entry.fresh_until,
            })),
            Err(e) => {
                tracing::warn!(key, error = %e, "profile unreadable; treated as a miss");
                Ok(None)
            }
        }
    }

    /// Keep a finished run's profile, and its summary in the chat-summary layer.
    pub async fn remember_profile(&self, account: &AccountSummary, profile: &Profile) {
        let domain = &account.research_scope();
        self.remember(
            &CachePolicy::profile_key(domain),
            profile,
            self.policy.profile,
        )
        .await;
        if let Some((key, ttl)) = self.policy.step_layer(StepKey::Analysis, domain) {
            let layer = SummaryLayer {
                summary: &profile.summary,
                sources: &profile.sources,
            };
            self.remember(&key, &layer, ttl).await;
        }
    }

    /// A fresh cached value under `key` (a miss when the cache is off, stale or unreadable).
    async fn cached<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        if !self.policy.enabled {
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
    async fn remember<T: Serialize>(&self, key: &str, value: &T, ttl: Duration) {
        let value = match serde_json::to_value(value) {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(key, error = %e, "cache value did not encode");
                return;
            }
        };
        let fresh = ttl.as_millis() as i64;
        let keep = self.policy.keep.as_millis() as i64;
        if let Err(e) = self
            .store
            .cache_put(key, &value, crate::now_ms(), fresh, keep)
            .await
        {
            tracing::warn!(key, error = %e, "cache write failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::registry::Registry;

    /// A provider whose parser overflows on what it was sent.
    struct Overflows;

    #[async_trait::async_trait]
    impl Source for Overflows {
        fn name(&self) -> &str {
            "Overflowing feed"
        }
        fn steps(&self) -> &[StepKey] {
            &[StepKey::News]
        }
        async fn collect(
            &self,
            _step: StepKey,
            _account: &AccountSummary,
        ) -> Result<Findings, SourceError> {
            let year: i32 = std::hint::black_box(i32::MAX);
            let _ = year.checked_add(1).expect("year 2147483648");
            unreachable!()
        }
    }

    #[tokio::test]
    async fn a_source_that_panics_fails_its_step_with_a_reason() {
        let settings = crate::config::Settings {
            db_url: "mem://".into(),
            ..Default::default()
        };
        let store = Store::connect(&settings).await.unwrap();
        let registries = Registries::same(Registry::new(vec![Arc::new(Overflows)]));
        let collector = Collector::new(store, registries, CachePolicy::default());
        let account = crate::demo::demo_accounts().remove(0);
        let (found, cache) = collector.collect(StepKey::News, &account).await;
        let reason = found.unwrap_err();
        assert_eq!(
            reason,
            "the news source (Overflowing feed) sent an answer Dossier couldn't read"
        );
        assert_eq!(cache, CacheUse::Miss);
    }
}
