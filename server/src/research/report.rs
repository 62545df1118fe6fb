//! How findings read in the chat: the quick overview and one message per collection step.
//! Pure functions of the data, so every sentence can be checked against its source.

use crate::findings::{Collected, CompanyFacts, Tech};
use app::domain::{AccountSummary, Action, ActionKind, Topic};

/// The quick overview from stored account data, shown the moment an account is picked.
/// `researching` adds what the background run is gathering.
pub fn overview(account: &AccountSummary, researching: bool) -> String {
    let mut text = format!(
        "📊 {name} — quick overview\n\
         • Industry: {industry}\n\
         • Size: {size} employees\n\
         • Location: {location}\n\
         • Website: {website}",
        name = account.name,
        industry = account.industry,
        size = account.size_label(),
        location = account.location,
        website = account.website(),
    );
    if researching {
        text.push_str(
            "\n\n🔄 Gathering deeper intelligence…\n\
             • News & market signals\n\
             • Recent hiring patterns\n\
             • Technology stack analysis\n\
             • Decision maker profiles",
        );
    }
    text
}

/// The exploration buttons under the overview; with `run_id` they wait for their data.
pub fn exploration_actions(run_id: Option<&str>) -> Vec<Action> {
    [
        ("explore_basics", Topic::Business),
        ("show_contacts", Topic::Contacts),
        ("tech_stack", Topic::Technology),
        ("news", Topic::News),
    ]
    .into_iter()
    .map(|(id, topic)| {
        Action::new(
            id,
            topic.question(),
            ActionKind::Ask {
                intent: topic.intent(),
                focus: None,
                account_id: None,
            },
        )
        .waiting_on(run_id)
    })
    .collect()
}

/// A one-line result for the progress card, and the partial-result message.
pub fn step_message(account: &AccountSummary, data: &Collected) -> (String, String) {
    let name = &account.name;
    match data {
        Collected::News { items } => {
            let funding = items.iter().filter(|n| n.funding).count();
            let headline = format!(
                "{} item{}, {} funding",
                items.len(),
                plural(items.len()),
                if funding == 0 {
                    "no".to_string()
                } else {
                    funding.to_string()
                }
            );
            let mut text = format!("📰 News & funding for {name}");
            if items.is_empty() {
                text.push_str("\nNo recent news found.");
            }
            for n in items {
                let tag = if n.funding { "💰 " } else { "" };
                text.push_str(&format!("\n• {tag}{} ({})", n.title, n.date));
            }
            (headline, text)
        }
        Collected::Hiring { jobs } => {
            let headline = format!("{} open role{}", jobs.len(), plural(jobs.len()));
            let mut text = format!("💼 Hiring at {name}: {headline}");
            for j in jobs {
                text.push_str(&format!(
                    "\n• {} — {}, {} (posted {})",
                    j.title, j.department, j.location, j.posted
                ));
            }
            (headline, text)
        }
        Collected::Company { company } => {
            let c = merged_company(company);
            let headline = match (c.employees, &c.headquarters) {
                (Some(n), _) => format!("~{n} employees"),
                (None, Some(hq)) => format!("based in {hq}"),
                _ => "basics found".to_string(),
            };
            let mut text = format!("🏢 {name} company profile");
            if let Some(d) = &c.description {
                text.push('\n');
                text.push_str(d);
            }
            if let Some(y) = c.founded {
                text.push_str(&format!("\n• Founded: {y}"));
            }
            if let Some(n) = c.employees {
                text.push_str(&format!("\n• Employees: ~{n}"));
            }
            if let Some(hq) = &c.headquarters {
                text.push_str(&format!("\n• Headquarters: {hq}"));
            }
            if let Some(i) = &c.industry {
                text.push_str(&format!("\n• Industry: {i}"));
            }
            (headline, text)
        }
        Collected::Tech { tech } => {
            let headline = format!(
                "{} technolog{}",
                tech.len(),
                if tech.len() == 1 { "y" } else { "ies" }
            );
            let mut text = format!("🛠 {name} tech stack");
            if tech.is_empty() {
                text.push_str("\nNo technologies detected.");
            }
            for t in tech {
                text.push_str(&format!("\n• {}: {}", t.category, tech_label(t)));
            }
            (headline, text)
        }
        Collected::Vendor { vendor } => {
            let headline = format!(
                "{}: complete ({} product{}, {} proof point{})",
                vendor.name,
                vendor.products.len(),
                plural(vendor.products.len()),
                vendor.proof_points.len(),
                plural(vendor.proof_points.len())
            );
            let text = format!("🏷 Your context: {headline}");
            (headline, text)
        }
        Collected::Contacts { people } => {
            let headline = format!("{} contact{}", people.len(), plural(people.len()));
            let mut text = format!("👥 Decision makers at {name}");
            for p in people {
                match &p.note {
                    Some(note) => text.push_str(&format!("\n• {} — {} ({note})", p.name, p.title)),
                    None => text.push_str(&format!("\n• {} — {}", p.name, p.title)),
                }
            }
            (headline, text)
        }
    }
}

/// One view of the company from several sources: for each field, the first source that
/// knows it.
pub fn merged_company(parts: &[CompanyFacts]) -> CompanyFacts {
    let mut c = CompanyFacts::default();
    for p in parts {
        c.description = c.description.take().or_else(|| p.description.clone());
        c.founded = c.founded.or(p.founded);
        c.employees = c.employees.or(p.employees);
        c.headquarters = c.headquarters.take().or_else(|| p.headquarters.clone());
        c.industry = c.industry.take().or_else(|| p.industry.clone());
        c.website = c.website.take().or_else(|| p.website.clone());
    }
    c
}

/// `Azure AD (partial rollout)`.
pub fn tech_label(t: &Tech) -> String {
    match &t.note {
        Some(note) => format!("{} ({note})", t.name),
        None => t.name.clone(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{demo_accounts, intel_for};

    fn acme() -> AccountSummary {
        demo_accounts()
            .into_iter()
            .find(|a| a.id == "acme-corp")
            .unwrap()
    }

    #[test]
    fn overview_lists_the_basics() {
        let text = overview(&acme(), true);
        assert!(text.contains("Gathering deeper intelligence"));
        assert!(!overview(&acme(), false).contains("Gathering"));
        assert!(text.contains("Industry: FinTech"));
        assert!(text.contains("Size: ~500 employees"));
        assert!(text.contains("Location: New York, USA"));
        assert!(text.contains("Website: https://acmecorp.com"));
    }

    #[test]
    fn step_messages_state_what_was_found() {
        let intel = intel_for(&acme());
        let (line, text) = step_message(&acme(), &Collected::News { items: intel.news });
        assert_eq!(line, "2 items, 1 funding");
        assert!(text.contains("💰 Acme Corp raises $50M Series C"));
        let (_, text) = step_message(&acme(), &Collected::Tech { tech: intel.tech });
        assert!(text.contains("Identity: Azure AD (partial rollout)"));
        let (line, _) = step_message(&acme(), &Collected::Hiring { jobs: vec![] });
        assert_eq!(line, "0 open roles");
    }
}
