//! Research runs and their steps: the states a step moves through and how a run is summed up.

use serde::{Deserialize, Serialize};

/// The steps of the customer-intelligence workflow, in the order the progress card lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKey {
    /// The rep's own company: products, proof points, competitors.
    Vendor,
    News,
    Hiring,
    /// Company basics: description, founding, size, headquarters.
    #[serde(alias = "profile")]
    Company,
    Tech,
    Contacts,
    Analysis,
}

impl StepKey {
    pub const ALL: [StepKey; 7] = [
        StepKey::Vendor,
        StepKey::News,
        StepKey::Hiring,
        StepKey::Company,
        StepKey::Tech,
        StepKey::Contacts,
        StepKey::Analysis,
    ];

    /// The steps that collect data in parallel; analysis runs after all of them settle.
    pub const COLLECTION: [StepKey; 6] = [
        StepKey::Vendor,
        StepKey::News,
        StepKey::Hiring,
        StepKey::Company,
        StepKey::Tech,
        StepKey::Contacts,
    ];

    /// The collection steps about the customer (not the rep's own company).
    pub const CUSTOMER: [StepKey; 5] = [
        StepKey::News,
        StepKey::Hiring,
        StepKey::Company,
        StepKey::Tech,
        StepKey::Contacts,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StepKey::Vendor => "Vendor context",
            StepKey::News => "Collect news & funding",
            StepKey::Hiring => "Collect hiring",
            StepKey::Company => "Collect company profile",
            StepKey::Tech => "Collect tech stack",
            StepKey::Contacts => "Collect contacts",
            StepKey::Analysis => "Analysis",
        }
    }

    /// What the summary calls this step's data when it is missing.
    pub fn noun(self) -> &'static str {
        match self {
            StepKey::Vendor => "your company's context",
            StepKey::News => "news & funding",
            StepKey::Hiring => "hiring",
            StepKey::Company => "company profile",
            StepKey::Tech => "tech stack",
            StepKey::Contacts => "contacts",
            StepKey::Analysis => "analysis",
        }
    }

    pub fn index(self) -> usize {
        StepKey::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StepKey::Vendor => "vendor",
            StepKey::News => "news",
            StepKey::Hiring => "hiring",
            StepKey::Company => "company",
            StepKey::Tech => "tech",
            StepKey::Contacts => "contacts",
            StepKey::Analysis => "analysis",
        }
    }
}

/// Where a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Pending,
    Running,
    Done,
    Failed,
}

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [
        StepStatus::Pending,
        StepStatus::Running,
        StepStatus::Done,
        StepStatus::Failed,
    ];

    pub fn icon(self) -> &'static str {
        match self {
            StepStatus::Pending => "⏳",
            StepStatus::Running => "🔄",
            StepStatus::Done => "✅",
            StepStatus::Failed => "❌",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Pending => "pending",
            StepStatus::Running => "running",
            StepStatus::Done => "done",
            StepStatus::Failed => "failed",
        }
    }

    pub fn is_settled(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::Failed)
    }

    /// The only moves a step may make: pending → running → done | failed (a step whose
    /// inputs vanished may fail straight from pending). Settled steps never move again.
    pub fn can_move_to(self, next: StepStatus) -> bool {
        matches!(
            (self, next),
            (StepStatus::Pending, StepStatus::Running)
                | (StepStatus::Pending, StepStatus::Failed)
                | (StepStatus::Running, StepStatus::Done)
                | (StepStatus::Running, StepStatus::Failed)
        )
    }
}

/// How a run ended, or that it has not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    /// Every step is done.
    Completed,
    /// Finished, but some steps failed.
    Partial,
    /// Nothing could be collected.
    Failed,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Completed => "completed",
            RunStatus::Partial => "partial",
            RunStatus::Failed => "failed",
        }
    }
}

