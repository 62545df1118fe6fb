//! The note a rep sends the customer's attendees ahead of the meeting: the agenda, what the
//! rep hopes to learn, what the rep will bring. Customer-safe by construction: it is made
//! only from the account's name, the meeting's purpose, the rep's own company and products
//! and the rep's name — never from a section of the one-pager (no finding, no angle, no
//! competitor, no risk, no CRM figure).

use super::build::{clean, discovery_questions};
use crate::sources::net::text::path_segment;
use app::domain::MeetingPurpose;
use app::domain::one_pager::OnePager;

/// The longest subject line.
const MAX_SUBJECT: usize = 150;

/// The note: its subject and plain-text body.
#[derive(Clone, Debug, PartialEq)]
pub struct SendAhead {
    pub subject: String,
    pub body: String,
}

/// The note for `doc`'s meeting, signed by `rep_name`.
pub fn send_ahead(doc: &OnePager, rep_name: &str) -> SendAhead {
    let account = clean(&doc.account_name, 120);
    let vendor = doc.vendor.as_deref().map(|v| clean(v, 120));
    let subject = match &vendor {
        Some(v) if !v.is_empty() => format!("Ahead of our meeting — {account} and {v}"),
        _ => format!("Ahead of our meeting — {account}"),
    };
    let mut body = String::from(
        "Hi all,\n\nAhead of our meeting, here is what I'd like us to cover.\n\nAgenda\n",
    );
    for item in agenda(doc.purpose, vendor.as_deref()) {
        body.push_str(&format!("• {item}\n"));
    }
    body.push_str("\nWhat I hope to learn\n");
    for q in discovery_questions(doc.purpose) {
        let q = q.trim_matches(|c| c == '“' || c == '”');
        body.push_str(&format!("• {q}\n"));
    }
    body.push_str("\nWhat I'll bring\n");
    let offer: Vec<String> = doc
        .offer
        .iter()
        .map(|p| clean(p, 120))
        .filter(|p| !p.is_empty())
        .collect();
    match (&vendor, offer.is_empty()) {
        (Some(v), false) => body.push_str(&format!(
            "• A short overview of {v}: {}\n",
            offer.join(", ")
        )),
        (Some(v), true) => body.push_str(&format!("• A short overview of {v}\n")),
        (None, _) => body.push_str("• A short overview of what we do\n"),
    }
    body.push_str("• Answers to your questions — send any you'd like me to prepare\n");
    body.push_str("\nIf there is anything you'd like to add, just reply.\n\nBest,\n");
    let name = clean(rep_name, 120);
    body.push_str(if name.is_empty() { "—" } else { &name });
    body.push('\n');
    SendAhead {
        subject: clean(&subject, MAX_SUBJECT),
        body,
    }
}

/// The agenda for a meeting of `purpose`.
fn agenda(purpose: Option<MeetingPurpose>, vendor: Option<&str>) -> Vec<String> {
    let ours = vendor.unwrap_or("us");
    let middle = match purpose {
        Some(MeetingPurpose::Renewal) => {
            "How the past year went, and what the next one should deliver".to_string()
        }
        Some(MeetingPurpose::Expansion) => format!("Where else {ours} could help your teams"),
        Some(MeetingPurpose::TechnicalDiscovery) => {
            "Your current setup, and what a good fit would need to work with".to_string()
        }
        Some(MeetingPurpose::ExecutiveAlignment) => {
            "The outcomes you're measured on, and how we can support them".to_string()
        }
        None => format!("Your goals, and whether {ours} can help"),
    };
    vec![
        "Introductions, and what matters most to your team right now".to_string(),
        middle,
        "Next steps, and who else should be involved".to_string(),
    ]
}

/// `mailto:?subject=…&body=…`: the note as a draft in the rep's own mail program (no
/// address: the rep adds the attendees). Percent-encoded, so nothing in it adds a header.
pub fn mailto(note: &SendAhead) -> String {
    format!(
        "mailto:?subject={}&body={}",
        path_segment(&note.subject),
        path_segment(&note.body.replace('\n', "\r\n"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::build::tests::full_doc as made;
    use app::domain::one_pager::SectionKey;

    #[test]
    fn the_note_carries_none_of_the_internal_sections() {
        let doc = made();
        let note = send_ahead(&doc, "Rita Rep");
        let all = format!("{}\n{}", note.subject, note.body);
        for key in [
            SectionKey::Summary,
            SectionKey::Signals,
            SectionKey::People,
            SectionKey::Angle,
            SectionKey::Risks,
        ] {
            for line in doc
                .section(key)
                .map(|s| s.lines.clone())
                .unwrap_or_default()
            {
                assert!(
                    !all.contains(&line.text),
                    "{key:?} leaked into the note: {}",
                    line.text
                );
            }
        }
        for s in &doc.sources {
            assert!(!all.contains(&s.name), "a source is named: {}", s.name);
        }
        assert!(note.body.contains("Agenda"));
        assert!(note.body.contains("What I hope to learn"));
        assert!(note.body.contains("What I'll bring"));
        assert!(note.body.ends_with("Rita Rep\n"));
        assert!(note.subject.contains(&doc.account_name));
    }

    #[test]
    fn hostile_names_are_inert_in_the_subject_and_the_link() {
        let mut doc = made();
        doc.account_name = "Evil\r\nBcc: all@example.com\u{202e}gnp.exe".into();
        doc.vendor = Some("<script>alert(1)</script>".into());
        let note = send_ahead(&doc, "Rita\nX-Injected: 1");
        assert!(!note.subject.contains('\n') && !note.subject.contains('\r'));
        assert!(!note.subject.contains('\u{202e}'));
        assert!(!note.body.contains("\nX-Injected"));
        let link = mailto(&note);
        assert!(link.starts_with("mailto:?subject="));
        assert!(
            link.bytes()
                .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'"')
        );
        assert!(!link.contains("Bcc:"));
    }

    #[test]
    fn a_huge_subject_is_cut() {
        let mut doc = made();
        doc.account_name = "A".repeat(10_000);
        let note = send_ahead(&doc, "");
        assert!(note.subject.chars().count() <= MAX_SUBJECT);
        assert!(note.body.ends_with("—\n"));
    }
}
