//! Technology: the stack detected at the account.

use super::draft::Draft;
use super::phrases::tech_line;
use crate::analysts::{Answer, Evidence};
use app::domain::StepKey;

/// 🛠 Every technology detected, by category.
pub fn technology(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🛠 {} technology stack", ev.account.name));
    let tech = ev.tech();
    if tech.is_empty() {
        d.gap(ev, StepKey::Tech, "technologies");
    }
    for t in &tech {
        d.cited(tech_line(t.fact), t.source);
    }
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn every_technology_is_listed_by_category() {
        let a = technology(&acme());
        assert_eq!(
            a.text,
            [
                "🛠 Acme Corp technology stack",
                "• Cloud: AWS [1]",
                "• Identity: Azure AD (partial rollout) [1]",
            ]
            .join("\n")
        );
        assert_eq!(cited(&a), ["Website scan"]);
    }

    #[test]
    fn no_technology_found_names_the_source_searched() {
        let a = technology(&bare());
        assert_eq!(
            a.text,
            [
                "🛠 Acme Corp technology stack",
                "• I found no technologies for Acme Corp (searched Website scan (2026-11-20)). I won't guess.",
            ]
            .join("\n")
        );
        assert_eq!(cited(&a), Vec::<&str>::new());
    }

    #[test]
    fn a_failed_scan_is_said_not_guessed() {
        let a = technology(&failed());
        assert_eq!(
            a.text,
            [
                "🛠 Acme Corp technology stack",
                "• I found no technologies for Acme Corp (the search failed: Website scan: HTTP 503). I won't guess.",
            ]
            .join("\n")
        );
        assert_eq!(cited(&a), Vec::<&str>::new());
    }
}
