//! Meeting: conversation starters, the main insights, and the meeting prep one-pager.

use super::deal::fit::product_fit;
use super::draft::{Draft, blind_spots, persona_suffix};
use super::phrases::tech_label;
use crate::analysts::{Answer, Evidence};
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
