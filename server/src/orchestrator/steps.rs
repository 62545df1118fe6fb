//! The workflow's steps as pure values: what a stored step row means for a run being
//! driven (reuse its outcome, start it, or go on with it), and the changes each transition
//! commits. No IO: the runner commits what these return.

use crate::answers::run::{progress, start, step_message};
use crate::findings::{CacheUse, Collected, Findings, MissingStep, StepOutcome};
use crate::store::events::StepResult;
use crate::store::runs::{RunRow, StepRow};
use app::domain::{
    AccountSummary, Action, ActionKind, Change, ChatMessage, RunStatus, SourceRef, StepKey,
    StepStatus,
};

/// What to do with one step of a run that is being driven.
#[derive(Debug, PartialEq)]
pub enum Plan {
    /// Settled before (a resumed run): keep its stored outcome.
    Reuse(Result<Findings, String>),
    /// Pending: mark it running, then collect.
    Start,
    /// Already running (its previous driver stopped): collect again.
    Resume,
}

/// The plan for a step from its stored row (no row: pending).
pub fn plan(row: Option<&StepRow>) -> Plan {
    match row.map(StepRow::outcome).unwrap_or(StepOutcome::Pending) {
        StepOutcome::Pending => Plan::Start,
        StepOutcome::Running => Plan::Resume,
        StepOutcome::Found(f) => Plan::Reuse(Ok(f)),
        StepOutcome::Failed(reason) => Plan::Reuse(Err(reason)),
    }
}

/// Whether stored rows are this version's steps, in order (a run started by a version with
/// other steps cannot be resumed safely).
pub fn same_steps(rows: &[StepRow]) -> bool {
    rows.len() == StepKey::ALL.len() && rows.iter().all(|r| StepKey::ALL.get(r.idx) == Some(&r.key))
}

/// The step's row among `rows`.
pub fn row(rows: &[StepRow], key: StepKey) -> Option<&StepRow> {
    rows.iter().find(|r| r.key == key)
}

/// pending → running.
pub fn started(rid: &str, step: StepKey) -> Vec<Change> {
    vec![Change::StepChanged {
        run_id: rid.into(),
        step,
        status: StepStatus::Running,
        detail: None,
    }]
}

/// running → done: the progress line, the step's message (none for the vendor's own
/// context: it is for the analysis, not news for the rep) and the stored result.
pub fn done(
    run: &RunRow,
    account: &AccountSummary,
    step: StepKey,
    findings: &Findings,
    cache: CacheUse,
    now: i64,
) -> Result<(Vec<Change>, StepResult), serde_json::Error> {
    let (line, text) = step_message(account, &findings.data);
    let mut changes = vec![Change::StepChanged {
        run_id: run.rid.clone(),
        step,
        status: StepStatus::Done,
        detail: Some(progress::progress_line(line, step, cache)),
    }];
    if step != StepKey::Vendor {
        let message =
            ChatMessage::assistant(format!("msg-{}-{}", run.rid, step.as_str()), text, now)
                .with_sources(findings.sources.clone());
        changes.push(Change::MessageAdded { message });
    }
    let result = StepResult {
        run_id: run.rid.clone(),
        step,
        result: serde_json::to_value(findings)?,
        cache,
    };
    Ok((changes, result))
}

/// running → failed, with the reason shown on the progress card.
pub fn failed(rid: &str, step: StepKey, reason: &str) -> Vec<Change> {
    vec![Change::StepChanged {
        run_id: rid.into(),
        step,
        status: StepStatus::Failed,
        detail: Some(reason.to_string()),
    }]
}

/// The collection steps' outcomes, split into what was found and what is missing.
pub fn split(
    outcomes: Vec<(StepKey, Result<Findings, String>)>,
) -> (Vec<Findings>, Vec<MissingStep>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for (step, outcome) in outcomes {
        match outcome {
            Ok(f) => found.push(f),
            Err(reason) => missing.push(MissingStep { step, reason }),
        }
    }
    (found, missing)
}

/// How a run with these missing steps ended, given whether its analysis could be written.
pub fn run_status(analysed: bool, missing: &[MissingStep]) -> RunStatus {
    match (analysed, missing.is_empty()) {
        (false, _) => RunStatus::Failed,
        (true, true) => RunStatus::Completed,
        (true, false) => RunStatus::Partial,
    }
}

