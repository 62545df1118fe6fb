//! The analysis step's message: the key signals composed from what was collected, the rep's
//! angle, and what is missing. It never invents: every line comes from a collected fact, and
//! what is missing is said.

use super::angle::angle;
use crate::answers::phrases::{open_roles, tech_label};
use crate::findings::{
    Collected, Contact, Job, MissingStep, NewsItem, is_security, merged_company,
};
use app::domain::{AccountSummary, Action, Intent, Persona};

/// The final summary message, or why there is none.
pub fn summarise(
    account: &AccountSummary,
    collected: &[Collected],
    missing: &[MissingStep],
    persona: &Persona,
) -> Result<String, String> {
    if collected
        .iter()
        .all(|c| matches!(c, Collected::Vendor { .. }))
    {
        return Err("Nothing was collected to analyse".into());
    }
    let mut text = format!("🧠 {} — research summary\nKey signals:", account.name);
    for s in collected.iter().flat_map(signals) {
        text.push_str("\n• ");
        text.push_str(&s);
    }
    if let Some(angle) = angle(collected, persona) {
        text.push_str("\n\n");
        text.push_str(&angle);
    }
    text.push_str(&completeness(missing));
    Ok(text)
}

/// The seed's exploration buttons under the summary, each only when its data was found
/// (funding in the news, open roles), and the competitive landscape.
pub fn summary_actions(collected: &[Collected]) -> Vec<Action> {
    let funding = collected.iter().any(|c| match c {
        Collected::News { items } => items.iter().any(|n| n.funding),
        _ => false,
    });
    let hiring = collected
        .iter()
        .any(|c| matches!(c, Collected::Hiring { jobs } if !jobs.is_empty()));
    let mut out = Vec::new();
    if funding {
        out.push(Action::ask(
            "Tell me more about the funding",
            Intent::Funding,
        ));
    }
    if hiring {
        out.push(Action::ask("Show me the hiring details", Intent::Hiring));
    }
    out.push(Action::ask("Competitive landscape", Intent::Competitors));
    out
}

/// The key signals in one step's findings (the rep's own context has none).
fn signals(data: &Collected) -> Vec<String> {
    match data {
        Collected::News { items } => news_signals(items),
        Collected::Hiring { jobs } => vec![hiring_signal(jobs)],
        Collected::Tech { tech } if tech.is_empty() => vec!["🛠 Stack: nothing detected".into()],
        Collected::Tech { tech } => {
            let stack: Vec<String> = tech.iter().map(tech_label).collect();
            vec![format!("🛠 Stack: {}", stack.join(", "))]
        }
        Collected::Company { company } => {
            let c = merged_company(company);
            match (c.employees, &c.headquarters) {
                (Some(n), Some(hq)) => vec![format!("🏢 Company: ~{n} employees, {hq}")],
                _ => vec![],
            }
        }
        Collected::Vendor { .. } => vec![],
        Collected::Contacts { people } => leadership_signal(people).into_iter().collect(),
    }
}

/// The first funding round and the first other headline.
fn news_signals(items: &[NewsItem]) -> Vec<String> {
    let funding = items
        .iter()
        .find(|n| n.funding)
        .map(|f| format!("💰 Funding: {} ({})", f.title, f.date));
    let other = items
        .iter()
        .find(|n| !n.funding)
        .map(|n| format!("📰 News: {} ({})", n.title, n.date));
    funding.into_iter().chain(other).collect()
}

/// `💼 Hiring: 4 open roles, 3 in identity & security`.
fn hiring_signal(jobs: &[Job]) -> String {
    if jobs.is_empty() {
        return "💼 Hiring: no open roles found".into();
    }
    let roles = open_roles(jobs.len());
    match jobs.iter().filter(|j| is_security(&j.title)).count() {
        0 => format!("💼 Hiring: {roles}"),
        security => format!("💼 Hiring: {roles}, {security} in identity & security"),
    }
}

/// A leader with news about them (`joined from …`), else the first person to start with.
fn leadership_signal(people: &[Contact]) -> Option<String> {
    if let Some(p) = people.iter().find(|p| p.note.is_some()) {
        return Some(format!(
            "👤 Leadership: {} — {} ({})",
            p.name,
            p.title,
            p.note.as_deref().unwrap_or_default()
        ));
    }
    let p = people.first()?;
    Some(format!("👤 Start with: {} — {}", p.name, p.title))
}

/// Whether every source answered, or which steps are missing and why.
fn completeness(missing: &[MissingStep]) -> String {
    if missing.is_empty() {
        return "\n\nEvery source answered. Ask me about any of these.".into();
    }
    let mut text = String::from("\n\nMissing:");
    for MissingStep { step, reason } in missing {
        text.push_str(&format!("\n• {} — {reason}", step.noun()));
    }
    text.push_str("\nThe rest is complete; I'll say so rather than guess about the missing parts.");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::{collected, demo_acme, steps};
    use crate::demo::intel_for;
    use app::domain::{MeetingPurpose, RepRole, StepKey};

    #[test]
    fn acme_summary_has_the_seed_signals() {
        let acme = demo_acme();
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
            suggested: false,
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
        let acme = demo_acme();
        let collected = vec![Collected::Hiring { jobs: vec![] }];
        let missing = vec![gap(StepKey::News, "HTTP 503")];
        let text = summarise(&acme, &collected, &missing, &Persona::default()).unwrap();
        assert!(
            text.contains("Missing:\n• news & funding — HTTP 503"),
            "{text}"
        );
        assert!(summarise(&acme, &[], &missing, &Persona::default()).is_err());
    }

    fn gap(step: StepKey, reason: &str) -> MissingStep {
        MissingStep {
            step,
            reason: reason.into(),
        }
    }

    fn acme_account() -> AccountSummary {
        crate::answers::fixtures::account()
    }

    /// Everything found about the customer (the rep's own company aside: see
    /// `angle::tests` for what it adds).
    fn everything() -> Vec<Collected> {
        steps()
            .filter(|k| *k != StepKey::Vendor)
            .map(collected)
            .collect()
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
            gap(StepKey::Tech, "Website scan: HTTP 503"),
            gap(StepKey::Contacts, "no source answered"),
        ];
        let text = summarise(
            &acme_account(),
            &everything()[..3],
            &missing,
            &Persona::default(),
        );
        let everything_found = summarise(&acme_account(), &everything(), &[], &Persona::default());
        let signals = everything_found.unwrap();
        let (signals, _) = signals.split_once("\n• 🛠 Stack").unwrap();
        assert_eq!(
            text.unwrap(),
            format!(
                "{signals}\n\n\
                 Missing:\n\
                 • tech stack — Website scan: HTTP 503\n\
                 • contacts — no source answered\n\
                 The rest is complete; I'll say so rather than guess about the missing parts."
            )
        );
    }

    #[test]
    fn empty_findings_say_nothing_was_found() {
        let empty: Vec<Collected> = steps().filter_map(Collected::empty).collect();
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
            suggested: false,
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
