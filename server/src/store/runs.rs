//! Reading runs and their steps back, for the JSON API and for the chat.

use super::{Store, StoreError, decode};
use crate::findings::{CacheUse, Findings, StepOutcome};
use app::domain::{RunStatus, StepKey, StepStatus};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// How long a new run may wait for the process that started it to claim it before
/// another process takes it.
pub const UNCLAIMED_GRACE_MS: i64 = 3_000;

/// A stored run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    pub rid: String,
    pub sid: String,
    pub account_id: String,
    pub account_name: String,
    pub status: RunStatus,
    pub estimated_ms: u64,
    pub started_at: i64,
    #[serde(default)]
    pub finished_at: Option<i64>,
}

/// A stored step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRow {
    pub idx: usize,
    pub key: StepKey,
    pub status: StepStatus,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub result: Option<Value>,
    /// Whether the result came from the step's cache layer.
    #[serde(default)]
    pub cache: Option<CacheUse>,
    pub updated_at: i64,
}

impl RunRow {
    pub fn is_running(&self) -> bool {
        self.status == RunStatus::Running
    }
}

impl StepRow {
    /// What this step came to. A done step whose stored result no longer reads, or a
    /// failed one without a reason, still says something the rep can read.
    pub fn outcome(&self) -> StepOutcome {
        match self.status {
            StepStatus::Pending => StepOutcome::Pending,
            StepStatus::Running => StepOutcome::Running,
            StepStatus::Done => self
                .result
                .clone()
                .and_then(|v| serde_json::from_value::<Findings>(v).ok())
                .map(StepOutcome::Found)
                .unwrap_or_else(|| {
                    StepOutcome::Failed("the stored result could not be read".into())
                }),
            StepStatus::Failed => StepOutcome::Failed(
                self.detail
                    .clone()
                    .unwrap_or_else(|| "the source failed".into()),
            ),
        }
    }
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
                "SELECT idx, key, status, detail, result, cache, updated_at FROM step \
                 WHERE rid = $rid ORDER BY idx",
            )
            .bind(json!({ "rid": rid }))
            .await?;
        decode(res.take(0)?)
    }

    /// Take run `rid` for `owner` until `until_ms`, if it is still running and its lease
    /// has lapsed (or already belongs to `owner`). True when `owner` now holds it.
    pub async fn claim_run(
        &self,
        rid: &str,
        owner: &str,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query(
                "UPDATE type::record('run', $rid) SET owner = $owner, lease_until = $until \
                 WHERE status = 'running' AND (owner = $owner OR lease_until = NONE \
                 OR lease_until <= $now) RETURN VALUE rid",
            )
            .bind(json!({ "rid": rid, "owner": owner, "now": now_ms, "until": until_ms }))
            .await?;
        let taken: Vec<Value> = res.take(0)?;
        Ok(!taken.is_empty())
    }

    /// Count one more resumption of step `step` of run `rid` (found running after its
    /// driver stopped); returns how many there have been.
    pub async fn count_resume(&self, rid: &str, step: StepKey) -> Result<u32, StoreError> {
        let mut res = self
            .db
            .query(
                "UPDATE type::record('step', [$rid, $idx]) SET resumed += 1 RETURN VALUE resumed",
            )
            .bind(json!({ "rid": rid, "idx": step.index() }))
            .await?;
        let n: Vec<Option<u32>> = res.take(0)?;
        Ok(n.into_iter().flatten().next().unwrap_or(1))
    }

    /// Take every running run for `owner` (its previous holders are known to be dead);
    /// returns their ids.
    pub async fn take_over_running(
        &self,
        owner: &str,
        until_ms: i64,
    ) -> Result<Vec<String>, StoreError> {
        let mut res = self
            .db
            .query(
                "UPDATE run SET owner = $owner, lease_until = $until WHERE status = 'running' \
                 RETURN VALUE rid",
            )
            .bind(json!({ "owner": owner, "until": until_ms }))
            .await?;
        let rids: Vec<Value> = res.take(0)?;
        Ok(rids
            .into_iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect())
    }

    /// Extend the leases `owner` holds on `rids` (the runs it is driving) to `until_ms`, one
    /// record lookup each; returns how many were asked.
    pub async fn renew_leases(
        &self,
        owner: &str,
        rids: &[String],
        until_ms: i64,
    ) -> Result<usize, StoreError> {
        if rids.is_empty() {
            return Ok(0);
        }
        self.db
            .query(
                "FOR $rid IN $rids { UPDATE type::record('run', $rid) SET lease_until = $until \
                 WHERE owner = $owner AND status = 'running' };",
            )
            .bind(json!({ "owner": owner, "rids": rids, "until": until_ms }))
            .await?
            .check()?;
        Ok(rids.len())
    }

    /// Running runs whose lease lapsed before `now_ms`, or that nobody claimed within
    /// [`UNCLAIMED_GRACE_MS`] of their start (`None`: every running run).
    pub async fn orphaned_runs(&self, now_ms: Option<i64>) -> Result<Vec<String>, StoreError> {
        let mut res = match now_ms {
            Some(now) => {
                self.db
                    .query(
                        "SELECT VALUE rid FROM run WHERE status = 'running' \
                         AND ((owner != NONE AND lease_until < $now) \
                         OR (owner = NONE AND started_at < $now - $grace))",
                    )
                    .bind(json!({ "now": now, "grace": UNCLAIMED_GRACE_MS }))
                    .await?
            }
            None => {
                self.db
                    .query("SELECT VALUE rid FROM run WHERE status = 'running'")
                    .await?
            }
        };
        let rids: Vec<Value> = res.take(0)?;
        Ok(rids
            .into_iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect())
    }
}
