//! The one-pager and the deck as PDF, drawn on the server with krilla: real, selectable
//! text in an embedded (subset) Liberation Sans, links on the sources. The one-pager fits two
//! pages of A4 or Letter (the body shrinks a little if it must); the deck is landscape, one
//! slide a section.

mod fonts;
pub mod layout;

use app::domain::SourceRef;
use app::domain::one_pager::{Line, LineKind, OnePager, Paper};
use fonts::Fonts;
use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::luma;
use krilla::geom::{Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::TextDirection;
use layout::{Face, Frame, Para, Placed, Style, lay_out};

/// The most pages the one-pager takes.
pub const MAX_PAGES: usize = 2;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be made: {0}")]
pub struct PdfError(String);

/// The one-pager as a PDF of at most [`MAX_PAGES`] pages.
pub fn one_pager(doc: &OnePager) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::get();
    let (width, height) = match doc.paper {
        Paper::A4 => (595.0, 842.0),
        Paper::Letter => (612.0, 792.0),
    };
    let frame = Frame {
        width,
        height,
        margin: 42.0,
    };
    // The body at 9.5 pt, smaller only if the prep would not fit.
    let mut pages = Vec::new();
    for body in [9.5, 9.0, 8.5, 8.0, 7.5, 7.0] {
        pages = lay_out(&page_paras(doc, body), frame, &|t, s| fonts.width(t, s));
        if pages.len() <= MAX_PAGES {
            break;
        }
    }
    // Still too long at the smallest size (it cannot be with the section limits): cut.
    pages.truncate(MAX_PAGES);
    render(fonts, &doc.title, frame, &pages)
}

/// The deck as a landscape PDF: one slide a section, then the sources.
pub fn slides(doc: &OnePager) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::get();
    let frame = Frame {
        width: 960.0,
        height: 540.0,
        margin: 48.0,
    };
    let mut slides: Vec<Vec<Placed>> = Vec::new();
    for (i, s) in deck_sections(doc).into_iter().enumerate() {
        // Each slide on one page: the text shrinks until it fits.
        let mut page = Vec::new();
        for body in [20.0, 18.0, 16.0, 14.0, 12.0, 10.0, 9.0, 8.0] {
            let mut paras = Vec::new();
            if i == 0 {
                paras.push(para(&doc.title, style(Face::Bold, body * 1.6, 0), 0.0, 0.0));
                paras.push(para(
                    &doc.meeting.join(" · "),
                    style(Face::Regular, body * 0.8, 90),
                    0.0,
                    4.0,
                ));
            }
            paras.push(para(
                &s.0,
                style(Face::Bold, body * 1.4, 0),
                0.0,
                if i == 0 { body } else { 0.0 },
            ));
            paras.extend(s.1.iter().cloned().map(|mut p| {
                p.style.size = body;
                p.indent = body;
                p.space_before = body * 0.4;
                p
            }));
            let mut laid = lay_out(&paras, frame, &|t, st| fonts.width(t, st));
            let fits = laid.len() == 1;
            // At the smallest size, what does not fit is cut (the section limits keep
            // every real prep well inside).
            page = laid.swap_remove(0);
            if fits {
                break;
            }
        }
        slides.push(page);
    }
    render(fonts, &doc.title, frame, &slides)
}

/// The deck's slides: each section's heading and lines, then the sources.
fn deck_sections(doc: &OnePager) -> Vec<(String, Vec<Para>)> {
    let body = style(Face::Regular, 16.0, 0);
    let mut out: Vec<(String, Vec<Para>)> = doc
        .sections
        .iter()
        .map(|s| {
            let lines = s.lines.iter().map(|l| line_para(l, body, 0.0)).collect();
            (s.heading.clone(), lines)
        })
        .collect();
    out.push(("Sources".into(), source_paras(&doc.sources, body)));
    out
}

