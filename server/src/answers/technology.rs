//! Technology: the stack detected at the account.

use super::draft::listing;
use super::phrases::tech_line;
use crate::answers::{Answer, Evidence};
use app::domain::StepKey;

/// 🛠 Every technology detected, by category.
pub fn technology(ev: &Evidence) -> Answer {
    let stack = ev.tech();
    let title = format!("🛠 {} technology stack", ev.account.name);
    listing(
        ev,
        title,
        &stack,
        (StepKey::Tech, "technologies"),
        tech_line,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn every_technology_is_listed_by_category() {
        reads(
            technology(&acme()),
            &["Website scan"],
            "\
🛠 Acme Corp technology stack
• Cloud: AWS [1]
• Identity: Azure AD (partial rollout) [1]",
        );
    }

    #[test]
    fn no_technology_found_names_the_source_searched() {
        reads(
            technology(&bare()),
            &[],
            "\
🛠 Acme Corp technology stack
• I found no technologies for Acme Corp (searched Website scan (2026-11-20)). I won't guess.",
        );
    }

    #[test]
    fn a_failed_scan_is_said_not_guessed() {
        reads(technology(&failed()), &[], "\
🛠 Acme Corp technology stack
• I found no technologies for Acme Corp (the search failed: Website scan: HTTP 503). I won't guess.");
    }
}
