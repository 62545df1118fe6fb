//! Meeting preps: one per chat and account, the items the rep pinned, and the versions of
//! its one-pager. A version is written once (its record id is the prep's id and its number),
//! in the same transaction that posts "here is your one-pager" and ends the generation
//! promise ([`super::promises::Promise::PrepMade`]): a crash leaves the previous version
//! and the promise, which another process resumes.

use super::{Store, StoreError, decode};
use app::domain::SourceRef;
use app::domain::one_pager::{OnePager, PinnedItem};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A stored prep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrepRow {
    pub pid: String,
    pub owner: String,
    pub sid: String,
    pub account_id: String,
    pub account_name: String,
    /// The latest version made (0: none yet).
    pub version: u32,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A one-pager being generated: the version it will be, who makes it and until when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrepDue {
    pub pid: String,
    pub sid: String,
    pub version: u32,
    /// The chat message showing the progress ("📄 Generating Meeting Prep for …").
    pub progress_mid: String,
    /// The rep's locale (`Accept-Language`), for the paper size.
    #[serde(default)]
    pub locale: String,
    pub holder: String,
    pub lease_until: i64,
    pub attempts: u32,
    pub created_at: i64,
}

const PREP_FIELDS: &str =
    "pid, owner, sid, account_id, account_name, version, created_at, updated_at";
const DUE_FIELDS: &str =
    "pid, sid, version, progress_mid, locale, holder, lease_until, attempts, created_at";

/// The most items a prep holds.
pub const MAX_ITEMS: usize = 50;

impl Store {
    /// Make prep `row` unless it exists (its id is made from its chat and account: two
    /// makers at once make one), and return it as stored.
    pub async fn ensure_prep(&self, row: &PrepRow) -> Result<PrepRow, StoreError> {
        let made = self
            .db
            .query("CREATE type::record('prep', $row.pid) CONTENT $row")
            .bind(json!({ "row": row }))
            .await?
            .check();
        match (made, self.prep(&row.pid).await?) {
            (_, Some(prep)) => Ok(prep),
            // Made by another at the same moment (taken, or a write conflict): it is there.
            (Err(e), None) => Err(e.into()),
            (Ok(_), None) => Err(StoreError::Conflict(format!("prep {} vanished", row.pid))),
        }
    }

    pub async fn prep(&self, pid: &str) -> Result<Option<PrepRow>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {PREP_FIELDS} FROM type::record('prep', $pid)"
            ))
            .bind(json!({ "pid": pid }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// The owner's preps, most recently changed first, with how many items each holds.
    pub async fn preps_of(&self, owner: &str) -> Result<Vec<(PrepRow, usize)>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {PREP_FIELDS}, array::len((SELECT VALUE item_id FROM prep_item WHERE pid = $parent.pid)) AS items \
                 FROM prep WHERE owner = $owner ORDER BY updated_at DESC LIMIT 500"
            ))
            .bind(json!({ "owner": owner }))
            .await?;
        let rows: Vec<Value> = res.take(0)?;
        rows.into_iter()
            .map(|r| {
                let items = r["items"].as_u64().unwrap_or(0) as usize;
                Ok((serde_json::from_value(r)?, items))
            })
            .collect()
    }

    /// Pin `item` to prep `pid` at the end (its id is made from the prep and the message: a
    /// message pinned twice is pinned once). False when the prep already holds [`MAX_ITEMS`].
    pub async fn pin(&self, pid: &str, item: &PinnedItem) -> Result<bool, StoreError> {
        let have = self.items(pid).await?;
        if have.iter().any(|i| i.item_id == item.item_id) {
            return Ok(true);
        }
        if have.len() >= MAX_ITEMS {
            return Ok(false);
        }
        let position = have.iter().map(|i| i.position + 1).max().unwrap_or(0);
        let made = self
            .db
            .query(
                "CREATE type::record('prep_item', $item.item_id) CONTENT $item;
                 UPDATE type::record('prep', $pid) SET updated_at = $item.added_at;",
            )
            .bind(json!({ "pid": pid, "item": {
                "pid": pid, "item_id": item.item_id, "message_id": item.message_id,
                "text": item.text, "sources": item.sources, "position": position,
                "added_at": item.added_at,
            }}))
            .await?
            .check();
        match made {
            Ok(_) => Ok(true),
            Err(e) if super::users::taken(&e) => Ok(true),
            Err(e) => Err(e.into()),
        }
    }

    /// Remove item `item_id` from prep `pid`; false if it was not there.
    pub async fn unpin(&self, pid: &str, item_id: &str, now: i64) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("DELETE prep_item WHERE pid = $pid AND item_id = $item RETURN BEFORE")
            .bind(json!({ "pid": pid, "item": item_id }))
            .await?;
        let gone: Vec<Value> = res.take(0)?;
        if gone.is_empty() {
            return Ok(false);
        }
        self.db
            .query("UPDATE type::record('prep', $pid) SET updated_at = $now")
            .bind(json!({ "pid": pid, "now": now }))
            .await?
            .check()?;
        Ok(true)
    }

    /// Put the items of prep `pid` in the order of `item_ids` (items not named keep their
    /// order after them).
    pub async fn reorder_items(&self, pid: &str, item_ids: &[String]) -> Result<(), StoreError> {
        let mut sql = String::from("BEGIN TRANSACTION;\n");
        let mut vars = serde_json::Map::new();
        vars.insert("pid".into(), json!(pid));
        for (i, id) in item_ids.iter().take(MAX_ITEMS).enumerate() {
            sql.push_str(&format!(
                "UPDATE prep_item SET position = {i} WHERE pid = $pid AND item_id = $i{i};\n"
            ));
            vars.insert(format!("i{i}"), json!(id));
        }
        // Those not named go after, in their order.
        sql.push_str(&format!(
            "UPDATE prep_item SET position = position + {MAX_ITEMS} WHERE pid = $pid AND item_id NOTINSIDE $named;\n\
             COMMIT TRANSACTION;"
        ));
        vars.insert("named".into(), json!(item_ids));
        self.db
            .query(sql)
            .bind(Value::Object(vars))
            .await?
            .check()?;
        Ok(())
    }

    /// The items pinned to prep `pid`, in the rep's order.
    pub async fn items(&self, pid: &str) -> Result<Vec<PinnedItem>, StoreError> {
        #[derive(Deserialize)]
        struct Row {
            item_id: String,
            message_id: String,
            text: String,
            #[serde(default)]
            sources: Vec<SourceRef>,
            position: u32,
            added_at: i64,
        }
        let mut res = self
            .db
            .query(
                "SELECT item_id, message_id, text, sources, position, added_at FROM prep_item \
                 WHERE pid = $pid ORDER BY position, added_at",
            )
            .bind(json!({ "pid": pid }))
            .await?;
        let rows: Vec<Row> = decode(res.take(0)?)?;
        Ok(rows
            .into_iter()
            .map(|r| PinnedItem {
                item_id: r.item_id,
                message_id: r.message_id,
                text: r.text,
                sources: r.sources,
                position: r.position,
                added_at: r.added_at,
            })
            .collect())
    }

    /// Version `n` of prep `pid` (None: not made).
    pub async fn prep_version(&self, pid: &str, n: u32) -> Result<Option<OnePager>, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE doc FROM type::record('prep_version', $id)")
            .bind(json!({ "id": version_id(pid, n) }))
            .await?;
        let docs: Vec<Value> = res.take(0)?;
        Ok(decode(docs)?.into_iter().next())
    }

    /// The generation of prep `pid` under way, if any.
    pub async fn prep_due(&self, pid: &str) -> Result<Option<PrepDue>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {DUE_FIELDS} FROM type::record('prep_due', $pid)"
            ))
            .bind(json!({ "pid": pid }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Extend `holder`'s leases on the generations of `pids` to `until_ms`.
    pub async fn renew_preps(
        &self,
        holder: &str,
        pids: &[String],
        until_ms: i64,
    ) -> Result<(), StoreError> {
        if pids.is_empty() {
            return Ok(());
        }
        self.db
            .query(
                "FOR $id IN $ids { UPDATE type::record('prep_due', $id) SET lease_until = $until \
                 WHERE holder = $holder };",
            )
            .bind(json!({ "holder": holder, "ids": pids, "until": until_ms }))
            .await?
            .check()?;
        Ok(())
    }

    /// Take the generations whose lease lapsed before `now_ms` (`None`: every one another
    /// process holds), one more attempt each.
    pub async fn take_lapsed_preps(
        &self,
        holder: &str,
        now_ms: Option<i64>,
        until_ms: i64,
    ) -> Result<Vec<PrepDue>, StoreError> {
        let which = match now_ms {
            Some(_) => "holder != $holder AND lease_until < $now",
            None => "holder != $holder",
        };
        let mut res = self
            .db
            .query(format!(
                "UPDATE prep_due SET holder = $holder, lease_until = $until, attempts += 1 \
                 WHERE {which} RETURN {DUE_FIELDS}"
            ))
            .bind(json!({ "holder": holder, "now": now_ms, "until": until_ms }))
            .await?;
        decode(res.take(0)?)
    }
}

/// The record id of version `n` of prep `pid`.
pub fn version_id(pid: &str, n: u32) -> String {
    format!("{pid}-v{n}")
}
