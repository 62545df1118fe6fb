//! Answering questions, cache-first: for each step the question needs, the step's cache
//! layer, then the research run's stored result, then a targeted live query of only that
//! step's sources ("🔍 Analyzing their technology stack…"). A question about data the
//! running research is still collecting is answered when it lands.

use super::{Chat, crm_source, message_id};
use crate::analysts::{Analyst, Answer, Evidence, StepData};
use crate::answers;
use crate::findings::Findings;
use crate::store::conversation::WaitingQuestion;
use crate::store::runs::RunRow;
use crate::store::sessions::SessionRow;
use app::domain::actions::next_actions;
use app::domain::{
    AccountSummary, Change, ChatMessage, Intent, Persona, Question, RunStatus, SessionEvent,
    StepKey, StepStatus,
};
use app::error::AppError;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often a streaming answer is written to the chat.
const STREAM_EVERY: Duration = Duration::from_millis(150);

/// What asking did: the events committed now, and the final answer if it is still coming.
pub struct Asked {
    pub events: Vec<SessionEvent>,
    /// The answer message (for the JSON API), now or when the background work ends.
    pub answer: AnswerReady,
}

pub enum AnswerReady {
    Now(ChatMessage),
    Later(JoinHandle<Option<ChatMessage>>),
}

impl AnswerReady {
    pub async fn wait(self) -> Option<ChatMessage> {
        match self {
            AnswerReady::Now(m) => Some(m),
            AnswerReady::Later(h) => h.await.ok().flatten(),
        }
    }
}

/// What the evidence lookup found: the evidence, and the steps to query live.
struct Lookup {
    evidence: Evidence,
    live: Vec<StepKey>,
}

