//! Technology: the stack detected at the account, grouped as the seed groups it.

use super::draft::Draft;
use super::phrases::tech_line;
use crate::answers::{Answer, Evidence};
use app::domain::StepKey;

/// The groups of a stack, in the order the answer shows them.
const GROUPS: [&str; 4] = [
    "Core Infrastructure",
    "Development Stack",
    "Business Applications",
    "Other",
];

/// The group a technology's category belongs to.
fn group_of(category: &str) -> &'static str {
    match category.to_ascii_lowercase().as_str() {
        "cloud" | "cdn" | "analytics" | "identity" | "security" | "monitoring" | "web server"
        | "hosting" | "dns" | "infrastructure" => GROUPS[0],
        "framework" | "frameworks" | "language" | "languages" | "database" | "databases"
        | "cms" | "javascript" => GROUPS[1],
        "crm" | "marketing" | "communication" | "support" | "payments" | "ecommerce"
        | "e-commerce" | "privacy" | "hr" => GROUPS[2],
        _ => GROUPS[3],
    }
}

/// 🛠 Every technology detected, by group, then category.
pub fn technology(ev: &Evidence) -> Answer {
    let stack = ev.tech();
    let mut d = Draft::new(format!("🛠 {} technology stack", ev.account.name));
    if stack.is_empty() {
        d.gap(ev, StepKey::Tech, "technologies");
    }
    for group in GROUPS {
        let mut first = true;
        for t in stack.iter().filter(|t| group_of(&t.fact.category) == group) {
            if first {
                d.line(format!("{group}:"));
                first = false;
            }
            d.cited(tech_line(t.fact), t.source);
        }
    }
    d.finish()
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
Core Infrastructure:
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

    #[test]
    fn the_stack_is_grouped_as_reps_read_it() {
        assert_eq!(group_of("CDN"), "Core Infrastructure");
        assert_eq!(group_of("Framework"), "Development Stack");
        assert_eq!(group_of("CRM"), "Business Applications");
        assert_eq!(group_of("Communication"), "Business Applications");
        assert_eq!(group_of("Quantum"), "Other");
    }
}
