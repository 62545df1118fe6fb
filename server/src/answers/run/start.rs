//! What the chat says when research on an account starts: from a fresh profile, researching,
//! a stale profile "as of …", deep research started.

use app::domain::AccountSummary;
use app::domain::run::duration_words;

/// A fresh profile answers.
pub fn already_known(account: &AccountSummary, age_ms: i64) -> String {
    format!(
        "Here's what I already know about {} (researched {}, from cache):",
        account.name,
        age_words(age_ms)
    )
}

/// A run starts.
pub fn researching(account: &AccountSummary) -> String {
    format!("Researching {} for your meeting.", account.name)
}

/// A stale profile, shown while the refresh runs.
pub fn as_of(created_at: i64, age_ms: i64, summary: &str) -> String {
    format!(
        "🕰 As of {} ({}) — refreshing now:\n{summary}",
        crate::sources::iso_date_from_ms(created_at),
        age_words(age_ms)
    )
}

/// Under the progress card.
pub fn deep_research_started(estimated_ms: u64) -> String {
    format!(
        "🔄 Deep research started ({}). I'll post each finding here as it lands — keep asking meanwhile.",
        duration_words(estimated_ms)
    )
}

/// How long ago, for a rep: `less than a minute ago`, `5 min ago`, `3 h ago`, `2 days ago`.
pub fn age_words(ms: i64) -> String {
    let min = ms.max(0) / 60_000;
    match min {
        0 => "less than a minute ago".into(),
        1..=59 => format!("{min} min ago"),
        60..=2879 => format!("{} h ago", min / 60),
        _ => format!("{} days ago", min / 1440),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age_words(5_000), "less than a minute ago");
        assert_eq!(age_words(5 * 60_000), "5 min ago");
        assert_eq!(age_words(3 * 3_600_000), "3 h ago");
        assert_eq!(age_words(50 * 3_600_000), "2 days ago");
        assert_eq!(age_words(-10), "less than a minute ago");
    }

    #[test]
    fn a_stale_profile_says_its_date_and_age() {
        // 2026-11-01T00:00:00Z, two days old.
        let text = as_of(
            1_793_491_200_000,
            2 * 86_400_000,
            "🧠 Acme Corp — research summary",
        );
        assert_eq!(
            text,
            "🕰 As of 2026-11-01 (2 days ago) — refreshing now:\n🧠 Acme Corp — research summary"
        );
    }
}
