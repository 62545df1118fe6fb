//! Chat sessions and who owns them.

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A stored chat session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    pub sid: String,
    pub owner: String,
    /// The live-signal token: only the owner ever receives it.
    pub feed: String,
    pub created_at: i64,
}

impl Store {
    pub async fn create_session(&self, row: &SessionRow) -> Result<(), StoreError> {
        self.db
            .query("CREATE type::record('chat_session', $row.sid) CONTENT $row")
            .bind(json!({ "row": row }))
            .await?
            .check()?;
        // A new session has no events: its first append need not look for the last seq.
        self.events.prime(&row.sid, 0).await;
        Ok(())
    }

    pub async fn session(&self, sid: &str) -> Result<Option<SessionRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT sid, owner, feed, created_at FROM type::record('chat_session', $sid)")
            .bind(json!({ "sid": sid }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// The owner's newest session.
    pub async fn latest_session(&self, owner: &str) -> Result<Option<SessionRow>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT sid, owner, feed, created_at FROM chat_session \
                 WHERE owner = $owner ORDER BY created_at DESC LIMIT 1",
            )
            .bind(json!({ "owner": owner }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }
}
