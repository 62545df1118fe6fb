//! Session events and the run/step rows they project to, written in one transaction.
//!
//! Each session's events are numbered 1, 2, 3, … The next number is cached per session
//! behind a lock, so writers in this process never race; the unique `(sid, seq)` index makes
//! a writer in another process fail instead of duplicating, and the write is retried on a
//! fresh number.

use super::promises::Promise;
use super::{Store, StoreError, decode};
use crate::findings::CacheUse;
use crate::now_ms;
use app::domain::{Change, ChatMessage, SessionEvent, StepKey, StepStatus};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

/// The most events one fetch returns; a client asks again for the rest.
pub const MAX_EVENTS_PER_FETCH: usize = 2_000;

type SeqSlot = Arc<tokio::sync::Mutex<Option<u64>>>;

/// The last committed seq per session (None: read it from the database).
#[derive(Clone, Default)]
pub struct SeqCache(Arc<Mutex<HashMap<String, SeqSlot>>>);

impl SeqCache {
    /// Record that `sid`'s last committed seq is `seq` (unless something is known already).
    pub(super) async fn prime(&self, sid: &str, seq: u64) {
        let slot = self.slot(sid);
        let mut last = slot.lock().await;
        if last.is_none() {
            *last = Some(seq);
        }
    }

    /// Forget the sessions `sids` (read from the database again when next written) — each
    /// only while no writer holds its slot, so writers in this process still never race.
    pub(super) fn forget(&self, sids: &[String]) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for sid in sids {
            if map
                .get(sid)
                .is_some_and(|slot| Arc::strong_count(slot) == 1)
            {
                map.remove(sid);
            }
        }
    }

    fn slot(&self, sid: &str) -> SeqSlot {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(sid.to_string()).or_default().clone()
    }
}

/// A step's result, stored on the step row in the same transaction as its events.
#[derive(Clone, Debug)]
pub struct StepResult {
    pub run_id: String,
    pub step: StepKey,
    pub result: Value,
    /// Where it came from: its cache layer, or collected now.
    pub cache: CacheUse,
}

/// The marker a guard in the transaction throws when a transition was already made.
pub(super) const CONFLICT: &str = "dossier-conflict";

impl Store {
    /// Forget the next-seq numbers of the sessions `sids` (their feeds were freed).
    pub fn forget_sessions(&self, sids: &[String]) {
        self.events.forget(sids);
    }
}

impl Store {
    /// Commit `changes` as the session's next events, with their run/step projections.
    pub async fn append(
        &self,
        sid: &str,
        changes: Vec<Change>,
        step_result: Option<StepResult>,
    ) -> Result<Vec<SessionEvent>, StoreError> {
        self.append_with(sid, changes, step_result, None).await
    }

    /// Commit `changes` and, in the same transaction, make or keep `promise`. Keeping one
    /// already kept fails with [`StoreError::Conflict`] and posts nothing.
    pub async fn append_promise(
        &self,
        sid: &str,
        changes: Vec<Change>,
        promise: Promise,
    ) -> Result<Vec<SessionEvent>, StoreError> {
        self.append_with(sid, changes, None, Some(&promise)).await
    }

    async fn append_with(
        &self,
        sid: &str,
        changes: Vec<Change>,
        step_result: Option<StepResult>,
        promise: Option<&Promise>,
    ) -> Result<Vec<SessionEvent>, StoreError> {
        let slot = self.events.slot(sid);
        let mut last = slot.lock().await;
        let mut attempt = 0;
        loop {
            let base = match *last {
                Some(n) => n,
                None => self.max_seq(sid).await?,
            };
            let at_ms = now_ms();
            let events: Vec<SessionEvent> = changes
                .iter()
                .enumerate()
                .map(|(i, change)| SessionEvent {
                    seq: base + 1 + i as u64,
                    at_ms,
                    change: change.clone(),
                })
                .collect();
            match self
                .commit(sid, &events, step_result.as_ref(), promise)
                .await
            {
                Ok(()) => {
                    *last = Some(base + events.len() as u64);
                    return Ok(events);
                }
                // Another writer took this seq, or the transaction lost a write conflict:
                // either way nothing was written, so try again on a fresh number.
                Err(StoreError::Db(e)) if attempt < MAX_ATTEMPTS && is_safe_to_retry(&e) => {
                    tracing::debug!(sid, attempt, error = %e, "event append retried");
                    *last = None;
                    attempt += 1;
                    let jitter = rand::random::<u64>() % (4 << attempt.min(6));
                    tokio::time::sleep(std::time::Duration::from_millis(jitter + 1)).await;
                }
                // Anything else (a guard, a lost connection whose commit may have landed)
                // is not retried here: a blind retry could post a message twice.
                Err(e) => {
                    *last = None;
                    return Err(e);
                }
            }
        }
    }

