//! Whose chat it is: a session belongs to the visitor who made it; new sessions, the
//! snapshot a page renders from, and committing an exchange of two messages.

use super::{Chat, message_id};
use crate::store::promises::Promise;
use crate::store::runs::RunRow;
use crate::store::sessions::SessionRow;
use app::domain::chat_list::ChatEntry;
use app::domain::{AccountSummary, Change, ChatMessage, ChatView, SessionEvent};
use app::error::AppError;
use app::ports::{ChatSnapshot, Visitor};

/// Session ids are short and plain; anything else cannot be one of ours.
fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Chat {
    /// The session if `visitor` owns it; otherwise "not found" (never "forbidden": ids of
    /// other people's sessions are not confirmed to exist).
    pub async fn own_session(&self, visitor: &Visitor, sid: &str) -> Result<SessionRow, AppError> {
        let not_found = || AppError::NotFound("No chat session with that id.".into());
        if !plausible_id(sid) {
            return Err(not_found());
        }
        match self.store.session(sid).await? {
            Some(s) if s.owner == visitor.0 => Ok(s),
            _ => Err(not_found()),
        }
    }

    /// The visitor's session `sid`, or a new one when none is named.
    pub async fn session_or_new(
        &self,
        visitor: &Visitor,
        sid: Option<&str>,
    ) -> Result<SessionRow, AppError> {
        match sid {
            Some(sid) => self.own_session(visitor, sid).await,
            None => self.create_session(visitor).await,
        }
    }

    /// `visitor`'s chats, newest activity first.
    pub async fn chats_of(&self, visitor: &Visitor) -> Result<Vec<ChatEntry>, AppError> {
        let rows = self.store.chats_of(&visitor.0).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let at = r.last_event.unwrap_or(r.created_at);
                ChatEntry {
                    updated_at_ms: at,
                    updated: chrono::DateTime::from_timestamp_millis(at)
                        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                        .unwrap_or_default(),
                    id: r.sid,
                    customer_id: r.account_id,
                    customer_name: r.account_name,
                }
            })
            .collect())
    }

    /// Follow the live feed signal `name` for user `uid`: only a feed of one of their own
    /// chats (made here on demand when this process has not opened it: after a restart, a
    /// sweep of idle feeds, or on another instance's browser).
    pub async fn follow_feed(&self, uid: &str, name: &str) -> Option<crate::live::Following> {
        match self.feeds.owner_of(name) {
            Some(owner) if owner == uid => {}
            Some(_) => return None,
            None => {
                let token = name.strip_prefix("feed-")?;
                let session = match self.store.session_by_feed(token).await {
                    Ok(s) => s?,
                    Err(e) => {
                        tracing::warn!(error = %e, "could not look up a feed");
                        return None;
                    }
                };
                if session.owner != uid {
                    return None;
                }
                self.feeds
                    .ensure(&session.sid, &session.feed, &session.owner);
            }
        }
        self.feeds.follow(name)
    }

    /// A new session owned by `visitor`.
    pub async fn create_session(&self, visitor: &Visitor) -> Result<SessionRow, AppError> {
        let row = SessionRow {
            sid: format!("s-{}", crate::random_id(12)),
            owner: visitor.0.clone(),
            feed: crate::random_id(24),
            created_at: crate::now_ms(),
        };
        self.store.create_session(&row).await?;
        Ok(row)
    }

    pub(super) async fn snapshot(&self, session: &SessionRow) -> Result<ChatSnapshot, AppError> {
        // Feed first, snapshot second: nothing can fall between them.
        let feed = self
            .feeds
            .ensure(&session.sid, &session.feed, &session.owner);
        let view = self.view_of(&session.sid).await?;
        Ok(ChatSnapshot { view, feed })
    }

    /// Chat `sid` as its events fold: every message as it reads now.
    pub(super) async fn view_of(&self, sid: &str) -> Result<ChatView, AppError> {
        let mut view = ChatView::new(sid.to_string());
        loop {
            let before = view.seq;
            let batch = self.store.events_since(sid, view.seq).await?;
            view.apply_all(&batch);
            if view.seq == before {
                break; // done (or a gap in the log: show what is consistent)
            }
        }
        Ok(view)
    }

    /// Commit what the rep said and Dossier's answer, as two messages.
    pub(super) async fn exchange(
        &self,
        session: &SessionRow,
        said: String,
        answer: ChatMessage,
    ) -> Result<Vec<SessionEvent>, AppError> {
        self.exchange_promising(session, said, answer, None).await
    }

    /// Post the rep's message and the answer, and record the `promise` the answer makes, in
    /// one transaction.
    pub(super) async fn exchange_promising(
        &self,
        session: &SessionRow,
        said: String,
        answer: ChatMessage,
        promise: Option<Promise>,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let changes = said_and_answered(said, answer);
        let events = match promise {
            Some(p) => self.store.append_promise(&session.sid, changes, p).await?,
            None => self.store.append(&session.sid, changes, None).await?,
        };
        Ok(events)
    }

    /// Post the rep's message and the answer with an earlier message `revised`, in one
    /// transaction.
    pub(super) async fn exchange_revising(
        &self,
        session: &SessionRow,
        said: String,
        answer: ChatMessage,
        revised: Option<Change>,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let mut changes = said_and_answered(said, answer);
        changes.extend(revised);
        Ok(self.store.append(&session.sid, changes, None).await?)
    }

    /// The session's newest run, if it is about `account`.
    pub(super) async fn latest_run_about(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
    ) -> Result<Option<RunRow>, AppError> {
        let run = self.store.latest_run(&session.sid).await?;
        Ok(run.filter(|r| r.account_id == account.id))
    }

    /// Remember the account the session is about now.
    pub async fn set_current_account(&self, sid: &str, account_id: &str) -> Result<(), AppError> {
        self.store.set_context_account(sid, account_id).await?;
        Ok(())
    }
}

/// The rep's message and Dossier's answer, as two messages.
pub(super) fn said_and_answered(said: String, answer: ChatMessage) -> Vec<Change> {
    vec![
        Change::MessageAdded {
            message: ChatMessage::user(message_id(), said, crate::now_ms()),
        },
        Change::MessageAdded { message: answer },
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_short_ids_can_be_sessions() {
        assert!(super::plausible_id("s-0123abcd"));
        assert!(!super::plausible_id(""));
        assert!(!super::plausible_id(&"a".repeat(65)));
        assert!(!super::plausible_id("s-1'; DROP"));
        assert!(!super::plausible_id("s/../x"));
    }
}
