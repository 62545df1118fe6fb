//! People: the decision makers, or the one the rep asked about ("who's the CISO?").

use super::draft::{Draft, contains_word};
use super::phrases::contact_line;
use crate::answers::{Answer, Evidence};
use app::domain::actions::short_title;
use app::domain::{RepRole, StepKey};

/// 👥 The people found, or 👤 those matching `focus` (a title: `ciso`), with a tip for the
/// rep's role.
pub fn contacts(ev: &Evidence, focus: Option<&str>) -> Answer {
    let people = ev.contacts();
    let matching: Vec<_> = match focus {
        Some(f) => people
            .iter()
            .filter(|p| {
                short_title(&p.fact.title).eq_ignore_ascii_case(f)
                    || contains_word(&p.fact.title.to_lowercase(), &f.to_lowercase())
            })
            .collect(),
        None => people.iter().collect(),
    };
    let mut d = match focus {
        Some(f) => Draft::new(format!("👤 {} at {}", f.to_uppercase(), ev.account.name)),
        None => Draft::new(format!("👥 Decision makers at {}", ev.account.name)),
    };
    if people.is_empty() {
        d.gap(ev, StepKey::Contacts, "decision makers");
        return d.finish();
    }
    if matching.is_empty() {
        d.line(format!(
            "I found no {} among the {} people I have — here they are:",
            focus.unwrap_or_default().to_uppercase(),
            people.len()
        ));
    }
    let shown = if matching.is_empty() {
        people.iter().collect()
    } else {
        matching
    };
    for p in shown {
        d.cited_by(contact_line(p.fact), &ev.contact_sources(p));
    }
    if let Some(role) = ev.persona.role {
        let tip = match role {
            RepRole::AccountExecutive => {
                "Start with the economic buyer; bring the security leader in early."
            }
            RepRole::CustomerSuccess => "Confirm who owns the renewal and who measures success.",
            RepRole::SalesEngineer => {
                "Ask for the engineer who owns identity and the admin console."
            }
        };
        d.line(format!("Tip for your role ({}): {tip}", role.short()));
    }
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::StepData;
    use crate::answers::fixtures::*;
    use crate::findings::{Collected, Findings};
    use app::domain::MeetingPurpose;
    use serde_json::json;

    #[test]
    fn the_decision_makers_are_listed_with_their_notes() {
        reads(contacts(&acme(), None), &["Apollo"], "\
👥 Decision makers at Acme Corp
• Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago) [1]
• Priya Raman — Director of Engineering [1]");
    }

    #[test]
    fn a_person_the_crm_and_a_people_search_both_know_is_listed_once_citing_both() {
        let crm = Findings::from_source(
            Collected::Contacts {
                people: from_json(json!([
                    {"name": "Dana  Whitfield", "title": "contact in your CRM", "note": "in your CRM"},
                ])),
            },
            source("HubSpot"),
        );
        let search = Findings::from_source(
            Collected::Contacts { people: people() },
            source_of(StepKey::Contacts),
        );
        let merged = Findings::merge(StepKey::Contacts, vec![crm, search]).unwrap();
        let ev = with(acme(), StepKey::Contacts, StepData::Found(merged));
        reads(contacts(&ev, None), &["HubSpot", "Apollo"], "\
👥 Decision makers at Acme Corp
• Dana  Whitfield — Chief Information Security Officer (in your CRM; joined from Palo Alto Networks 2 months ago) [1][2]
• Priya Raman — Director of Engineering [2]");
    }

    #[test]
    fn a_title_asked_for_finds_its_person() {
        reads(contacts(&acme(), Some("ciso")), &["Apollo"], "\
👤 CISO at Acme Corp
• Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago) [1]");
    }

    #[test]
    fn a_title_not_found_says_so_and_shows_everyone() {
        reads(contacts(&acme(), Some("cfo")), &["Apollo"], "\
👤 CFO at Acme Corp
I found no CFO among the 2 people I have — here they are:
• Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago) [1]
• Priya Raman — Director of Engineering [1]");
    }

    #[test]
    fn no_people_names_the_source_searched() {
        reads(
            contacts(&bare(), Some("ciso")),
            &[],
            "\
👤 CISO at Acme Corp
• I found no decision makers for Acme Corp (searched Apollo (2026-11-20)). I won't guess.",
        );
    }

    #[test]
    fn people_still_being_collected_are_not_guessed() {
        reads(
            contacts(&failed(), None),
            &[],
            "\
👥 Decision makers at Acme Corp
• I found no decision makers for Acme Corp (still being collected). I won't guess.",
        );
    }

    #[test]
    fn each_role_gets_its_tip() {
        for (role, tip) in [
            (
                RepRole::AccountExecutive,
                "Tip for your role (AE): Start with the economic buyer; bring the security leader in early.",
            ),
            (
                RepRole::CustomerSuccess,
                "Tip for your role (CSM): Confirm who owns the renewal and who measures success.",
            ),
            (
                RepRole::SalesEngineer,
                "Tip for your role (SE): Ask for the engineer who owns identity and the admin console.",
            ),
        ] {
            let ev = as_rep(acme(), Some(role), Some(MeetingPurpose::Renewal));
            let a = contacts(&ev, None);
            assert_eq!(a.text.lines().last(), Some(tip));
            assert_eq!(a.text.lines().count(), 4, "{}", a.text);
        }
    }
}
