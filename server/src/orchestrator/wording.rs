//! What the research run says in the chat besides its findings: progress lines and the
//! messages that end a run early.

use crate::findings::CacheUse;
use crate::research::report;
use app::domain::{AccountSummary, StepKey};

pub use report::step_message;

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

/// The run cannot go on (`why`: "is no longer in the account list", …).
pub fn stopped_early(account_name: &str, why: &str) -> String {
    format!(
        "❌ I stopped researching {account_name}: the run {why}. Pick the account again to start afresh."
    )
}
