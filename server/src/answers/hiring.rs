//! Hiring: the open roles, and who to contact about them.

use super::draft::{Draft, contains_word};
use crate::analysts::{Answer, Evidence};
use crate::findings::is_security;
use app::domain::StepKey;

/// 💼 The open roles, with how many are in identity & security.
pub fn hiring(ev: &Evidence) -> Answer {
    let jobs = ev.jobs();
    let mut d = Draft::new(format!(
        "💼 Hiring at {}: {} open role{}",
        ev.account.name,
        jobs.len(),
        if jobs.len() == 1 { "" } else { "s" }
    ));
    if jobs.is_empty() {
        d.gap(ev, StepKey::Hiring, "open roles");
    }
    let security = jobs.iter().filter(|j| is_security(&j.fact.title)).count();
    if security > 0 {
        d.line(format!("{security} of them in identity & security:"));
    }
    for j in &jobs {
        let f = j.fact;
        d.cited(
            format!(
                "• {} — {}, {} (posted {})",
                f.title, f.department, f.location, f.posted
            ),
            j.source,
        );
    }
    d.finish()
}

/// 🤝 The roles by department, each with the likely hiring manager among the contacts.
pub fn hiring_outreach(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!(
        "🤝 Who to contact about {}'s hiring",
        ev.account.name
    ));
    let jobs = ev.jobs();
    if jobs.is_empty() {
        d.gap(ev, StepKey::Hiring, "open roles");
        return d.finish();
    }
    let departments: Vec<String> = {
        let mut v: Vec<String> = jobs.iter().map(|j| j.fact.department.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    for dept in &departments {
        let roles: Vec<_> = jobs.iter().filter(|j| &j.fact.department == dept).collect();
        let titles: Vec<&str> = roles.iter().map(|j| j.fact.title.as_str()).collect();
        d.cited(format!("• {dept}: {}", titles.join("; ")), roles[0].source);
        let lead = ev
            .contacts()
            .into_iter()
            .find(|c| contains_word(&c.fact.title.to_lowercase(), &dept.to_lowercase()));
        match lead {
            Some(c) => d.cited(
                format!(
                    "  → likely hiring manager: {} — {}",
                    c.fact.name, c.fact.title
                ),
                c.source,
            ),
            None => d.line(format!(
                "  → no {dept} leader among the contacts I have ({})",
                ev.searched(StepKey::Contacts)
            )),
        }
    }
    d.finish()
}
