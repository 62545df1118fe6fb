//! Users, their sign-in sessions, invites and API tokens. Secrets are stored only as
//! digests (the session, invite and token rows are keyed by them).

use super::{Store, StoreError, decode};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A user as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub uid: String,
    pub email: String,
    pub name: String,
    /// The argon2id PHC string.
    pub phc: String,
    /// The workspace owner (the first account) or a member.
    pub owner: bool,
    pub created_at: i64,
}

/// A signed-in device: the digest of its cookie, whose it is, when it was last used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthSessionRow {
    pub digest: String,
    pub uid: String,
    pub created_at: i64,
    pub last_seen: i64,
}

/// An invite link, by the digest of its code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteRow {
    pub digest: String,
    pub by: String,
    pub created_at: i64,
    #[serde(default)]
    pub used_at: Option<i64>,
}

/// A personal API token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenRow {
    pub tid: String,
    pub uid: String,
    pub name: String,
    pub digest: String,
    pub created_at: i64,
    #[serde(default)]
    pub last_used: Option<i64>,
}

/// Whether a write failed because a unique key was taken.
pub(super) fn taken(e: &surrealdb::Error) -> bool {
    let text = e.to_string();
    text.contains("already exists") || text.contains("already contains")
}

impl Store {
    /// Whether any account exists.
    pub async fn any_user(&self) -> Result<bool, StoreError> {
        let mut res = self.db.query("SELECT VALUE id FROM user LIMIT 1").await?;
        let ids: Vec<serde_json::Value> = res.take(0)?;
        Ok(!ids.is_empty())
    }

    /// Create the workspace's first account, which owns it: the owner marker and the user
    /// in one transaction. False when another account claimed the workspace first.
    pub async fn create_owner(&self, user: &UserRow) -> Result<bool, StoreError> {
        let res = self
            .db
            .query(
                "BEGIN TRANSACTION;\
                 CREATE meta:workspace_owner CONTENT { uid: $u.uid };\
                 CREATE type::record('user', $u.uid) CONTENT $u;\
                 COMMIT TRANSACTION;",
            )
            .bind(json!({ "u": user }))
            .await?
            .check();
        match res {
            Ok(_) => Ok(true),
            // Claimed first by another sign-up: an "already exists", or a write conflict when
            // both tried at the same moment (two first sign-ups on a new workspace).
            Err(e) => {
                if self.any_user().await? {
                    Ok(false)
                } else if taken(&e) {
                    Err(StoreError::Conflict(user.email.clone()))
                } else {
                    Err(e.into())
                }
            }
        }
    }

    pub async fn delete_user(&self, uid: &str) -> Result<(), StoreError> {
        self.db
            .query("DELETE type::record('user', $uid)")
            .bind(json!({ "uid": uid }))
            .await?
            .check()?;
        Ok(())
    }

    /// Give every chat made under a visitor cookie (before sign-in existed: owners were
    /// 32-hex-character cookie ids, users are `u…`) to `uid`, the workspace's first account.
    /// Returns how many chats it now has from them.
    pub async fn adopt_visitor_chats(&self, uid: &str) -> Result<usize, StoreError> {
        // The role and purpose go with the chats: those of the visitor whose chat is newest.
        let mut res = self
            .db
            .query(
                "LET $last = (SELECT VALUE owner FROM chat_session \
                     WHERE string::len(owner) = 32 ORDER BY created_at DESC LIMIT 1)[0]; \
                 LET $persona = IF $last != NONE { \
                     (SELECT VALUE persona FROM type::record('rep', $last))[0] }; \
                 IF $persona != NONE { UPSERT type::record('rep', $uid) SET persona = $persona }; \
                 UPDATE chat_session SET owner = $uid \
                 WHERE string::len(owner) = 32 RETURN AFTER;",
            )
            .bind(json!({ "uid": uid }))
            .await?;
        let rows: Vec<serde_json::Value> = res.take(3)?;
        Ok(rows.len())
    }

