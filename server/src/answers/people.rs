//! People: the decision makers, or the one the rep asked about ("who's the CISO?").

use super::draft::{Draft, contains_word};
use crate::analysts::{Answer, Evidence};
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
        let f = p.fact;
        let line = match &f.note {
            Some(note) => format!("• {} — {} ({note})", f.name, f.title),
            None => format!("• {} — {}", f.name, f.title),
        };
        d.cited(line, p.source);
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
