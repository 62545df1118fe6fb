//! One message per collection step: the one-line result on the progress card, and the
//! partial-result message in the chat.

use crate::answers::phrases::{plural, tech_label};
use crate::findings::{Collected, merged_company};
use app::domain::AccountSummary;

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
