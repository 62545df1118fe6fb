//! Answers owed: a question whose data the running research is still collecting gets
//! "⏳ Still collecting …" and a waiting row, in one transaction; when its steps settle (the
//! event stream, or at start for those missed during a restart) the answer is posted and
//! the row removed, again in one transaction.

use super::Chat;
use super::ask::{AnswerReady, Asked, answer_message, finish_with};
use super::promises::could_not_finish;
use crate::analysts::StepData;
use crate::answers::notes;
use crate::store::StoreError;
use crate::store::conversation::WaitingQuestion;
use crate::store::promises::Promise;
use crate::store::runs::RunRow;
use crate::store::sessions::SessionRow;
use app::domain::{Change, ChatMessage, Question, SessionEvent, StepKey};
use app::error::AppError;
use app::ports::Visitor;
use std::sync::Arc;
use std::time::Duration;

/// An answer promised by "⏳ Still collecting": posted, or still owed.
pub enum OwedAnswer {
    Posted(ChatMessage),
    Pending,
}

impl Chat {
    /// `GET /api/chat/answers/{id}`: the answer owed as message `answer_id` in the
    /// visitor's chat `sid`.
    pub async fn owed_answer(
        &self,
        visitor: &Visitor,
        sid: &str,
        answer_id: &str,
    ) -> Result<OwedAnswer, AppError> {
        let session = self.own_session(visitor, sid.trim()).await?;
        let not_found = || AppError::NotFound("No answer with that id in this chat.".into());
        let wid = answer_id
            .strip_prefix("m-")
            .filter(|wid| wid.starts_with("w-") && wid.len() <= 40)
            .ok_or_else(not_found)?;
        // Waiting first: the answer is posted in the transaction that ends the wait, so one
        // of the two reads sees it.
        if self.store.is_waiting(&session.sid, wid).await? {
            return Ok(OwedAnswer::Pending);
        }
        match self.store.posted_message(&session.sid, answer_id).await? {
            Some(m) => Ok(OwedAnswer::Posted(m)),
            None => Err(not_found()),
        }
    }

    /// Post "still collecting" (`answer`) and promise the real answer when run `rid` has
    /// the data `q` needs, in one transaction; then check once in case the data landed in
    /// between (only one delivery can keep a promise).
    pub(super) async fn promise_when_collected(
        &self,
        session: &SessionRow,
        said: String,
        answer: ChatMessage,
        rid: &str,
        q: &Question,
    ) -> Result<Asked, AppError> {
        let waiting = WaitingQuestion {
            wid: format!("w-{}", crate::random_id(8)),
            sid: session.sid.clone(),
            rid: rid.to_string(),
            intent: q.intent,
            focus: q.focus.clone(),
            needs: q.intent.needs().to_vec(),
            created_at: crate::now_ms(),
        };
        let answer_id = waiting.answer_id();
        let promise = Promise::Waiting(waiting);
        let events = self
            .exchange_promising(session, said, answer.clone(), Some(promise))
            .await?;
        // The promise is made; a failure here only delays the answer (the event stream or
        // the next start delivers it).
        if let Err(e) = self.deliver_waiting(rid).await {
            tracing::warn!(rid, error = %e, "could not check a new waiting question");
        }
        Ok(Asked {
            events,
            answer: AnswerReady::Owed {
                now: answer,
                answer_id,
            },
        })
    }

