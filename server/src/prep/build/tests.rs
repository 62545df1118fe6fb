use super::*;
use crate::answers::fixtures::*;
use app::domain::one_pager::PinnedItem;

/// Version 1 of `prep-1`, made 2026-12-01 09:00 UTC for a Keyfort rep, on A4.
pub fn made() -> Made<'static> {
    Made {
        prep_id: "prep-1",
        version: 1,
        made_at: 1_796_115_600_000,
        vendor: Some("Keyfort"),
        paper: Paper::A4,
    }
}

/// The one-pager of Acme for an AE at an expansion meeting, nothing pinned.
pub fn full_doc() -> OnePager {
    let ev = as_rep(
        acme(),
        Some(RepRole::AccountExecutive),
        Some(MeetingPurpose::Expansion),
    );
    one_pager(&ev, &[], made())
}

fn texts(doc: &OnePager, key: SectionKey) -> Vec<String> {
    doc.section(key)
        .map(|s| s.lines.iter().map(|l| l.text.clone()).collect())
        .unwrap_or_default()
}

/// Every fact cites a source; every citation points at a listed source; every listed
/// source is cited.
fn citations_hold(doc: &OnePager) {
    let mut used = std::collections::BTreeSet::new();
    for s in &doc.sections {
        for l in &s.lines {
            if l.kind == LineKind::Fact {
                assert!(
                    !l.cites.is_empty(),
                    "an uncited fact in {:?}: {}",
                    s.key,
                    l.text
                );
            }
            for c in &l.cites {
                assert!((1..=doc.sources.len()).contains(c), "[{c}] in {}", l.text);
                used.insert(*c);
            }
        }
    }
    let all: std::collections::BTreeSet<usize> = (1..=doc.sources.len()).collect();
    assert_eq!(used, all, "every source is cited");
}

#[test]
fn a_full_prep_has_every_section_in_order_and_every_fact_cited() {
    let ev = as_rep(
        acme(),
        Some(RepRole::AccountExecutive),
        Some(MeetingPurpose::Expansion),
    );
    let doc = one_pager(&ev, &[], made());
    let keys: Vec<SectionKey> = doc.sections.iter().map(|s| s.key).collect();
    // Every section but the pinned items (none pinned), in page order.
    let without_pins: Vec<SectionKey> = SectionKey::ALL
        .into_iter()
        .filter(|k| *k != SectionKey::Pinned)
        .collect();
    assert_eq!(keys, without_pins);
    assert_eq!(doc.title, "Meeting prep — Acme Corp");
    assert!(
        doc.meeting.iter().any(|m| m.contains("AE")),
        "{:?}",
        doc.meeting
    );
    assert!(doc.meeting.contains(&"Positioning Keyfort".to_string()));
    assert!(doc.meeting.contains(&"Prepared 1 Dec 2026".to_string()));
    assert_eq!(doc.section(SectionKey::Summary).unwrap().lines.len(), 3);
    assert!(doc.section(SectionKey::Questions).unwrap().lines.len() >= 3);
    let signals = texts(&doc, SectionKey::Signals).join("\n");
    assert!(signals.contains("Series C"), "{signals}");
    assert!(
        !signals.contains('•') && !signals.contains("💰"),
        "{signals}"
    );
    let people = texts(&doc, SectionKey::People).join("\n");
    assert!(people.contains("Dana Whitfield"), "{people}");
    // The angle and the questions are Dossier's, never dressed as facts.
    for key in [
        SectionKey::Angle,
        SectionKey::Questions,
        SectionKey::NextSteps,
    ] {
        assert!(
            doc.section(key)
                .unwrap()
                .lines
                .iter()
                .all(|l| l.kind == LineKind::Suggestion),
            "{key:?}"
        );
    }
    let names: Vec<&str> = doc.sources.iter().map(|s| s.name.as_str()).collect();
    for name in ["Google News", "Apollo", "CRM"] {
        assert!(names.contains(&name), "{names:?}");
    }
    citations_hold(&doc);
}

#[test]
fn a_section_with_nothing_found_says_what_was_searched() {
    let doc = one_pager(&bare(), &[], made());
    let people = doc.section(SectionKey::People).unwrap();
    assert!(!people.lines.is_empty());
    assert!(
        people
            .lines
            .iter()
            .all(|l| l.kind == LineKind::Gap && l.text.contains("searched Apollo")),
        "{:?}",
        people.lines
    );
    // Questions are still there to ask.
    assert!(doc.section(SectionKey::Questions).unwrap().lines.len() >= 3);
    citations_hold(&doc);
}

#[test]
fn pinned_items_keep_their_sources_renumbered_into_the_prep() {
    let pinned = vec![
        PinnedItem {
            item_id: "i2".into(),
            message_id: "m2".into(),
            text: "💼 Hiring at Acme Corp\n• Senior IAM Engineer [1]".into(),
            sources: vec![source("Lever")],
            position: 1,
            added_at: 2,
        },
        PinnedItem {
            item_id: "i1".into(),
            message_id: "m1".into(),
            text: "A note of mine, citing nothing".into(),
            sources: vec![],
            position: 0,
            added_at: 1,
        },
    ];
    let doc = one_pager(&acme(), &pinned, made());
    let pins = doc.section(SectionKey::Pinned).expect("a pinned section");
    assert_eq!(pins.lines.len(), 2);
    // In the rep's order.
    assert_eq!(pins.lines[0].text, "A note of mine, citing nothing");
    assert_eq!(pins.lines[0].kind, LineKind::Suggestion);
    let hiring = &pins.lines[1];
    assert!(
        hiring.text.contains("Senior IAM Engineer"),
        "{}",
        hiring.text
    );
    assert_eq!(hiring.cites.len(), 1);
    assert_eq!(doc.sources[hiring.cites[0] - 1].name, "Lever");
    citations_hold(&doc);
}

#[test]
fn hostile_names_are_cut_and_their_controls_removed() {
    let mut ev = acme();
    ev.account.name = format!(
        "<script>alert(1)</script>\u{202e}evil\u{0007}{}",
        "A".repeat(10_000)
    );
    let doc = one_pager(&ev, &[], made());
    assert!(doc.title.chars().count() <= 140, "{}", doc.title.len());
    assert!(doc.title.ends_with('…'));
    for text in std::iter::once(doc.title.as_str()).chain(
        doc.sections
            .iter()
            .flat_map(|s| s.lines.iter().map(|l| l.text.as_str())),
    ) {
        assert!(
            !text.contains('\u{202e}') && !text.contains('\u{7}'),
            "{text}"
        );
        assert!(
            text.chars().count() <= MAX_LINE_CHARS + 20,
            "{}",
            text.len()
        );
    }
    citations_hold(&doc);
}
