//! Meeting: conversation starters, the main insights, and the meeting prep one-pager.

use super::deal::fit::product_fit;
use super::draft::{Draft, blind_spots, persona_suffix};
use super::phrases::tech_label;
use crate::answers::{Answer, Evidence};
use crate::findings::is_security;
use app::domain::StepKey;

/// 🗣 Openers from the funding, a new leader, a role they hire for and other news.
pub fn starters(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🗣 Conversation starters for {}", ev.account.name));
    let before = d.lines.len();
    if let Some(n) = ev.news().into_iter().find(|n| n.fact.funding) {
        d.cited(
            format!(
                "• \"Congratulations on the news — {}. What does it change for your team?\"",
                n.fact.title
            ),
            n.source,
        );
    }
    if let Some(c) = ev.new_executive() {
        d.cited(
            format!(
                "• \"{} joined recently as {} — what are their first priorities?\"",
                c.fact.name, c.fact.title
            ),
            c.source,
        );
    }
    if let Some(j) = ev
        .jobs()
        .into_iter()
        .find(|j| is_security(&j.fact.title))
        .or_else(|| ev.jobs().into_iter().next())
    {
        d.cited(
            format!(
                "• \"I saw you're hiring a {} — what's driving that?\"",
                j.fact.title
            ),
            j.source,
        );
    }
    if let Some(n) = ev.news().into_iter().find(|n| !n.fact.funding) {
        d.cited(
            format!("• \"I read: {} — how is that going?\"", n.fact.title),
            n.source,
        );
    }
    if d.lines.len() == before {
        d.line(format!(
            "• I have no news, hiring or leadership change to start from ({}; {}; {}).",
            ev.searched(StepKey::News),
            ev.searched(StepKey::Hiring),
            ev.searched(StepKey::Contacts)
        ));
    }
    d.finish()
}

/// 🧠 The key signals, as the answer to "back to main insights".
pub fn main_insights(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🧠 {} — main insights", ev.account.name));
    key_signals(&mut d, ev);
    d.finish()
}

/// The insights once every step is in ("Wait for complete analysis").
pub fn complete_analysis(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🧠 {} — the complete analysis", ev.account.name));
    key_signals(&mut d, ev);
    d.finish()
}

/// The key signals: funding, hiring, a new leader, the stack, the CRM basics, and what is
/// not in yet.
fn key_signals(d: &mut Draft, ev: &Evidence) {
    let before = d.lines.len();
    if let Some(n) = ev.news().into_iter().find(|n| n.fact.funding) {
        d.cited(
            format!("• 💰 Funding: {} ({})", n.fact.title, n.fact.date),
            n.source,
        );
    }
    let jobs = ev.jobs();
    if let Some(j) = jobs.first() {
        let security = jobs.iter().filter(|j| is_security(&j.fact.title)).count();
        d.cited(
            format!(
                "• 💼 Hiring: {} open roles, {security} in identity & security",
                jobs.len()
            ),
            j.source,
        );
    }
    if let Some(c) = ev.new_executive() {
        d.cited(
            format!("• 👤 Leadership: {} — {}", c.fact.name, c.fact.title),
            c.source,
        );
    }
    let tech = ev.tech();
    if let Some(t) = tech.first() {
        let names: Vec<String> = tech.iter().take(5).map(|t| tech_label(t.fact)).collect();
        d.cited(format!("• 🛠 Stack: {}", names.join(", ")), t.source);
    }
    d.cited(
        format!(
            "• 🏢 {} · {} employees · {}",
            ev.account.industry,
            ev.account.size_label(),
            ev.account.location
        ),
        &ev.crm,
    );
    let missing = blind_spots(ev);
    if !missing.is_empty() {
        d.line(format!("Not in yet: {}", missing.join("; ")));
    }
    if d.lines.len() == before {
        d.line("• Nothing collected yet.");
    }
}

