//! Read-only links to a prep. A link's record id is the SHA-256 of its token (the token is
//! shown to the rep once and never kept); revoking deletes the prep's links, and a link
//! past `expires_at` is treated as gone.

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A stored link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareRow {
    /// SHA-256 of the token, hex (also the record id).
    pub digest: String,
    pub pid: String,
    pub owner: String,
    /// The one-pager version it shows.
    pub version: u32,
    pub created_at: i64,
    pub expires_at: i64,
}

const FIELDS: &str = "digest, pid, owner, version, created_at, expires_at";

/// The most live links a prep holds (an older one goes when a new one is made).
pub const MAX_LINKS: usize = 20;

impl Store {
    /// Keep link `row`; the prep's expired links go, and its oldest beyond [`MAX_LINKS`].
    pub async fn create_share(&self, row: &ShareRow) -> Result<(), StoreError> {
        self.db
            .query(format!(
                "BEGIN TRANSACTION;
                 DELETE prep_share WHERE pid = $row.pid AND expires_at <= $row.created_at;
                 LET $keep = (SELECT VALUE digest FROM prep_share WHERE pid = $row.pid \
                   ORDER BY created_at DESC LIMIT {});
                 DELETE prep_share WHERE pid = $row.pid AND digest NOTINSIDE $keep \
                   AND created_at < $row.created_at;
                 CREATE type::record('prep_share', $row.digest) CONTENT $row;
                 COMMIT TRANSACTION;",
                MAX_LINKS - 1
            ))
            .bind(json!({ "row": row }))
            .await?
            .check()?;
        Ok(())
    }

    /// The link whose token has `digest`, unless it expired before `now`.
    pub async fn share(&self, digest: &str, now: i64) -> Result<Option<ShareRow>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {FIELDS} FROM type::record('prep_share', $digest) WHERE expires_at > $now"
            ))
            .bind(json!({ "digest": digest, "now": now }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Prep `pid`'s links still working at `now`, newest first.
    pub async fn shares_of(&self, pid: &str, now: i64) -> Result<Vec<ShareRow>, StoreError> {
        let mut res = self
            .db
            .query(format!(
                "SELECT {FIELDS} FROM prep_share WHERE pid = $pid AND expires_at > $now \
                 ORDER BY created_at DESC"
            ))
            .bind(json!({ "pid": pid, "now": now }))
            .await?;
        decode(res.take(0)?)
    }

    /// Revoke every link to prep `pid`; how many were working.
    pub async fn revoke_shares(&self, pid: &str, now: i64) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("DELETE prep_share WHERE pid = $pid RETURN BEFORE")
            .bind(json!({ "pid": pid }))
            .await?;
        let gone: Vec<ShareRow> = decode(res.take(0)?)?;
        Ok(gone.iter().filter(|s| s.expires_at > now).count())
    }
}
