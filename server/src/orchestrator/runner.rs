//! Driving a run: take its lease, run every step that has not settled (collection in
//! parallel, all settled: one failure never stops the others), then the analysis. After a
//! crash, whoever finds the lease lapsed resumes the run: settled steps keep their stored
//! results, the rest run again.

use super::Orchestrator;
use super::steps::{self, Plan};
use crate::answers::run::summary::summary_actions;
use crate::answers::run::{progress, summarise};
use crate::findings::{CacheUse, Findings, MissingStep, Profile};
use crate::own_company::OwnCompany;
use crate::store::StoreError;
use crate::store::events::StepResult;
use crate::store::runs::{RunRow, StepRow};
use app::domain::{AccountSummary, Change, Persona, StepKey};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// How many times a step may be attempted: one whose driver keeps dying while it runs (a
/// panic taking the process down, say) fails after this many instead of being resumed
/// forever.
pub const MAX_ATTEMPTS: u32 = 3;

/// Why driving a run stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum Halt {
    /// Another worker made this transition: step back, it drives the run.
    #[error("another worker made this transition: {0}")]
    Superseded(String),
    /// The database failed in a way that may pass: drive the run again (guarded
    /// transitions and stored results make that safe).
    #[error("retryable: {0}")]
    Retryable(StoreError),
    /// Nothing to gain from trying again.
    #[error("terminal: {0}")]
    Terminal(StoreError),
}

impl From<StoreError> for Halt {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(why) => Halt::Superseded(why),
            e @ StoreError::Db(_) => Halt::Retryable(e),
            e => Halt::Terminal(e),
        }
    }
}

/// How often a run is driven again after a retryable failure, and how long to wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Drives after the first one.
    pub retries: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            retries: 2,
            first_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry `attempt` (1-based), doubling; `None` past the last retry.
    pub fn delay(&self, attempt: u32) -> Option<Duration> {
        (1..=self.retries).contains(&attempt).then(|| {
            let factor = 2u32.saturating_pow(attempt - 1);
            self.first_delay.saturating_mul(factor).min(self.max_delay)
        })
    }
}

/// Marks a run as driven by this process for as long as it lives.
struct Active<'a> {
    orchestrator: &'a Orchestrator,
    rid: String,
}

impl<'a> Active<'a> {
    /// None when this process is already driving `rid`.
    fn mark(orchestrator: &'a Orchestrator, rid: &str) -> Option<Self> {
        let mut active = lock(&orchestrator.active);
        active.insert(rid.to_string()).then(|| Active {
            orchestrator,
            rid: rid.to_string(),
        })
    }
}

impl Drop for Active<'_> {
    fn drop(&mut self) {
        lock(&self.orchestrator.active).remove(&self.rid);
    }
}

