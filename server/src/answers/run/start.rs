//! What the chat says when research on an account starts: from a fresh profile, researching,
//! a stale profile "as of …", deep research started.

use app::domain::run::{duration_words, took_words};
use app::domain::{AccountSummary, RunStatus};

/// A fresh profile answers.
pub fn already_known(account: &AccountSummary, age_ms: i64) -> String {
    format!(
        "Here's what I already know about {} (researched {}, from cache):",
        account.name,
        age_words(age_ms)
    )
}

/// A run starts; `vendor`: the company the rep sells for, when it has a name.
pub fn researching(account: &AccountSummary, vendor: &str) -> String {
    let mut text = format!("Perfect! Researching {} for your meeting.", account.name);
    if !vendor.trim().is_empty() {
        text.push_str(&format!(
            "\nI can see you're representing {}. Let me gather some intelligence…",
            vendor.trim()
        ));
    }
    text
}

/// A stale profile, shown while the refresh runs.
pub fn as_of(created_at: i64, age_ms: i64, summary: &str) -> String {
    format!(
        "🕰 As of {} ({}) — refreshing now:\n{summary}",
        crate::sources::iso_date_from_ms(created_at),
        age_words(age_ms)
    )
}

/// The id of the message above a run's progress card: the run revises it when it ends.
pub fn started_id(rid: &str) -> String {
    format!("msg-{rid}-started")
}

/// Above the progress card while the run goes on.
pub fn deep_research_started(estimated_ms: u64) -> String {
    format!(
        "🔄 Gathering deeper intelligence ({}):\n\
         • News & market signals\n\
         • Recent hiring patterns\n\
         • Technology stack analysis\n\
         • Decision maker profiles\n\
         I'll post each finding here as it lands — keep asking meanwhile.",
        duration_words(estimated_ms)
    )
}

/// The rep's side of a Retry: `Retry news & funding and hiring`.
pub fn retry_label(nouns: &[&str]) -> String {
    format!("Retry {}", and_list(nouns))
}

/// Above the progress card of a retry while it runs.
pub fn retrying(account: &str, nouns: &[&str]) -> String {
    format!(
        "🔄 Asking again for {account}'s {} — what was found before is kept.",
        and_list(nouns)
    )
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Above the progress card once the run has ended: how it went and how long it took
/// (`failed`: the customer steps that found nothing).
pub fn deep_research_finished(status: RunStatus, took_ms: u64, failed: usize) -> String {
    let took = took_words(took_ms);
    match status {
        RunStatus::Completed | RunStatus::Running => {
            format!("✅ Deep research finished in {took}. Every finding is below.")
        }
        RunStatus::Partial => {
            let s = if failed == 1 { "" } else { "s" };
            format!(
                "✅ Deep research finished in {took}. {failed} source{s} found nothing (why is on the card); \
                 what was found is below."
            )
        }
        RunStatus::Failed => format!("❌ Deep research stopped after {took}: nothing was found."),
    }
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
    fn the_run_line_says_what_is_happening_now() {
        assert!(
            deep_research_started(2600)
                .starts_with("🔄 Gathering deeper intelligence (about 3 seconds):")
        );
        let done = deep_research_finished(RunStatus::Completed, 580, 0);
        assert_eq!(
            done,
            "✅ Deep research finished in 0.6 s. Every finding is below."
        );
        let partial = deep_research_finished(RunStatus::Partial, 1_200, 2);
        assert!(partial.starts_with("✅ Deep research finished in 1.2 s. 2 sources found nothing"));
        let failed = deep_research_finished(RunStatus::Failed, 600, 5);
        assert_eq!(
            failed,
            "❌ Deep research stopped after 0.6 s: nothing was found."
        );
        for text in [done, partial, failed] {
            assert!(!text.contains('🔄'), "{text}");
        }
    }

    #[test]
    fn a_run_starts_by_saying_who_is_researched_for_whom() {
        let acme = crate::demo::demo_accounts().remove(0);
        assert_eq!(
            researching(&acme, "Keyfort"),
            format!(
                "Perfect! Researching {} for your meeting.\n\
                 I can see you're representing Keyfort. Let me gather some intelligence…",
                acme.name
            )
        );
        assert!(!researching(&acme, " ").contains("representing"));
    }

    #[test]
    fn a_retry_says_what_it_asks_again() {
        assert_eq!(retry_label(&["news & funding"]), "Retry news & funding");
        assert_eq!(
            retrying("Initech", &["news & funding", "hiring", "contacts"]),
            "🔄 Asking again for Initech's news & funding, hiring and contacts — what was found before is kept."
        );
    }

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