    /// A new user; `Conflict` when the email is taken.
    pub async fn create_user(&self, user: &UserRow) -> Result<(), StoreError> {
        let res = self
            .db
            .query("CREATE type::record('user', $u.uid) CONTENT $u")
            .bind(json!({ "u": user }))
            .await?
            .check();
        match res {
            Ok(_) => Ok(()),
            Err(e) if taken(&e) => Err(StoreError::Conflict(user.email.clone())),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM user WHERE email = $email LIMIT 1")
            .bind(json!({ "email": email }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    pub async fn user(&self, uid: &str) -> Result<Option<UserRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM type::record('user', $uid)")
            .bind(json!({ "uid": uid }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    pub async fn set_password(&self, uid: &str, phc: &str) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('user', $uid) SET phc = $phc")
            .bind(json!({ "uid": uid, "phc": phc }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn create_auth_session(&self, row: &AuthSessionRow) -> Result<(), StoreError> {
        self.db
            .query("CREATE type::record('auth_session', $s.digest) CONTENT $s")
            .bind(json!({ "s": row }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn auth_session(&self, digest: &str) -> Result<Option<AuthSessionRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM type::record('auth_session', $d)")
            .bind(json!({ "d": digest }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    pub async fn touch_auth_session(&self, digest: &str, now: i64) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('auth_session', $d) SET last_seen = $now")
            .bind(json!({ "d": digest, "now": now }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn delete_auth_session(&self, digest: &str) -> Result<(), StoreError> {
        self.db
            .query("DELETE type::record('auth_session', $d)")
            .bind(json!({ "d": digest }))
            .await?
            .check()?;
        Ok(())
    }

    /// End every session last used before `cutoff` (ms).
    pub async fn delete_auth_sessions_before(&self, cutoff: i64) -> Result<(), StoreError> {
        self.db
            .query("DELETE auth_session WHERE last_seen < $cutoff")
            .bind(json!({ "cutoff": cutoff }))
            .await?
            .check()?;
        Ok(())
    }

    /// End every session of `uid` (all devices).
    pub async fn delete_auth_sessions_of(&self, uid: &str) -> Result<(), StoreError> {
        self.db
            .query("DELETE auth_session WHERE uid = $uid")
            .bind(json!({ "uid": uid }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn create_invite(&self, row: &InviteRow) -> Result<(), StoreError> {
        self.db
            .query("CREATE type::record('invite', $i.digest) CONTENT $i")
            .bind(json!({ "i": row }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn invite(&self, digest: &str) -> Result<Option<InviteRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM type::record('invite', $d)")
            .bind(json!({ "d": digest }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    /// Mark an invite used; false when it already was (two sign-ups racing for one link).
    pub async fn use_invite(&self, digest: &str, now: i64) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query(
                "UPDATE type::record('invite', $d) SET used_at = $now \
                 WHERE used_at = NONE OR used_at = NULL RETURN AFTER",
            )
            .bind(json!({ "d": digest, "now": now }))
            .await?;
        let rows: Vec<serde_json::Value> = res.take(0)?;
        Ok(!rows.is_empty())
    }

    pub async fn create_token(&self, row: &TokenRow) -> Result<(), StoreError> {
        self.db
            .query("CREATE type::record('api_token', $t.tid) CONTENT $t")
            .bind(json!({ "t": row }))
            .await?
            .check()?;
        Ok(())
    }

    pub async fn token_by_digest(&self, digest: &str) -> Result<Option<TokenRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM api_token WHERE digest = $d LIMIT 1")
            .bind(json!({ "d": digest }))
            .await?;
        Ok(decode(res.take(0)?)?.into_iter().next())
    }

    pub async fn tokens_of(&self, uid: &str) -> Result<Vec<TokenRow>, StoreError> {
        let mut res = self
            .db
            .query("SELECT * OMIT id FROM api_token WHERE uid = $uid ORDER BY created_at DESC")
            .bind(json!({ "uid": uid }))
            .await?;
        decode(res.take(0)?)
    }

    /// Revoke `uid`'s token `tid`; false when there is no such token of theirs.
    pub async fn delete_token(&self, uid: &str, tid: &str) -> Result<bool, StoreError> {
        let mut res = self
            .db
            .query("DELETE type::record('api_token', $tid) WHERE uid = $uid RETURN BEFORE")
            .bind(json!({ "uid": uid, "tid": tid }))
            .await?;
        let rows: Vec<serde_json::Value> = res.take(0)?;
        Ok(!rows.is_empty())
    }

    pub async fn touch_token(&self, tid: &str, now: i64) -> Result<(), StoreError> {
        self.db
            .query("UPDATE type::record('api_token', $tid) SET last_used = $now")
            .bind(json!({ "tid": tid, "now": now }))
            .await?
            .check()?;
        Ok(())
    }
}
