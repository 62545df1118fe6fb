//! The meeting-prep one-pager in the chat: the rep pins answers to the prep of the chat's
//! account ("📋 Add to meeting prep"), asks for the one-pager (typed, a button or `POST
//! /api/preps`) and watches it being made in the seed's words; the one-pager is then a
//! version of the prep, opened as a page, a PDF, a deck or Markdown — the rep's own only.
//!
//! Made durably: the "📄 Generating…" message and the generation's [`PrepDue`] are one
//! transaction, the finished one-pager message and its version another; a process that
//! dies between them leaves the promise, which the next one takes over ([`Chat::keep_preps`]).

use super::ask::Lookup;
use super::sessions::said_and_answered;
use super::{Chat, message_id};
use crate::answers::{one_pager as say, persona_suffix};
use crate::prep::build::{Made, one_pager};
use crate::prep::diff;
use crate::store::StoreError;
use crate::store::preps::{PrepDue, PrepRow};
use crate::store::promises::Promise;
use crate::store::sessions::SessionRow;
use app::domain::chat::{PrepView, plausible_prep_id};
use app::domain::one_pager::{OnePager, Paper, PinnedItem, PrepSummary};
use app::domain::{AccountSummary, Action, ActionKind, Change, ChatMessage, Intent, SessionEvent};
use app::error::AppError;
use app::ports::Visitor;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The preps whose one-pager this process is making (their leases are renewed).
pub(super) type Prepping = Arc<Mutex<HashSet<String>>>;

/// How long a one-pager waits for the research still running before it is made from what
/// is in.
const RUN_WAIT: Duration = Duration::from_secs(60);

/// A one-pager asked for: its prep, and what the chat shows now.
pub struct PrepStarted {
    pub prep_id: String,
    pub events: Vec<SessionEvent>,
    /// The progress message (what is shown until the one-pager is in).
    pub progress: ChatMessage,
    /// The id the one-pager message will have.
    pub answer_id: String,
}

impl Chat {
    /// `POST /api/preps`: make the one-pager of chat `session_id`'s current account.
    pub async fn create_prep(
        &self,
        visitor: &Visitor,
        session_id: &str,
        locale: &str,
    ) -> Result<PrepStarted, AppError> {
        let session = self.own_session(visitor, session_id.trim()).await?;
        let context = self.store.session_context(&session.sid).await?;
        let account = context
            .account_id
            .and_then(|id| self.book.get(&id))
            .ok_or_else(|| {
                AppError::BadInput(
                    "This chat has no account yet: pick one before making its one-pager.".into(),
                )
            })?;
        self.start_prep(&session, &account, None, locale).await
    }

