//! Answering questions, cache-first: for each step the question needs, the step's cache
//! layer, then the research run's stored result, then a targeted live query of only that
//! step's sources ("🔍 Analyzing their technology stack…", written in the background and kept
//! across crashes: [`super::promises`]). A question about data the running research is still
//! collecting is answered when it lands ([`super::waiting`]); the JSON API waits for it.

use super::persona::Rep;
use super::{Chat, message_id};
use crate::analysts::{Analyst, Answer, Evidence, StepData};
use crate::answers::{self, notes};
use crate::findings::StepOutcome;
use crate::store::conversation::SessionContext;
use crate::store::promises::Promise;
use crate::store::runs::RunRow;
use crate::store::sessions::SessionRow;
use app::domain::actions::{next_actions, without_question};
use app::domain::query::{MAX_CHAT_CHARS, clean_text};
use app::domain::{
    AccountSummary, Action, ChatMessage, Intent, Question, SessionEvent, StepKey, StepStatus,
};
use app::error::AppError;
use app::ports::Visitor;
use tokio::task::JoinHandle;

/// What asking did: the events committed now, and the final answer if it is still coming.
pub struct Asked {
    pub events: Vec<SessionEvent>,
    /// The answer message (for the JSON API), now or when the background work ends.
    pub answer: AnswerReady,
}

pub enum AnswerReady {
    Now(ChatMessage),
    Later(JoinHandle<Option<ChatMessage>>),
    /// "⏳ Still collecting": the answer is posted as message `answer_id` when the data lands.
    Owed {
        now: ChatMessage,
        answer_id: String,
    },
}

/// A question asked through the JSON API, answered.
pub struct QuestionAnswered {
    pub session_id: String,
    pub question: Question,
    pub answer: ChatMessage,
    /// The answer is still owed (the data did not land within the wait): it will be posted
    /// to the chat as the message with this id, readable from `GET /api/chat/answers/{id}`.
    pub pending: Option<String>,
}

/// What the evidence lookup found: the evidence, and the steps to query live.
pub(super) struct Lookup {
    pub evidence: Evidence,
    pub live: Vec<StepKey>,
}

impl Lookup {
    /// Ask again what the last research could not get: each needed step that failed is
    /// queried live instead of answered with its old failure (a question after the run is
    /// the rep's retry; a source that was down may be back).
    pub fn retry_failed(&mut self) {
        let (failed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.evidence.steps)
            .into_iter()
            .partition(|(_, d)| matches!(d, StepData::Failed(_)));
        self.evidence.steps = kept;
        self.live.extend(failed.into_iter().map(|(k, _)| k));
    }
}

impl Chat {
    /// `POST /api/chat/question`: `text` about `customer_id` (now the session's account), in
    /// the visitor's chat `session_id`; waits for the answer (a live query included).
    pub async fn answer_question(
        &self,
        visitor: &Visitor,
        text: &str,
        customer_id: &str,
        session_id: &str,
    ) -> Result<QuestionAnswered, AppError> {
        let text = clean_text(text, MAX_CHAT_CHARS)?;
        let session = self.own_session(visitor, session_id.trim()).await?;
        let account = self.account(customer_id.trim())?;
        let mut context = self.store.session_context(&session.sid).await?;
        if context.account_id.as_deref() != Some(account.id.as_str()) {
            self.set_current_account(&session.sid, &account.id).await?;
            context.account_id = Some(account.id);
        }
        let question = self
            .understand(&text, context.last_intent)
            .await
            .unwrap_or_else(|| Question::new(Intent::Help));
        // Listening before asking: an owed answer posted at once is not missed.
        let mut posted = self.feeds.subscribe_all();
        let asked = self
            .ask_with(&session, &context, text, question.clone())
            .await?;
        let (answer, pending) = match asked.answer {
            AnswerReady::Now(m) => (m, None),
            AnswerReady::Later(h) => match h.await {
                Ok(Some(m)) => (m, None),
                Ok(None) => return Err(AppError::Unavailable),
                Err(e) => {
                    tracing::error!(error = %e, "an answer's writer failed");
                    return Err(AppError::Unavailable);
                }
            },
            AnswerReady::Owed { now, answer_id } => {
                let wait = self.question_wait;
                match self
                    .posted_answer(&session.sid, &answer_id, &mut posted, wait)
                    .await?
                {
                    Some(m) => (m, None),
                    None => (now, Some(answer_id)),
                }
            }
        };
        Ok(QuestionAnswered {
            session_id: session.sid,
            question,
            answer,
            pending,
        })
    }

