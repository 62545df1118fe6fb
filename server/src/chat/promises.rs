//! Answers owed in a placeholder ("🔍 Analyzing…", a streaming model answer): written in the
//! background, each recorded as an [`AnswerDue`] in the transaction that posts its
//! placeholder, under a lease this process renews while it writes. A process that finds one
//! whose lease lapsed (its writer died) writes it again from the question; one that died
//! twice already ends with "I couldn't finish this — ask again" and a button that asks
//! again. Only one writer can post an answer: keeping the promise removes its record in the
//! answer's transaction.

use super::Chat;
use super::ask::{Lookup, answer_message, finish_with};
use crate::analysts::{Analyst, StepData};
use crate::orchestrator::Collector;
use crate::store::promises::{AnswerDue, Promise};
use crate::store::{Store, StoreError};
use app::domain::{Action, Change, ChatMessage, Intent, Question};
use futures::FutureExt;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// How soon a streaming answer is first written to the chat (later writes wait longer).
const STREAM_EVERY: Duration = Duration::from_millis(150);

/// The most partial writes of one streaming answer (the final answer is one more).
const MAX_STREAM_WRITES: usize = 19;

/// How many processes may start an answer before it is given up: the one that promised it
/// and one that took it over after a crash.
const MAX_ATTEMPTS: u32 = 2;

/// The longest an answer may take to write (live queries, then the analyst) before the rep
/// is told it could not be finished.
const ANSWER_BOUND: Duration = Duration::from_secs(120);

/// What an answer given up says.
pub const COULD_NOT_FINISH: &str = "I couldn't finish this — ask again.";

impl Chat {
    /// The record of an answer this process is about to write into `placeholder_id`.
    pub(super) fn answer_due(
        &self,
        sid: &str,
        placeholder_id: &str,
        account_id: &str,
        q: &Question,
        run_live: Option<&str>,
    ) -> AnswerDue {
        let now = crate::now_ms();
        AnswerDue {
            mid: placeholder_id.to_string(),
            sid: sid.to_string(),
            account_id: account_id.to_string(),
            intent: q.intent,
            focus: q.focus.clone(),
            run_id: run_live.map(str::to_string),
            holder: self.orchestrator.instance().to_string(),
            lease_until: now + self.orchestrator.lease().as_millis() as i64,
            attempts: 1,
            created_at: now,
        }
    }

    /// Query the live steps, write the answer (streaming if the analyst does), and replace
    /// the placeholder `due.mid` with it, keeping the promise. Bounded by [`ANSWER_BOUND`].
    pub(super) fn answer_later(
        &self,
        due: AnswerDue,
        q: Question,
        lookup: Lookup,
    ) -> JoinHandle<Option<ChatMessage>> {
        let writer = self.writer();
        writer.writing(&due.mid, true);
        tokio::spawn(async move {
            // A panic while writing (a bug on hostile data) gives the answer up like a
            // timeout: the promise is kept either way, never left renewed forever.
            let writing = AssertUnwindSafe(writer.write_answer(&due, &q, lookup)).catch_unwind();
            let message = match tokio::time::timeout(ANSWER_BOUND, writing).await {
                Ok(Ok(message)) => message,
                Ok(Err(_)) => {
                    tracing::error!(mid = due.mid, "writing an answer panicked; given up");
                    gave_up(&due)
                }
                Err(_) => {
                    tracing::warn!(mid = due.mid, "an answer took too long; given up");
                    gave_up(&due)
                }
            };
            let kept = writer.keep(&due, &message).await;
            writer.writing(&due.mid, false);
            kept.then_some(message)
        })
    }

    fn writer(&self) -> Writer {
        Writer {
            store: self.store.clone(),
            collector: Arc::clone(&self.collector),
            analyst: Arc::clone(&self.analyst),
            answering: Arc::clone(&self.answering),
            holder: self.orchestrator.instance().to_string(),
        }
    }