fn lock(m: &std::sync::Mutex<HashSet<String>>) -> std::sync::MutexGuard<'_, HashSet<String>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Orchestrator {
    /// Drive run `run_id` (already committed as `RunStarted`) in the background, if this
    /// process can take its lease and is not driving it already.
    pub fn launch(self: &Arc<Self>, run_id: String) {
        let this = Arc::clone(self);
        tokio::spawn(async move { this.drive(run_id).await });
    }

    async fn drive(self: Arc<Self>, rid: String) {
        // Held while this task drives the run; dropped (even on a panic) when it stops, so
        // the heartbeat stops renewing a lease nobody works under.
        let Some(_active) = Active::mark(&self, &rid) else {
            return;
        };
        if !self.claim(&rid).await {
            return;
        }
        let mut attempt = 0;
        loop {
            let error = match self.execute(&rid).await {
                Ok(()) => return,
                Err(Halt::Superseded(why)) => {
                    tracing::info!(
                        rid,
                        why,
                        "another worker made this transition; stepping back"
                    );
                    return;
                }
                Err(Halt::Retryable(e)) => e,
                Err(Halt::Terminal(e)) => return self.give_up(&rid, e).await,
            };
            attempt += 1;
            let Some(wait) = self.retry.delay(attempt) else {
                return self.give_up(&rid, error).await;
            };
            tracing::warn!(rid, attempt, error = %error, "research run failed; driving it again");
            tokio::time::sleep(wait).await;
            // Drive it again only while the lease is still ours: during an outage it may have
            // lapsed and another process taken the run over.
            if !self.claim(&rid).await {
                return;
            }
        }
    }

    /// Take (or keep) run `rid`'s lease for this process; false when another holds it, it
    /// has finished, or the database could not say (the lease watch tries again later).
    async fn claim(&self, rid: &str) -> bool {
        let now = crate::now_ms();
        let until = now + self.lease.as_millis() as i64;
        match self.store.claim_run(rid, &self.instance, now, until).await {
            Ok(true) => true,
            Ok(false) => {
                tracing::debug!(rid, "run is held elsewhere or finished");
                false
            }
            Err(e) => {
                tracing::warn!(rid, error = %e, "could not take the run's lease; will retry");
                false
            }
        }
    }

    /// The runs this process is driving right now.
    pub(super) fn active_ids(&self) -> Vec<String> {
        lock(&self.active).iter().cloned().collect()
    }

    /// The database failed mid-run: tell the rep rather than leave the card spinning.
    async fn give_up(&self, rid: &str, error: StoreError) {
        tracing::error!(rid, error = %error, "research run stopped");
        let Ok(Some(run)) = self.store.run(rid).await else {
            return;
        };
        let text = progress::progress_lost(&run.account_name);
        let changes = steps::ended(&run, "stopped", text, crate::now_ms());
        let _ = self.store.append(&run.sid, changes, None).await;
    }

    /// Run every step that has not settled yet, then finish the run.
    async fn execute(&self, rid: &str) -> Result<(), Halt> {
        let started = std::time::Instant::now();
        let Some(run) = self.store.run(rid).await? else {
            return Ok(());
        };
        if !run.is_running() {
            return Ok(());
        }
        let rows = self.store.steps(rid).await?;
        if !steps::same_steps(&rows) {
            return self
                .finish_early(&run, "was started by an earlier version of Dossier")
                .await;
        }
        let Some(account) = self.book.get(&run.account_id) else {
            return self
                .finish_early(&run, "is no longer in the account list")
                .await;
        };
        // The rep's role, purpose and own company: the run is prepared for them.
        let owner = self.store.session(&run.sid).await?.map(|s| s.owner);
        let company = self.companies.of_owner(owner.as_deref()).await?;
        let outcomes = futures::future::join_all(
            StepKey::COLLECTION
                .iter()
                .map(|&step| self.step(&run, &account, step, steps::row(&rows, step), &company)),
        )
        .await;
        let outcomes = StepKey::COLLECTION
            .into_iter()
            .zip(outcomes)
            .map(|(step, outcome)| outcome.map(|o| (step, o)))
            .collect::<Result<Vec<_>, Halt>>()?;
        let (found, missing) = steps::split(outcomes);
        // The rep's role and purpose as they are now: chosen while the steps ran, they shape
        // the summary (chosen after, they revise it: `Orchestrator::summary_for`).
        let persona = match &owner {
            Some(owner) => self.store.persona(owner).await?,
            None => Persona::default(),
        };
        let analysis_row = steps::row(&rows, StepKey::Analysis);
        self.analyse(&run, &account, (&found, &missing), analysis_row, &persona)
            .await?;
        tracing::info!(rid, account = %account.id, ms = started.elapsed().as_millis() as u64,
            missing = missing.len(), "research run finished");
        Ok(())
    }

    /// One collection step: reuse its stored outcome if it settled before (a resumed run),
    /// else pending → running → done (with its partial result) or failed. The vendor step
    /// is the rep's own `company`, not a search.
    async fn step(
        &self,
        run: &RunRow,
        account: &AccountSummary,
        step: StepKey,
        row: Option<&StepRow>,
        company: &OwnCompany,
    ) -> Result<Result<Findings, String>, Halt> {
        match steps::plan(row) {
            Plan::Reuse(outcome) => return Ok(outcome),
            Plan::Start => {
                self.commit(run, steps::started(&run.rid, step), None)
                    .await?
            }
            Plan::Resume => {
                if let Some(reason) = self.attempts_spent(run, step).await? {
                    return Ok(Err(reason));
                }
            }
        }
        let (outcome, cache) = if step == StepKey::Vendor {
            (Ok(company.findings()), CacheUse::Miss)
        } else {
            self.collector.collect(step, account).await
        };
        match &outcome {
            Ok(findings) => {
                let (changes, result) =
                    steps::done(run, account, step, findings, cache, crate::now_ms())
                        .map_err(|e| Halt::Terminal(e.into()))?;
                self.commit(run, changes, Some(result)).await?;
            }
            Err(reason) => {
                self.commit(run, steps::failed(&run.rid, step, reason), None)
                    .await?
            }
        }
        Ok(outcome)
    }

    /// The analysis: the summary, tailored to the rep's persona; the run finishes with it,
    /// and its neutral version is cached for every rep.
    async fn analyse(
        &self,
        run: &RunRow,
        account: &AccountSummary,
        (found, missing): (&[Findings], &[MissingStep]),
        row: Option<&StepRow>,
        persona: &Persona,
    ) -> Result<(), Halt> {
        match steps::plan(row) {
            Plan::Start => {
                self.commit(run, steps::started(&run.rid, StepKey::Analysis), None)
                    .await?
            }
            Plan::Resume => {
                if let Some(reason) = self.attempts_spent(run, StepKey::Analysis).await? {
                    let text = progress::gave_up(&run.account_name, MAX_ATTEMPTS);
                    let mut changes = steps::failed(&run.rid, StepKey::Analysis, &reason);
                    changes.extend(steps::ended(run, "gave-up", text, crate::now_ms()));
                    return self.commit(run, changes, None).await;
                }
            }
            Plan::Reuse(_) => {}
        }
        let (collected, sources) = steps::analysis_inputs(found);
        let summary = summarise(account, &collected, missing, persona);
        let analysed = summary.is_ok();
        let actions = summary_actions(&collected)
            .into_iter()
            .map(|a| a.about(&account.id))
            .collect();
        let changes = steps::analysed(
            run,
            summary,
            (steps::summary_sources(found, &sources), actions),
            missing,
            account,
            crate::now_ms(),
        );
        self.commit(run, changes, None).await?;
        if analysed {
            // The cache is shared by every rep: it keeps neither this rep's angle nor their
            // own company (each rep's is added when the profile answers them).
            let collected = steps::without_own_company(collected);
            let neutral = summarise(account, &collected, missing, &Persona::default());
            let profile = Profile {
                summary: neutral.unwrap_or_default(),
                sources,
                collected,
                missing: missing.to_vec(),
                run_id: run.rid.clone(),
            };
            self.collector.remember_profile(account, &profile).await;
        }
        Ok(())
    }

    /// A step found running (its driver stopped mid-step) is attempted again, unless it has
    /// been MAX_ATTEMPTS times: then it fails, with the reason returned.
    async fn attempts_spent(&self, run: &RunRow, step: StepKey) -> Result<Option<String>, Halt> {
        let resumed = self.store.count_resume(&run.rid, step).await?;
        if resumed < MAX_ATTEMPTS {
            return Ok(None);
        }
        tracing::error!(rid = %run.rid, step = step.as_str(), "step keeps failing; giving up on it");
        let reason = format!("stopped after {MAX_ATTEMPTS} attempts");
        if step != StepKey::Analysis {
            self.commit(run, steps::failed(&run.rid, step, &reason), None)
                .await?;
        }
        Ok(Some(reason))
    }

    /// The run cannot go on (its account is gone, or it is from an older version): end it
    /// and say why.
    async fn finish_early(&self, run: &RunRow, why: &str) -> Result<(), Halt> {
        let text = progress::stopped_early(&run.account_name, why);
        let changes = steps::ended(run, "stopped-early", text, crate::now_ms());
        self.commit(run, changes, None).await
    }

    /// Commit one transition's changes (and a step's result) as the session's next events.
    async fn commit(
        &self,
        run: &RunRow,
        changes: Vec<Change>,
        result: Option<StepResult>,
    ) -> Result<(), Halt> {
        self.store.append(&run.sid, changes, result).await?;
        Ok(())
    }
}
