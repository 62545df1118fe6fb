//! What changed between two versions of a one-pager ("New since 1 Dec: …"): the lines that
//! are new, and those that are gone, compared as text (pinned items aside: the rep knows
//! what they pinned).

use app::domain::one_pager::{NewSince, OnePager};

/// What `now` has that `before` did not, and what it no longer has.
pub fn new_since(before: &OnePager, now: &OnePager) -> NewSince {
    let old = before.line_texts();
    let new = now.line_texts();
    let mut added: Vec<String> = Vec::new();
    for l in &new {
        if !old.contains(l) && !added.iter().any(|a| a == l) {
            added.push(l.to_string());
        }
    }
    let mut removed: Vec<String> = Vec::new();
    for l in &old {
        if !new.contains(l) && !removed.iter().any(|r| r == l) {
            removed.push(l.to_string());
        }
    }
    NewSince {
        version: before.version,
        made_at: before.made_at,
        made_on: super::day(before.made_at),
        added,
        removed,
    }
}

/// The answer to "what changed since my last prep?".
pub fn describe(n: &NewSince) -> String {
    let day = &n.made_on;
    if n.added.is_empty() && n.removed.is_empty() {
        return format!(
            "Nothing has changed since your prep of {day} (version {}).",
            n.version
        );
    }
    let mut out = format!("🆕 New since your prep of {day} (version {}):", n.version);
    for a in n.added.iter().take(8) {
        out.push_str(&format!("\n• {a}"));
    }
    if n.added.len() > 8 {
        out.push_str(&format!("\n• …and {} more", n.added.len() - 8));
    }
    if !n.removed.is_empty() {
        out.push_str(&format!("\nNo longer in it: {} line(s).", n.removed.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::StepData;
    use crate::answers::fixtures::*;
    use crate::prep::build::{Made, one_pager};
    use app::domain::StepKey;

    fn made(version: u32, made_at: i64) -> Made<'static> {
        Made {
            version,
            made_at,
            ..crate::prep::build::tests::made()
        }
    }

    #[test]
    fn new_findings_are_new_and_what_went_is_gone() {
        // The first prep had no news (the source failed); the second has it.
        let before = one_pager(
            &with(acme(), StepKey::News, StepData::Failed("down".into())),
            &[],
            made(1, 1_796_115_600_000),
        );
        let now = one_pager(&acme(), &[], made(2, 1_796_202_000_000));
        let n = new_since(&before, &now);
        assert_eq!(n.version, 1);
        assert!(
            n.added.iter().any(|a| a.contains("Series C")),
            "{:?}",
            n.added
        );
        assert!(!n.removed.is_empty());
        let said = describe(&n);
        assert!(
            said.starts_with("🆕 New since your prep of 1 Dec 2026 (version 1):"),
            "{said}"
        );
        assert!(said.contains("Series C"));
    }

    #[test]
    fn the_same_research_twice_has_nothing_new() {
        let a = one_pager(&acme(), &[], made(1, 1_796_115_600_000));
        let b = one_pager(&acme(), &[], made(2, 1_796_202_000_000));
        let n = new_since(&a, &b);
        assert!(n.added.is_empty() && n.removed.is_empty(), "{n:?}");
        assert_eq!(
            describe(&n),
            "Nothing has changed since your prep of 1 Dec 2026 (version 1)."
        );
    }
}
