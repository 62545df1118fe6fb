//! The analysis step's message: the key signals composed from what was collected, the rep's
//! angle, and what is missing. It never invents: every line comes from a collected fact, and
//! what is missing is said.

use super::angle::angle;
use crate::answers::phrases::tech_label;
use crate::findings::{Collected, is_security, merged_company};
use app::domain::{AccountSummary, Persona, StepKey};

/// The final summary message, or why there is none.
pub fn summarise(
    account: &AccountSummary,
    collected: &[Collected],
    missing: &[(StepKey, String)],
    persona: &Persona,
) -> Result<String, String> {
    if collected
        .iter()
        .all(|c| matches!(c, Collected::Vendor { .. }))
    {
        return Err("Nothing was collected to analyse".into());
    }
    let mut signals = Vec::new();
    for data in collected {
        match data {
            Collected::News { items } => {
                if let Some(f) = items.iter().find(|n| n.funding) {
                    signals.push(format!("💰 Funding: {} ({})", f.title, f.date));
                }
                if let Some(n) = items.iter().find(|n| !n.funding) {
                    signals.push(format!("📰 News: {} ({})", n.title, n.date));
                }
            }
            Collected::Hiring { jobs } if !jobs.is_empty() => {
                let security = jobs.iter().filter(|j| is_security(&j.title)).count();
                let roles = format!(
                    "{} open role{}",
                    jobs.len(),
                    if jobs.len() == 1 { "" } else { "s" }
                );
                if security > 0 {
                    signals.push(format!(
                        "💼 Hiring: {roles}, {security} in identity & security"
                    ));
                } else {
                    signals.push(format!("💼 Hiring: {roles}"));
                }
            }
            Collected::Hiring { .. } => signals.push("💼 Hiring: no open roles found".into()),
            Collected::Tech { tech } if !tech.is_empty() => {
                let stack: Vec<String> = tech.iter().map(tech_label).collect();
                signals.push(format!("🛠 Stack: {}", stack.join(", ")));
            }
            Collected::Tech { .. } => signals.push("🛠 Stack: nothing detected".into()),
            Collected::Company { company } => {
                let c = merged_company(company);
                if let (Some(n), Some(hq)) = (c.employees, &c.headquarters) {
                    signals.push(format!("🏢 Company: ~{n} employees, {hq}"));
                }
            }
            Collected::Vendor { .. } => {}
            Collected::Contacts { people } => {
                if let Some(p) = people.iter().find(|p| p.note.is_some()) {
                    signals.push(format!(
                        "👤 Leadership: {} — {} ({})",
                        p.name,
                        p.title,
                        p.note.as_deref().unwrap_or_default()
                    ));
                } else if let Some(p) = people.first() {
                    signals.push(format!("👤 Start with: {} — {}", p.name, p.title));
                }
            }
        }
    }
    let mut text = format!("🧠 {} — research summary\nKey signals:", account.name);
    for s in &signals {
        text.push_str("\n• ");
        text.push_str(s);
    }
    if let Some(angle) = angle(collected, persona) {
        text.push_str("\n\n");
        text.push_str(&angle);
    }
    if missing.is_empty() {
        text.push_str("\n\nEvery source answered. Ask me about any of these.");
    } else {
        text.push_str("\n\nMissing:");
        for (step, reason) in missing {
            text.push_str(&format!("\n• {} — {reason}", step.noun()));
        }
        text.push_str(
            "\nThe rest is complete; I'll say so rather than guess about the missing parts.",
        );
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::{STEPS, collected};
    use crate::demo::{demo_accounts, intel_for};
    use app::domain::{MeetingPurpose, RepRole};

    #[test]
    fn acme_summary_has_the_seed_signals() {
        let acme = demo_accounts()
            .into_iter()
            .find(|a| a.id == "acme-corp")
            .unwrap();
        let i = intel_for(&acme);
        let collected = vec![
            Collected::News { items: i.news },
            Collected::Hiring { jobs: i.jobs },
            Collected::Tech { tech: i.tech },
            Collected::Contacts { people: i.contacts },
        ];
        let text = summarise(&acme, &collected, &[], &Persona::default()).unwrap();
        assert!(!text.contains("Your angle"));
        let ae = Persona {
            role: Some(RepRole::AccountExecutive),
            purpose: Some(MeetingPurpose::Expansion),
            skipped: false,
        };
        let text_ae = summarise(&acme, &collected, &[], &ae).unwrap();
        assert!(
            text_ae
                .contains("🎯 Your angle (AE · expansion opportunity):\n• Lead with the funding"),
            "{text_ae}"
        );
        let se = Persona {
            role: Some(RepRole::SalesEngineer),
            ..Persona::default()
        };
        assert!(
            summarise(&acme, &collected, &[], &se)
                .unwrap()
                .contains("Map integration points across AWS")
        );
        assert!(text.contains("$50M Series C"), "{text}");
        assert!(text.contains("3 in identity & security"), "{text}");
        assert!(text.contains("Palo Alto Networks"), "{text}");
        assert!(text.contains("Azure AD (partial rollout)"), "{text}");
        assert!(!text.contains("Missing"));
    }

    #[test]
    fn the_summary_says_what_is_missing() {
        let acme = demo_accounts()
            .into_iter()
            .find(|a| a.id == "acme-corp")
            .unwrap();
        let collected = vec![Collected::Hiring { jobs: vec![] }];
        let missing = vec![(StepKey::News, "HTTP 503".to_string())];
        let text = summarise(&acme, &collected, &missing, &Persona::default()).unwrap();
        assert!(
            text.contains("Missing:\n• news & funding — HTTP 503"),
            "{text}"
        );
        assert!(summarise(&acme, &[], &missing, &Persona::default()).is_err());
    }

    fn acme_account() -> AccountSummary {
        crate::answers::fixtures::account()
    }

    fn everything() -> Vec<Collected> {
        STEPS.into_iter().map(collected).collect()
    }

    #[test]
    fn every_finding_gives_its_signal() {
        let text = summarise(&acme_account(), &everything(), &[], &Persona::default());
        assert_eq!(
            text.as_deref(),
            Ok([
                "🧠 Acme Corp — research summary",
                "Key signals:",
                "• 💰 Funding: Acme Corp raises $50M Series C to fund European expansion (2026-11-19)",
                "• 📰 News: Acme Corp opens a Berlin office (2026-11-03)",
                "• 💼 Hiring: 2 open roles, 1 in identity & security",
                "• 🏢 Company: ~520 employees, New York City",
                "• 🛠 Stack: AWS, Azure AD (partial rollout)",
                "• 👤 Leadership: Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago)",
                "",
                "Every source answered. Ask me about any of these.",
            ]
            .join("\n")
            .as_str())
        );
    }

    #[test]
    fn what_is_missing_is_listed_with_why() {
        let missing = [
            (StepKey::Tech, "Website scan: HTTP 503".to_string()),
            (StepKey::Contacts, "no source answered".to_string()),
        ];
        let text = summarise(
            &acme_account(),
            &everything()[..4],
            &missing,
            &Persona::default(),
        );
        assert_eq!(
            text.as_deref(),
            Ok([
                "🧠 Acme Corp — research summary",
                "Key signals:",
                "• 💰 Funding: Acme Corp raises $50M Series C to fund European expansion (2026-11-19)",
                "• 📰 News: Acme Corp opens a Berlin office (2026-11-03)",
                "• 💼 Hiring: 2 open roles, 1 in identity & security",
                "• 🏢 Company: ~520 employees, New York City",
                "",
                "Missing:",
                "• tech stack — Website scan: HTTP 503",
                "• contacts — no source answered",
                "The rest is complete; I'll say so rather than guess about the missing parts.",
            ]
            .join("\n")
            .as_str())
        );
    }

    #[test]
    fn empty_findings_say_nothing_was_found() {
        let empty: Vec<Collected> = STEPS.into_iter().filter_map(Collected::empty).collect();
        let text = summarise(&acme_account(), &empty, &[], &Persona::default());
        assert_eq!(
            text.as_deref(),
            Ok([
                "🧠 Acme Corp — research summary",
                "Key signals:",
                "• 💼 Hiring: no open roles found",
                "• 🛠 Stack: nothing detected",
                "",
                "Every source answered. Ask me about any of these.",
            ]
            .join("\n")
            .as_str())
        );
    }

    #[test]
    fn partial_findings_give_the_signals_they_can() {
        let mut news = collected(StepKey::News);
        if let Collected::News { items } = &mut news {
            items.retain(|n| !n.funding);
        }
        let mut jobs = collected(StepKey::Hiring);
        if let Collected::Hiring { jobs } = &mut jobs {
            jobs.retain(|j| !is_security(&j.title));
        }
        let mut people = collected(StepKey::Contacts);
        if let Collected::Contacts { people } = &mut people {
            people.retain(|p| p.note.is_none());
        }
        let company = Collected::Company {
            company: vec![crate::findings::CompanyFacts {
                employees: Some(520),
                ..Default::default()
            }],
        };
        let text = summarise(
            &acme_account(),
            &[news, jobs, people, company],
            &[],
            &Persona::default(),
        );
        assert_eq!(
            text.as_deref(),
            Ok([
                "🧠 Acme Corp — research summary",
                "Key signals:",
                "• 📰 News: Acme Corp opens a Berlin office (2026-11-03)",
                "• 💼 Hiring: 1 open role",
                "• 👤 Start with: Priya Raman — Director of Engineering",
                "",
                "Every source answered. Ask me about any of these.",
            ]
            .join("\n")
            .as_str())
        );
    }

    #[test]
    fn the_reps_angle_comes_before_the_sources_note() {
        let csm = Persona {
            role: Some(RepRole::CustomerSuccess),
            purpose: Some(MeetingPurpose::Renewal),
            skipped: false,
        };
        let text = summarise(&acme_account(), &everything(), &[], &csm).unwrap();
        assert!(
            text.ends_with(
                "(joined from Palo Alto Networks 2 months ago)\n\n\
                 🎯 Your angle (CSM · renewal discussion):\n\
                 • New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor\n\
                 • 1 identity & security roles open: an expansion opening\n\
                 • Renewal: bring adoption numbers and ask about changes in leadership\n\n\
                 Every source answered. Ask me about any of these."
            ),
            "{text}"
        );
    }

    #[test]
    fn only_the_reps_context_is_nothing_to_analyse() {
        let vendor_only = [collected(StepKey::Vendor)];
        assert_eq!(
            summarise(&acme_account(), &vendor_only, &[], &Persona::default()),
            Err("Nothing was collected to analyse".to_string())
        );
    }
}
