//! Every send of a prep: where, to whom, which version, and how it went. A send is written
//! `sending`, held by the process delivering it (`holder`, `lease_until`); it ends
//! `delivered` or `failed` (with the reason in plain words) only by its holder. A process
//! that dies mid-send leaves it `sending` with a lapsing lease, and another takes it over.
//! The rep's Slack webhook and Notion token are never stored here.

use super::{Store, StoreError, decode};
use app::domain::sharing::{Channel, SendRecord, SendStatus, SendWhat};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A stored send.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendRow {
    pub send_id: String,
    pub pid: String,
    pub owner: String,
    pub channel: Channel,
    pub what: SendWhat,
    #[serde(default)]
    pub to: Option<String>,
    pub version: u32,
    pub status: SendStatus,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
    pub requested_at: i64,
    #[serde(default)]
    pub finished_at: Option<i64>,
    pub attempts: u32,
    pub holder: String,
    pub lease_until: i64,
}

impl SendRow {
    /// As the prep page shows it.
    pub fn record(&self) -> SendRecord {
        SendRecord {
            send_id: self.send_id.clone(),
            channel: self.channel,
            what: self.what,
            to: self.to.clone(),
            version: self.version,
            status: self.status,
            reason: self.reason.clone(),
            link: self.link.clone(),
            requested_at: self.requested_at,
            finished_at: self.finished_at,
            attempts: self.attempts,
            when: chrono::DateTime::from_timestamp_millis(
                self.finished_at.unwrap_or(self.requested_at),
            )
            .map(|d| d.format("%-d %b %Y, %H:%M UTC").to_string())
            .unwrap_or_default(),
        }
    }
}

/// How a send ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Delivered { link: Option<String> },
    Failed { reason: String },
}

/// How many times a send is tried by processes that died before it ended (a process that
/// dies after the mail server took it would otherwise send it again at every start).
pub const MAX_ATTEMPTS: u32 = 3;

const FIELDS: &str = "send_id, pid, owner, channel, what, to, version, status, reason, link, \
                      requested_at, finished_at, attempts, holder, lease_until";

impl Store {
    pub async fn create_send(&self, row: &SendRow) -> Result<(), StoreError> {
        self.db
            .query("CREATE type::record('prep_send', $row.send_id) CONTENT $row")
            .bind(json!({ "row": row }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn send_row(&self, send_id: &str) -> Result<Option<SendRow>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {FIELDS} FROM type::record('prep_send', $id)"
            ))
            .bind(json!({ "id": send_id }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Prep `pid`'s sends, newest first (the last 50).
    pub async fn sends_of(&self, pid: &str) -> Result<Vec<SendRow>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {FIELDS} FROM prep_send WHERE pid = $pid ORDER BY requested_at DESC LIMIT 50"
            ))
            .bind(json!({ "pid": pid }))
            .await?;
        decode(res.take(0)?)
    }

    /// End send `send_id` held by `holder`; false when it is not `holder`'s to end (another
    /// process took it over, or it already ended).
    pub async fn finish_send(
        &self,
        send_id: &str,
        holder: &str,
        outcome: &Outcome,
        now: i64,
    ) -> Result<bool, StoreError> {
        let (status, reason, link) = match outcome {
            Outcome::Delivered { link } => (SendStatus::Delivered, None, link.clone()),
            Outcome::Failed { reason } => (SendStatus::Failed, Some(reason.clone()), None),
        };
        let mut res = self
            .db
            .query(
                "UPDATE type::record('prep_send', $id) SET status = $status, reason = $reason, \
                 link = $link, finished_at = $now WHERE status = 'sending' AND holder = $holder \
                 RETURN send_id",
            )
            .bind(json!({
                "id": send_id, "holder": holder, "status": status,
                "reason": reason, "link": link, "now": now,
            }))
            .await?;
        let ended: Vec<serde_json::Value> = res.take(0)?;
        Ok(!ended.is_empty())
    }

    /// Send `send_id` again — a failed one, or one left `sending` whose lease lapsed before
    /// `now`: `holder` holds it until `until`.
    pub async fn retry_send(
        &self,
        send_id: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<Option<SendRow>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "UPDATE type::record('prep_send', $id) SET status = 'sending', reason = NONE, \
                 finished_at = NONE, holder = $holder, lease_until = $until, attempts += 1 \
                 WHERE status = 'failed' OR (status = 'sending' AND lease_until < $now) \
                 RETURN {FIELDS}"
            ))
            .bind(json!({ "id": send_id, "holder": holder, "now": now, "until": until }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Extend `holder`'s leases on the sends `ids` to `until`.
    pub async fn renew_sends(
        &self,
        holder: &str,
        ids: &[String],
        until: i64,
    ) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.db
            .query(
                "FOR $id IN $ids { UPDATE type::record('prep_send', $id) SET lease_until = $until \
                 WHERE holder = $holder AND status = 'sending' };",
            )
            .bind(json!({ "holder": holder, "ids": ids, "until": until }))
            .await?
            .check()?;
        Ok(())
    }

    /// Take the sends left `sending` whose lease lapsed before `now` — another process's,
    /// or this one's that it no longer delivers (not in `mine`) — one more attempt each
    /// (`now` None: every one not in `mine`, at start). One tried [`MAX_ATTEMPTS`] times
    /// already ends `failed`, with `gave_up` as its reason: it may have arrived.
    pub async fn take_lapsed_sends(
        &self,
        holder: &str,
        mine: &[String],
        now: Option<i64>,
        until: i64,
        gave_up: &str,
    ) -> Result<Vec<SendRow>, StoreError> {
        let lapsed = match now {
            Some(_) => "status = 'sending' AND send_id NOTINSIDE $mine AND lease_until < $now",
            None => "status = 'sending' AND send_id NOTINSIDE $mine",
        };
        let mut res = self
            .db
            .query(format!(
                "UPDATE prep_send SET status = 'failed', reason = $gave_up, finished_at = $at \
                   WHERE {lapsed} AND attempts >= {MAX_ATTEMPTS};
                 UPDATE prep_send SET holder = $holder, lease_until = $until, attempts += 1 \
                   WHERE {lapsed} RETURN {FIELDS};"
            ))
            .bind(json!({
                "holder": holder, "mine": mine, "now": now, "until": until,
                "gave_up": gave_up, "at": crate::now_ms(),
            }))
            .await?;
        decode(res.take(1)?)
    }
}