/// One step as the progress card shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub key: StepKey,
    pub status: StepStatus,
    /// A short reason when failed, or a one-line result when done.
    #[serde(default)]
    pub detail: Option<String>,
}

/// A research run as the chat shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    pub status: RunStatus,
    pub estimated_ms: u64,
    pub steps: Vec<StepView>,
    /// When the run started: its `RunStarted` event's time, set as the view folds it.
    #[serde(default)]
    pub started_at_ms: i64,
    /// How long the run took, once it finished.
    #[serde(default)]
    pub took_ms: Option<u64>,
    /// The run whose failed steps this one researches again (its found steps are reused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_of: Option<String>,
}

impl RunView {
    /// A fresh run with every step pending.
    pub fn new(
        id: impl Into<String>,
        account_id: impl Into<String>,
        account_name: impl Into<String>,
        estimated_ms: u64,
    ) -> Self {
        Self {
            id: id.into(),
            account_id: account_id.into(),
            account_name: account_name.into(),
            status: RunStatus::Running,
            estimated_ms,
            steps: StepKey::ALL
                .iter()
                .map(|&key| StepView {
                    key,
                    status: StepStatus::Pending,
                    detail: None,
                })
                .collect(),
            started_at_ms: 0,
            took_ms: None,
            retry_of: None,
        }
    }

    /// How the run is doing, in words, for the line under its steps: `estimated about 3
    /// seconds` while it runs, `finished in 0.6 s` (and what went wrong) once it has ended.
    pub fn status_words(&self) -> String {
        let took = self.took_ms.map(took_words);
        match (self.status, took) {
            (RunStatus::Running, _) => format!("Estimated {}", duration_words(self.estimated_ms)),
            (RunStatus::Completed, Some(t)) => format!("Finished in {t}"),
            (RunStatus::Partial, Some(t)) => {
                let failed = self.failed_steps().len();
                let s = if failed == 1 { "" } else { "s" };
                format!("Finished in {t} · {failed} step{s} found nothing")
            }
            (RunStatus::Failed, Some(t)) => format!("Stopped after {t} · nothing was found"),
            (RunStatus::Completed | RunStatus::Partial, None) => "Finished".into(),
            (RunStatus::Failed, None) => "Stopped · nothing was found".into(),
        }
    }

    pub fn step(&self, key: StepKey) -> Option<&StepView> {
        self.steps.iter().find(|s| s.key == key)
    }

    /// Apply a step transition; refuses moves the state machine does not allow.
    pub fn move_step(&mut self, key: StepKey, status: StepStatus, detail: Option<String>) -> bool {
        let Some(step) = self.steps.iter_mut().find(|s| s.key == key) else {
            return false;
        };
        if !step.status.can_move_to(status) {
            return false;
        }
        step.status = status;
        if detail.is_some() || status != StepStatus::Running {
            step.detail = detail;
        }
        true
    }

    /// The steps that failed, in card order.
    pub fn failed_steps(&self) -> Vec<StepKey> {
        self.steps
            .iter()
            .filter(|s| s.status == StepStatus::Failed)
            .map(|s| s.key)
            .collect()
    }

    /// How a run whose steps have all settled ended.
    pub fn outcome(&self) -> RunStatus {
        let collected_ok = StepKey::CUSTOMER
            .iter()
            .filter(|k| self.step(**k).is_some_and(|s| s.status == StepStatus::Done))
            .count();
        if self.steps.iter().all(|s| s.status == StepStatus::Done) {
            RunStatus::Completed
        } else if collected_ok == 0 {
            RunStatus::Failed
        } else {
            RunStatus::Partial
        }
    }
}

/// A duration in words for a rep: `about 3 seconds`, `about 2 minutes`.
pub fn duration_words(ms: u64) -> String {
    let secs = ms.div_ceil(1000).max(1);
    if secs < 60 {
        format!("about {secs} second{}", if secs == 1 { "" } else { "s" })
    } else {
        let mins = secs.div_ceil(60);
        format!("about {mins} minute{}", if mins == 1 { "" } else { "s" })
    }
}

