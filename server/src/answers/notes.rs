//! Short notes around an answer: still collecting, analyzing, the answer owed once its data
//! lands, and the footnote when a language model did not answer.

use app::domain::{AccountSummary, Intent, StepKey};

/// A question waits for the running research.
pub fn still_collecting(pending: &[StepKey], account: &AccountSummary) -> String {
    let nouns: Vec<&str> = pending.iter().map(|k| k.noun()).collect();
    format!(
        "⏳ Still collecting {} for {} — I'll answer here as soon as it lands.",
        nouns.join(" and "),
        account.name
    )
}

/// A live query (or a streaming model) is on it.
pub fn analyzing(intent: Intent) -> String {
    format!("🔍 Analyzing {}…", intent.area())
}

/// A waiting question's answer, posted when its data landed.
pub fn now_in(intent: Intent, answer: &str) -> String {
    format!("✅ Now that it's in — {}:\n{answer}", intent.area())
}

/// The template answer stands in for an analyst that failed (`why`).
pub fn fallback_note(answer: &str, analyst: &str, why: &str) -> String {
    format!(
        "{answer}\n(The {analyst} didn't answer — {why}. This answer is composed from the collected facts.)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_names_what_is_still_coming() {
        let acme = crate::demo::demo_accounts().remove(0);
        assert_eq!(
            still_collecting(&[StepKey::Tech, StepKey::Contacts], &acme),
            "⏳ Still collecting tech stack and contacts for Acme Corp — I'll answer here as soon as it lands."
        );
        assert_eq!(
            analyzing(Intent::Technology),
            format!("🔍 Analyzing {}…", Intent::Technology.area())
        );
        assert_eq!(
            now_in(Intent::Technology, "• Cloud: AWS [1]"),
            format!(
                "✅ Now that it's in — {}:\n• Cloud: AWS [1]",
                Intent::Technology.area()
            )
        );
        assert!(fallback_note("A", "language model", "HTTP 500").ends_with(
            "(The language model didn't answer — HTTP 500. This answer is composed from the collected facts.)"
        ));
    }
}
