//! Who a request is: accounts (the first one owns the workspace), sign-in sessions (one per
//! device, a cookie whose digest is stored), invites, and personal API tokens.
//!
//! - [`rules`]: what names, emails, passwords, invites and sessions must be (pure);
//! - [`password`]: argon2id hashes; [`secret`]: random secrets and their digests;
//! - [`limits`]: sign-in attempts per email and per address.

pub mod limits;
pub mod password;
pub mod rules;
pub mod secret;

use crate::config::SignupMode;
use crate::store::users::{AuthSessionRow, InviteRow, TokenRow, UserRow};
use crate::store::{Store, StoreError};
use app::domain::access::AccessProblem;
use limits::SignInLimits;
use rules::FieldError;
use std::net::IpAddr;
use std::time::Duration;

/// Why an auth request was refused; each reads as the sentence shown to the user
/// ([`AccessProblem`]'s, the same on the sign-in pages).
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error("{}", AccessProblem::EmailTaken)]
    EmailTaken,
    #[error("{}", AccessProblem::InviteNeeded)]
    InviteNeeded,
    #[error("{}", AccessProblem::SignupClosed)]
    SignupClosed,
    #[error("{}", AccessProblem::BadInvite)]
    BadInvite,
    #[error("{}", AccessProblem::WrongCredentials)]
    WrongCredentials,
    #[error("Too many sign-in attempts. Try again in {} minutes.", .0.as_secs().div_ceil(60))]
    TooManyAttempts(Duration),
    #[error("{}", AccessProblem::NotSignedIn)]
    NotSignedIn,
    #[error("No such token.")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AuthError {
    /// The problem as the sign-in pages name it.
    pub fn problem(&self) -> AccessProblem {
        match self {
            Self::Field(f) => f.problem(),
            Self::EmailTaken => AccessProblem::EmailTaken,
            Self::InviteNeeded => AccessProblem::InviteNeeded,
            Self::SignupClosed => AccessProblem::SignupClosed,
            Self::BadInvite => AccessProblem::BadInvite,
            Self::WrongCredentials => AccessProblem::WrongCredentials,
            Self::TooManyAttempts(_) => AccessProblem::TooManyAttempts,
            Self::NotSignedIn | Self::NotFound => AccessProblem::NotSignedIn,
            Self::Store(_) => AccessProblem::Unavailable,
        }
    }
}

/// A sign-up as asked for.
pub struct Signup {
    pub name: String,
    pub email: String,
    pub password: String,
    pub invite: Option<String>,
}

/// A user signed in on a device: who, and the cookie value to hand the device (shown once).
pub struct NewSession {
    pub user: UserRow,
    pub cookie: String,
}

/// A new invite: the link's code (shown once) and when it stops working (ms).
pub struct NewInvite {
    pub code: String,
    pub expires_at: i64,
}

/// A new API token (shown once) and its id, for revoking it.
pub struct NewToken {
    pub id: String,
    pub token: String,
}

/// Accounts, sessions, invites and tokens.
pub struct Auth {
    store: Store,
    signup: SignupMode,
    limits: SignInLimits,
}

impl Auth {
    pub fn new(store: Store, signup: SignupMode) -> Self {
        Self {
            store,
            signup,
            limits: SignInLimits::default(),
        }
    }

    /// Whether the workspace still has no account (the first visit creates the owner's).
    pub async fn first_run(&self) -> Result<bool, AuthError> {
        Ok(!self.store.any_user().await?)
    }

    /// Create an account and sign it in on this device. The first account owns the
    /// workspace; later ones need an invite (`DOSSIER_SIGNUP=invite`), nothing (`open`),
    /// or are refused (`closed`).
    pub async fn sign_up(&self, s: Signup) -> Result<NewSession, AuthError> {
        let name = rules::name(&s.name)?;
        let email = rules::email(&s.email)?;
        rules::password(&s.password)?;
        let now = crate::now_ms();
        let uid = format!("u{}", crate::random_id(10));
        let first = self.first_run().await?;
        let mut invite = if first {
            None
        } else {
            self.admission(s.invite.as_deref(), now).await?
        };
        if self.store.user_by_email(&email).await?.is_some() {
            return Err(AuthError::EmailTaken);
        }
        let phc = password::hash_blocking(s.password).await;
        let mut user = UserRow {
            uid,
            email,
            name,
            phc,
            owner: first,
            created_at: now,
        };
        if first {
            if self.create_owner(&user).await? {
                return self.start_session(user).await;
            }
            // Two first visitors at once: the other owns the workspace; this one signs up
            // as anyone else would.
            user.owner = false;
            invite = self.admission(s.invite.as_deref(), now).await?;
        }
        match self.store.create_user(&user).await {
            Err(StoreError::Conflict(_)) => return Err(AuthError::EmailTaken),
            other => other?,
        }
        // The invite is spent only by an account that was created (and only once).
        if let Some(digest) = &invite
            && !self.store.use_invite(digest, now).await?
        {
            self.store.delete_user(&user.uid).await?;
            return Err(AuthError::BadInvite);
        }
        self.start_session(user).await
    }