    /// Take over the answers left by processes that stopped (`sole_owner`: this process is
    /// the database's only user, so at start every one is), then renew the leases on the
    /// answers this process writes and watch for lapsed ones.
    pub fn keep_promises(self: &Arc<Self>, sole_owner: bool) {
        let this = Arc::clone(self);
        tokio::spawn(async move {
            if sole_owner {
                this.take_over_answers(None).await;
                this.keep_preps(None).await;
                this.keep_sends(None).await;
            }
            let lease = this.orchestrator.lease();
            let beat = (lease / 3).max(Duration::from_millis(100));
            let mut tick = tokio::time::interval(beat);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let now = crate::now_ms();
                let ids: Vec<String> = {
                    let set = this.answering.lock().unwrap_or_else(|e| e.into_inner());
                    set.iter().cloned().collect()
                };
                let until = now + lease.as_millis() as i64;
                if let Err(e) = this
                    .store
                    .renew_answers(this.orchestrator.instance(), &ids, until)
                    .await
                {
                    tracing::warn!(error = %e, "answer lease renewal failed");
                }
                this.take_over_answers(Some(now)).await;
                this.keep_preps(Some(now)).await;
                this.keep_sends(Some(now)).await;
            }
        });
    }

    /// Take the answers whose lease lapsed before `now` (`None`: every one another process holds) and write each again,
    /// or give it up when it has been started [`MAX_ATTEMPTS`] times.
    async fn take_over_answers(&self, now: Option<i64>) {
        let until = crate::now_ms() + self.orchestrator.lease().as_millis() as i64;
        let taken = match self
            .store
            .take_lapsed_answers(self.orchestrator.instance(), now, until)
            .await
        {
            Ok(taken) => taken,
            Err(e) => {
                tracing::warn!(error = %e, "could not look for answers left unwritten");
                return;
            }
        };
        for due in taken {
            let why = match now {
                None => "taking over an answer left by a stopped process",
                Some(_) => "taking over an answer whose lease lapsed",
            };
            tracing::info!(mid = due.mid, attempts = due.attempts, "{why}");
            if let Err(e) = self.resume(due).await {
                tracing::warn!(error = %e, "could not resume an answer; it is retried when its lease lapses");
            }
        }
    }

    /// Write `due` again from its question, or give it up.
    async fn resume(&self, due: AnswerDue) -> Result<(), app::error::AppError> {
        let account = match self.book.get(&due.account_id) {
            Some(account) if due.attempts <= MAX_ATTEMPTS => account,
            _ => {
                tracing::warn!(
                    mid = due.mid,
                    attempts = due.attempts,
                    "an answer was given up"
                );
                self.writer().keep(&due, &gave_up(&due)).await;
                return Ok(());
            }
        };
        let owner = self.store.session(&due.sid).await?.map(|s| s.owner);
        let rep = self.rep(owner.as_deref()).await?;
        let run = match &due.run_id {
            Some(rid) => self.store.run(rid).await?,
            None => None,
        };
        let lookup = self.lookup(&account, rep, due.intent, run.as_ref()).await?;
        let q = Question {
            intent: due.intent,
            focus: due.focus.clone(),
        };
        let run_live = run.filter(|r| r.is_running()).map(|r| r.rid);
        let due = AnswerDue {
            run_id: run_live,
            ..due
        };
        drop(self.answer_later(due, q, lookup));
        Ok(())
    }
}

/// What writing an answer in the background needs (cloned out of the chat service).
struct Writer {
    store: Store,
    collector: Arc<Collector>,
    analyst: Arc<dyn Analyst>,
    answering: Answering,
    /// This process's name on the leases it holds.
    holder: String,
}

impl Writer {
    async fn write_answer(&self, due: &AnswerDue, q: &Question, lookup: Lookup) -> ChatMessage {
        let Lookup { mut evidence, live } = lookup;
        if !live.is_empty() {
            tracing::info!(steps = ?live, account = %evidence.account.id, "targeted live query");
        }
        let results = futures::future::join_all(
            live.iter()
                .map(|&step| self.collector.collect(step, &evidence.account)),
        )
        .await;
        for (step, (result, _)) in live.into_iter().zip(results) {
            let data = match result {
                Ok(f) => StepData::Found(f),
                Err(reason) => StepData::Failed(reason),
            };
            evidence.steps.push((step, data));
        }
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let held = Promise::AnswerHeld {
            mid: due.mid.clone(),
            holder: self.holder.clone(),
        };
        let streamer = tokio::spawn(stream_into(self.store.clone(), due.sid.clone(), held, rx));
        let partial = self.analyst.streams().then_some(tx);
        let answer =
            finish_with(&*self.analyst, q, &evidence, due.run_id.as_deref(), partial).await;
        let _ = streamer.await;
        answer_message(due.mid.clone(), answer, crate::now_ms())
    }

