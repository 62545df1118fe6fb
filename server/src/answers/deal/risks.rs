//! Risks: incumbents, a new leader, competitor skills in their hiring, and the blind spots.

use super::competitors::{incumbents, named_in};
use crate::answers::draft::{Draft, blind_spots, persona_suffix};
use crate::answers::phrases::tech_label;
use crate::answers::{Answer, Evidence};

/// ⚠️ What could stand in the way, and what could not be checked.
pub fn risks(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!(
        "⚠️ Risks going into the {} meeting{}",
        ev.account.name,
        persona_suffix(ev)
    ));
    let before = d.lines.len();
    for (c, t) in incumbents(ev) {
        d.cited(
            format!(
                "• Incumbent {} in their stack — expect \"we already have {}\"",
                tech_label(t.fact),
                c.name
            ),
            t.source,
        );
    }
    if let Some(c) = ev.new_executive() {
        d.cited(
            format!(
                "• New leader: {} — {} ({}): new executives often review vendors",
                c.fact.name,
                c.fact.title,
                c.fact.note.clone().unwrap_or_default()
            ),
            c.source,
        );
    }
    if let Some((vendor, _)) = ev.vendor() {
        for j in ev.jobs() {
            if let Some(c) = named_in(vendor, &j.fact.title) {
                d.cited(
                    format!(
                        "• They are hiring for {} skills: \"{}\"",
                        c.name, j.fact.title
                    ),
                    j.source,
                );
            }
        }
    }
    if d.lines.len() == before {
        d.line("• No risk signal in what I collected.");
    }
    let unknown = blind_spots(ev);
    if !unknown.is_empty() {
        d.line(format!(
            "• Blind spots — I couldn't check: {}",
            unknown.join("; ")
        ));
    }
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;
    use crate::findings::{Collected, Job};
    use app::domain::{MeetingPurpose, RepRole};

    #[test]
    fn the_incumbent_and_the_new_leader_are_risks() {
        reads(risks(&acme()), &["Website scan", "Apollo"], "\
⚠️ Risks going into the Acme Corp meeting
• Incumbent Azure AD (partial rollout) in their stack — expect \"we already have Microsoft Entra ID\" [1]
• New leader: Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago): new executives often review vendors [2]");
    }

    #[test]
    fn the_rep_is_named_in_the_title() {
        reads(risks(&as_rep(acme(), Some(RepRole::AccountExecutive), Some(MeetingPurpose::Expansion))), &["Website scan", "Apollo"], "\
⚠️ Risks going into the Acme Corp meeting (AE · expansion opportunity)
• Incumbent Azure AD (partial rollout) in their stack — expect \"we already have Microsoft Entra ID\" [1]
• New leader: Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago): new executives often review vendors [2]");
    }

    #[test]
    fn what_could_not_be_checked_is_a_blind_spot() {
        reads(risks(&failed()), &[], "\
⚠️ Risks going into the Acme Corp meeting
• No risk signal in what I collected.
• Blind spots — I couldn't check: tech stack (the search failed: Website scan: HTTP 503); contacts (still being collected)");
    }

    #[test]
    fn nothing_found_is_no_risk_signal() {
        reads(
            risks(&bare()),
            &[],
            "\
⚠️ Risks going into the Acme Corp meeting
• No risk signal in what I collected.",
        );
    }

    #[test]
    fn hiring_for_a_competitors_skills_is_a_risk() {
        let jobs = vec![Job {
            title: "Azure AD Administrator".into(),
            department: "IT".into(),
            location: "Remote".into(),
            posted: "2026-11-18".into(),
            url: None,
            src: 0,
        }];
        let ev = acme_with(Collected::Hiring { jobs });
        let a = risks(&ev);
        assert_eq!(
            a.text.lines().last(),
            Some("• They are hiring for Microsoft Entra ID skills: \"Azure AD Administrator\" [3]")
        );
        assert_eq!(cited(&a), ["Website scan", "Apollo", "Greenhouse"]);
    }
}
