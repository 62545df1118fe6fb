use super::*;
use crate::answers::fixtures::*;
use crate::prep::build::one_pager;
use crate::prep::build::tests::made;
use pulldown_cmark::{Event, Parser, Tag};

fn doc(ev: &crate::answers::Evidence) -> OnePager {
    one_pager(ev, &[], made())
}

/// The links and the text a Markdown reader (CommonMark) gets out of `md`, and whether it
/// found any HTML in it.
fn read(md: &str) -> (Vec<String>, String, bool) {
    let mut links = Vec::new();
    let mut text = String::new();
    let mut html = false;
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Html(_) | Event::InlineHtml(_) => html = true,
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    (links, text, html)
}

#[test]
fn the_markdown_round_trips_its_links_and_lists_the_sources() {
    let d = doc(&acme());
    let md = markdown(&d);
    assert!(md.starts_with("# Meeting prep — Acme Corp\n"), "{md}");
    let (links, text, html) = read(&md);
    assert!(!html);
    // Every source with an address is linked, from its citations and from the list.
    for s in d.sources.iter().filter_map(|s| s.link()) {
        assert!(links.iter().any(|l| l == s), "{s} not linked in {links:?}");
    }
    assert!(
        links
            .iter()
            .all(|l| d.sources.iter().any(|s| s.link() == Some(l.as_str())))
    );
    for s in &d.sections {
        assert!(text.contains(&s.heading), "{}", s.heading);
    }
    assert!(text.contains("Sources"));
    assert!(text.contains("Suggestion:"));
    assert!(text.contains("[1]"), "citations read as [n]");
    assert!(text.contains("confidence 90%"));
}

#[test]
fn hostile_text_is_text_in_markdown() {
    let mut ev = acme();
    ev.account.name = "Evil](javascript:alert(1)) <script>x</script> **bold** `code` # h | t ~~s~~ _i_ \\ ![img](https://x.example/i.png)".into();
    let d = doc(&ev);
    let md = markdown(&d);
    let (links, text, html) = read(&md);
    assert!(!html, "no HTML: {md}");
    assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    // The reader gets the name back exactly as it was typed.
    assert!(
        text.contains(&format!("Meeting prep — {}", ev.account.name)),
        "{text}"
    );
}

#[test]
fn escaping_keeps_plain_words_and_escapes_syntax() {
    assert_eq!(
        escape("Acme, Inc. raises $5M (2026-11-19): why? ~500 staff"),
        "Acme, Inc. raises $5M (2026-11-19): why? ~500 staff"
    );
    assert_eq!(
        escape("[x](y) <b> *z* #1 a|b ~~s~~ &amp;"),
        "\\[x\\](y) \\<b\\> \\*z\\* #1 a\\|b \\~\\~s\\~\\~ \\&amp;"
    );
    assert_eq!(escape("# not a heading"), "\\# not a heading");
    assert_eq!(escape("- not a list"), "\\- not a list");
    assert_eq!(escape("12. not a list"), "12\\. not a list");
    assert_eq!(escape("a\u{0}b"), "a b");
    assert_eq!(escape(""), "");
}

#[test]
fn line_starts_that_would_be_markup_read_back_as_text() {
    for text in [
        "# h", "- x", "+ y", "= z", "1. one", "2) two", "> quote", "---", "***", "<div>",
    ] {
        let (_, read, html) = read(&format!("{}\n", escape(text)));
        assert!(!html, "{text}");
        assert_eq!(read.trim(), text.trim(), "{text}");
    }
}