    /// The answer posted as message `answer_id` in session `sid`: already, or within `wait`
    /// (`posted` is every event committed since before it was promised).
    pub(super) async fn posted_answer(
        &self,
        sid: &str,
        answer_id: &str,
        posted: &mut tokio::sync::broadcast::Receiver<Arc<(String, SessionEvent)>>,
        wait: Duration,
    ) -> Result<Option<ChatMessage>, AppError> {
        let is_it = |item: &(String, SessionEvent)| match &item.1.change {
            Change::MessageAdded { message } if item.0 == sid && message.id == answer_id => {
                Some(message.clone())
            }
            _ => None,
        };
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, posted.recv()).await {
                Ok(Ok(item)) => {
                    if let Some(m) = is_it(&item) {
                        return Ok(Some(m));
                    }
                }
                // Missed some events (or the stream ended): the database says.
                Ok(Err(_)) | Err(_) => {
                    let found = self.store.posted_message(sid, answer_id).await?;
                    if found.is_some() || tokio::time::Instant::now() >= deadline {
                        return Ok(found);
                    }
                    if posted.is_closed() {
                        tokio::time::sleep_until(deadline).await;
                        return Ok(self.store.posted_message(sid, answer_id).await?);
                    }
                    *posted = posted.resubscribe();
                }
            }
        }
    }

    /// Answer the questions waiting on run `rid` whose data has now settled. Each is taken
    /// (deleted) only when its answer is ready to post, so a failure leaves it waiting.
    pub async fn deliver_waiting(&self, rid: &str) -> Result<(), AppError> {
        let waiting = self.store.waiting(Some(rid)).await?;
        if waiting.is_empty() {
            return Ok(());
        }
        let Some(run) = self.store.run(rid).await? else {
            // The run is gone: the answer can never come, so say so.
            for w in &waiting {
                self.give_up_waiting(w).await?;
            }
            return Ok(());
        };
        let rows = self.store.steps(rid).await?;
        let finished = !run.is_running();
        let settled =
            |k: &StepKey| finished || rows.iter().any(|r| r.key == *k && r.status.is_settled());
        for w in waiting.into_iter().filter(|w| w.needs.iter().all(settled)) {
            if let Err(e) = self.deliver(&run, finished, &w).await {
                tracing::warn!(wid = w.wid, error = %e, "could not answer a waiting question; it stays waiting");
            }
        }
        Ok(())
    }

    async fn deliver(
        &self,
        run: &RunRow,
        finished: bool,
        w: &WaitingQuestion,
    ) -> Result<(), AppError> {
        let Ok(account) = self.account(&run.account_id) else {
            return self.give_up_waiting(w).await;
        };
        let owner = self.store.session(&w.sid).await?.map(|s| s.owner);
        let rep = self.rep(owner.as_deref()).await?;
        let q = Question {
            intent: w.intent,
            focus: w.focus.clone(),
        };
        let mut lookup = self.lookup(&account, rep, w.intent, Some(run)).await?;
        for step in std::mem::take(&mut lookup.live) {
            lookup.evidence.steps.push((
                step,
                StepData::Failed("the research run ended without it".into()),
            ));
        }
        let run_live = (!finished).then_some(run.rid.as_str());
        let (answer, actions) =
            finish_with(&*self.analyst, &q, &lookup.evidence, run_live, None).await;
        let mut message = answer_message(w.answer_id(), (answer, actions), crate::now_ms());
        message.text = notes::now_in(q.intent, &message.text);
        self.post_waiting_answer(w, message).await
    }

    /// End waiting question `w` saying its answer could not be made (its run or account is
    /// gone), with a button that asks again.
    async fn give_up_waiting(&self, w: &WaitingQuestion) -> Result<(), AppError> {
        tracing::warn!(
            wid = w.wid,
            "a waiting question was given up: its run or account is gone"
        );
        let message = could_not_finish(w.answer_id(), w.intent, None);
        self.post_waiting_answer(w, message).await
    }

    /// Post `message` as the answer to `w` and end the wait, in one transaction (a second
    /// delivery finds it kept and posts nothing).
    async fn post_waiting_answer(
        &self,
        w: &WaitingQuestion,
        message: ChatMessage,
    ) -> Result<(), AppError> {
        let kept = Promise::WaitingKept(w.wid.clone());
        match self
            .store
            .append_promise(&w.sid, vec![Change::MessageAdded { message }], kept)
            .await
        {
            Ok(_) | Err(StoreError::Conflict(_)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Follow the event stream and answer waiting questions as their data lands; at start,
    /// answer those whose data landed while no process was listening.
    pub fn spawn_waiter(self: &Arc<Self>) {
        let this = Arc::clone(self);
        let mut events = this.feeds.subscribe_all();
        tokio::spawn(async move {
            this.deliver_all().await;
            loop {
                match events.recv().await {
                    Ok(item) => {
                        let rid = match &item.1.change {
                            Change::StepChanged { run_id, status, .. } if status.is_settled() => {
                                run_id
                            }
                            Change::RunFinished { run_id, .. } => run_id,
                            _ => continue,
                        };
                        this.spawn_delivery(rid.clone());
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(n, "waiter lagged; checking every waiting question");
                        this.deliver_all().await;
                    }
                    Err(_) => return,
                }
            }
        });
    }

    /// Check every run that has waiting questions.
    async fn deliver_all(self: &Arc<Self>) {
        let all = match self.store.waiting(None).await {
            Ok(all) => all,
            Err(e) => {
                tracing::warn!(error = %e, "could not read the waiting questions");
                return;
            }
        };
        let mut rids: Vec<String> = all.into_iter().map(|w| w.rid).collect();
        rids.sort();
        rids.dedup();
        for rid in rids {
            self.spawn_delivery(rid);
        }
    }

    /// Deliver run `rid`'s waiting answers in the background (an analyst may take its time;
    /// other sessions' answers don't wait behind it).
    fn spawn_delivery(self: &Arc<Self>, rid: String) {
        let this = Arc::clone(self);
        tokio::spawn(async move {
            if let Err(e) = this.deliver_waiting(&rid).await {
                tracing::warn!(rid, error = %e, "could not answer waiting questions");
            }
        });
    }
}