/// The one-pager's paragraphs with the body at `body` points.
fn page_paras(doc: &OnePager, body: f32) -> Vec<Para> {
    let text = style(Face::Regular, body, 0);
    let mut out = vec![
        para(&doc.title, style(Face::Bold, body * 1.9, 0), 0.0, 0.0),
        para(
            &doc.meeting.join(" · "),
            style(Face::Regular, body * 0.95, 90),
            0.0,
            2.0,
        ),
    ];
    if let Some(n) = doc.new_since.as_ref().filter(|n| !n.added.is_empty()) {
        out.push(para(
            &format!("New since {}:", super::day(n.made_at)),
            style(Face::Bold, body, 0),
            0.0,
            body * 0.8,
        ));
        for a in n.added.iter().take(5) {
            out.push(bullet(a, text, body));
        }
    }
    for s in &doc.sections {
        out.push(para(
            &s.heading,
            style(Face::Bold, body * 1.25, 0),
            0.0,
            body * 0.9,
        ));
        for l in &s.lines {
            out.push(line_para(l, text, body * 0.25));
        }
    }
    out.push(para(
        "Sources",
        style(Face::Bold, body * 1.25, 0),
        0.0,
        body * 0.9,
    ));
    out.extend(source_paras(&doc.sources, text));
    out
}

/// A line as a bulleted paragraph: a fact with its `[n]` marks; a suggestion in italics,
/// said to be one; a gap in grey.
fn line_para(line: &Line, body: Style, space: f32) -> Para {
    let marks: String = line.cites.iter().map(|n| format!(" [{n}]")).collect();
    let (text, st) = match line.kind {
        LineKind::Fact => (format!("{}{marks}", line.text), body),
        LineKind::Suggestion => (
            format!("Suggestion: {}{marks}", line.text),
            Style {
                face: Face::Italic,
                ..body
            },
        ),
        LineKind::Gap => (format!("{}{marks}", line.text), Style { grey: 100, ..body }),
    };
    Para {
        space_before: space,
        ..bullet(&text, st, body.size)
    }
}

/// The sources, numbered: name, address, as-of date and confidence, each linked.
fn source_paras(sources: &[SourceRef], body: Style) -> Vec<Para> {
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let url = s.link();
            let text = format!(
                "[{}] {}{} — as of {} — confidence {}%",
                i + 1,
                s.name,
                url.map(|u| format!(" — {u}")).unwrap_or_default(),
                s.last_updated,
                (s.confidence.clamp(0.0, 1.0) * 100.0).round()
            );
            Para {
                link: url.map(str::to_string),
                ..para(
                    &text,
                    Style {
                        size: body.size * 0.9,
                        ..body
                    },
                    0.0,
                    body.size * 0.2,
                )
            }
        })
        .collect()
}

fn style(face: Face, size: f32, grey: u8) -> Style {
    Style { face, size, grey }
}

fn para(text: &str, style: Style, indent: f32, space_before: f32) -> Para {
    Para {
        text: text.to_string(),
        style,
        indent,
        bullet: None,
        space_before,
        link: None,
    }
}

fn bullet(text: &str, style: Style, indent: f32) -> Para {
    Para {
        bullet: Some("•"),
        ..para(text, style, indent, 0.0)
    }
}

/// Draw the placed lines, a page each, into a PDF.
fn render(
    fonts: &Fonts,
    title: &str,
    frame: Frame,
    pages: &[Vec<Placed>],
) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    let settings =
        || PageSettings::from_wh(frame.width, frame.height).ok_or(PdfError("page size".into()));
    for lines in pages {
        let mut page = document.start_page_with(settings()?);
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            for l in lines {
                surface.set_fill(Some(Fill {
                    paint: luma::Color::new(l.style.grey).into(),
                    ..Fill::default()
                }));
                surface.draw_text(
                    Point::from_xy(l.x, l.baseline),
                    fonts.face(l.style.face),
                    l.style.size,
                    &fonts.drawable(&l.text),
                    false,
                    TextDirection::Auto,
                );
                if let Some(url) = &l.link {
                    let top = l.baseline - l.style.size;
                    if let Some(rect) =
                        Rect::from_xywh(l.x, top, l.width.max(1.0), l.style.size * layout::LEADING)
                    {
                        links.push((rect, url.clone()));
                    }
                }
            }
            surface.finish();
        }
        for (rect, url) in links {
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Action(LinkAction::new(url).into())),
                None,
            ));
        }
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("Dossier".into()),
    );
    document.finish().map_err(|e| PdfError(format!("{e:?}")))
}

#[cfg(test)]
mod tests;
