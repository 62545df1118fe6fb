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

/// A chat as the list of preps shows it: its newest run's account and its last activity.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ChatListRow {
    pub sid: String,
    pub created_at: i64,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub account_name: Option<String>,
    /// The newest event's time (None: nothing happened in it yet).
    #[serde(default)]
    pub last_event: Option<i64>,
}

/// The most chats the list shows.
pub const MAX_LISTED_CHATS: usize = 500;

impl Store {
    /// The owner's chats, newest activity first.
    pub async fn chats_of(&self, owner: &str) -> Result<Vec<ChatListRow>, StoreError> {
        let mut res = self
            .db
            .query(
                "SELECT sid, created_at, \
                   (SELECT VALUE account_id FROM run WHERE sid = $parent.sid \
                      ORDER BY started_at DESC LIMIT 1)[0] AS account_id, \
                   (SELECT VALUE account_name FROM run WHERE sid = $parent.sid \
                      ORDER BY started_at DESC LIMIT 1)[0] AS account_name, \
                   (SELECT VALUE at_ms FROM event WHERE sid = $parent.sid \
                      ORDER BY seq DESC LIMIT 1)[0] AS last_event \
                 FROM chat_session WHERE owner = $owner",
            )
            .bind(json!({ "owner": owner }))
            .await?;
        let mut rows: Vec<ChatListRow> = decode(res.take(0)?)?;
        rows.sort_by_key(|r| std::cmp::Reverse(r.last_event.unwrap_or(r.created_at)));
        rows.truncate(MAX_LISTED_CHATS);
        Ok(rows)
    }

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

    /// The session whose live feed token is `feed`.
    pub async fn session_by_feed(&self, feed: &str) -> Result<Option<SessionRow>, StoreError> {
        if feed.len() > 64 || !feed.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(None);
        }
        let mut res = self
            .db
            .query(
                "SELECT sid, owner, feed, created_at FROM chat_session WHERE feed = $feed LIMIT 1",
            )
            .bind(json!({ "feed": feed }))
            .await?;
        let rows: Vec<SessionRow> = decode(res.take(0)?)?;
        Ok(rows.into_iter().next())
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
