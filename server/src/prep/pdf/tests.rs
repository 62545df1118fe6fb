//! What a reader of the PDFs gets, read back with poppler's `pdftotext` (installed by
//! `make test` from Debian's poppler-utils).

use super::*;
use crate::answers::fixtures::*;
use crate::prep::build::tests::made;
use crate::prep::build::{MAX_LINE_CHARS, MAX_PINNED, Made, one_pager as build};
use app::domain::one_pager::{PinnedItem, SectionKey};

/// The text of each page of `pdf`, whitespace folded.
pub fn pages_text(pdf: &[u8]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("dossier-pdf-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; `make test` installs it)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line as the PDF says it (what the font can draw).
fn as_drawn(text: &str) -> String {
    fold(&fonts::Fonts::get().drawable(text))
}

#[test]
fn the_one_pager_pdf_has_every_section_claim_and_source_on_at_most_two_pages() {
    let ev = as_rep(acme(), Some(app::domain::RepRole::AccountExecutive), None);
    let doc = build(&ev, &[], made());
    let pdf = one_pager(&doc).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() <= 300 * 1024, "{} bytes", pdf.len());
    let pages = pages_text(&pdf);
    assert!(pages.len() <= MAX_PAGES, "{} pages", pages.len());
    let all = pages.join(" ");
    assert!(all.contains("Meeting prep — Acme Corp"), "{all}");
    for s in &doc.sections {
        assert!(all.contains(&s.heading), "{}", s.heading);
        for l in &s.lines {
            assert!(
                all.contains(&as_drawn(&l.text)),
                "missing: {}\nin: {all}",
                l.text
            );
        }
    }
    assert!(all.contains("Sources"));
    for (i, s) in doc.sources.iter().enumerate() {
        assert!(
            all.contains(&format!("[{}] {}", i + 1, s.name)),
            "{}",
            s.name
        );
        assert!(all.contains(&s.last_updated));
    }
    assert!(all.contains("Suggestion:"));
}

#[test]
fn the_longest_prep_still_fits_two_pages_of_letter_with_nothing_cut() {
    let long = |i: usize| {
        format!("{i} {}", "word ".repeat(MAX_LINE_CHARS / 5))
            .chars()
            .take(MAX_LINE_CHARS)
            .collect::<String>()
    };
    let pinned: Vec<PinnedItem> = (0..MAX_PINNED + 3)
        .map(|i| PinnedItem {
            item_id: format!("i{i}"),
            message_id: format!("m{i}"),
            text: format!("Title\n{}", long(i)),
            sources: vec![source(&format!("Source {i}"))],
            position: i as u32,
            added_at: 0,
        })
        .collect();
    let mut doc = build(
        &acme(),
        &pinned,
        Made {
            paper: Paper::Letter,
            ..made()
        },
    );
    for s in &mut doc.sections {
        while s.lines.len() < crate::prep::build::MAX_SECTION_LINES {
            s.lines.push(s.lines[0].clone());
        }
        for (i, l) in s.lines.iter_mut().enumerate() {
            l.text = long(i);
        }
    }
    let pdf = one_pager(&doc).unwrap();
    let pages = pages_text(&pdf);
    assert!(pages.len() <= MAX_PAGES, "{} pages", pages.len());
    let all = pages.join(" ");
    let last = doc.sections.last().unwrap();
    assert_eq!(last.key, SectionKey::Pinned);
    assert!(
        all.contains(&format!("[{}]", doc.sources.len())),
        "the last source is there"
    );
    assert!(all.contains(&last.heading));
}

#[test]
fn the_deck_has_one_slide_a_section_and_the_sources() {
    let doc = build(&acme(), &[], made());
    let pdf = slides(&doc).unwrap();
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), doc.sections.len() + 1);
    assert!(pages[0].contains("Meeting prep — Acme Corp"));
    for (page, s) in pages.iter().zip(&doc.sections) {
        assert!(page.contains(&s.heading), "{page}");
        for l in &s.lines {
            assert!(page.contains(&as_drawn(&l.text)), "{}", l.text);
        }
    }
    assert!(pages.last().unwrap().starts_with("Sources"));
}

#[test]
fn hostile_text_is_drawn_as_text() {
    let mut ev = acme();
    ev.account.name = "<script>alert(1)</script> %PDF-1.7 endobj )( \\ 🧨".into();
    let doc = build(&ev, &[], made());
    let all = pages_text(&one_pager(&doc).unwrap()).join(" ");
    assert!(
        all.contains("<script>alert(1)</script> %PDF-1.7 endobj )( \\"),
        "{all}"
    );
}
