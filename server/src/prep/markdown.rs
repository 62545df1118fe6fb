//! The one-pager as Markdown ("Copy as Markdown"): headings, bullets and links that paste
//! cleanly into Notion or Google Docs. Every character of a provider's or the rep's text that
//! Markdown would read as syntax (or as HTML) is escaped, so hostile text stays text.

use app::domain::SourceRef;
use app::domain::one_pager::{Line, LineKind, OnePager};
use std::fmt::Write;

/// The one-pager in Markdown.
pub fn markdown(doc: &OnePager) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", escape(&doc.title));
    if !doc.meeting.is_empty() {
        let meeting: Vec<String> = doc.meeting.iter().map(|m| escape(m)).collect();
        let _ = writeln!(out, "\n{}", meeting.join(" · "));
    }
    if let Some(n) = &doc.new_since
        && !n.added.is_empty()
    {
        let _ = writeln!(out, "\n**New since {}:**", escape(&super::day(n.made_at)));
        for a in &n.added {
            let _ = writeln!(out, "- {}", escape(a));
        }
    }
    for s in &doc.sections {
        let _ = writeln!(out, "\n## {}\n", escape(&s.heading));
        for line in &s.lines {
            let _ = writeln!(out, "- {}", line_md(line, &doc.sources));
        }
    }
    if !doc.sources.is_empty() {
        let _ = writeln!(out, "\n## Sources\n");
        for (i, s) in doc.sources.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, source_md(s));
        }
    }
    out
}

/// One line: a suggestion is marked as one; each citation links to its source.
fn line_md(line: &Line, sources: &[SourceRef]) -> String {
    let text = escape(&line.text);
    let body = match line.kind {
        LineKind::Fact => text,
        LineKind::Suggestion => format!("💡 *Suggestion:* {text}"),
        LineKind::Gap => format!("*{text}*"),
    };
    let marks: String = line
        .cites
        .iter()
        .map(|&n| match sources.get(n - 1).and_then(SourceRef::link) {
            Some(url) => format!(" [\\[{n}\\]]({})", link_target(url)),
            None => format!(" \\[{n}\\]"),
        })
        .collect();
    format!("{body}{marks}")
}

/// A source: name (linked when it has an address), as-of date, confidence.
fn source_md(s: &SourceRef) -> String {
    let name = escape(&s.name);
    let name = match s.link() {
        Some(url) => format!("[{name}]({})", link_target(url)),
        None => name,
    };
    format!(
        "{name} — as of {} · confidence {}%",
        escape(&s.last_updated),
        (s.confidence.clamp(0.0, 1.0) * 100.0).round()
    )
}

/// A link's target: a checked `http(s)` address, with the characters that would end or
/// break a Markdown link target percent-encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c => out.push(c),
        }
    }
    out
}

/// Text that Markdown reads back as exactly this text: every mark that can open markup
/// anywhere (code, emphasis, links, HTML, tables, entities, escapes) is backslash-escaped;
/// those that only count at the start of a line (`#`, `-`, `+`, `=`, `1.`) are escaped there;
/// `~` only when doubled (strikethrough). Plain punctuation stays plain, so it pastes cleanly.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A line that begins `12.` or `3)` would become a numbered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let doubled_tilde =
            c == '~' && (chars.get(i + 1) == Some(&'~') || (i > 0 && chars[i - 1] == '~'));
        let at_start = i == 0 && matches!(c, '#' | '-' | '+' | '=');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&'
        ) || doubled_tilde
            || at_start
            || list_number
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
