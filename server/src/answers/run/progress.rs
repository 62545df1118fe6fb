//! What the research run says besides its findings: a done step's progress line, and the
//! messages that end a run early.

use crate::findings::CacheUse;
use app::domain::{AccountSummary, StepKey};

/// A done step's line on the progress card: from its cache layer, or (the vendor's own
/// context) loaded.
pub fn progress_line(line: String, step: StepKey, cache: CacheUse) -> String {
    match (step, cache) {
        (_, CacheUse::Hit) => format!("{line} — from cache"),
        (StepKey::Vendor, CacheUse::Miss) => format!("{line} — loaded"),
        (_, CacheUse::Miss) => line,
    }
}

/// Every source failed: the summary says so.
pub fn nothing_to_analyse(account: &AccountSummary) -> String {
    format!(
        "❌ I couldn't research {}: every source failed, so there is nothing to analyse. \
         Try again in a few minutes.",
        account.name
    )
}

/// The database failed mid-run.
pub fn progress_lost(account_name: &str) -> String {
    format!(
        "❌ Research on {account_name} stopped: its progress could not be saved. Pick the account again to retry."
    )
}

/// The run's analysis was attempted `attempts` times and never finished.
pub fn gave_up(account_name: &str, attempts: u32) -> String {
    format!(
        "❌ Research on {account_name} stopped after {attempts} attempts: something in it kept \
         failing. What was found is above; pick the account again to start afresh."
    )
}

/// The run cannot go on (`why`: "is no longer in the account list", …).
pub fn stopped_early(account_name: &str, why: &str) -> String {
    format!(
        "❌ I stopped researching {account_name}: the run {why}. Pick the account again to start afresh."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_done_steps_line_says_where_it_came_from() {
        let line = || "3 technologies".to_string();
        assert_eq!(
            progress_line(line(), StepKey::Tech, CacheUse::Miss),
            "3 technologies"
        );
        assert_eq!(
            progress_line(line(), StepKey::Tech, CacheUse::Hit),
            "3 technologies — from cache"
        );
        assert_eq!(
            progress_line("Keyfort".into(), StepKey::Vendor, CacheUse::Miss),
            "Keyfort — loaded"
        );
    }

    #[test]
    fn a_run_that_ends_early_says_why_and_what_to_do() {
        assert_eq!(
            stopped_early("Acme Corp", "is no longer in the account list"),
            "❌ I stopped researching Acme Corp: the run is no longer in the account list. \
             Pick the account again to start afresh."
        );
        assert!(progress_lost("Acme Corp").ends_with("Pick the account again to retry."));
    }
}
