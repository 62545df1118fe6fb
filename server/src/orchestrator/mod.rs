//! The research workflow, durably, in the shape of durable-workflow engines:
//! - [`steps`]: pure — what a stored step means for a run being driven, and the changes each
//!   transition commits;
//! - [`Collector`]: the read-through cache in front of the sources (step layer → each
//!   source's raw layer → the sources), shared by runs and questions;
//! - the runner ([`runner`], [`lease`]): takes a run's lease, drives its steps (collection in
//!   parallel, all settled, then analysis), resumes runs whose process died, retries what
//!   may pass by [`RetryPolicy`] and steps back when another worker made a transition.
//!
//! Every transition is committed as session events together with the run/step rows, and
//! guarded in the database so it happens once.

mod collector;
mod lease;
mod runner;
pub mod steps;

pub use collector::{Cached, Collector};
pub use runner::{Halt, RetryPolicy};

use crate::book::Book;
use crate::own_company::Companies;
use crate::store::Store;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the orchestrator needs.
pub struct OrchestratorParts {
    pub store: Store,
    pub collector: Arc<Collector>,
    pub book: Arc<Book>,
    /// Each rep's own company, for the vendor step.
    pub companies: Arc<Companies>,
    /// How long a run stays held without a heartbeat.
    pub lease: Duration,
    /// How long a collection step usually takes, for the estimate shown to the rep.
    /// How long a step usually takes for a demo account, and for one of the rep's own.
    pub typical_step_ms: (u64, u64),
    pub retry: RetryPolicy,
}

/// Starts, drives and resumes research runs.
pub struct Orchestrator {
    store: Store,
    collector: Arc<Collector>,
    book: Arc<Book>,
    companies: Arc<Companies>,
    lease: Duration,
    typical_step_ms: (u64, u64),
    retry: RetryPolicy,
    /// This process's name on the leases it holds.
    instance: String,
    /// Runs executing in this process.
    active: Mutex<HashSet<String>>,
}

impl Orchestrator {
    pub fn new(parts: OrchestratorParts) -> Self {
        Self {
            store: parts.store,
            collector: parts.collector,
            book: parts.book,
            companies: parts.companies,
            lease: parts.lease,
            typical_step_ms: parts.typical_step_ms,
            retry: parts.retry,
            instance: format!("proc-{}", crate::random_id(8)),
            active: Mutex::new(HashSet::new()),
        }
    }

    /// This process's name on the leases it holds (runs and answers alike).
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// How long a lease holds without a renewal.
    pub fn lease(&self) -> Duration {
        self.lease
    }

    /// The summary of a finished `run` written again for `persona` (the rep chose a role or
    /// purpose after it ended), with its sources and buttons, from its stored steps. `None`
    /// while a step is unsettled or when nothing was found.
    pub async fn summary_for(
        &self,
        run: &crate::store::runs::RunRow,
        account: &app::domain::AccountSummary,
        persona: &app::domain::Persona,
    ) -> Result<Option<app::domain::Change>, crate::store::StoreError> {
        use app::domain::StepKey;
        let rows = self.store.steps(&run.rid).await?;
        let outcomes: Vec<_> = StepKey::COLLECTION
            .into_iter()
            .filter_map(|k| match steps::plan(steps::row(&rows, k)) {
                steps::Plan::Reuse(outcome) => Some((k, outcome)),
                _ => None,
            })
            .collect();
        if outcomes.len() != StepKey::COLLECTION.len() {
            return Ok(None);
        }
        let (found, missing) = steps::split(outcomes);
        let (collected, sources) = steps::analysis_inputs(&found);
        let Ok(text) = crate::answers::run::summarise(account, &collected, &missing, persona)
        else {
            return Ok(None);
        };
        let actions = crate::answers::run::summary::summary_actions(&collected)
            .into_iter()
            .map(|a| a.about(&account.id))
            .collect();
        Ok(Some(app::domain::Change::MessageRevised {
            id: steps::summary_id(&run.rid),
            text,
            sources: steps::summary_sources(&found, &sources),
            actions,
            streaming: false,
        }))
    }

    /// How long research on `account` usually takes (its steps run in parallel).
    pub fn estimated_ms(&self, account: &app::domain::AccountSummary) -> u64 {
        let (demo, book) = self.typical_step_ms;
        200 + if account.origin.is_demo() { demo } else { book }
    }
}
