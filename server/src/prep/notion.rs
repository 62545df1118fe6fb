//! The one-pager as Notion blocks: a heading a section, a bullet a line, the sources as a
//! numbered list with their links — split to the API's limits (a rich-text object holds at
//! most 2,000 characters; a request at most 100 children: the page is created with the
//! first 100 and the rest appended in batches). Notion shows rich text as written: nothing
//! in a finding becomes markup.

use super::build::clean;
use app::domain::chat::safe_link;
use app::domain::one_pager::{LineKind, OnePager};
use serde_json::{Value, json};

/// The API's limits.
pub const MAX_TEXT_CHARS: usize = 2_000;
pub const MAX_CHILDREN: usize = 100;

/// The page's title and its blocks, in order.
pub fn page(doc: &OnePager) -> (String, Vec<Value>) {
    let title = clean(&doc.title, MAX_TEXT_CHARS);
    let mut blocks = Vec::new();
    if !doc.meeting.is_empty() {
        blocks.push(block(
            "paragraph",
            rich(&format!(
                "{} · version {}",
                doc.meeting.join(" · "),
                doc.version
            )),
        ));
    }
    blocks.push(block(
        "paragraph",
        rich("Facts cite their sources by number; 💡 marks Dossier's own suggestions."),
    ));
    for s in &doc.sections {
        blocks.push(block("heading_2", rich(&s.heading)));
        for l in &s.lines {
            let marks: String = l.cites.iter().map(|n| format!(" [{n}]")).collect();
            let lead = match l.kind {
                LineKind::Suggestion => "💡 Suggestion: ",
                _ => "",
            };
            blocks.push(block(
                "bulleted_list_item",
                rich(&format!("{lead}{}{marks}", l.text)),
            ));
        }
    }
    if !doc.sources.is_empty() {
        blocks.push(block("heading_2", rich("Sources")));
        for s in &doc.sources {
            let name = clean(&s.name, MAX_TEXT_CHARS);
            let mut text = vec![match s.url.as_deref().and_then(safe_link) {
                Some(url) if url.len() <= MAX_TEXT_CHARS => {
                    json!({ "type": "text", "text": { "content": name, "link": { "url": url } } })
                }
                _ => json!({ "type": "text", "text": { "content": name } }),
            }];
            text.extend(rich(&format!(
                " — as of {} · confidence {}%",
                clean(&s.last_updated, 40),
                (s.confidence.clamp(0.0, 1.0) * 100.0).round()
            )));
            blocks.push(block("numbered_list_item", text));
        }
    }
    (title, blocks)
}

/// A block of `kind` holding `text`.
fn block(kind: &str, text: Vec<Value>) -> Value {
    json!({ "object": "block", "type": kind, kind: { "rich_text": text } })
}

/// `text` as rich-text objects of at most [`MAX_TEXT_CHARS`] characters each.
pub fn rich(text: &str) -> Vec<Value> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(MAX_TEXT_CHARS)
        .map(|c| json!({ "type": "text", "text": { "content": c.iter().collect::<String>() } }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::build::tests::full_doc;
    use app::domain::one_pager::{Line, Section, SectionKey};

    fn contents(b: &Value) -> Vec<String> {
        let kind = b["type"].as_str().unwrap();
        b[kind]["rich_text"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"]["content"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn every_section_line_and_source_is_a_block() {
        let doc = full_doc();
        let (title, blocks) = page(&doc);
        assert_eq!(title, doc.title);
        let all: Vec<String> = blocks.iter().map(|b| contents(b).concat()).collect();
        for s in &doc.sections {
            assert!(all.contains(&s.heading));
            for l in &s.lines {
                assert!(all.iter().any(|t| t.contains(&l.text)), "{}", l.text);
            }
        }
        let linked = blocks
            .iter()
            .filter(|b| b["type"] == "numbered_list_item")
            .filter(|b| b["numbered_list_item"]["rich_text"][0]["text"]["link"]["url"].is_string())
            .count();
        assert!(linked > 0, "the sources carry their links");
        assert_eq!(
            blocks
                .iter()
                .filter(|b| b["type"] == "numbered_list_item")
                .count(),
            doc.sources.len()
        );
    }

    #[test]
    fn long_text_is_split_to_two_thousand_characters() {
        let mut doc = full_doc();
        doc.sections = vec![Section {
            key: SectionKey::Pinned,
            heading: "Pinned".into(),
            lines: vec![Line::fact("é".repeat(4_500), vec![])],
        }];
        let (_, blocks) = page(&doc);
        let item = blocks
            .iter()
            .find(|b| b["type"] == "bulleted_list_item")
            .unwrap();
        let parts = contents(item);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_TEXT_CHARS));
        assert_eq!(parts.concat(), "é".repeat(4_500));
    }

    #[test]
    fn a_hostile_link_is_not_a_link() {
        let mut doc = full_doc();
        doc.sources[0].url = Some("javascript:alert(1)".into());
        doc.sources[0].name = "<b>x</b>\u{202e}".into();
        let (_, blocks) = page(&doc);
        let first = blocks
            .iter()
            .find(|b| b["type"] == "numbered_list_item")
            .unwrap();
        assert!(first["numbered_list_item"]["rich_text"][0]["text"]["link"].is_null());
        assert_eq!(contents(first)[0], "<b>x</b>");
    }
}