    async fn commit(
        &self,
        sid: &str,
        events: &[SessionEvent],
        step_result: Option<&StepResult>,
        promise: Option<&Promise>,
    ) -> Result<(), StoreError> {
        let mut sql = String::from("BEGIN TRANSACTION;\n");
        let mut vars = serde_json::Map::new();
        for (i, e) in events.iter().enumerate() {
            let _ = writeln!(sql, "CREATE event CONTENT $e{i};");
            vars.insert(
                format!("e{i}"),
                json!({ "sid": sid, "seq": e.seq, "at_ms": e.at_ms, "change": e.change }),
            );
            if let Some((stmt, params)) = projection(i, sid, e, step_result) {
                sql.push_str(&stmt);
                vars.insert(format!("p{i}"), params);
            }
        }
        if let Some(promise) = promise {
            let (stmt, param) = promise.statements();
            sql.push_str(&stmt);
            vars.insert("pr".into(), param);
        }
        sql.push_str("COMMIT TRANSACTION;");
        let mut res = self.db.query(sql).bind(Value::Object(vars)).await?;
        // In a failed transaction every statement reports an error; the guard's says why.
        let errors = res.take_errors();
        if let Some(e) = errors.values().find(|e| e.to_string().contains(CONFLICT)) {
            return Err(StoreError::Conflict(e.to_string()));
        }
        // Prefer the statement that failed over the ones cancelled with it.
        let cancelled = |e: &surrealdb::Error| e.to_string().contains("not executed");
        let mut errors: Vec<(usize, surrealdb::Error)> = errors.into_iter().collect();
        errors.sort_by_key(|(i, e)| (cancelled(e), *i));
        match errors.into_iter().next() {
            Some((_, e)) => Err(e.into()),
            None => Ok(()),
        }
    }

    /// The session's last seq, 0 if it has none.
    pub async fn max_seq(&self, sid: &str) -> Result<u64, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE seq FROM event WHERE sid = $sid ORDER BY seq DESC LIMIT 1")
            .bind(json!({ "sid": sid }))
            .await?;
        let seqs: Vec<Value> = res.take(0)?;
        Ok(seqs.first().and_then(Value::as_u64).unwrap_or(0))
    }

    /// Message `id` as it was added to session `sid`, if it has been.
    pub async fn posted_message(
        &self,
        sid: &str,
        id: &str,
    ) -> Result<Option<ChatMessage>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT VALUE change.message FROM event WHERE sid = $sid \
                 AND change.type = 'message_added' AND change.message.id = $id LIMIT 1",
            )
            .bind(json!({ "sid": sid, "id": id }))
            .await?;
        let found: Vec<ChatMessage> = decode(res.take(0)?)?;
        Ok(found.into_iter().next())
    }

    /// The session's events after `after`, oldest first (at most [`MAX_EVENTS_PER_FETCH`]).
    pub async fn events_since(
        &self,
        sid: &str,
        after: u64,
    ) -> Result<Vec<SessionEvent>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT seq, at_ms, change FROM event WHERE sid = $sid AND seq > $after \
                 ORDER BY seq LIMIT $limit",
            )
            .bind(json!({ "sid": sid, "after": after, "limit": MAX_EVENTS_PER_FETCH }))
            .await?;
        decode(res.take(0)?)
    }
}

/// How many times an append is tried when it loses a race.
const MAX_ATTEMPTS: u32 = 12;

/// The transaction was refused as a whole, so retrying cannot duplicate anything: the
/// unique `(sid, seq)` index refused a seq another writer used, or the engine reported a
/// write conflict with a concurrent transaction.
fn is_safe_to_retry(e: &surrealdb::Error) -> bool {
    let text = e.to_string();
    matches!(
        e.query_details(),
        Some(surrealdb::types::QueryError::TransactionConflict)
    ) || text.contains("event_sid_seq")
        || text.contains("already contains")
        || text.contains("can be retried")
}

