//! Answers owed: a question whose data the running research is still collecting gets
//! "⏳ Still collecting …" and a waiting row; when its steps settle (the process's event
//! stream, or at start for those missed during a restart) the answer is posted.

use super::ask::{answer_message, finish_with};
use super::{Chat, message_id};
use crate::analysts::StepData;
use crate::answers::notes;
use crate::store::conversation::WaitingQuestion;
use crate::store::runs::RunRow;
use crate::store::sessions::SessionRow;
use app::domain::{Change, Question, StepKey};
use app::error::AppError;
use std::sync::Arc;

impl Chat {
    /// Promise an answer when run `rid` has the data `q` needs. Called after the "still
    /// collecting" reply is committed; checks once in case the data landed in between (only
    /// one delivery can take a waiting question).
    pub(super) async fn wait_for_data(
        &self,
        session: &SessionRow,
        rid: &str,
        q: &Question,
    ) -> Result<(), AppError> {
        self.store
            .add_waiting(&WaitingQuestion {
                wid: format!("w-{}", crate::random_id(8)),
                sid: session.sid.clone(),
                rid: rid.to_string(),
                intent: q.intent,
                focus: q.focus.clone(),
                needs: q.intent.needs().to_vec(),
                created_at: crate::now_ms(),
            })
            .await?;
        self.deliver_waiting(rid).await
    }

    /// Answer the questions waiting on run `rid` whose data has now settled. Each is taken
    /// (deleted) only when its answer is ready to post, so a failure leaves it waiting.
    pub async fn deliver_waiting(&self, rid: &str) -> Result<(), AppError> {
        let waiting = self.store.waiting(Some(rid)).await?;
        if waiting.is_empty() {
            return Ok(());
        }
        let Some(run) = self.store.run(rid).await? else {
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
        let account = self.account(&run.account_id)?;
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
        let mut message = answer_message(message_id(), (answer, actions), crate::now_ms());
        message.text = notes::now_in(q.intent, &message.text);
        if self.store.take_waiting(&w.wid).await? {
            self.store
                .append(&w.sid, vec![Change::MessageAdded { message }], None)
                .await?;
        }
        Ok(())
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
        let Ok(all) = self.store.waiting(None).await else {
            return;
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
