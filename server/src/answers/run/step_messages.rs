//! One message per collection step: the one-line result on the progress card, and the
//! partial-result message in the chat.

use crate::answers::phrases::{
    company_lines, contact_line, job_line, news_line, open_roles, plural, tech_line,
};
use crate::findings::{
    Collected, CompanyFacts, Contact, Job, NewsItem, Tech, VendorProfile, merged_company,
};
use app::domain::AccountSummary;

/// A one-line result for the progress card, and the partial-result message.
pub fn step_message(account: &AccountSummary, data: &Collected) -> (String, String) {
    let name = &account.name;
    match data {
        Collected::News { items } => news(name, items),
        Collected::Hiring { jobs } => hiring(name, jobs),
        Collected::Company { company } => company_profile(name, company),
        Collected::Tech { tech } => stack(name, tech),
        Collected::Vendor { vendor } => context(vendor),
        Collected::Contacts { people } => decision_makers(name, people),
    }
}

/// `2 items, 1 funding`, and the headlines.
fn news(name: &str, items: &[NewsItem]) -> (String, String) {
    let funding = match items.iter().filter(|n| n.funding).count() {
        0 => "no".to_string(),
        n => n.to_string(),
    };
    let headline = format!(
        "{} item{}, {funding} funding",
        items.len(),
        plural(items.len())
    );
    let mut lines = vec![format!("📰 News & funding for {name}")];
    if items.is_empty() {
        lines.push("No recent news found.".into());
    }
    lines.extend(items.iter().map(news_line));
    (headline, lines.join("\n"))
}

/// `2 open roles`, and the roles.
fn hiring(name: &str, jobs: &[Job]) -> (String, String) {
    let headline = open_roles(jobs.len());
    let mut lines = vec![format!("💼 Hiring at {name}: {headline}")];
    lines.extend(jobs.iter().map(job_line));
    (headline, lines.join("\n"))
}

/// `~520 employees` (or where they are based), and the basics.
fn company_profile(name: &str, company: &[CompanyFacts]) -> (String, String) {
    let c = merged_company(company);
    let headline = match (c.employees, &c.headquarters) {
        (Some(n), _) => format!("~{n} employees"),
        (None, Some(hq)) => format!("based in {hq}"),
        _ => "basics found".to_string(),
    };
    let mut lines = vec![format!("🏢 {name} company profile")];
    lines.extend(company_lines(&c));
    if let Some(i) = &c.industry {
        lines.push(format!("• Industry: {i}"));
    }
    (headline, lines.join("\n"))
}

/// `2 technologies`, and the stack by category.
fn stack(name: &str, tech: &[Tech]) -> (String, String) {
    let headline = format!(
        "{} technolog{}",
        tech.len(),
        if tech.len() == 1 { "y" } else { "ies" }
    );
    let mut lines = vec![format!("🛠 {name} tech stack")];
    if tech.is_empty() {
        lines.push("No technologies detected.".into());
    }
    lines.extend(tech.iter().map(tech_line));
    (headline, lines.join("\n"))
}