    /// Post `message` into its placeholder and remove the promise, in one transaction; false
    /// if it could not be posted (another process kept it first, or the database failed —
    /// then the promise stays, and is taken over when its lease lapses).
    async fn keep(&self, due: &AnswerDue, message: &ChatMessage) -> bool {
        let change = Change::MessageRevised {
            id: due.mid.clone(),
            text: message.text.clone(),
            sources: message.sources.clone(),
            actions: message.actions.clone(),
            streaming: false,
        };
        let kept = Promise::AnswerKept(due.mid.clone());
        match self
            .store
            .append_promise(&due.sid, vec![change], kept)
            .await
        {
            Ok(_) => true,
            Err(StoreError::Conflict(_)) => {
                tracing::info!(
                    mid = due.mid,
                    "an answer was already posted by another process"
                );
                false
            }
            Err(e) => {
                tracing::error!(mid = due.mid, error = %e, "could not post an answer");
                false
            }
        }
    }

    /// Mark placeholder `mid` as written (or no longer written) by this process.
    fn writing(&self, mid: &str, on: bool) {
        let mut set = self.answering.lock().unwrap_or_else(|e| e.into_inner());
        if on {
            set.insert(mid.to_string());
        } else {
            set.remove(mid);
        }
    }
}

/// The placeholders this process is writing answers into (their leases are renewed).
pub(super) type Answering = Arc<Mutex<HashSet<String>>>;

/// The answer given up: a plain sentence and a button that asks the question again.
fn gave_up(due: &AnswerDue) -> ChatMessage {
    could_not_finish(due.mid.clone(), due.intent, Some(&due.account_id))
}

/// Message `id` saying an answer about `intent` could not be finished, with a button that
/// asks again (about `account_id` when known).
pub(super) fn could_not_finish(
    id: String,
    intent: Intent,
    account_id: Option<&str>,
) -> ChatMessage {
    let again = match intent {
        Intent::Help => vec![],
        intent => {
            let button = Action::ask("Ask again", intent);
            vec![match account_id {
                Some(account) => button.about(account),
                None => button,
            }]
        }
    };
    ChatMessage::assistant(id, COULD_NOT_FINISH, crate::now_ms()).with_actions(again)
}

/// Write the partial text the analyst streams into placeholder `mid`. Each write waits a
/// quarter longer than the one before, and there are at most [`MAX_STREAM_WRITES`]: a long
/// answer is not replayed as hundreds of events at every page load. A wait ends early when
/// the stream does (the answer itself is written next, without delay).
/// Each write checks that this process still holds the answer (`held`): one that lost its
/// lease to another process stops writing.
async fn stream_into(
    store: Store,
    sid: String,
    held: Promise,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<String>,
) {
    let Promise::AnswerHeld { mid, .. } = &held else {
        return;
    };
    let mut every = STREAM_EVERY;
    let mut writes = 0;
    while let Some(mut text) = rx.recv().await {
        if writes == MAX_STREAM_WRITES {
            continue;
        }
        let wait = tokio::time::sleep(every);
        tokio::pin!(wait);
        loop {
            tokio::select! {
                _ = &mut wait => break,
                newer = rx.recv() => match newer {
                    Some(newer) => text = newer,
                    None => return,
                },
            }
        }
        writes += 1;
        every = every.mul_f32(1.25);
        let change = Change::MessageRevised {
            id: mid.clone(),
            text,
            sources: vec![],
            actions: vec![],
            streaming: true,
        };
        match store.append_promise(&sid, vec![change], held.clone()).await {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => {
                tracing::info!(
                    mid,
                    "another process writes this answer now; streaming stops"
                );
                return;
            }
            Err(e) => tracing::warn!(error = %e, "could not write a streamed answer"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(intent: Intent) -> AnswerDue {
        AnswerDue {
            mid: "m-1".into(),
            sid: "s-1".into(),
            account_id: "acme-corp".into(),
            intent,
            focus: None,
            run_id: None,
            holder: "proc-a".into(),
            lease_until: 0,
            attempts: 3,
            created_at: 0,
        }
    }

    #[test]
    fn an_answer_given_up_says_so_in_its_placeholder_and_offers_to_ask_again() {
        let m = gave_up(&due(Intent::Technology));
        assert_eq!(m.id, "m-1");
        assert_eq!(m.text, "I couldn't finish this — ask again.");
        assert!(m.sources.is_empty());
        assert_eq!(m.actions.len(), 1);
        assert_eq!(m.actions[0].label, "Ask again");
        assert_eq!(
            m.actions[0].action,
            app::domain::ActionKind::Ask {
                intent: Intent::Technology,
                focus: None,
                account_id: Some("acme-corp".into())
            }
        );
        assert!(gave_up(&due(Intent::Help)).actions.is_empty());
    }
}