    /// Start making the one-pager of `session`'s prep about `account` (`said`: what the rep
    /// typed or pressed, posted first).
    pub(super) async fn start_prep(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
        said: Option<String>,
        locale: &str,
    ) -> Result<PrepStarted, AppError> {
        let prep = self.prep_row(session, account).await?;
        let now = crate::now_ms();
        let version = prep.version + 1;
        let due = PrepDue {
            pid: prep.pid.clone(),
            sid: session.sid.clone(),
            version,
            progress_mid: format!("msg-{}-v{version}-progress", prep.pid),
            locale: locale.chars().take(64).collect(),
            holder: self.orchestrator.instance().to_string(),
            lease_until: now + self.orchestrator.lease().as_millis() as i64,
            attempts: 1,
            created_at: now,
        };
        let progress =
            ChatMessage::assistant(&due.progress_mid, say::generating(&account.name), now);
        let changes = match &said {
            Some(text) => said_and_answered(text.clone(), progress.clone()),
            None => vec![Change::MessageAdded {
                message: progress.clone(),
            }],
        };
        match self
            .store
            .append_promise(&session.sid, changes, Promise::PrepDue(due.clone()))
            .await
        {
            Ok(events) => {
                self.prep_later(due.clone());
                Ok(PrepStarted {
                    prep_id: prep.pid.clone(),
                    events,
                    progress,
                    answer_id: answer_id(&due),
                })
            }
            // Already being made: one version, and the rep is told so.
            Err(StoreError::Conflict(_)) => {
                let under_way = self.store.prep_due(&prep.pid).await?;
                let note = ChatMessage::assistant(
                    message_id(),
                    say::already_generating(&account.name),
                    now,
                );
                let events = match said {
                    Some(text) => self.exchange(session, text, note.clone()).await?,
                    None => Vec::new(),
                };
                Ok(PrepStarted {
                    prep_id: prep.pid,
                    events,
                    progress: note,
                    answer_id: under_way.map(|d| answer_id(&d)).unwrap_or_default(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The prep of `session` about `account`, made if it has none.
    async fn prep_row(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
    ) -> Result<PrepRow, AppError> {
        let now = crate::now_ms();
        Ok(self
            .store
            .ensure_prep(&PrepRow {
                pid: prep_id(&session.sid, &account.id),
                owner: session.owner.clone(),
                sid: session.sid.clone(),
                account_id: account.id.clone(),
                account_name: account.name.clone(),
                version: 0,
                created_at: now,
                updated_at: now,
            })
            .await?)
    }

    /// Make the one-pager of `due` in the background.
    fn prep_later(&self, due: PrepDue) {
        let Some(this) = self.me() else {
            return;
        };
        self.prepping_set().insert(due.pid.clone());
        tokio::spawn(async move {
            let pid = due.pid.clone();
            if let Err(e) = this.make_prep(&due).await {
                tracing::warn!(pid, error = %e, "a one-pager was not made; it is taken over when its lease lapses");
            }
            this.prepping_set().remove(&pid);
        });
    }

    fn prepping_set(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.prepping.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait for the research, build the one-pager, post it with its version.
    async fn make_prep(&self, due: &PrepDue) -> Result<(), AppError> {
        let Some(prep) = self.store.prep(&due.pid).await? else {
            return Ok(());
        };
        let account = self.account(&prep.account_id)?;
        let session = self
            .store
            .session(&due.sid)
            .await?
            .ok_or_else(|| AppError::NotFound("the prep's chat is gone".into()))?;
        let run = self.settled_run(&session, &account).await?;
        let rep = self.rep(Some(&session.owner)).await?;
        let vendor = rep.company.profile.name.clone();
        let vendor = (!vendor.is_empty()).then_some(vendor);
        let personalized = say::personalizing(&rep.persona, vendor.as_deref());
        self.revise(
            due,
            format!("{}\n{personalized}", say::generating(&account.name)),
        )
        .await?;

        let Lookup { evidence, .. } = self
            .lookup(&account, rep, Intent::MeetingPrep, run.as_ref())
            .await?;
        let pinned = self.store.items(&prep.pid).await?;
        let included = say::including(&evidence, pinned.len());
        self.revise(
            due,
            format!(
                "{}\n{personalized}\n{included}",
                say::generating(&account.name)
            ),
        )
        .await?;
        let mut doc = one_pager(
            &evidence,
            &pinned,
            Made {
                prep_id: &prep.pid,
                version: due.version,
                made_at: crate::now_ms(),
                vendor: vendor.as_deref(),
                paper: Paper::for_locale(&due.locale),
            },
        );
        if due.version > 1
            && let Some(before) = self.store.prep_version(&prep.pid, due.version - 1).await?
        {
            doc.new_since = Some(diff::new_since(&before, &doc));
        }
        let now = crate::now_ms();
        let message = ChatMessage::assistant(
            answer_id(due),
            say::message_text(&doc, &persona_suffix(&evidence)),
            now,
        )
        .with_sources(doc.sources.clone())
        .with_actions(open_actions(&prep.pid));
        let changes = vec![
            Change::MessageRevised {
                id: due.progress_mid.clone(),
                text: say::generated(&account.name, &personalized, &included),
                sources: vec![],
                actions: vec![],
                streaming: false,
            },
            Change::MessageAdded { message },
        ];
        let made = Promise::PrepMade {
            doc: Box::new(doc),
            holder: self.orchestrator.instance().to_string(),
        };
        match self.store.append_promise(&due.sid, changes, made).await {
            Ok(_) => Ok(()),
            // Another process made it (it took over a lapsed lease): nothing to post.
            Err(StoreError::Conflict(_)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The session's latest run about `account`, once it is no longer running (or after
    /// [`RUN_WAIT`], as it is then): woken by the run's `RunFinished` event, from any process.
    async fn settled_run(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
    ) -> Result<Option<crate::store::runs::RunRow>, AppError> {
        // Listening before looking: a run that ends in between is not missed.
        let mut events = self.feeds.subscribe_all();
        let run = self.latest_run_about(session, account).await?;
        let Some(rid) = run
            .as_ref()
            .filter(|r| r.is_running())
            .map(|r| r.rid.clone())
        else {
            return Ok(run);
        };
        let finished = async {
            loop {
                match events.recv().await {
                    Ok(e) if matches!(&e.1.change, Change::RunFinished { run_id, .. } if *run_id == rid) =>
                    {
                        return;
                    }
                    Ok(_) => {}
                    // Missed some: the store says whether it ended.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        let now = self.store.run(&rid).await.ok().flatten();
                        if now.is_none_or(|r| !r.is_running()) {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        };
        let _ = tokio::time::timeout(RUN_WAIT, finished).await;
        self.latest_run_about(session, account).await
    }

    /// Show `text` in `due`'s progress message.
    async fn revise(&self, due: &PrepDue, text: String) -> Result<(), AppError> {
        self.store
            .append(
                &due.sid,
                vec![Change::MessageRevised {
                    id: due.progress_mid.clone(),
                    text,
                    sources: vec![],
                    actions: vec![],
                    streaming: true,
                }],
                None,
            )
            .await?;
        Ok(())
    }

    /// Renew the leases on the one-pagers this process makes, and take over those whose
    /// maker died (`now`: None at start when this process is the database's only user).
    pub(super) async fn keep_preps(&self, now: Option<i64>) {
        let lease = self.orchestrator.lease().as_millis() as i64;
        let mine: Vec<String> = self.prepping_set().iter().cloned().collect();
        let until = crate::now_ms() + lease;
        let holder = self.orchestrator.instance();
        if let Err(e) = self.store.renew_preps(holder, &mine, until).await {
            tracing::warn!(error = %e, "one-pager lease renewal failed");
        }
        match self.store.take_lapsed_preps(holder, now, until).await {
            Ok(taken) => {
                for due in taken {
                    tracing::info!(
                        pid = due.pid,
                        attempts = due.attempts,
                        "taking over a one-pager left unmade"
                    );
                    self.prep_later(due);
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not look for one-pagers left unmade"),
        }
    }

    /// Pin chat message `message_id` of `session_id` to the prep of the chat's account.
    pub async fn pin_message(
        &self,
        visitor: &Visitor,
        session_id: &str,
        message_id: &str,
    ) -> Result<(PrepRow, PinnedItem), AppError> {
        let session = self.own_session(visitor, session_id.trim()).await?;
        let view = self.view_of(&session.sid).await?;
        let message = view
            .messages
            .iter()
            .find(|m| m.id == message_id.trim())
            .ok_or_else(|| AppError::NotFound("No message with that id in this chat.".into()))?;
        let context = self.store.session_context(&session.sid).await?;
        let account = context
            .account_id
            .and_then(|id| self.book.get(&id))
            .ok_or_else(|| {
                AppError::BadInput("Pick an account before pinning to its prep.".into())
            })?;
        let prep = self.prep_row(&session, &account).await?;
        let item = PinnedItem {
            item_id: item_id(&prep.pid, &message.id),
            message_id: message.id.clone(),
            text: message.text.chars().take(4_000).collect(),
            sources: message.sources.clone(),
            position: 0,
            added_at: crate::now_ms(),
        };
        if !self.store.pin(&prep.pid, &item).await? {
            return Err(AppError::BadInput(format!(
                "This prep already holds {} items: remove one first.",
                crate::store::preps::MAX_ITEMS
            )));
        }
        Ok((prep, item))
    }

    /// `POST /api/preps/{id}/items {"messageId"}`: pin a message of the prep's own chat.
    pub async fn pin_to(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        message_id: &str,
    ) -> Result<PinnedItem, AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        let (_, item) = self.pin_message(visitor, &prep.sid, message_id).await?;
        Ok(item)
    }

    /// `DELETE /api/preps/{id}/items/{item}`.
    pub async fn unpin(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        item: &str,
    ) -> Result<(), AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        if self.store.unpin(&prep.pid, item, crate::now_ms()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound(
                "No item with that id in this prep.".into(),
            ))
        }
    }

    /// `PUT /api/preps/{id}/items`: the items in the order given.
    pub async fn reorder_items(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        order: &[String],
    ) -> Result<Vec<PinnedItem>, AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        if order.len() > crate::store::preps::MAX_ITEMS {
            return Err(AppError::BadInput("Too many items named.".into()));
        }
        self.store.reorder_items(&prep.pid, order).await?;
        Ok(self.store.items(&prep.pid).await?)
    }

    /// Move item `item` of prep `prep_id` one place up or down (the page's ↑ / ↓, also as
    /// plain forms); the items after.
    pub async fn move_item(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        item: &str,
        up: bool,
    ) -> Result<Vec<PinnedItem>, AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        let mut order: Vec<String> = self
            .store
            .items(&prep.pid)
            .await?
            .into_iter()
            .map(|i| i.item_id)
            .collect();
        let from = order
            .iter()
            .position(|i| i == item)
            .ok_or_else(|| AppError::NotFound("No item with that id in this prep.".into()))?;
        let to = if up {
            from.checked_sub(1)
        } else {
            Some(from + 1).filter(|t| *t < order.len())
        };
        if let Some(to) = to {
            order.swap(from, to);
            self.store.reorder_items(&prep.pid, &order).await?;
        }
        Ok(self.store.items(&prep.pid).await?)
    }

    /// The visitor's prep `prep_id` (another rep's, or none: 404).
    pub async fn own_prep(&self, visitor: &Visitor, prep_id: &str) -> Result<PrepRow, AppError> {
        let not_found = || AppError::NotFound("No prep with that id.".into());
        if !plausible_prep_id(prep_id) {
            return Err(not_found());
        }
        match self.store.prep(prep_id).await? {
            Some(p) if p.owner == visitor.0 => Ok(p),
            _ => Err(not_found()),
        }
    }

    /// The one-pager of the visitor's prep `prep_id`: `version`, or the latest. 404 until
    /// one is made.
    pub async fn prep_doc(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        version: Option<u32>,
    ) -> Result<(PrepRow, OnePager, Vec<PinnedItem>), AppError> {
        let prep = self.own_prep(visitor, prep_id).await?;
        let n = version.unwrap_or(prep.version);
        let doc = match n {
            0 => None,
            n => self.store.prep_version(&prep.pid, n).await?,
        };
        let doc = doc.ok_or_else(|| {
            AppError::NotFound("This prep has no one-pager yet: ask for one in its chat.".into())
        })?;
        let items = self.store.items(&prep.pid).await?;
        Ok((prep, doc, items))
    }

    /// `GET /api/preps`: the visitor's preps, most recently changed first.
    pub async fn preps_of(&self, visitor: &Visitor) -> Result<Vec<PrepSummary>, AppError> {
        Ok(self
            .store
            .preps_of(&visitor.0)
            .await?
            .into_iter()
            .map(|(p, items)| PrepSummary {
                prep_id: p.pid,
                account_id: p.account_id,
                account_name: p.account_name,
                chat_session_id: p.sid,
                version: p.version,
                updated_at: p.updated_at,
                items,
            })
            .collect())
    }

    /// "What changed since my last prep?": the latest version against the one before.
    pub(super) async fn prep_changes(
        &self,
        session: &SessionRow,
        account: &AccountSummary,
    ) -> Result<String, AppError> {
        let prep = self.store.prep(&prep_id(&session.sid, &account.id)).await?;
        let Some(prep) = prep.filter(|p| p.version > 0) else {
            return Ok(say::no_prep_yet(&account.name));
        };
        let doc = self.store.prep_version(&prep.pid, prep.version).await?;
        Ok(
            match doc.and_then(|d| d.new_since.map(|n| (d.made_at, n))) {
                Some((_, n)) => diff::describe(&n),
                None => say::first_prep(&account.name, prep.version),
            },
        )
    }
}

/// The id of the prep of chat `sid` about `account_id`: one each, the same for every maker.
pub fn prep_id(sid: &str, account_id: &str) -> String {
    format!("prep-{}", digest(&[sid, account_id]))
}

/// The id of `message_id` pinned to prep `pid`.
fn item_id(pid: &str, message_id: &str) -> String {
    format!("item-{}", digest(&[pid, message_id]))
}

fn digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The one-pager message's id.
fn answer_id(due: &PrepDue) -> String {
    format!("msg-{}-v{}", due.pid, due.version)
}

/// The page, the PDF, the deck and the Markdown, as links under the one-pager message.
fn open_actions(prep_id: &str) -> Vec<Action> {
    PrepView::ALL
        .into_iter()
        .map(|view| {
            Action::new(
                format!("open_{view:?}").to_lowercase(),
                view.label(),
                ActionKind::OpenPrep {
                    prep_id: prep_id.to_string(),
                    view,
                },
            )
        })
        .collect()
}

#[async_trait::async_trait]
impl app::ports::PrepService for Chat {
    async fn prep_page(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        version: Option<u32>,
    ) -> Result<app::ports::PrepPage, AppError> {
        let (prep, doc, items) = self.prep_doc(visitor, prep_id, version).await?;
        let sharing = self.sharing_of(&prep, &doc).await?;
        Ok(app::ports::PrepPage {
            doc,
            items,
            latest_version: prep.version,
            chat_session_id: prep.sid,
            sharing,
        })
    }

    async fn preps(&self, visitor: &Visitor) -> Result<Vec<PrepSummary>, AppError> {
        self.preps_of(visitor).await
    }

    async fn pin(
        &self,
        visitor: &Visitor,
        session_id: &str,
        message_id: &str,
    ) -> Result<String, AppError> {
        let (prep, _) = self.pin_message(visitor, session_id, message_id).await?;
        Ok(prep.pid)
    }

    async fn unpin(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        item_id: &str,
    ) -> Result<Vec<PinnedItem>, AppError> {
        Chat::unpin(self, visitor, prep_id, item_id).await?;
        Ok(self.store.items(prep_id).await?)
    }

    async fn reorder(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        item_ids: &[String],
    ) -> Result<Vec<PinnedItem>, AppError> {
        self.reorder_items(visitor, prep_id, item_ids).await
    }

    async fn share(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        host: Option<&str>,
    ) -> Result<app::domain::sharing::NewShareLink, AppError> {
        self.share_prep(visitor, prep_id, host, None).await
    }

    async fn unshare(&self, visitor: &Visitor, prep_id: &str) -> Result<(), AppError> {
        self.unshare_prep(visitor, prep_id).await.map(|_| ())
    }

    async fn send(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        channel: app::domain::sharing::Channel,
        to: Option<&str>,
    ) -> Result<app::domain::sharing::SendRecord, AppError> {
        self.send_prep(visitor, prep_id, channel, to).await
    }

    async fn retry_send(
        &self,
        visitor: &Visitor,
        prep_id: &str,
        send_id: &str,
    ) -> Result<app::domain::sharing::SendRecord, AppError> {
        Chat::retry_send(self, visitor, prep_id, send_id).await
    }
}
