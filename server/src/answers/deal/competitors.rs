//! Competitors: the vendor's competitors found in the account's stack, and how to win.

use crate::answers::draft::{Draft, contains_word};
use crate::answers::evidence::Cited;
use crate::answers::phrases::tech_label;
use crate::answers::{Answer, Evidence, StepData};
use crate::findings::{Competitor, Tech, VendorProfile};
use app::domain::StepKey;

/// The competitors of the vendor found in the customer's stack: (competitor, tech).
pub fn incumbents<'a>(ev: &'a Evidence) -> Vec<(&'a Competitor, Cited<'a, Tech>)> {
    let Some((vendor, _)) = ev.vendor() else {
        return Vec::new();
    };
    ev.tech()
        .into_iter()
        .filter_map(|t| Some((named_in(vendor, &t.fact.name)?, t)))
        .collect()
}

/// The vendor's competitor that `text` (a technology, a job title) names, if any — as a
/// whole word (a rep's "go" does not spot "Google Analytics").
pub fn named_in<'a>(vendor: &'a VendorProfile, text: &str) -> Option<&'a Competitor> {
    let text = text.to_lowercase();
    vendor.competitors.iter().find(|c| {
        c.detect
            .iter()
            .any(|w| !w.trim().is_empty() && contains_word(&text, &w.trim().to_lowercase()))
    })
}

/// ⚔️ The competitive landscape.
pub fn competitors(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("⚔️ Competitive landscape at {}", ev.account.name));
    competitive_angle(&mut d, ev);
    d.finish()
}

/// The incumbents and the angle against each, or why there is none to tell.
pub fn competitive_angle(d: &mut Draft, ev: &Evidence) {
    let Some((vendor, vsrc)) = ev.vendor() else {
        d.line(format!(
            "• I can't position against competitors: your company's context is missing ({}).",
            ev.searched(StepKey::Vendor)
        ));
        return;
    };
    let found = incumbents(ev);
    if found.is_empty() {
        match ev.get(StepKey::Tech) {
            Some(StepData::Found(_)) => d.line(format!(
                "• No {} competitor shows in their detected stack ({}).",
                vendor.name,
                ev.searched(StepKey::Tech)
            )),
            _ => d.line(format!(
                "• I can't tell who the incumbent is: their tech stack is missing ({}).",
                ev.searched(StepKey::Tech)
            )),
        }
        return;
    }
    for (c, t) in found {
        d.cited(
            format!("• Incumbent: {} in their stack", tech_label(t.fact)),
            t.source,
        );
        d.cited(format!("  → vs {}: {}", c.name, c.angle), vsrc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;
    use crate::findings::Collected;

    #[test]
    fn the_incumbent_is_cited_with_the_angle_against_it() {
        reads(
            competitors(&acme()),
            &["Website scan", "Vendor profile"],
            "\
⚔️ Competitive landscape at Acme Corp
• Incumbent: Azure AD (partial rollout) in their stack [1]
  → vs Microsoft Entra ID: Neutral identity layer across clouds; no lock-in. [2]",
        );
    }

    #[test]
    fn without_a_stack_the_incumbent_is_unknown() {
        reads(competitors(&failed()), &[], "\
⚔️ Competitive landscape at Acme Corp
• I can't tell who the incumbent is: their tech stack is missing (the search failed: Website scan: HTTP 503).");
    }

    #[test]
    fn without_the_reps_context_there_is_no_positioning() {
        reads(competitors(&without_vendor()), &[], "\
⚔️ Competitive landscape at Acme Corp
• I can't position against competitors: your company's context is missing (searched Vendor profile (2026-11-20)).");
    }

    #[test]
    fn a_stack_without_a_competitor_says_so() {
        let tech = vec![tech().remove(0)];
        let ev = acme_with(Collected::Tech { tech });
        let a = competitors(&ev);
        assert_eq!(
            a.text,
            "⚔️ Competitive landscape at Acme Corp\n\
             • No Keyfort competitor shows in their detected stack (searched Website scan (2026-11-20))."
        );
        assert!(a.sources.is_empty());
    }
}
