//! Finished account profiles: the 48-hour cache that lets a repeat prep answer at once.

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A cached profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileRow {
    pub account_id: String,
    /// What the finished run produced (summary text, sources, step results).
    pub profile: Value,
    pub created_at: i64,
    pub expires_at: i64,
}

impl Store {
    pub async fn put_profile(&self, row: &ProfileRow) -> Result<(), StoreError> {
        self.db
            .query("UPSERT type::record('profile', $row.account_id) CONTENT $row")
            .bind(json!({ "row": row }))
            .await?
            .check()?;
        Ok(())
    }

    /// The account's profile if it has not expired at `now_ms`.
    pub async fn fresh_profile(
        &self,
        account_id: &str,
        now_ms: i64,
    ) -> Result<Option<ProfileRow>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT account_id, profile, created_at, expires_at FROM type::record('profile', $id) \
                 WHERE expires_at > $now",
            )
            .bind(json!({ "id": account_id, "now": now_ms }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Delete expired profiles; returns how many went.
    pub async fn sweep_profiles(&self, now_ms: i64) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("DELETE profile WHERE expires_at <= $now RETURN BEFORE")
            .bind(json!({ "now": now_ms }))
            .await?;
        let gone: Vec<Value> = res.take(0)?;
        Ok(gone.len())
    }
}
