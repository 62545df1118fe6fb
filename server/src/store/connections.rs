//! Each rep's connections for sharing: their Notion integration token and parent page, and
//! their Slack incoming-webhook URL — the token and the webhook as [`crate::vault`] sealed
//! them. Written from the settings page, read only to deliver a send; never returned to a
//! page or an API answer, never logged.

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A rep's saved connections.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Connections {
    #[serde(default)]
    pub notion_token: Option<String>,
    /// The parent page's id (dashed 32 hex digits).
    #[serde(default)]
    pub notion_parent: Option<String>,
    #[serde(default)]
    pub notion_at: Option<i64>,
    #[serde(default)]
    pub slack_webhook: Option<String>,
    #[serde(default)]
    pub slack_at: Option<i64>,
}

/// Never the secrets themselves.
impl std::fmt::Debug for Connections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connections")
            .field("notion", &self.notion_token.is_some())
            .field("notion_parent", &self.notion_parent)
            .field("slack", &self.slack_webhook.is_some())
            .finish()
    }
}

/// Whose secret a sealed Notion token is (the context it is sealed for, see `vault.rs`).
pub fn notion_context(uid: &str) -> String {
    format!("{uid}/notion_token")
}

/// Whose secret a sealed Slack webhook is.
pub fn slack_context(uid: &str) -> String {
    format!("{uid}/slack_webhook")
}

impl Store {
    /// The vault key a shared database keeps (hex): `candidate` if none was kept yet.
    pub async fn shared_vault_key(&self, candidate: &str) -> Result<String, StoreError> {
        let _ = self
            .db
            .query("CREATE meta:vault_key CONTENT { key: $k }")
            .bind(json!({ "k": candidate }))
            .await?
            .check();
        let mut res = self
            .db
            .query("SELECT VALUE key FROM meta:vault_key")
            .await?;
        let keys: Vec<String> = decode(res.take(0)?)?;
        keys.into_iter()
            .next()
            .ok_or_else(|| StoreError::Conflict("meta:vault_key vanished".into()))
    }

    pub async fn connections(&self, owner: &str) -> Result<Connections, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE connections FROM type::record('rep', $owner)")
            .bind(json!({ "owner": owner }))
            .await?;
        let rows: Vec<Option<Connections>> = decode(res.take(0)?)?;
        Ok(rows.into_iter().flatten().next().unwrap_or_default())
    }

    /// Keep `owner`'s Notion token and parent page (None: forget them).
    pub async fn save_notion(
        &self,
        owner: &str,
        notion: Option<(&str, &str)>,
        now: i64,
    ) -> Result<(), StoreError> {
        let (token, parent) = notion.unzip();
        self.db
            .query(
                "UPSERT type::record('rep', $owner) SET connections.notion_token = $notion_token, \
                 connections.notion_parent = $parent, connections.notion_at = $at",
            )
            .bind(json!({
                "owner": owner, "notion_token": token, "parent": parent,
                "at": notion.map(|_| now),
            }))
            .await?
            .check()?;
        Ok(())
    }

    /// Keep `owner`'s Slack webhook (None: forget it).
    pub async fn save_slack(
        &self,
        owner: &str,
        webhook: Option<&str>,
        now: i64,
    ) -> Result<(), StoreError> {
        self.db
            .query(
                "UPSERT type::record('rep', $owner) SET connections.slack_webhook = $hook, \
                 connections.slack_at = $at",
            )
            .bind(json!({ "owner": owner, "hook": webhook, "at": webhook.map(|_| now) }))
            .await?
            .check()?;
        Ok(())
    }
}