/// The statement that keeps the run/step rows in step with event `i`, and its parameters.
fn projection(
    i: usize,
    sid: &str,
    e: &SessionEvent,
    step_result: Option<&StepResult>,
) -> Option<(String, Value)> {
    match &e.change {
        Change::MessageAdded { .. } | Change::MessageRevised { .. } => None,
        Change::RunStarted { run } => {
            let steps: Vec<Value> = run
                .steps
                .iter()
                .map(|s| {
                    json!({ "rid": run.id, "idx": s.key.index(), "key": s.key.as_str(),
                            "status": s.status.as_str(), "detail": s.detail, "updated_at": e.at_ms })
                })
                .collect();
            // A retry reuses what its earlier run found: those steps start done, with the
            // earlier run's stored results, in the same transaction.
            let reused: Vec<usize> = match run.retry_of {
                Some(_) => run
                    .steps
                    .iter()
                    .filter(|s| s.status == StepStatus::Done)
                    .map(|s| s.key.index())
                    .collect(),
                None => Vec::new(),
            };
            let params = json!({
                "rid": run.id,
                "row": { "rid": run.id, "sid": sid, "account_id": run.account_id,
                         "account_name": run.account_name, "status": run.status.as_str(),
                         "estimated_ms": run.estimated_ms, "started_at": e.at_ms,
                         "finished_at": null, "lease_until": e.at_ms },
                "steps": steps,
                "from": run.retry_of,
                "reused": reused,
            });
            let stmt = format!(
                "CREATE type::record('run', $p{i}.rid) CONTENT $p{i}.row;\n\
                 FOR $s IN $p{i}.steps {{ CREATE type::record('step', [$s.rid, $s.idx]) CONTENT $s; }};\n\
                 FOR $x IN $p{i}.reused {{ \
                   LET $old = (SELECT result, cache FROM ONLY type::record('step', [$p{i}.from, $x])); \
                   UPDATE type::record('step', [$p{i}.rid, $x]) SET result = $old.result, cache = $old.cache; \
                 }};\n"
            );
            Some((stmt, params))
        }
        Change::StepChanged {
            run_id,
            step,
            status,
            detail,
        } => {
            let result = step_result
                .filter(|r| &r.run_id == run_id && r.step == *step)
                .map(|r| r.result.clone());
            let cache = step_result
                .filter(|r| &r.run_id == run_id && r.step == *step)
                .map(|r| r.cache);
            // The statuses this transition may start from: a step moves once, so a second
            // writer (a resumed run, another process) fails instead of duplicating it.
            let from: Vec<&str> = StepStatus::ALL
                .iter()
                .filter(|s| s.can_move_to(*status))
                .map(|s| s.as_str())
                .collect();
            let params = json!({ "rid": run_id, "idx": step.index(), "status": status.as_str(),
                                 "detail": detail, "at": e.at_ms, "result": result,
                                 "cache": cache, "from": from });
            let set_result = if result.is_some() {
                format!(", result = $p{i}.result, cache = $p{i}.cache")
            } else {
                String::new()
            };
            let stmt = format!(
                "LET $g{i} = (SELECT VALUE status FROM ONLY type::record('step', [$p{i}.rid, $p{i}.idx]));\n\
                 IF $g{i} NOT IN $p{i}.from {{ THROW '{CONFLICT}: step ' + $p{i}.rid + '/' + <string>$p{i}.idx + ' is ' + <string>$g{i}; }};\n\
                 UPDATE type::record('step', [$p{i}.rid, $p{i}.idx]) SET status = $p{i}.status, \
                 detail = $p{i}.detail, updated_at = $p{i}.at{set_result};\n"
            );
            Some((stmt, params))
        }
        Change::RunFinished { run_id, status } => Some((
            format!(
                "IF (SELECT VALUE status FROM ONLY type::record('run', $p{i}.rid)) != 'running' \
                 {{ THROW '{CONFLICT}: run ' + $p{i}.rid + ' already finished'; }};\n\
                 UPDATE type::record('run', $p{i}.rid) SET status = $p{i}.status, finished_at = $p{i}.at;\n"
            ),
            json!({ "rid": run_id, "status": status.as_str(), "at": e.at_ms }),
        )),
    }
}