    /// Answer `q`, said as `said` by the rep, in `session`.
    pub async fn ask_in(
        &self,
        session: &SessionRow,
        said: String,
        q: Question,
    ) -> Result<Asked, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        self.ask_with(session, &context, said, q).await
    }

    /// Answer `q` in `session`, whose context (account, last question) is `context`.
    async fn ask_with(
        &self,
        session: &SessionRow,
        context: &SessionContext,
        said: String,
        q: Question,
    ) -> Result<Asked, AppError> {
        self.store
            .set_context_intent(&session.sid, q.intent)
            .await?;
        let rep = self.rep(Some(&session.owner)).await?;
        let now = crate::now_ms();
        let say = |text: String| ChatMessage::assistant(message_id(), text, now);
        let account = match (&context.account_id, q.intent) {
            (_, Intent::Help | Intent::SwitchAccount) | (None, _) => None,
            (Some(id), _) => self.book.get(id),
        };
        let Some(account) = account else {
            let answer = say(Self::without_account(&q));
            return self.commit_now(session, said, answer).await;
        };
        match q.intent {
            // The one-pager is made in the background, its progress in the chat.
            Intent::MeetingPrep => {
                let started = self.start_prep(session, &account, Some(said), "").await?;
                let answer = match started.answer_id.as_str() {
                    "" => AnswerReady::Now(started.progress),
                    _ => AnswerReady::Owed {
                        now: started.progress,
                        answer_id: started.answer_id,
                    },
                };
                return Ok(Asked {
                    events: started.events,
                    answer,
                });
            }
            Intent::PrepChanges => {
                let text = self.prep_changes(session, &account).await?;
                return self.commit_now(session, said, say(text)).await;
            }
            _ => {}
        }
        let run = self.latest_run_about(session, &account).await?;
        let mut lookup = self.lookup(&account, rep, q.intent, run.as_ref()).await?;
        let run_live = run
            .as_ref()
            .filter(|r| r.is_running())
            .map(|r| r.rid.clone());
        if run_live.is_none() {
            lookup.retry_failed();
        }
        let pending = lookup.evidence.pending();
        let waits = !pending.is_empty() && q.intent.waits_for_research();
        if let (true, Some(rid)) = (waits, &run_live) {
            let so_far = Action::ask(Intent::MainInsights.suggestion(), Intent::MainInsights)
                .about(&account.id);
            let answer =
                say(notes::still_collecting(&pending, &account)).with_actions(vec![so_far]);
            return self
                .promise_when_collected(session, said, answer, rid, &q)
                .await;
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
        let placeholder = ChatMessage::assistant(&placeholder_id, notes::analyzing(q.intent), now);
        let due = self.answer_due(
            &session.sid,
            &placeholder_id,
            &account.id,
            &q,
            run_live.as_deref(),
        );
        let promise = Promise::Answer(due.clone());
        let events = self
            .exchange_promising(session, said, placeholder, Some(promise))
            .await?;
        let handle = self.answer_later(due, q, lookup);
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
        rep: Rep,
        intent: Intent,
        run: Option<&RunRow>,
    ) -> Result<Evidence, AppError> {
        Ok(self.lookup(account, rep, intent, run).await?.evidence)
    }

    /// The rep's own company, then for each step the intent needs: cache, then the run,
    /// else marked for a live query.
    pub(super) async fn lookup(
        &self,
        account: &AccountSummary,
        rep: Rep,
        intent: Intent,
        run: Option<&RunRow>,
    ) -> Result<Lookup, AppError> {
        let rows = match run {
            Some(r) => self.store.steps(&r.rid).await?,
            None => Vec::new(),
        };
        let running = run.is_some_and(RunRow::is_running);
        let mut steps = vec![(StepKey::Vendor, StepData::Found(rep.company.findings()))];
        let mut live = Vec::new();
        // The steps the intent needs, then the rest as context (for the buttons: funding
        // found → "Leverage funding news"), only where already known.
        let needs = intent.needs();
        let context = StepKey::COLLECTION
            .into_iter()
            .filter(|k| !needs.contains(k));
        let order: Vec<StepKey> = needs
            .iter()
            .copied()
            .chain(context)
            .filter(|&k| k != StepKey::Vendor)
            .collect();
        // The cache layers are read together, not one after another.
        let cached = futures::future::join_all(
            order
                .iter()
                .map(|&step| self.collector.cached_step(step, account)),
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
            let row = rows.iter().find(|r| r.key == step);
            // A done step whose stored result no longer reads is queried live instead.
            let data = match row.map(|r| (r.status, r.outcome())) {
                Some((_, StepOutcome::Found(f))) => Some(StepData::Found(f)),
                Some((StepStatus::Failed, StepOutcome::Failed(reason))) => {
                    Some(StepData::Failed(reason))
                }
                Some((StepStatus::Pending | StepStatus::Running, _)) if running => {
                    Some(StepData::Pending)
                }
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
        let crm = self.crm_record(account).await?.source();
        Ok(Lookup {
            evidence: Evidence {
                account: account.clone(),
                persona: rep.persona,
                crm,
                steps,
            },
            live,
        })
    }
}

/// Write the answer with `analyst` (templates if it fails), and pick its buttons.
pub(super) async fn finish_with(
    analyst: &dyn Analyst,
    q: &Question,
    ev: &Evidence,
    run_live: Option<&str>,
    partial: Option<tokio::sync::mpsc::UnboundedSender<String>>,
) -> (Answer, Vec<Action>) {
    let answer = match analyst.answer(q, ev, partial).await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(analyst = analyst.name(), error = %e, "analyst failed; answering from templates");
            let mut a = answers::compose(q, ev);
            a.text = notes::fallback_note(&a.text, analyst.name(), &e.to_string());
            a
        }
    };
    let actions = next_actions(&ev.persona, &ev.signals(), Some(q.intent), run_live);
    let actions = without_question(actions, q);
    let actions = match ev.account.id.as_str() {
        "" => actions,
        id => about(actions, id),
    };
    (answer, actions)
}

pub(super) fn answer_message(
    id: String,
    (answer, actions): (Answer, Vec<Action>),
    now: i64,
) -> ChatMessage {
    ChatMessage::assistant(id, answer.text, now)
        .with_sources(answer.sources)
        .with_actions(actions)
}

/// The buttons, each asking about `account_id` (they stay right after a switch).
fn about(actions: Vec<Action>, account_id: &str) -> Vec<Action> {
    actions.into_iter().map(|a| a.about(account_id)).collect()
}
