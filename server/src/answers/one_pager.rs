//! What the chat says while the one-pager is made (the seed's words: "📄 Generating Meeting
//! Prep for Acme Corp…", "🔄 Personalizing for: AE meeting, expansion focus, Keyfort
//! positioning", "✅ Including: …" — only what is really included), and the one-pager as a
//! chat message.

use crate::answers::Evidence;
use app::domain::one_pager::{LineKind, OnePager, SectionKey};
use app::domain::{MeetingPurpose, Persona, RepRole};

/// The progress message's first line, while it is being made.
pub fn generating(account: &str) -> String {
    format!("📄 Generating Meeting Prep for {account}…")
}

/// Who it is fitted to: `AE meeting, expansion focus, Keyfort positioning`.
pub fn personalizing(persona: &Persona, vendor: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(role) = persona.role {
        parts.push(format!(
            "{} meeting",
            match role {
                RepRole::AccountExecutive => "AE",
                RepRole::CustomerSuccess => "CSM",
                RepRole::SalesEngineer => "SE",
            }
        ));
    }
    if let Some(p) = persona.purpose {
        parts.push(
            match p {
                MeetingPurpose::Renewal => "renewal focus",
                MeetingPurpose::Expansion => "expansion focus",
                MeetingPurpose::TechnicalDiscovery => "technical discovery focus",
                MeetingPurpose::ExecutiveAlignment => "executive alignment focus",
            }
            .to_string(),
        );
    }
    if let Some(v) = vendor {
        parts.push(format!("{v} positioning"));
    }
    if parts.is_empty() {
        parts.push("a general first meeting".into());
    }
    format!("🔄 Personalizing for: {}", parts.join(", "))
}

/// What is really in it: `recent funding news, 3 open roles, the new CISO, the tech stack,
/// 2 people to meet, 2 pinned items`.
pub fn including(ev: &Evidence, pinned: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let news = ev.news();
    if news.iter().any(|n| n.fact.funding) {
        parts.push("recent funding news".into());
    } else if !news.is_empty() {
        parts.push("recent news".into());
    }
    let jobs = ev.jobs().len();
    if jobs > 0 {
        parts.push(plural(jobs, "open role", "open roles"));
    }
    if let Some(c) = ev.new_executive() {
        parts.push(format!(
            "the new {}",
            app::domain::actions::short_title(&c.fact.title)
        ));
    }
    if !ev.tech().is_empty() {
        parts.push("the tech stack".into());
    }
    let people = ev.contacts().len();
    if people > 0 {
        parts.push(plural(people, "person to meet", "people to meet"));
    }
    if pinned > 0 {
        parts.push(plural(pinned, "pinned item", "pinned items"));
    }
    if parts.is_empty() {
        return "✅ Including: what your CRM knows — the research found nothing more yet".into();
    }
    format!("✅ Including: {}", parts.join(", "))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The progress message once the one-pager is made.
pub fn generated(account: &str, personalized: &str, included: &str) -> String {
    format!(
        "📄 Generated Meeting Prep for {account}\n{}\n{included}",
        personalized.replacen("🔄 Personalizing for:", "🎯 Personalized for:", 1)
    )
}

/// Said when a one-pager for this prep is already being made.
pub fn already_generating(account: &str) -> String {
    format!("⏳ Your one-pager for {account} is already being made — it will appear here.")
}

/// "What changed since my last prep?" before any one-pager was made.
pub fn no_prep_yet(account: &str) -> String {
    format!(
        "You have no one-pager for {account} yet — say “Create my meeting prep one-pager” and \
         I'll make one; the next one will show what changed since."
    )
}

/// The same question when only one version exists.
pub fn first_prep(account: &str, version: u32) -> String {
    format!(
        "Your one-pager for {account} is the first (version {version}): make it again after new \
         research and I'll show what changed."
    )
}

/// The one-pager as a chat message: its title, what is new, the summary and the key
/// signals, with `[n]` markers into `doc.sources` (the whole of it is on its page).
pub fn message_text(doc: &OnePager, persona_suffix: &str) -> String {
    let mut out = format!("📄 {}{persona_suffix}", doc.title);
    if let Some(n) = doc.new_since.as_ref().filter(|n| !n.added.is_empty()) {
        out.push_str(&format!(
            "\n🆕 New since {}:",
            super::super::prep::day(n.made_at)
        ));
        for a in n.added.iter().take(3) {
            out.push_str(&format!("\n• {}", crate::answers::defuse(a)));
        }
    }
    for key in [SectionKey::Summary, SectionKey::Signals] {
        let Some(s) = doc.section(key) else { continue };
        out.push_str(&format!("\n{}:", s.heading));
        for l in &s.lines {
            let marks: String = l.cites.iter().map(|n| format!("[{n}]")).collect();
            let text = crate::answers::defuse(&l.text);
            let line = match l.kind {
                LineKind::Suggestion => format!("💡 {text}"),
                _ => text,
            };
            out.push_str(&format!("\n• {line}"));
            if !marks.is_empty() {
                out.push(' ');
                out.push_str(&marks);
            }
        }
    }
    out.push_str("\nThe full one-pager — people, your angle, questions, risks and next steps — opens below as a page, a PDF or a deck.");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn the_progress_says_only_what_is_known_and_included() {
        let ev = as_rep(
            acme(),
            Some(RepRole::AccountExecutive),
            Some(MeetingPurpose::Expansion),
        );
        assert_eq!(
            personalizing(&ev.persona, Some("Keyfort")),
            "🔄 Personalizing for: AE meeting, expansion focus, Keyfort positioning"
        );
        assert_eq!(
            personalizing(&Persona::default(), None),
            "🔄 Personalizing for: a general first meeting"
        );
        assert_eq!(
            including(&ev, 2),
            "✅ Including: recent funding news, 2 open roles, the new CISO, the tech stack, 2 people to meet, 2 pinned items"
        );
        assert_eq!(
            including(&bare(), 0),
            "✅ Including: what your CRM knows — the research found nothing more yet"
        );
        assert_eq!(including(&bare(), 1), "✅ Including: 1 pinned item");
    }
}
