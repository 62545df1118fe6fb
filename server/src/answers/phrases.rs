//! The phrases several answers share: how a technology, a news item, an open role and a
//! person read in a bullet, the company basics as lines, and counts.

use crate::findings::{CompanyFacts, Contact, Job, NewsItem, Tech};

/// `Azure AD (partial rollout)`.
pub fn tech_label(t: &Tech) -> String {
    match &t.note {
        Some(note) => format!("{} ({note})", t.name),
        None => t.name.clone(),
    }
}

/// `s` after a count other than one: `1 open role`, `2 open roles`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `• Cloud: AWS`.
pub fn tech_line(t: &Tech) -> String {
    format!("• {}: {}", t.category, tech_label(t))
}

/// `• 💰 Acme raises $50M (2026-11-19)`: funding marked.
pub fn news_line(n: &NewsItem) -> String {
    let tag = if n.funding { "💰 " } else { "" };
    format!("• {tag}{} ({})", n.title, n.date)
}

/// `• Senior IAM Engineer — Security, New York, USA (posted 2026-11-17)`.
pub fn job_line(j: &Job) -> String {
    format!(
        "• {} — {}, {} (posted {})",
        j.title, j.department, j.location, j.posted
    )
}

/// `• Dana Whitfield — CISO (joined from Palo Alto Networks)`: the note when there is one.
pub fn contact_line(c: &Contact) -> String {
    match &c.note {
        Some(note) => format!("• {} — {} ({note})", c.name, c.title),
        None => format!("• {} — {}", c.name, c.title),
    }
}

/// The company basics the profile knows, one a line: the description, then `• Founded:`,
/// `• Employees:` and `• Headquarters:`.
pub fn company_lines(c: &CompanyFacts) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(d) = &c.description {
        lines.push(d.clone());
    }
    if let Some(y) = c.founded {
        lines.push(format!("• Founded: {y}"));
    }
    if let Some(n) = c.employees {
        lines.push(format!("• Employees: ~{n}"));
    }
    if let Some(hq) = &c.headquarters {
        lines.push(format!("• Headquarters: {hq}"));
    }
    lines
}

/// `1 open role`, `3 open roles`.
pub fn open_roles(n: usize) -> String {
    format!("{n} open role{}", plural(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::{company, jobs, news, people, tech};

    #[test]
    fn a_tech_reads_with_its_note() {
        let labels: Vec<String> = tech().iter().map(tech_label).collect();
        assert_eq!(labels, ["AWS", "Azure AD (partial rollout)"]);
    }

    #[test]
    fn counts_other_than_one_are_plural() {
        assert_eq!(
            [0, 1, 2].map(|n| format!("{n} role{}", plural(n))),
            ["0 roles", "1 role", "2 roles"]
        );
    }

    #[test]
    fn bullets_read_the_same_in_every_answer() {
        let lines: Vec<String> = [
            news().iter().map(news_line).collect::<Vec<_>>(),
            jobs().iter().map(job_line).collect(),
            tech().iter().map(tech_line).collect(),
            people().iter().map(contact_line).collect(),
        ]
        .concat();
        assert_eq!(
            lines,
            [
                "• 💰 Acme Corp raises $50M Series C to fund European expansion (2026-11-19)",
                "• Acme Corp opens a Berlin office (2026-11-03)",
                "• Senior IAM Engineer — Security, New York, USA (posted 2026-11-17)",
                "• Payments Platform Engineer — Engineering, Remote (posted 3 days ago)",
                "• Cloud: AWS",
                "• Identity: Azure AD (partial rollout)",
                "• Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago)",
                "• Priya Raman — Director of Engineering",
            ]
        );
    }

    #[test]
    fn the_company_basics_skip_what_is_unknown() {
        assert_eq!(
            company_lines(&company()[0]),
            [
                "Acme Corp builds payment and treasury software for finance teams.",
                "• Founded: 2014",
                "• Employees: ~520",
                "• Headquarters: New York City",
            ]
        );
        let only_hq = CompanyFacts {
            headquarters: Some("Boston".into()),
            ..CompanyFacts::default()
        };
        assert_eq!(company_lines(&only_hq), ["• Headquarters: Boston"]);
        assert_eq!(open_roles(1), "1 open role");
    }
}