/// A duration measured, for a rep: `0.6 s`, `12 s`, `2 min 5 s`.
pub fn took_words(ms: u64) -> String {
    match ms {
        0..=9_949 => format!("{:.1} s", ms as f64 / 1000.0),
        9_950..=59_499 => format!("{} s", (ms + 500) / 1000),
        _ => {
            let secs = (ms + 500) / 1000;
            match secs % 60 {
                0 => format!("{} min", secs / 60),
                s => format!("{} min {s} s", secs / 60),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_durations_read_naturally() {
        assert_eq!(took_words(580), "0.6 s");
        assert_eq!(took_words(0), "0.0 s");
        assert_eq!(took_words(12_400), "12 s");
        assert_eq!(took_words(125_000), "2 min 5 s");
        assert_eq!(took_words(120_000), "2 min");
    }

    #[test]
    fn a_run_says_how_it_is_doing_in_words() {
        let mut run = RunView::new("r1", "a", "A", 2600);
        assert_eq!(run.status_words(), "Estimated about 3 seconds");
        run.status = RunStatus::Completed;
        run.took_ms = Some(580);
        assert_eq!(run.status_words(), "Finished in 0.6 s");
        run.move_step(StepKey::News, StepStatus::Failed, Some("x".into()));
        run.status = RunStatus::Partial;
        assert_eq!(
            run.status_words(),
            "Finished in 0.6 s · 1 step found nothing"
        );
        run.status = RunStatus::Failed;
        assert_eq!(
            run.status_words(),
            "Stopped after 0.6 s · nothing was found"
        );
        assert!(!run.status_words().contains("r1"), "no internal id");
    }

    #[test]
    fn steps_move_only_forward() {
        use StepStatus::*;
        assert!(Pending.can_move_to(Running));
        assert!(Running.can_move_to(Done));
        assert!(Running.can_move_to(Failed));
        assert!(Pending.can_move_to(Failed));
        assert!(!Pending.can_move_to(Done));
        assert!(!Done.can_move_to(Running));
        assert!(!Failed.can_move_to(Done));
        assert!(!Running.can_move_to(Running));
    }

    #[test]
    fn a_run_lists_every_step_pending() {
        let run = RunView::new("r1", "acme-corp", "Acme Corp", 3000);
        let labels: Vec<_> = run.steps.iter().map(|s| s.key.label()).collect();
        assert_eq!(
            labels,
            [
                "Vendor context",
                "Collect news & funding",
                "Collect hiring",
                "Collect company profile",
                "Collect tech stack",
                "Collect contacts",
                "Analysis"
            ]
        );
        assert!(run.steps.iter().all(|s| s.status == StepStatus::Pending));
    }

    #[test]
    fn outcome_reports_gaps() {
        let mut run = RunView::new("r1", "a", "A", 1);
        for k in StepKey::ALL {
            run.move_step(k, StepStatus::Running, None);
        }
        for k in StepKey::ALL {
            run.move_step(k, StepStatus::Done, None);
        }
        assert_eq!(run.outcome(), RunStatus::Completed);
        let mut run = RunView::new("r2", "a", "A", 1);
        for k in StepKey::ALL {
            run.move_step(k, StepStatus::Running, None);
            let end = if k == StepKey::Contacts {
                StepStatus::Failed
            } else {
                StepStatus::Done
            };
            run.move_step(k, end, Some("x".into()));
        }
        assert_eq!(run.outcome(), RunStatus::Partial);
        assert_eq!(run.failed_steps(), [StepKey::Contacts]);
        assert!(!run.move_step(StepKey::Contacts, StepStatus::Done, None));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_words(400), "about 1 second");
        assert_eq!(duration_words(2600), "about 3 seconds");
        assert_eq!(duration_words(150_000), "about 3 minutes");
    }
}