impl Chat {
    /// Answer `q`, said as `said` by the rep, in `session`.
    pub async fn ask_in(
        &self,
        session: &SessionRow,
        said: String,
        q: Question,
    ) -> Result<Asked, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        self.store
            .set_context_intent(&session.sid, q.intent)
            .await?;
        let persona = self.store.persona(&session.owner).await?;
        let now = crate::now_ms();
        let say = |text: String| ChatMessage::assistant(message_id(), text, now);
        let account = match (&context.account_id, q.intent) {
            (_, Intent::Help | Intent::SwitchAccount) | (None, _) => None,
            (Some(id), _) => self.accounts.get(id).cloned(),
        };
        let Some(account) = account else {
            let answer = say(Self::without_account(&q));
            return self.commit_now(session, said, answer).await;
        };
        let run = self
            .store
            .latest_run(&session.sid)
            .await?
            .filter(|r| r.account_id == account.id);
        let lookup = self
            .lookup(&account, persona, q.intent, run.as_ref())
            .await?;
        let run_live = run
            .as_ref()
            .filter(|r| r.status == RunStatus::Running.as_str())
            .map(|r| r.rid.clone());
        let pending = lookup.evidence.pending();
        if let (false, Some(rid)) = (pending.is_empty(), &run_live) {
            let answer = say(format!(
                "⏳ Still collecting {} for {} — I'll answer here as soon as it lands.",
                pending
                    .iter()
                    .map(|k| k.noun())
                    .collect::<Vec<_>>()
                    .join(" and "),
                account.name
            ));
            let asked = self.commit_now(session, said, answer).await?;
            self.wait_for_data(session, rid, &q).await?;
            return Ok(asked);
        }
        if lookup.live.is_empty() && !self.analyst.streams() {
            let answer = finish_with(
                &*self.analyst,
                &q,
                &lookup.evidence,
                run_live.as_deref(),
                None,
            )
            .await;
            let message = answer_message(message_id(), answer, now);
            return self.commit_now(session, said, message).await;
        }
        // Live query or a streaming analyst: show that we're on it, answer in the background.
        let placeholder_id = message_id();
        let placeholder = ChatMessage::assistant(
            &placeholder_id,
            format!("🔍 Analyzing {}…", q.intent.area()),
            now,
        );
        let events = self.exchange(session, said, placeholder).await?;
        let handle = self.answer_later(session.sid.clone(), placeholder_id, q, lookup, run_live);
        Ok(Asked {
            events,
            answer: AnswerReady::Later(handle),
        })
    }

    /// The answer to a question when no account is in focus.
    fn without_account(q: &Question) -> String {
        match answers::general(q.intent) {
            Some(answer) => answer.text,
            None => "Pick an account first: tell me who you're meeting, for example \
                     “Help me prepare for my meeting with Acme”."
                .into(),
        }
    }

    /// Promise an answer when run `rid` has the data `q` needs. Called after the "still
    /// collecting" reply is committed; checks once in case the data landed in between (only
    /// one delivery can take a waiting question).
    async fn wait_for_data(
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

    async fn commit_now(
        &self,
        session: &SessionRow,
        said: String,
        answer: ChatMessage,
    ) -> Result<Asked, AppError> {
        let events = self.exchange(session, said, answer.clone()).await?;
        Ok(Asked {
            events,
            answer: AnswerReady::Now(answer),
        })
    }

    /// The evidence for `intent` without live queries (those steps are left out).
    pub(super) async fn lookup_for(
        &self,
        account: &AccountSummary,
        persona: Persona,
        intent: Intent,
        run: Option<&RunRow>,
    ) -> Result<Evidence, AppError> {
        Ok(self.lookup(account, persona, intent, run).await?.evidence)
    }

    /// For each step the intent needs: cache, then the run, else marked for a live query.
    async fn lookup(
        &self,
        account: &AccountSummary,
        persona: Persona,
        intent: Intent,
        run: Option<&RunRow>,
    ) -> Result<Lookup, AppError> {
        let rows = match run {
            Some(r) => self.store.steps(&r.rid).await?,
            None => Vec::new(),
        };
        let running = run.is_some_and(|r| r.status == RunStatus::Running.as_str());
        let mut steps = Vec::new();
        let mut live = Vec::new();
        // The steps the intent needs, then the rest as context (for the buttons: funding
        // found → "Leverage funding news"), only where already known.
        let needs = intent.needs();
        let context = StepKey::COLLECTION
            .into_iter()
            .filter(|k| !needs.contains(k));
        let order: Vec<StepKey> = needs.iter().copied().chain(context).collect();
        // The cache layers are read together, not one after another.
        let cached = futures::future::join_all(
            order
                .iter()
                .map(|&step| self.orchestrator.cached_step(step, account)),
        )
        .await;
        for (step, cached) in order.into_iter().zip(cached) {
            let needed = needs.contains(&step);
            if let Some(found) = cached {
                if needed {
                    tracing::info!(step = step.as_str(), account = %account.id, "question answered from cache");
                }
                steps.push((step, StepData::Found(found)));
                continue;
            }
            let row = rows.iter().find(|r| r.key == step.as_str());
            let data = match row.map(|r| r.status.as_str()) {
                Some(s) if s == StepStatus::Done.as_str() => row
                    .and_then(|r| r.result.clone())
                    .and_then(|v| serde_json::from_value::<Findings>(v).ok())
                    .map(StepData::Found),
                Some(s) if s == StepStatus::Failed.as_str() => Some(StepData::Failed(
                    row.and_then(|r| r.detail.clone())
                        .unwrap_or_else(|| "the source failed".into()),
                )),
                Some(_) if running => Some(StepData::Pending),
                _ => None,
            };
            match data {
                Some(d) if needed => steps.push((step, d)),
                Some(d @ StepData::Found(_)) => steps.push((step, d)),
                Some(_) => {}
                None if needed => live.push(step),
                None => {}
            }
        }
        Ok(Lookup {
            evidence: Evidence {
                account: account.clone(),
                persona,
                crm: crm_source(Some(account)),
                steps,
            },
            live,
        })
    }

    /// Query the live steps, write the answer (streaming if the analyst does), and replace
    /// the placeholder with it.
    fn answer_later(
        &self,
        sid: String,
        placeholder_id: String,
        q: Question,
        lookup: Lookup,
        run_live: Option<String>,
    ) -> JoinHandle<Option<ChatMessage>> {
        let orchestrator = Arc::clone(&self.orchestrator);
        let store = self.store.clone();
        let analyst = Arc::clone(&self.analyst);
        tokio::spawn(async move {
            let Lookup { mut evidence, live } = lookup;
            if !live.is_empty() {
                tracing::info!(steps = ?live, account = %evidence.account.id, "targeted live query");
            }
            let results = futures::future::join_all(
                live.iter()
                    .map(|&step| orchestrator.collect_now(step, &evidence.account)),
            )
            .await;
            for (step, result) in live.into_iter().zip(results) {
                let data = match result {
                    Ok(f) => StepData::Found(f),
                    Err(reason) => StepData::Failed(reason),
                };
                evidence.steps.push((step, data));
            }
            // Stream partial text into the placeholder, at most every STREAM_EVERY.
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
            let streamer = {
                let (store, sid, id) = (store.clone(), sid.clone(), placeholder_id.clone());
                tokio::spawn(async move {
                    while let Some(mut text) = rx.recv().await {
                        tokio::time::sleep(STREAM_EVERY).await;
                        while let Ok(newer) = rx.try_recv() {
                            text = newer;
                        }
                        let change = Change::MessageRevised {
                            id: id.clone(),
                            text,
                            sources: vec![],
                            actions: vec![],
                            streaming: true,
                        };
                        if let Err(e) = store.append(&sid, vec![change], None).await {
                            tracing::warn!(error = %e, "could not write a streamed answer");
                        }
                    }
                })
            };
            let partial = analyst.streams().then_some(tx);
            let answer = finish_with(&*analyst, &q, &evidence, run_live.as_deref(), partial).await;
            let _ = streamer.await;
            let message = answer_message(placeholder_id.clone(), answer, crate::now_ms());
            let change = Change::MessageRevised {
                id: placeholder_id,
                text: message.text.clone(),
                sources: message.sources.clone(),
                actions: message.actions.clone(),
                streaming: false,
            };
            match store.append(&sid, vec![change], None).await {
                Ok(_) => Some(message),
                Err(e) => {
                    tracing::error!(error = %e, "could not write an answer");
                    None
                }
            }
        })
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
        let finished = run.status != RunStatus::Running.as_str();
        let settled = |k: &StepKey| {
            finished
                || rows.iter().any(|r| {
                    r.key == k.as_str()
                        && (r.status == StepStatus::Done.as_str()
                            || r.status == StepStatus::Failed.as_str())
                })
        };
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
        let persona = match self.store.session(&w.sid).await? {
            Some(session) => self.store.persona(&session.owner).await?,
            None => Persona::default(),
        };
        let q = Question {
            intent: w.intent,
            focus: w.focus.clone(),
        };
        let mut lookup = self.lookup(&account, persona, w.intent, Some(run)).await?;
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
        message.text = format!(
            "✅ Now that it's in — {}:\n{}",
            q.intent.area(),
            message.text
        );
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
            if let Ok(all) = this.store.waiting(None).await {
                let mut rids: Vec<String> = all.into_iter().map(|w| w.rid).collect();
                rids.sort();
                rids.dedup();
                for rid in rids {
                    this.spawn_delivery(rid);
                }
            }
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
                        if let Ok(all) = this.store.waiting(None).await {
                            let mut rids: Vec<String> = all.into_iter().map(|w| w.rid).collect();
                            rids.sort();
                            rids.dedup();
                            for rid in rids {
                                this.spawn_delivery(rid);
                            }
                        }
                    }
                    Err(_) => return,
                }
            }
        });
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

    /// Remember the account the session is about now.
    pub async fn set_current_account(&self, sid: &str, account_id: &str) -> Result<(), AppError> {
        self.store.set_context_account(sid, account_id).await?;
        Ok(())
    }
}