/// The facts the analysis reads, and the sources its summary cites (the vendor's own
/// records are context, not the customer's sources).
pub fn analysis_inputs(found: &[Findings]) -> (Vec<Collected>, Vec<SourceRef>) {
    let collected = found.iter().map(|f| f.data.clone()).collect();
    let sources = found
        .iter()
        .filter(|f| !matches!(f.data, Collected::Vendor { .. }))
        .flat_map(|f| f.sources.clone())
        .collect();
    (collected, sources)
}

/// The sources the rep's summary cites: the customer's, and the rep's own company's when
/// the angle draws on it.
pub fn summary_sources(found: &[Findings], customer: &[SourceRef]) -> Vec<SourceRef> {
    let collected: Vec<Collected> = found.iter().map(|f| f.data.clone()).collect();
    let mut sources = customer.to_vec();
    if crate::answers::run::angle::draws_on_company(&collected) {
        sources.extend(
            found
                .iter()
                .filter(|f| matches!(f.data, Collected::Vendor { .. }))
                .flat_map(|f| f.sources.clone()),
        );
    }
    sources
}

/// What a run collected, without the rep's own company (what every rep may share).
pub fn without_own_company(collected: Vec<Collected>) -> Vec<Collected> {
    collected
        .into_iter()
        .filter(|c| !matches!(c, Collected::Vendor { .. }))
        .collect()
}

/// The analysis settles and the run finishes, in one commit: the step, the summary, the end.
pub fn analysed(
    run: &RunRow,
    summary: Result<String, String>,
    (sources, actions): (Vec<SourceRef>, Vec<Action>),
    missing: &[MissingStep],
    account: &AccountSummary,
    now: i64,
) -> Vec<Change> {
    let analysed = summary.is_ok();
    let (status, detail, text) = match summary {
        Ok(text) => (StepStatus::Done, "summary ready".to_string(), text),
        Err(reason) => (
            StepStatus::Failed,
            reason,
            progress::nothing_to_analyse(account),
        ),
    };
    let rid = &run.rid;
    let mut changes = vec![
        Change::StepChanged {
            run_id: rid.clone(),
            step: StepKey::Analysis,
            status,
            detail: Some(detail),
        },
        Change::MessageAdded {
            message: ChatMessage::assistant(summary_id(rid), text, now)
                .with_sources(sources)
                .with_actions(summary_buttons(rid, analysed, actions, missing)),
        },
    ];
    let failed = missing.iter().filter(|m| m.step != StepKey::Vendor).count();
    changes.extend(finish(run, run_status(analysed, missing), failed, now));
    changes
}

/// The buttons under a run's summary: its exploration buttons (when there was something to
/// analyse), and Retry when a customer step failed.
fn summary_buttons(
    rid: &str,
    analysed: bool,
    explore: Vec<Action>,
    missing: &[MissingStep],
) -> Vec<Action> {
    let mut out = if analysed { explore } else { Vec::new() };
    if missing.iter().any(|m| m.step != StepKey::Vendor) {
        out.push(Action::new(
            "retry",
            "Retry what failed",
            ActionKind::Retry {
                run_id: rid.to_string(),
                step: None,
            },
        ));
    }
    out
}

/// The id of a run's summary message (revised when the rep's persona changes).
pub fn summary_id(rid: &str) -> String {
    format!("msg-{rid}-summary")
}

/// The run ends with `status` (`failed`: its customer steps that found nothing): the line
/// above its progress card says so now, and how long it took.
fn finish(run: &RunRow, status: RunStatus, failed: usize, now: i64) -> [Change; 2] {
    let took_ms = u64::try_from(now - run.started_at).unwrap_or(0);
    [
        Change::MessageRevised {
            id: start::started_id(&run.rid),
            text: start::deep_research_finished(status, took_ms, failed),
            sources: vec![],
            actions: vec![],
            streaming: false,
        },
        Change::RunFinished {
            run_id: run.rid.clone(),
            status,
        },
    ]
}

/// The run ends early, with a message saying why (`id_suffix` keeps the message's id
/// distinct per reason).
pub fn ended(run: &RunRow, id_suffix: &str, text: String, now: i64) -> Vec<Change> {
    let mut changes = vec![Change::MessageAdded {
        message: ChatMessage::assistant(format!("msg-{}-{id_suffix}", run.rid), text, now),
    }];
    changes.extend(finish(run, RunStatus::Failed, 0, now));
    changes
}

#[cfg(test)]
mod tests;
