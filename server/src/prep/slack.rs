//! The one-pager as a Slack message (Block Kit, for an incoming webhook), within Slack's
//! limits: at most 50 blocks, a header of at most 150 characters, a section's text of at
//! most 3,000. Everything that comes from research or the rep is `plain_text` — Slack
//! formats none of it, so `*bold*`, `<!channel>` or a link in a finding stays text; the
//! only `mrkdwn` is our own headings and the sources' links, escaped.

use super::build::clean;
use app::domain::chat::safe_link;
use app::domain::one_pager::{LineKind, OnePager};
use serde_json::{Value, json};

/// Slack's limits.
pub const MAX_BLOCKS: usize = 50;
pub const MAX_SECTION_CHARS: usize = 3_000;
pub const MAX_HEADER_CHARS: usize = 150;

/// The webhook's JSON body for `doc` (no link back into Dossier: the prep is the rep's own,
/// and a colleague in the channel could not open it).
pub fn message(doc: &OnePager) -> Value {
    let title = clean(&doc.title, MAX_HEADER_CHARS);
    let mut blocks = vec![
        json!({ "type": "header", "text": plain(&title) }),
        json!({ "type": "context", "elements": [plain(&clean(
            &format!("{} · version {}", doc.meeting.join(" · "), doc.version),
            MAX_SECTION_CHARS,
        ))] }),
    ];
    for s in &doc.sections {
        let lines: Vec<String> = s
            .lines
            .iter()
            .map(|l| {
                let marks: String = l.cites.iter().map(|n| format!(" [{n}]")).collect();
                let lead = match l.kind {
                    LineKind::Suggestion => "💡 ",
                    _ => "",
                };
                format!("• {lead}{}{marks}", l.text)
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        blocks.push(json!({
            "type": "section",
            "text": { "type": "mrkdwn", "text": format!("*{}*", escape(&s.heading)) },
        }));
        for chunk in chunks(&lines, MAX_SECTION_CHARS) {
            blocks.push(json!({ "type": "section", "text": plain(&chunk) }));
        }
    }
    let sources: Vec<String> = doc
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = escape(&clean(&s.name, 200)).replace('|', "¦");
            let named = match s
                .url
                .as_deref()
                .and_then(safe_link)
                .filter(|u| slack_safe(u))
            {
                Some(url) => format!("<{url}|{name}>"),
                None => name,
            };
            format!(
                "{}. {named} — as of {} · confidence {}%",
                i + 1,
                escape(&clean(&s.last_updated, 40)),
                (s.confidence.clamp(0.0, 1.0) * 100.0).round()
            )
        })
        .collect();
    if !sources.is_empty() {
        blocks.push(json!({
            "type": "section",
            "text": { "type": "mrkdwn", "text": "*Sources*" },
        }));
        for chunk in chunks(&sources, MAX_SECTION_CHARS) {
            blocks.push(json!({
                "type": "section",
                "text": { "type": "mrkdwn", "text": chunk },
            }));
        }
    }
    let footer = "Made with Dossier · 💡 marks Dossier's own suggestions";
    // Within 50 blocks: the last one says there is more.
    if blocks.len() >= MAX_BLOCKS {
        blocks.truncate(MAX_BLOCKS - 1);
        blocks.push(json!({ "type": "context", "elements": [{
            "type": "mrkdwn", "text": format!("{footer} · more in the one-pager"),
        }] }));
    } else {
        blocks
            .push(json!({ "type": "context", "elements": [{ "type": "mrkdwn", "text": footer }] }));
    }
    json!({ "text": escape(&title), "blocks": blocks })
}

/// A `plain_text` object.
fn plain(text: &str) -> Value {
    json!({ "type": "plain_text", "text": text, "emoji": true })
}

/// Slack's three escapes (`&`, `<`, `>`): what stops `<!channel>` and links in text.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A URL Slack's `<url|text>` can carry unchanged.
fn slack_safe(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(['<', '>', '|', ' ', '"'])
        && url.len() <= 2_000
}

