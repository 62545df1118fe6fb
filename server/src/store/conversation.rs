//! What the conversation remembers: each rep's persona and own company, each session's
//! current account and last question, and questions waiting for a step still running.

use super::{Store, StoreError, decode};
use crate::findings::VendorProfile;
use app::domain::{Intent, Persona, StepKey};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What a session remembers between messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionContext {
    /// The account the rep is preparing for now.
    #[serde(default)]
    pub account_id: Option<String>,
    /// The last question's category, for follow-ups ("tell me more").
    #[serde(default)]
    pub last_intent: Option<Intent>,
}

/// A question asked while the data it needs was still being collected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingQuestion {
    pub wid: String,
    pub sid: String,
    pub rid: String,
    pub intent: Intent,
    #[serde(default)]
    pub focus: Option<String>,
    pub needs: Vec<StepKey>,
    pub created_at: i64,
}

impl WaitingQuestion {
    /// The id of the message that answers it.
    pub fn answer_id(&self) -> String {
        format!("m-{}", self.wid)
    }
}

impl Store {
    /// The rep's persona (empty when they never chose).
    pub async fn persona(&self, owner: &str) -> Result<Persona, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE persona FROM type::record('rep', $owner)")
            .bind(json!({ "owner": owner }))
            .await?;
        let rows: Vec<Option<Persona>> = decode(res.take(0)?)?;
        Ok(rows.into_iter().flatten().next().unwrap_or_default())
    }

    pub async fn save_persona(&self, owner: &str, persona: &Persona) -> Result<(), StoreError> {
        self.db
            .query("UPSERT type::record('rep', $owner) SET persona = $persona")
            .bind(json!({ "owner": owner, "persona": persona }))
            .await?
            .check()?;
        Ok(())
    }

    /// The company the rep saved, and when (None: they use the server's).
    pub async fn own_company(
        &self,
        owner: &str,
    ) -> Result<Option<(VendorProfile, i64)>, StoreError> {
        #[derive(Deserialize)]
        struct Saved {
            company: Option<VendorProfile>,
            company_at: Option<i64>,
        }
        let mut res = self
            .db
            .query("SELECT company, company_at FROM type::record('rep', $owner)")
            .bind(json!({ "owner": owner }))
            .await?;
        let rows: Vec<Saved> = decode(res.take(0)?)?;
        Ok(rows
            .into_iter()
            .next()
            .and_then(|r| Some((r.company?, r.company_at.unwrap_or_default()))))
    }

    /// Keep `company` as the rep's own (None: back to the server's).
    pub async fn save_own_company(
        &self,
        owner: &str,
        company: Option<&VendorProfile>,
        now: i64,
    ) -> Result<(), StoreError> {
        self.db
            .query("UPSERT type::record('rep', $owner) SET company = $company, company_at = $now")
            .bind(json!({ "owner": owner, "company": company, "now": now }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn session_context(&self, sid: &str) -> Result<SessionContext, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE context FROM type::record('chat_session', $sid)")
            .bind(json!({ "sid": sid }))
            .await?;
        let rows: Vec<Option<SessionContext>> = decode(res.take(0)?)?;
        Ok(rows.into_iter().flatten().next().unwrap_or_default())
    }

    /// Remember the account the session is about now (one field: a question asked at the
    /// same moment cannot undo it).
    pub async fn set_context_account(&self, sid: &str, account_id: &str) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('chat_session', $sid) SET context.account_id = $id")
            .bind(json!({ "sid": sid, "id": account_id }))
            .await?
            .check()?;
        Ok(())
    }

    /// Remember the last question's category, for follow-ups.
    pub async fn set_context_intent(&self, sid: &str, intent: Intent) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('chat_session', $sid) SET context.last_intent = $intent")
            .bind(json!({ "sid": sid, "intent": intent }))
            .await?
            .check()?;
        Ok(())
    }

    /// Whether question `wid` of session `sid` is still waiting for its answer.
    pub async fn is_waiting(&self, sid: &str, wid: &str) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE wid FROM type::record('waiting', $wid) WHERE sid = $sid")
            .bind(json!({ "sid": sid, "wid": wid }))
            .await?;
        let rows: Vec<serde_json::Value> = res.take(0)?;
        Ok(!rows.is_empty())
    }

    /// Questions still waiting; for one run, or all of them.
    pub async fn waiting(&self, rid: Option<&str>) -> Result<Vec<WaitingQuestion>, StoreError> {
        let sql = match rid {
            Some(_) => {
                "SELECT wid, sid, rid, intent, focus, needs, created_at FROM waiting WHERE rid = $rid"
            }
            None => "SELECT wid, sid, rid, intent, focus, needs, created_at FROM waiting",
        };
        let mut res = self.db.query(sql).bind(json!({ "rid": rid })).await?;
        decode(res.take(0)?)
    }
}