    /// Create `user` as the workspace's owner, with the chats made before sign-in; false
    /// when another account owns it already.
    async fn create_owner(&self, user: &UserRow) -> Result<bool, AuthError> {
        match self.store.create_owner(user).await {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(StoreError::Conflict(_)) => return Err(AuthError::EmailTaken),
            Err(e) => return Err(e.into()),
        }
        let adopted = self.store.adopt_visitor_chats(&user.uid).await?;
        if adopted > 0 {
            tracing::info!(
                adopted,
                "the first account took the chats made before sign-in"
            );
        }
        Ok(true)
    }

    /// Whether a sign-up that does not own the workspace may go ahead: with the digest of
    /// its invite when it needs one (`DOSSIER_SIGNUP=invite`, or an invite given).
    async fn admission(&self, invite: Option<&str>, now: i64) -> Result<Option<String>, AuthError> {
        match (invite, self.signup) {
            (_, SignupMode::Closed) => Err(AuthError::SignupClosed),
            (Some(code), _) => Ok(Some(self.usable_invite(code, now).await?)),
            (None, SignupMode::Open) => Ok(None),
            (None, SignupMode::Invite) => Err(AuthError::InviteNeeded),
        }
    }

    /// The digest of an invite `code` that can still be used.
    async fn usable_invite(&self, code: &str, now: i64) -> Result<String, AuthError> {
        if !secret::well_formed(code) {
            return Err(AuthError::BadInvite);
        }
        let digest = secret::digest(code);
        match self.store.invite(&digest).await? {
            Some(i) if rules::invite_usable(i.created_at, i.used_at.is_some(), now) => Ok(digest),
            _ => Err(AuthError::BadInvite),
        }
    }

