//! The layered cache: one row per key with the time it stops being fresh and the time it
//! is swept. A stale row can still be shown ("as of …") while a refresh runs.

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A cached value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheEntry {
    pub key: String,
    pub value: Value,
    pub created_at: i64,
    /// Fresh before this instant (ms); stale from it on.
    pub fresh_until: i64,
    /// Swept from this instant on.
    pub keep_until: i64,
}

impl CacheEntry {
    pub fn is_fresh(&self, now_ms: i64) -> bool {
        now_ms < self.fresh_until
    }
}

impl Store {
    /// The entry under `key`, fresh or stale, unless it is past its keep time.
    pub async fn cache_get(
        &self,
        key: &str,
        now_ms: i64,
    ) -> Result<Option<CacheEntry>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT key, value, created_at, fresh_until, keep_until \
                 FROM type::record('cache', $key) WHERE keep_until > $now",
            )
            .bind(json!({ "key": key, "now": now_ms }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Store `value` under `key`: fresh for `fresh_ms`, kept for `keep_ms` (≥ `fresh_ms`).
    pub async fn cache_put(
        &self,
        key: &str,
        value: &Value,
        now_ms: i64,
        fresh_ms: i64,
        keep_ms: i64,
    ) -> Result<(), StoreError> {
        let row = CacheEntry {
            key: key.to_string(),
            value: value.clone(),
            created_at: now_ms,
            fresh_until: now_ms + fresh_ms,
            keep_until: now_ms + keep_ms.max(fresh_ms),
        };
        self.db
            .query("UPSERT type::record('cache', $row.key) CONTENT $row")
            .bind(json!({ "row": row }))
            .await?
            .check()?;
        Ok(())
    }

    /// Delete entries past their keep time; returns how many went.
    pub async fn sweep_cache(&self, now_ms: i64) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("DELETE cache WHERE keep_until <= $now RETURN BEFORE")
            .bind(json!({ "now": now_ms }))
            .await?;
        let gone: Vec<Value> = res.take(0)?;
        Ok(gone.len())
    }
}
