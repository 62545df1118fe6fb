//! Runs the research workflow in the background, durably: the collection steps in parallel
//! (all settled: one failure never stops the others), then the analysis step.
//!
//! Every transition is committed as session events together with the run/step rows, and
//! guarded in the database so it happens once. A run is held by one process through a
//! lease renewed by a heartbeat ([`lease`]); after a crash, whoever finds the lease lapsed
//! resumes the run: settled steps keep their stored results, the rest run again.

mod collect;
mod lease;

pub use collect::CacheUse;

use crate::answers::run;
use crate::cache::CachePolicy;
use crate::findings::{Collected, Findings};
use crate::sources::Registry;
use crate::store::events::StepResult;
use crate::store::runs::{RunRow, StepRow};
use crate::store::{Store, StoreError};
use app::domain::search::AccountIndex;
use app::domain::{
    AccountSummary, Change, ChatMessage, Persona, RunStatus, SourceRef, StepKey, StepStatus,
};
use serde_json::json;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the orchestrator needs.
pub struct OrchestratorParts {
    pub store: Store,
    pub registry: Registry,
    pub accounts: Arc<AccountIndex>,
    pub cache: CachePolicy,
    /// How long a run stays held without a heartbeat.
    pub lease: Duration,
    /// How long a collection step usually takes, for the estimate shown to the rep.
    pub typical_step_ms: u64,
}

/// Marks a run as driven by this process for as long as it lives.
struct Active<'a> {
    orchestrator: &'a Orchestrator,
    rid: String,
}

impl<'a> Active<'a> {
    /// None when this process is already driving `rid`.
    fn mark(orchestrator: &'a Orchestrator, rid: &str) -> Option<Self> {
        let mut active = orchestrator
            .active
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        active.insert(rid.to_string()).then(|| Active {
            orchestrator,
            rid: rid.to_string(),
        })
    }
}

impl Drop for Active<'_> {
    fn drop(&mut self) {
        let mut active = self
            .orchestrator
            .active
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        active.remove(&self.rid);
    }
}

/// Starts, drives and resumes research runs.
pub struct Orchestrator {
    store: Store,
    registry: Registry,
    accounts: Arc<AccountIndex>,
    cache: CachePolicy,
    lease: Duration,
    typical_step_ms: u64,
    /// This process's name on the leases it holds.
    instance: String,
    /// Runs executing in this process.
    active: Mutex<HashSet<String>>,
}

impl Orchestrator {
    pub fn new(parts: OrchestratorParts) -> Self {
        Self {
            store: parts.store,
            registry: parts.registry,
            accounts: parts.accounts,
            cache: parts.cache,
            lease: parts.lease,
            typical_step_ms: parts.typical_step_ms,
            instance: format!("proc-{}", crate::random_id(8)),
            active: Mutex::new(HashSet::new()),
        }
    }

    pub fn cache_policy(&self) -> &CachePolicy {
        &self.cache
    }