    /// Sign in on a device. An unknown email and a wrong password get the same answer in
    /// about the same time; attempts are limited per email and per address.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        ip: Option<IpAddr>,
    ) -> Result<NewSession, AuthError> {
        let email = rules::email(email).map_err(|_| AuthError::WrongCredentials)?;
        if password.len() > rules::MAX_PASSWORD_BYTES {
            return Err(AuthError::WrongCredentials);
        }
        self.limits
            .attempt(&email, ip)
            .map_err(AuthError::TooManyAttempts)?;
        let user = self.store.user_by_email(&email).await?;
        let phc = user.as_ref().map(|u| u.phc.clone());
        if !password::verify_blocking(password.to_string(), phc).await {
            return Err(AuthError::WrongCredentials);
        }
        let user = user.ok_or(AuthError::WrongCredentials)?;
        self.start_session(user).await
    }

    /// A new session for `user` (a new cookie value: signing in never reuses one).
    async fn start_session(&self, user: UserRow) -> Result<NewSession, AuthError> {
        let cookie = secret::new_secret();
        let now = crate::now_ms();
        self.store
            .create_auth_session(&AuthSessionRow {
                digest: secret::digest(&cookie),
                uid: user.uid.clone(),
                created_at: now,
                last_seen: now,
            })
            .await?;
        Ok(NewSession { user, cookie })
    }

    /// The user a session cookie belongs to, if it is alive (its last use is renewed at
    /// most once a minute).
    pub async fn by_cookie(&self, cookie: &str) -> Result<Option<UserRow>, AuthError> {
        if !secret::well_formed(cookie) {
            return Ok(None);
        }
        let digest = secret::digest(cookie);
        let Some(session) = self.store.auth_session(&digest).await? else {
            return Ok(None);
        };
        let now = crate::now_ms();
        if !rules::session_alive(session.last_seen, now) {
            self.store.delete_auth_session(&digest).await?;
            return Ok(None);
        }
        if now - session.last_seen > 60_000 {
            self.store.touch_auth_session(&digest, now).await?;
        }
        Ok(self.store.user(&session.uid).await?)
    }

    /// The user an API token belongs to, if it is not revoked.
    pub async fn by_token(&self, token: &str) -> Result<Option<UserRow>, AuthError> {
        if !token.starts_with(secret::TOKEN_PREFIX) || !secret::well_formed(token) {
            return Ok(None);
        }
        let Some(row) = self.store.token_by_digest(&secret::digest(token)).await? else {
            return Ok(None);
        };
        let now = crate::now_ms();
        if row.last_used.is_none_or(|t| now - t > 60_000) {
            self.store.touch_token(&row.tid, now).await?;
        }
        Ok(self.store.user(&row.uid).await?)
    }

    /// Sign out this device (the session `cookie`), or every device of its user.
    pub async fn sign_out(&self, cookie: &str, everywhere: bool) -> Result<(), AuthError> {
        if !secret::well_formed(cookie) {
            return Ok(());
        }
        let digest = secret::digest(cookie);
        if everywhere && let Some(session) = self.store.auth_session(&digest).await? {
            self.store.delete_auth_sessions_of(&session.uid).await?;
        }
        self.store.delete_auth_session(&digest).await?;
        Ok(())
    }

    /// Change `user`'s password: the current one must be right; every other device is
    /// signed out, and this one gets a new session.
    pub async fn change_password(
        &self,
        user: &UserRow,
        current: &str,
        new: &str,
    ) -> Result<NewSession, AuthError> {
        self.limits
            .attempt(&user.email, None)
            .map_err(AuthError::TooManyAttempts)?;
        if current.len() > rules::MAX_PASSWORD_BYTES
            || !password::verify_blocking(current.to_string(), Some(user.phc.clone())).await
        {
            return Err(AuthError::WrongCredentials);
        }
        rules::password(new)?;
        let phc = password::hash_blocking(new.to_string()).await;
        self.store.set_password(&user.uid, &phc).await?;
        self.store.delete_auth_sessions_of(&user.uid).await?;
        let mut user = user.clone();
        user.phc = phc;
        self.start_session(user).await
    }

    /// A single-use invite from `by`, usable for 7 days.
    pub async fn invite(&self, by: &UserRow) -> Result<NewInvite, AuthError> {
        let code = secret::new_secret();
        let now = crate::now_ms();
        self.store
            .create_invite(&InviteRow {
                digest: secret::digest(&code),
                by: by.uid.clone(),
                created_at: now,
                used_at: None,
            })
            .await?;
        Ok(NewInvite {
            code,
            expires_at: now + rules::INVITE_LIFETIME.as_millis() as i64,
        })
    }

    /// A new API token for `user`, named `name` (shown once; stored as its digest).
    pub async fn create_token(&self, user: &UserRow, name: &str) -> Result<NewToken, AuthError> {
        let name = rules::name(name)?;
        let token = secret::new_token();
        let id = format!("tok{}", crate::random_id(8));
        self.store
            .create_token(&TokenRow {
                tid: id.clone(),
                uid: user.uid.clone(),
                name,
                digest: secret::digest(&token),
                created_at: crate::now_ms(),
                last_used: None,
            })
            .await?;
        Ok(NewToken { id, token })
    }

    /// `user`'s tokens, newest first (names and dates only).
    pub async fn tokens(&self, user: &UserRow) -> Result<Vec<TokenRow>, AuthError> {
        Ok(self.store.tokens_of(&user.uid).await?)
    }

    /// Revoke one of `user`'s tokens; false when they have no such token.
    pub async fn revoke_token(&self, user: &UserRow, id: &str) -> Result<bool, AuthError> {
        if id.len() > 40 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(false);
        }
        Ok(self.store.delete_token(&user.uid, id).await?)
    }

    /// Forget rate-limit keys that are back to full, and sessions unused for 30 days.
    pub async fn sweep(&self) -> Result<(), AuthError> {
        self.limits.tidy();
        let cutoff = crate::now_ms() - rules::SESSION_IDLE.as_millis() as i64;
        self.store.delete_auth_sessions_before(cutoff).await?;
        Ok(())
    }
}