/// 📄 The one-pager: key signals, people, product fit and starters in one answer.
pub fn meeting_prep(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!(
        "📄 Meeting prep — {}{}",
        ev.account.name,
        persona_suffix(ev)
    ));
    d.line(String::new());
    d.line("Key signals:");
    key_signals(&mut d, ev);
    let people = ev.contacts();
    if !people.is_empty() {
        d.line(String::new());
        d.line("People:");
        for p in people.iter().take(3) {
            d.cited(format!("• {} — {}", p.fact.name, p.fact.title), p.source);
        }
    }
    let fit = product_fit(ev, false);
    let starters = starters(ev);
    let mut out = d.finish();
    for part in [fit, starters] {
        out = out.append(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn starters_come_from_the_round_the_leader_the_roles_and_the_news() {
        reads(starters(&acme()), &["Google News", "Apollo", "Greenhouse"], "\
🗣 Conversation starters for Acme Corp
• \"Congratulations on the news — Acme Corp raises $50M Series C to fund European expansion. What does it change for your team?\" [1]
• \"Dana Whitfield joined recently as Chief Information Security Officer — what are their first priorities?\" [2]
• \"I saw you're hiring a Senior IAM Engineer — what's driving that?\" [3]
• \"I read: Acme Corp opens a Berlin office — how is that going?\" [1]");
    }

    #[test]
    fn with_nothing_to_start_from_every_search_is_named() {
        reads(starters(&bare()), &[], "\
🗣 Conversation starters for Acme Corp
• I have no news, hiring or leadership change to start from (searched Google News (2026-11-20); searched Greenhouse (2026-11-20); searched Apollo (2026-11-20)).");
    }

    #[test]
    fn starters_skip_the_people_still_being_collected() {
        reads(starters(&failed()), &["Google News", "Greenhouse"], "\
🗣 Conversation starters for Acme Corp
• \"Congratulations on the news — Acme Corp raises $50M Series C to fund European expansion. What does it change for your team?\" [1]
• \"I saw you're hiring a Senior IAM Engineer — what's driving that?\" [2]
• \"I read: Acme Corp opens a Berlin office — how is that going?\" [1]");
    }

    #[test]
    fn the_main_insights_cite_each_signal() {
        let a = main_insights(&acme());
        assert_eq!(
            a.text,
            [
                "🧠 Acme Corp — main insights",
                "• 💰 Funding: Acme Corp raises $50M Series C to fund European expansion (2026-11-19) [1]",
                "• 💼 Hiring: 2 open roles, 1 in identity & security [2]",
                "• 👤 Leadership: Dana Whitfield — Chief Information Security Officer [3]",
                "• 🛠 Stack: AWS, Azure AD (partial rollout) [4]",
                "• 🏢 FinTech · ~510 employees · New York, USA [5]",
            ]
            .join("\n")
        );
        assert_eq!(
            cited(&a),
            ["Google News", "Greenhouse", "Apollo", "Website scan", "CRM"]
        );
    }

    #[test]
    fn the_main_insights_say_what_is_not_in_yet() {
        reads(main_insights(&failed()), &["Google News", "Greenhouse", "CRM"], "\
🧠 Acme Corp — main insights
• 💰 Funding: Acme Corp raises $50M Series C to fund European expansion (2026-11-19) [1]
• 💼 Hiring: 2 open roles, 1 in identity & security [2]
• 🏢 FinTech · ~510 employees · New York, USA [3]
Not in yet: tech stack (the search failed: Website scan: HTTP 503); contacts (still being collected)");
    }

    #[test]
    fn the_one_pager_numbers_all_its_parts_in_one_list() {
        let a = meeting_prep(&acme());
        assert_eq!(
            a.text,
            [
                "📄 Meeting prep — Acme Corp",
                "",
                "Key signals:",
                "• 💰 Funding: Acme Corp raises $50M Series C to fund European expansion (2026-11-19) [1]",
                "• 💼 Hiring: 2 open roles, 1 in identity & security [2]",
                "• 👤 Leadership: Dana Whitfield — Chief Information Security Officer [3]",
                "• 🛠 Stack: AWS, Azure AD (partial rollout) [4]",
                "• 🏢 FinTech · ~510 employees · New York, USA [5]",
                "",
                "People:",
                "• Dana Whitfield — Chief Information Security Officer [3]",
                "• Priya Raman — Director of Engineering [3]",
                "",
                "🛡 Keyfort Recommendations for Acme Corp",
                "",
                "🎯 Primary opportunity: Keyfort Workforce Identity — Single sign-on and MFA for every employee app. [6]",
                "• Why: hiring: Senior IAM Engineer [2]",
                "• Why: uses Azure AD (partial rollout) [4]",
                "",
                "🚀 Also fits: Keyfort Privileged Access — Just-in-time admin access for cloud consoles. [6]",
                "• Why: uses AWS [4]",
                "",
                "💡 Competitive angle:",
                "• Incumbent: Azure AD (partial rollout) in their stack [4]",
                "  → vs Microsoft Entra ID: Neutral identity layer across clouds; no lock-in. [6]",
                "",
                "📊 Similar Keyfort customer wins:",
                "• Northbeam Payments (FinTech): 60% fewer access tickets. [6]",
                "• Harbor Health (Healthcare): Passed HIPAA audit with automated access reviews. [6]",
                "",
                "🗣 Conversation starters for Acme Corp",
                "• \"Congratulations on the news — Acme Corp raises $50M Series C to fund European expansion. What does it change for your team?\" [1]",
                "• \"Dana Whitfield joined recently as Chief Information Security Officer — what are their first priorities?\" [3]",
                "• \"I saw you're hiring a Senior IAM Engineer — what's driving that?\" [2]",
                "• \"I read: Acme Corp opens a Berlin office — how is that going?\" [1]",
            ]
            .join("\n")
        );
        assert_eq!(
            cited(&a),
            [
                "Google News",
                "Greenhouse",
                "Apollo",
                "Website scan",
                "CRM",
                "Vendor profile"
            ]
        );
    }

    #[test]
    fn the_one_pager_with_nothing_found() {
        reads(meeting_prep(&bare()), &["CRM"], "\
📄 Meeting prep — Acme Corp

Key signals:
• 🏢 FinTech · ~510 employees · New York, USA [1]

🛡 Your Recommendations for Acme Corp
• I can't match products: your company's context is missing (searched Vendor profile (2026-11-20)).

🗣 Conversation starters for Acme Corp
• I have no news, hiring or leadership change to start from (searched Google News (2026-11-20); searched Greenhouse (2026-11-20); searched Apollo (2026-11-20)).");
    }
}
