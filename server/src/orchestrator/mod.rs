//! Runs the customer-intelligence workflow in the background: the four collection steps in
//! parallel (all settled: one failure never stops the others), then the analysis step.
//! Every transition is committed as session events together with the run/step rows.

use crate::research::{Collected, Findings, Source, analysis, report};
use crate::store::events::StepResult;
use crate::store::profiles::ProfileRow;
use crate::store::{Store, StoreError};
use app::domain::{AccountSummary, Change, ChatMessage, RunStatus, SourceRef, StepKey, StepStatus};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Starts and drives research runs.
pub struct Orchestrator {
    store: Store,
    source: Arc<dyn Source>,
    profile_ttl: Duration,
}

impl Orchestrator {
    pub fn new(store: Store, source: Arc<dyn Source>, profile_ttl: Duration) -> Self {
        Self {
            store,
            source,
            profile_ttl,
        }
    }

    /// How long a run should take: collection in parallel, then analysis.
    pub fn estimated_ms(&self) -> u64 {
        self.source.typical_step_ms() + 200
    }

    /// Run `run_id` (already committed as `RunStarted`) in the background.
    pub fn launch(self: &Arc<Self>, sid: String, run_id: String, account: AccountSummary) {
        let this = Arc::clone(self);
        tokio::spawn(async move {
            if let Err(e) = this.execute(&sid, &run_id, &account).await {
                tracing::error!(sid, run_id, error = %e, "research run stopped");
                // Best effort: tell the rep rather than leave the card spinning.
                let changes = vec![
                    Change::MessageAdded {
                        message: ChatMessage::assistant(
                            crate::random_id(8),
                            format!(
                                "❌ Research on {} stopped: the database was unavailable. Pick the account again to retry.",
                                account.name
                            ),
                            crate::now_ms(),
                        ),
                    },
                    Change::RunFinished {
                        run_id: run_id.clone(),
                        status: RunStatus::Failed,
                    },
                ];
                let _ = this.store.append(&sid, changes, None).await;
            }
        });
    }

    async fn execute(
        &self,
        sid: &str,
        run_id: &str,
        account: &AccountSummary,
    ) -> Result<(), StoreError> {
        let started = std::time::Instant::now();
        let outcomes = futures::future::join_all(
            StepKey::COLLECTION
                .iter()
                .map(|&step| self.collect(sid, run_id, account, step)),
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
        self.analyse(sid, run_id, account, &found, &missing).await?;
        tracing::info!(sid, run_id, account = %account.id, ms = started.elapsed().as_millis() as u64,
            missing = missing.len(), "research run finished");
        Ok(())
    }

    /// One collection step: running → done (with its partial result) or failed.
    async fn collect(
        &self,
        sid: &str,
        run_id: &str,
        account: &AccountSummary,
        step: StepKey,
    ) -> Result<Result<Findings, String>, StoreError> {
        self.transition(sid, run_id, step, StepStatus::Running, None, vec![], None)
            .await?;
        match self.source.collect(step, account).await {
            Ok(findings) => {
                let (line, text) = report::step_message(account, &findings.data);
                let message = ChatMessage::assistant(crate::random_id(8), text, crate::now_ms())
                    .with_sources(findings.sources.clone());
                let result = StepResult {
                    run_id: run_id.to_string(),
                    step,
                    result: serde_json::to_value(&findings)?,
                };
                self.transition(
                    sid,
                    run_id,
                    step,
                    StepStatus::Done,
                    Some(line),
                    vec![message],
                    Some(result),
                )
                .await?;
                Ok(Ok(findings))
            }
            Err(e) => {
                tracing::warn!(sid, run_id, step = step.as_str(), reason = %e, "source failed");
                self.transition(
                    sid,
                    run_id,
                    step,
                    StepStatus::Failed,
                    Some(e.0.clone()),
                    vec![],
                    None,
                )
                .await?;
                Ok(Err(e.0))
            }
        }
    }

    async fn analyse(
        &self,
        sid: &str,
        run_id: &str,
        account: &AccountSummary,
        found: &[Findings],
        missing: &[(StepKey, String)],
    ) -> Result<(), StoreError> {
        let step = StepKey::Analysis;
        self.transition(sid, run_id, step, StepStatus::Running, None, vec![], None)
            .await?;
        let collected: Vec<Collected> = found.iter().map(|f| f.data.clone()).collect();
        let sources: Vec<SourceRef> = found.iter().flat_map(|f| f.sources.clone()).collect();
        let now = crate::now_ms();
        let (status, detail, text, run_status) = match analysis::summarise(
            account, &collected, missing,
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
        let summary = ChatMessage::assistant(crate::random_id(8), text.clone(), now)
            .with_sources(sources.clone());
        let changes = vec![
            Change::StepChanged {
                run_id: run_id.into(),
                step,
                status,
                detail: Some(detail),
            },
            Change::MessageAdded { message: summary },
            Change::RunFinished {
                run_id: run_id.into(),
                status: run_status,
            },
        ];
        self.store.append(sid, changes, None).await?;
        if run_status != RunStatus::Failed {
            let row = ProfileRow {
                account_id: account.id.clone(),
                profile: json!({ "summary": text, "sources": sources, "collected": collected,
                                 "missing": missing.iter().map(|(k, r)| json!({"step": k.as_str(), "reason": r})).collect::<Vec<_>>(),
                                 "run_id": run_id }),
                created_at: now,
                expires_at: now + self.profile_ttl.as_millis() as i64,
            };
            self.store.put_profile(&row).await?;
        }
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
