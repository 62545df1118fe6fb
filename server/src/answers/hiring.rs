//! Hiring: the open roles, and who to contact about them.

use super::draft::{Draft, contains_word};
use super::phrases::{job_line, open_roles};
use crate::answers::{Answer, Evidence};
use crate::findings::is_security;
use app::domain::StepKey;

/// 💼 The open roles, with how many are in identity & security.
pub fn hiring(ev: &Evidence) -> Answer {
    let jobs = ev.jobs();
    let mut d = Draft::new(format!(
        "💼 Hiring at {}: {}",
        ev.account.name,
        open_roles(jobs.len())
    ));
    if jobs.is_empty() {
        d.gap(ev, StepKey::Hiring, "open roles");
    }
    let security = jobs.iter().filter(|j| is_security(&j.fact.title)).count();
    if security > 0 {
        d.line(format!("{security} of them in identity & security:"));
    }
    for j in &jobs {
        d.cited(job_line(j.fact), j.source);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;
    use crate::findings::Collected;

    #[test]
    fn the_roles_are_listed_security_counted() {
        reads(
            hiring(&acme()),
            &["Greenhouse"],
            "\
💼 Hiring at Acme Corp: 2 open roles
1 of them in identity & security:
• Senior IAM Engineer — Security, New York, USA (posted 2026-11-17) [1]
• Payments Platform Engineer — Engineering, Remote (posted 3 days ago) [1]",
        );
    }

    #[test]
    fn no_roles_names_the_board_searched() {
        reads(
            hiring(&bare()),
            &[],
            "\
💼 Hiring at Acme Corp: 0 open roles
• I found no open roles for Acme Corp (searched Greenhouse (2026-11-20)). I won't guess.",
        );
    }

    #[test]
    fn one_role_is_one_role() {
        let jobs = vec![jobs().remove(1)];
        let ev = acme_with(Collected::Hiring { jobs });
        assert_eq!(
            hiring(&ev).text,
            "💼 Hiring at Acme Corp: 1 open role\n\
             • Payments Platform Engineer — Engineering, Remote (posted 3 days ago) [1]"
        );
    }

    #[test]
    fn each_department_gets_its_likely_hiring_manager() {
        reads(
            hiring_outreach(&acme()),
            &["Greenhouse", "Apollo"],
            "\
🤝 Who to contact about Acme Corp's hiring
• Engineering: Payments Platform Engineer [1]
  → likely hiring manager: Priya Raman — Director of Engineering [2]
• Security: Senior IAM Engineer [1]
  → likely hiring manager: Dana Whitfield — Chief Information Security Officer [2]",
        );
    }

    #[test]
    fn a_department_without_a_leader_says_who_was_searched() {
        let ev = with(acme(), StepKey::Contacts, nothing(StepKey::Contacts));
        reads(
            hiring_outreach(&ev),
            &["Greenhouse"],
            "\
🤝 Who to contact about Acme Corp's hiring
• Engineering: Payments Platform Engineer [1]
  → no Engineering leader among the contacts I have (searched Apollo (2026-11-20))
• Security: Senior IAM Engineer [1]
  → no Security leader among the contacts I have (searched Apollo (2026-11-20))",
        );
    }

    #[test]
    fn no_roles_means_no_one_to_contact() {
        reads(
            hiring_outreach(&bare()),
            &[],
            "\
🤝 Who to contact about Acme Corp's hiring
• I found no open roles for Acme Corp (searched Greenhouse (2026-11-20)). I won't guess.",
        );
    }
}