/// `lines` joined by newlines into texts of at most `max` characters (a longer line is
/// cut).
fn chunks(lines: &[String], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in lines {
        let line: String = if line.chars().count() > max {
            line.chars().take(max - 1).chain(['…']).collect()
        } else {
            line.clone()
        };
        let need = cur.chars().count() + line.chars().count() + usize::from(!cur.is_empty());
        if !cur.is_empty() && need > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(&line);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::build::tests::full_doc;
    use app::domain::one_pager::{Line, Section, SectionKey};

    /// Every text object in `msg`, with its type.
    fn texts(msg: &Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for b in msg["blocks"].as_array().unwrap() {
            if let Some(t) = b.get("text") {
                out.push((
                    t["type"].as_str().unwrap().into(),
                    t["text"].as_str().unwrap().into(),
                ));
            }
            for e in b["elements"].as_array().into_iter().flatten() {
                out.push((
                    e["type"].as_str().unwrap().into(),
                    e["text"].as_str().unwrap().into(),
                ));
            }
        }
        out
    }

    #[test]
    fn the_message_holds_every_section_and_source_within_slacks_limits() {
        let doc = full_doc();
        let msg = message(&doc);
        let blocks = msg["blocks"].as_array().unwrap();
        assert!(blocks.len() <= MAX_BLOCKS);
        assert_eq!(blocks[0]["type"], "header");
        let all = texts(&msg);
        for s in &doc.sections {
            assert!(
                all.iter().any(|(_, t)| t == &format!("*{}*", s.heading)),
                "{}",
                s.heading
            );
            for l in &s.lines {
                assert!(all.iter().any(|(_, t)| t.contains(&l.text)), "{}", l.text);
            }
        }
        for (kind, t) in &all {
            assert!(t.chars().count() <= MAX_SECTION_CHARS);
            assert!(kind == "plain_text" || kind == "mrkdwn");
        }
        assert!(
            !all.iter().any(|(_, t)| t.contains("/preps/")),
            "no link a colleague could not open"
        );
    }

    #[test]
    fn hostile_text_stays_text() {
        let mut doc = full_doc();
        doc.sections[0].lines[0].text =
            "<!channel> *urgent* <https://evil.example|click> @here & more".into();
        doc.sources[0].name = "Evil <!here>|x".into();
        doc.sources[0].url = Some("https://evil.example/a|b<c>".into());
        let msg = message(&doc);
        for (kind, t) in texts(&msg) {
            if kind == "mrkdwn" {
                // Our own links only: every `<` opens one of ours.
                for (i, _) in t.match_indices('<') {
                    assert!(
                        t[i..].starts_with("<https://") || t[i..].starts_with("<http://"),
                        "{t}"
                    );
                }
                assert!(!t.contains("<!"), "{t}");
                assert!(!t.contains("javascript:"), "{t}");
            }
        }
        // The finding arrives as plain text, unchanged.
        assert!(
            texts(&msg)
                .iter()
                .any(|(k, t)| k == "plain_text" && t.contains("<!channel> *urgent*"))
        );
        assert!(msg["text"].as_str().unwrap().chars().all(|c| c != '<'));
    }

    #[test]
    fn a_huge_prep_is_cut_to_fifty_blocks_and_three_thousand_characters() {
        let mut doc = full_doc();
        doc.title = "T".repeat(1_000);
        doc.sections = (0..60)
            .map(|i| Section {
                key: SectionKey::Pinned,
                heading: format!("Section {i}"),
                lines: (0..40)
                    .map(|_| Line::fact("x".repeat(500), vec![1]))
                    .collect(),
            })
            .collect();
        let msg = message(&doc);
        let blocks = msg["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), MAX_BLOCKS);
        assert!(blocks[0]["text"]["text"].as_str().unwrap().chars().count() <= MAX_HEADER_CHARS);
        for (_, t) in texts(&msg) {
            assert!(t.chars().count() <= MAX_SECTION_CHARS);
        }
        let last = blocks.last().unwrap();
        assert!(
            last["elements"][0]["text"]
                .as_str()
                .unwrap()
                .contains("more in the one-pager")
        );
    }

    #[test]
    fn empty_prep_is_still_a_valid_message() {
        let mut doc = full_doc();
        doc.sections.clear();
        doc.sources.clear();
        doc.meeting.clear();
        let msg = message(&doc);
        assert!(msg["blocks"].as_array().unwrap().len() >= 2);
    }
}