/// Write the answer with `analyst` (templates if it fails), and pick its buttons.
async fn finish_with(
    analyst: &dyn Analyst,
    q: &Question,
    ev: &Evidence,
    run_live: Option<&str>,
    partial: Option<tokio::sync::mpsc::UnboundedSender<String>>,
) -> (Answer, Vec<app::domain::Action>) {
    let answer = match analyst.answer(q, ev, partial).await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(analyst = analyst.name(), error = %e, "analyst failed; answering from templates");
            let mut a = answers::compose(q, ev);
            a.text = format!(
                "{}\n(The {} didn't answer — {e}. This answer is composed from the collected facts.)",
                a.text,
                analyst.name()
            );
            a
        }
    };
    let actions = next_actions(&ev.persona, &ev.signals(), Some(q.intent), run_live);
    let actions = match ev.account.id.as_str() {
        "" => actions,
        id => about(actions, id),
    };
    (answer, actions)
}

fn answer_message(
    id: String,
    (answer, actions): (Answer, Vec<app::domain::Action>),
    now: i64,
) -> ChatMessage {
    ChatMessage::assistant(id, answer.text, now)
        .with_sources(answer.sources)
        .with_actions(actions)
}

/// The buttons, each asking about `account_id` (they stay right after a switch).
fn about(actions: Vec<app::domain::Action>, account_id: &str) -> Vec<app::domain::Action> {
    actions.into_iter().map(|a| a.about(account_id)).collect()
}