/// The rep's own company: `Keyfort: complete (4 products, 3 proof points)`.
fn context(vendor: &VendorProfile) -> (String, String) {
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

/// `4 contacts`, and the people.
fn decision_makers(name: &str, people: &[Contact]) -> (String, String) {
    let headline = format!("{} contact{}", people.len(), plural(people.len()));
    let mut lines = vec![format!("👥 Decision makers at {name}")];
    lines.extend(people.iter().map(contact_line));
    (headline, lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::{account, collected, demo_acme};
    use crate::demo::intel_for;
    use app::domain::StepKey;

    fn acme() -> AccountSummary {
        demo_acme()
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

    /// The progress line and the chat message for `data`.
    fn told(data: Collected) -> (String, String) {
        step_message(&account(), &data)
    }

    /// Assert `data` reads as `headline` on the progress card and `text` in the chat.
    #[track_caller]
    fn says(data: Collected, headline: &str, text: &str) {
        assert_eq!(told(data), (headline.to_string(), text.to_string()));
    }

    #[test]
    fn the_reps_context_found() {
        let headline = "Keyfort: complete (2 products, 2 proof points)";
        says(
            collected(StepKey::Vendor),
            headline,
            &format!("🏷 Your context: {headline}"),
        );
    }

    #[test]
    fn the_news_found() {
        says(
            collected(StepKey::News),
            "2 items, 1 funding",
            "\
📰 News & funding for Acme Corp
• 💰 Acme Corp raises $50M Series C to fund European expansion (2026-11-19)
• Acme Corp opens a Berlin office (2026-11-03)",
        );
    }

    #[test]
    fn no_news_found_is_said() {
        says(
            Collected::empty(StepKey::News).unwrap(),
            "0 items, no funding",
            "\
📰 News & funding for Acme Corp
No recent news found.",
        );
    }

    #[test]
    fn the_open_roles_found() {
        says(
            collected(StepKey::Hiring),
            "2 open roles",
            "\
💼 Hiring at Acme Corp: 2 open roles
• Senior IAM Engineer — Security, New York, USA (posted 2026-11-17)
• Payments Platform Engineer — Engineering, Remote (posted 3 days ago)",
        );
    }

    #[test]
    fn no_open_roles_found() {
        says(
            Collected::empty(StepKey::Hiring).unwrap(),
            "0 open roles",
            "\
💼 Hiring at Acme Corp: 0 open roles",
        );
    }

    #[test]
    fn the_company_profile_found() {
        says(
            collected(StepKey::Company),
            "~520 employees",
            "\
🏢 Acme Corp company profile
Acme Corp builds payment and treasury software for finance teams.
• Founded: 2014
• Employees: ~520
• Headquarters: New York City
• Industry: Financial technology",
        );
    }

    #[test]
    fn an_empty_profile_still_has_its_title() {
        says(
            Collected::empty(StepKey::Company).unwrap(),
            "basics found",
            "\
🏢 Acme Corp company profile",
        );
    }

    #[test]
    fn the_stack_found() {
        says(
            collected(StepKey::Tech),
            "2 technologies",
            "\
🛠 Acme Corp tech stack
• Cloud: AWS
• Identity: Azure AD (partial rollout)",
        );
    }

    #[test]
    fn no_technology_detected_is_said() {
        says(
            Collected::empty(StepKey::Tech).unwrap(),
            "0 technologies",
            "\
🛠 Acme Corp tech stack
No technologies detected.",
        );
    }

    #[test]
    fn the_decision_makers_found() {
        says(
            collected(StepKey::Contacts),
            "2 contacts",
            "\
👥 Decision makers at Acme Corp
• Dana Whitfield — Chief Information Security Officer (joined from Palo Alto Networks 2 months ago)
• Priya Raman — Director of Engineering",
        );
    }

    #[test]
    fn no_decision_makers_found() {
        says(
            Collected::empty(StepKey::Contacts).unwrap(),
            "0 contacts",
            "\
👥 Decision makers at Acme Corp",
        );
    }

    #[test]
    fn the_profile_takes_each_field_from_the_first_source_that_knows_it() {
        let known = |employees, headquarters: Option<&str>| CompanyFacts {
            employees,
            headquarters: headquarters.map(Into::into),
            ..CompanyFacts::default()
        };
        let profile = |company| Collected::Company { company };
        let two = vec![known(None, Some("Boston")), known(Some(480), Some("NYC"))];
        says(
            profile(two),
            "~480 employees",
            "\
🏢 Acme Corp company profile
• Employees: ~480
• Headquarters: Boston",
        );
        let one = vec![known(None, Some("Boston"))];
        assert_eq!(told(profile(one)).0, "based in Boston");
    }

    #[test]
    fn one_of_each_is_singular() {
        let one = |step| match collected(step) {
            Collected::Tech { mut tech } => Collected::Tech {
                tech: vec![tech.remove(0)],
            },
            Collected::Hiring { mut jobs } => Collected::Hiring {
                jobs: vec![jobs.remove(0)],
            },
            Collected::Contacts { mut people } => Collected::Contacts {
                people: vec![people.remove(1)],
            },
            other => other,
        };
        assert_eq!(told(one(StepKey::Tech)).0, "1 technology");
        assert_eq!(told(one(StepKey::Hiring)).0, "1 open role");
        says(
            one(StepKey::Contacts),
            "1 contact",
            "\
👥 Decision makers at Acme Corp
• Priya Raman — Director of Engineering",
        );
    }
}
