//! Reading runs and their steps back, for the JSON API and for the chat.

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A stored run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    pub rid: String,
    pub sid: String,
    pub account_id: String,
    pub account_name: String,
    pub status: String,
    pub estimated_ms: u64,
    pub started_at: i64,
    #[serde(default)]
    pub finished_at: Option<i64>,
}

/// A stored step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRow {
    pub idx: usize,
    pub key: String,
    pub status: String,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub result: Option<Value>,
    pub updated_at: i64,
}

impl Store {
    pub async fn run(&self, rid: &str) -> Result<Option<RunRow>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT rid, sid, account_id, account_name, status, estimated_ms, started_at, \
                 finished_at FROM type::record('run', $rid)",
            )
            .bind(json!({ "rid": rid }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// The session's newest run.
    pub async fn latest_run(&self, sid: &str) -> Result<Option<RunRow>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT rid, sid, account_id, account_name, status, estimated_ms, started_at, \
                 finished_at FROM run WHERE sid = $sid ORDER BY started_at DESC LIMIT 1",
            )
            .bind(json!({ "sid": sid }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    pub async fn steps(&self, rid: &str) -> Result<Vec<StepRow>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT idx, key, status, detail, result, updated_at FROM step \
                 WHERE rid = $rid ORDER BY idx",
            )
            .bind(json!({ "rid": rid }))
            .await?;
        decode(res.take(0)?)
    }
}
