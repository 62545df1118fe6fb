//! News & funding: the headlines, and the funding deep dive (why it matters, starters,
//! similar wins).

use super::deal::fit::similar_wins;
use super::draft::{Draft, persona_suffix};
use crate::analysts::{Answer, Evidence};
use crate::findings::is_security;
use app::domain::StepKey;

/// 📰 The recent news, funding marked 💰.
pub fn news(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("📰 News & funding for {}", ev.account.name));
    let news = ev.news();
    if news.is_empty() {
        d.gap(ev, StepKey::News, "recent news");
    }
    for n in &news {
        let tag = if n.fact.funding { "💰 " } else { "" };
        d.cited(
            format!("• {tag}{} ({})", n.fact.title, n.fact.date),
            n.source,
        );
    }
    d.finish()
}

/// 💰 The funding round: why it matters for this rep, how to open, similar wins; or that
/// there is none, with the other news.
pub fn funding(ev: &Evidence) -> Answer {
    let news = ev.news();
    let Some(round) = news.iter().find(|n| n.fact.funding) else {
        let mut d = Draft::new(format!("💰 Funding at {}", ev.account.name));
        d.gap(ev, StepKey::News, "funding news");
        for n in &news {
            d.cited(
                format!("• Other news: {} ({})", n.fact.title, n.fact.date),
                n.source,
            );
        }
        return d.finish();
    };
    let mut d = Draft::new(format!("💰 {} ({})", round.fact.title, round.fact.date));
    let mark = d.cites.mark(round.source);
    d.lines[0].push_str(&format!(" {mark}"));
    let vendor = ev.vendor().map(|(v, _)| v.name.clone());
    let yours = vendor.as_deref().unwrap_or("your");
    d.line(String::new());
    d.line(format!(
        "Why this matters for your {yours} conversation{}:",
        persona_suffix(ev)
    ));
    d.line("• Fresh capital usually means budget for new tooling and a push to scale fast");
    let security_jobs: Vec<_> = ev
        .jobs()
        .into_iter()
        .filter(|j| is_security(&j.fact.title))
        .collect();
    if let Some(j) = security_jobs.first() {
        d.cited(
            format!(
                "• They are hiring {} identity & security role{} — growth is already creating access work (e.g. {})",
                security_jobs.len(),
                if security_jobs.len() == 1 { "" } else { "s" },
                j.fact.title
            ),
            j.source,
        );
    }
    d.line(String::new());
    d.line("🗣 Conversation starters:");
    d.line(
        "• \"Congratulations on the round — what does it let you do in the next twelve months?\"",
    );
    if let Some(j) = security_jobs.first() {
        d.cited(
            format!(
                "• \"I saw you're hiring a {} — how are you handling access while the team grows?\"",
                j.fact.title
            ),
            j.source,
        );
    }
    similar_wins(&mut d, ev);
    d.finish()
}