    /// How long a run should take: collection in parallel, then analysis.
    pub fn estimated_ms(&self) -> u64 {
        self.typical_step_ms + 200
    }

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
        let now = crate::now_ms();
        let until = now + self.lease.as_millis() as i64;
        match self.store.claim_run(&rid, &self.instance, now, until).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::debug!(rid, "run is held elsewhere or finished");
                return;
            }
            Err(e) => {
                tracing::warn!(rid, error = %e, "could not take the run's lease; will retry");
                return;
            }
        }
        match self.execute(&rid).await {
            Ok(()) => {}
            Err(StoreError::Conflict(why)) => {
                tracing::info!(
                    rid,
                    why,
                    "another worker made this transition; stepping back"
                );
            }
            Err(e) => self.give_up(&rid, e).await,
        }
    }

    /// The runs this process is driving right now.
    fn active_ids(&self) -> Vec<String> {
        let active = self.active.lock().unwrap_or_else(|e| e.into_inner());
        active.iter().cloned().collect()
    }

    /// The database failed mid-run: tell the rep rather than leave the card spinning.
    async fn give_up(&self, rid: &str, error: StoreError) {
        tracing::error!(rid, error = %error, "research run stopped");
        let Ok(Some(run)) = self.store.run(rid).await else {
            return;
        };
        let changes = vec![
            Change::MessageAdded {
                message: ChatMessage::assistant(
                    format!("msg-{rid}-stopped"),
                    format!(
                        "❌ Research on {} stopped: its progress could not be saved. Pick the account again to retry.",
                        run.account_name
                    ),
                    crate::now_ms(),
                ),
            },
            Change::RunFinished {
                run_id: rid.to_string(),
                status: RunStatus::Failed,
            },
        ];
        let _ = self.store.append(&run.sid, changes, None).await;
    }

    /// Run every step that has not settled yet, then finish the run.
    async fn execute(&self, rid: &str) -> Result<(), StoreError> {
        let started = std::time::Instant::now();
        let Some(run) = self.store.run(rid).await? else {
            return Ok(());
        };
        if run.status != RunStatus::Running.as_str() {
            return Ok(());
        }
        let rows = self.store.steps(rid).await?;
        let same_steps = rows.len() == StepKey::ALL.len()
            && rows
                .iter()
                .all(|r| StepKey::ALL.get(r.idx).map(|k| k.as_str()) == Some(r.key.as_str()));
        if !same_steps {
            // Started by a version with other steps: its rows cannot be resumed safely.
            return self
                .finish_early(&run, "was started by an earlier version of Dossier")
                .await;
        }
        let row = |key: StepKey| rows.iter().find(|r| r.key == key.as_str()).cloned();
        let Some(account) = self.accounts.get(&run.account_id).cloned() else {
            return self
                .finish_early(&run, "is no longer in the account list")
                .await;
        };
        let outcomes = futures::future::join_all(
            StepKey::COLLECTION
                .iter()
                .map(|&step| self.step(&run, &account, step, row(step))),
        )
        .await;
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for (step, outcome) in StepKey::COLLECTION.iter().zip(outcomes) {
            match outcome? {
                Ok(f) => found.push(f),
                Err(reason) => missing.push((*step, reason)),
            }
        }
        self.analyse(&run, &account, &found, &missing, row(StepKey::Analysis))
            .await?;
        tracing::info!(rid, account = %account.id, ms = started.elapsed().as_millis() as u64,
            missing = missing.len(), "research run finished");
        Ok(())
    }

    /// One collection step: reuse its stored outcome if it settled before (a resumed run),
    /// else pending → running → done (with its partial result) or failed.
    async fn step(
        &self,
        run: &RunRow,
        account: &AccountSummary,
        step: StepKey,
        row: Option<StepRow>,
    ) -> Result<Result<Findings, String>, StoreError> {
        let status = row.as_ref().map(|r| r.status.as_str()).unwrap_or("pending");
        if status == StepStatus::Done.as_str() {
            let stored = row.and_then(|r| r.result);
            return Ok(stored
                .and_then(|v| serde_json::from_value(v).ok())
                .ok_or_else(|| "the stored result could not be read".to_string()));
        }
        if status == StepStatus::Failed.as_str() {
            return Ok(Err(row
                .and_then(|r| r.detail)
                .unwrap_or_else(|| "the source failed".into())));
        }
        let (sid, rid) = (run.sid.as_str(), run.rid.as_str());
        if status == StepStatus::Pending.as_str() {
            self.transition(sid, rid, step, StepStatus::Running, None, vec![], None)
                .await?;
        }
        let (outcome, cache) = self.gather(step, account).await;
        match outcome {
            Ok(findings) => {
                let (line, text) = run::step_message(account, &findings.data);
                let line = match (step, cache) {
                    (_, CacheUse::Hit) => format!("{line} — from cache"),
                    (StepKey::Vendor, CacheUse::Miss) => format!("{line} — loaded"),
                    (_, CacheUse::Miss) => line,
                };
                // The vendor's own profile is context for the analysis, not news for the rep.
                let messages = if step == StepKey::Vendor {
                    vec![]
                } else {
                    vec![
                        ChatMessage::assistant(
                            format!("msg-{rid}-{}", step.as_str()),
                            text,
                            crate::now_ms(),
                        )
                        .with_sources(findings.sources.clone()),
                    ]
                };
                let result = StepResult {
                    run_id: rid.to_string(),
                    step,
                    result: serde_json::to_value(&findings)?,
                    cache: cache.as_str(),
                };
                self.transition(
                    sid,
                    rid,
                    step,
                    StepStatus::Done,
                    Some(line),
                    messages,
                    Some(result),
                )
                .await?;
                Ok(Ok(findings))
            }
            Err(reason) => {
                self.transition(
                    sid,
                    rid,
                    step,
                    StepStatus::Failed,
                    Some(reason.clone()),
                    vec![],
                    None,
                )
                .await?;
                Ok(Err(reason))
            }
        }
    }

    async fn analyse(
        &self,
        run: &RunRow,
        account: &AccountSummary,
        found: &[Findings],
        missing: &[(StepKey, String)],
        row: Option<StepRow>,
    ) -> Result<(), StoreError> {
        let (sid, rid) = (run.sid.as_str(), run.rid.as_str());
        let step = StepKey::Analysis;
        let status = row.as_ref().map(|r| r.status.as_str()).unwrap_or("pending");
        if status == StepStatus::Pending.as_str() {
            self.transition(sid, rid, step, StepStatus::Running, None, vec![], None)
                .await?;
        }
        let collected: Vec<Collected> = found.iter().map(|f| f.data.clone()).collect();
        let sources: Vec<SourceRef> = found
            .iter()
            .filter(|f| !matches!(f.data, Collected::Vendor { .. }))
            .flat_map(|f| f.sources.clone())
            .collect();
        let now = crate::now_ms();
        // The analysis is tailored to the rep's role and meeting purpose, if they gave them.
        let persona = match self.store.session(sid).await? {
            Some(session) => self.store.persona(&session.owner).await?,
            None => Persona::default(),
        };
        let (status, detail, text, run_status) = match run::summarise(
            account, &collected, missing, &persona,
        ) {
            Ok(text) => {
                let status = if missing.is_empty() {
                    RunStatus::Completed
                } else {
                    RunStatus::Partial
                };
                (StepStatus::Done, "summary ready".to_string(), text, status)
            }
            Err(reason) => {
                let text = format!(
                    "❌ I couldn't research {}: every source failed, so there is nothing to analyse. \
                         Try again in a few minutes.",
                    account.name
                );
                (StepStatus::Failed, reason, text, RunStatus::Failed)
            }
        };
        let summary = ChatMessage::assistant(format!("msg-{rid}-summary"), text.clone(), now)
            .with_sources(sources.clone());
        let changes = vec![
            Change::StepChanged {
                run_id: rid.into(),
                step,
                status,
                detail: Some(detail),
            },
            Change::MessageAdded { message: summary },
            Change::RunFinished {
                run_id: rid.into(),
                status: run_status,
            },
        ];
        self.store.append(sid, changes, None).await?;
        if run_status != RunStatus::Failed {
            // The cache is shared by every rep: it keeps the summary without the persona's angle.
            let text =
                run::summarise(account, &collected, missing, &Persona::default()).unwrap_or(text);
            let profile = json!({ "summary": text, "sources": sources, "collected": collected,
                "missing": missing.iter().map(|(k, r)| json!({"step": k.as_str(), "reason": r})).collect::<Vec<_>>(),
                "run_id": rid });
            let domain = &account.domain;
            self.remember(
                &CachePolicy::profile_key(domain),
                &profile,
                self.cache.profile,
            )
            .await;
            if let Some((key, ttl)) = self.cache.step_layer(StepKey::Analysis, domain) {
                self.remember(&key, &json!({ "summary": text, "sources": sources }), ttl)
                    .await;
            }
        }
        Ok(())
    }

    /// The run cannot go on (its account is gone, or it is from an older version): end it
    /// and say why.
    async fn finish_early(&self, run: &RunRow, why: &str) -> Result<(), StoreError> {
        let changes = vec![
            Change::MessageAdded {
                message: ChatMessage::assistant(
                    format!("msg-{}-stopped-early", run.rid),
                    format!(
                        "❌ I stopped researching {}: the run {why}. Pick the account again to start afresh.",
                        run.account_name
                    ),
                    crate::now_ms(),
                ),
            },
            Change::RunFinished {
                run_id: run.rid.clone(),
                status: RunStatus::Failed,
            },
        ];
        self.store.append(&run.sid, changes, None).await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn transition(
        &self,
        sid: &str,
        run_id: &str,
        step: StepKey,
        status: StepStatus,
        detail: Option<String>,
        messages: Vec<ChatMessage>,
        result: Option<StepResult>,
    ) -> Result<(), StoreError> {
        let mut changes = vec![Change::StepChanged {
            run_id: run_id.into(),
            step,
            status,
            detail,
        }];
        changes.extend(
            messages
                .into_iter()
                .map(|message| Change::MessageAdded { message }),
        );
        self.store.append(sid, changes, result).await?;
        Ok(())
    }
}
