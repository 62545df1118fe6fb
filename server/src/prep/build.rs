//! The one-pager made from the evidence: each section is an answer Dossier already gives in
//! the chat (the key signals, the people, product fit, competitors, ROI, starters, risks),
//! read back line by line with its `[n]` markers renumbered into one list of sources. A line
//! in a fact section that cites nothing is a gap ("I found no …"); a line in an analysis
//! section is Dossier's suggestion, citing the facts it draws on.

use crate::answers::{self, Answer, Evidence, cite::Cites};
use app::domain::citation::{Segment, segments};
use app::domain::one_pager::{Line, LineKind, OnePager, Paper, PinnedItem, Section, SectionKey};
use app::domain::{Intent, MeetingPurpose, Question, RepRole, SourceRef};

/// The longest line kept (characters); longer ones end in "…".
pub const MAX_LINE_CHARS: usize = 280;
/// The most lines a section keeps (two pages of A4 or Letter hold them all).
pub const MAX_SECTION_LINES: usize = 5;
/// The most pinned items shown.
pub const MAX_PINNED: usize = 6;
/// The longest account name shown.
const MAX_NAME_CHARS: usize = 120;

/// What a one-pager is made for: its prep, version, the rep's company and locale.
pub struct Made<'a> {
    pub prep_id: &'a str,
    pub version: u32,
    pub made_at: i64,
    /// The rep's own company ("Keyfort"), if set.
    pub vendor: Option<&'a str>,
    pub paper: Paper,
}

/// The one-pager from `ev` and the rep's pinned items.
pub fn one_pager(ev: &Evidence, pinned: &[PinnedItem], made: Made<'_>) -> OnePager {
    let mut cites = Cites::default();
    let ask = |intent: Intent| answers::compose(&Question::new(intent), ev);
    let mut read = |a: &Answer, kind: LineKind| read_lines(a, kind, &mut cites);

    let signals = read(&answers::meeting::main_insights(ev), LineKind::Fact);
    let people = read(&ask(Intent::Contacts), LineKind::Fact);
    let mut angle = read(&ask(Intent::ProductFit), LineKind::Suggestion);
    angle.extend(read(&ask(Intent::Competitors), LineKind::Suggestion));
    angle.extend(read(&ask(Intent::Roi), LineKind::Suggestion));
    let mut questions: Vec<Line> = read(&ask(Intent::ConversationStarters), LineKind::Suggestion)
        .into_iter()
        .filter(|l| l.kind != LineKind::Gap)
        .collect();
    for q in discovery_questions(ev.persona.purpose) {
        if questions.len() >= 3 {
            break;
        }
        questions.push(Line::suggestion(q, vec![]));
    }
    let risks = read(&ask(Intent::Risks), LineKind::Suggestion);
    let summary = executive_summary(&signals, &angle);
    let next = next_steps(ev, made.vendor);
    let pins = pinned_lines(pinned, &mut cites);

    let mut sections: Vec<Section> = [
        (SectionKey::Summary, summary),
        (SectionKey::Signals, signals),
        (SectionKey::People, people),
        (SectionKey::Angle, dedupe(angle)),
        (SectionKey::Questions, questions),
        (SectionKey::Risks, risks),
        (SectionKey::NextSteps, next),
        (SectionKey::Pinned, pins),
    ]
    .into_iter()
    .filter(|(key, lines)| *key != SectionKey::Pinned || !lines.is_empty())
    .map(|(key, mut lines)| {
        lines.truncate(match key {
            SectionKey::Summary => 3,
            SectionKey::Pinned => MAX_PINNED,
            _ => MAX_SECTION_LINES,
        });
        Section {
            key,
            heading: key.heading().to_string(),
            lines,
        }
    })
    .collect();
    let sources = only_cited(&mut sections, cites.into_sources());
    let account_name = clean(&ev.account.name, MAX_NAME_CHARS);
    OnePager {
        prep_id: made.prep_id.to_string(),
        version: made.version,
        made_at: made.made_at,
        account_id: ev.account.id.clone(),
        title: format!("Meeting prep — {account_name}"),
        account_name,
        meeting: meeting_lines(ev, made.vendor, made.made_at),
        sections,
        sources,
        paper: made.paper,
        new_since: None,
        vendor: made.vendor.map(|v| clean(v, MAX_NAME_CHARS)),
        purpose: ev.persona.purpose,
        offer: crate::answers::deal::fit::offered_products(ev)
            .iter()
            .map(|p| clean(p, MAX_NAME_CHARS))
            .collect(),
    }
}

/// The lines of `answer` (its title and sub-headings left out), each with its citations
/// renumbered into `cites`. `kind` is what a cited line is; an uncited line in a fact
/// section is a gap, in an analysis section a suggestion.
fn read_lines(answer: &Answer, kind: LineKind, cites: &mut Cites) -> Vec<Line> {
    let n = answer.sources.len();
    answer
        .text
        .lines()
        .skip(1)
        .filter_map(|raw| {
            let mut text = String::new();
            let mut marks = Vec::new();
            for seg in segments(raw, n) {
                match seg {
                    Segment::Text(t) => text.push_str(&t),
                    Segment::Cite(i) => {
                        let global = cites.mark(&answer.sources[i - 1]);
                        let global: usize = global
                            .trim_matches(|c| c == '[' || c == ']')
                            .parse()
                            .unwrap_or(0);
                        if global > 0 && !marks.contains(&global) {
                            marks.push(global);
                        }
                    }
                }
            }
            let text = plain(&text);
            if text.is_empty() || text.ends_with(':') {
                return None;
            }
            let kind = match (kind, marks.is_empty()) {
                (LineKind::Fact, true) => LineKind::Gap,
                (k, _) => k,
            };
            Some(Line {
                text,
                kind,
                cites: marks,
            })
        })
        .collect()
}

/// A line as plain text: no bullet or leading emoji, no controls or bidi overrides, trimmed
/// to [`MAX_LINE_CHARS`].
fn plain(line: &str) -> String {
    let t = line
        .trim_start_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '•' | '-' | '*' | '\u{fe0f}' | '\u{200d}')
                || is_pictograph(c)
        })
        .trim();
    clean(t, MAX_LINE_CHARS)
}

/// Text without control characters, bidi overrides or zero-width joiners, at most `max`
/// characters (ending in "…" when cut).
pub fn clean(text: &str, max: usize) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_bidi_control(c))
        .collect();
    let kept = kept.trim();
    if kept.chars().count() <= max {
        kept.to_string()
    } else {
        let cut: String = kept.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and marks.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// An emoji or pictograph that opens a chat line ("💰", "🛠", "👤").
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// Three bullets: who they are, the strongest signal, and the angle's lead.
fn executive_summary(signals: &[Line], angle: &[Line]) -> Vec<Line> {
    let facts: Vec<&Line> = signals
        .iter()
        .filter(|l| l.kind == LineKind::Fact)
        .collect();
    // The CRM line is last among the signals; the strongest signal first.
    let mut out: Vec<Line> = Vec::new();
    if let Some(crm) = facts.last() {
        out.push((*crm).clone());
    }
    if let Some(first) = facts
        .first()
        .filter(|f| facts.len() > 1 && Some(**f) != facts.last().copied())
    {
        out.push((*first).clone());
    }
    if let Some(a) = angle.iter().find(|l| l.kind == LineKind::Suggestion) {
        out.push(a.clone());
    }
    if out.is_empty() {
        out.push(Line::gap(
            "Nothing is known about this account yet beyond its name.",
        ));
    }
    out
}

/// Questions that fit any meeting of this kind, to make up at least three.
pub(crate) fn discovery_questions(purpose: Option<MeetingPurpose>) -> Vec<String> {
    let purpose = match purpose {
        Some(MeetingPurpose::Renewal) => {
            "“What would make the next year a clear success for your team?”"
        }
        Some(MeetingPurpose::Expansion) => {
            "“Which teams beyond yours face the same problem today?”"
        }
        Some(MeetingPurpose::TechnicalDiscovery) => {
            "“Which systems would this have to work with on day one?”"
        }
        Some(MeetingPurpose::ExecutiveAlignment) => {
            "“What are the two outcomes you're measured on this year?”"
        }
        None => "“What would make this meeting worth your time?”",
    };
    vec![
        purpose.to_string(),
        "“What has changed in your priorities over the last quarter?”".into(),
        "“Who else should be part of this decision, and what do they care about?”".into(),
    ]
}

/// What to do after the meeting, fitted to the rep's role and what was found.
fn next_steps(ev: &Evidence, vendor: Option<&str>) -> Vec<Line> {
    let ours = vendor.unwrap_or("your product");
    let role = match ev.persona.role {
        Some(RepRole::AccountExecutive) => {
            format!("Propose a follow-up with the economic buyer and a short {ours} business case.")
        }
        Some(RepRole::CustomerSuccess) => {
            "Agree two success metrics and a date to review them together.".into()
        }
        Some(RepRole::SalesEngineer) => {
            "Offer a technical deep-dive on the integration points raised.".into()
        }
        None => "Agree the next meeting and who should join it before you leave.".into(),
    };
    let mut out = vec![Line::suggestion(role, vec![])];
    if let Some(p) = ev.new_executive() {
        out.push(Line::suggestion(
            clean(
                &format!(
                    "Ask for an introduction to {} ({}).",
                    p.fact.name, p.fact.title
                ),
                MAX_LINE_CHARS,
            ),
            vec![],
        ));
    }
    out.push(Line::suggestion(
        "Send a short recap with what you heard and the agreed next step within a day.",
        vec![],
    ));
    out
}

/// The meeting: who is preparing, for what, and when this was made.
fn meeting_lines(ev: &Evidence, vendor: Option<&str>, made_at: i64) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = ev.persona.describe() {
        out.push(clean(&p, MAX_LINE_CHARS));
    }
    if let Some(v) = vendor {
        out.push(clean(&format!("Positioning {v}"), MAX_LINE_CHARS));
    }
    let date = chrono::DateTime::from_timestamp_millis(made_at)
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_default();
    out.push(format!("Prepared {date}"));
    out
}

/// The pinned items: each message's first lines, cited as they were in the chat.
fn pinned_lines(pinned: &[PinnedItem], cites: &mut Cites) -> Vec<Line> {
    let mut items: Vec<&PinnedItem> = pinned.iter().collect();
    items.sort_by_key(|p| (p.position, p.added_at));
    items
        .into_iter()
        .filter_map(|p| {
            let answer = Answer {
                text: format!("title\n{}", first_lines(&p.text)),
                sources: p.sources.clone(),
            };
            let lines = read_lines(&answer, LineKind::Fact, cites);
            let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
            let mut marks: Vec<usize> = Vec::new();
            for m in lines.iter().flat_map(|l| l.cites.iter()) {
                if !marks.contains(m) {
                    marks.push(*m);
                }
            }
            let text = clean(&text.join(" — "), MAX_LINE_CHARS);
            (!text.is_empty()).then_some(Line {
                kind: if marks.is_empty() {
                    LineKind::Suggestion
                } else {
                    LineKind::Fact
                },
                text,
                cites: marks,
            })
        })
        .collect()
}

/// A pinned message's heading and first two lines.
fn first_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines without repeats (the same point made by two analyses).
fn dedupe(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for l in lines {
        if !out.iter().any(|o| o.text == l.text) {
            out.push(l);
        }
    }
    out
}

/// The sources the kept lines cite, numbered again in order of first use (a source cited
/// only by a line that was cut is not listed), names trimmed.
fn only_cited(sections: &mut [Section], all: Vec<SourceRef>) -> Vec<SourceRef> {
    let mut order: Vec<usize> = Vec::new();
    for line in sections.iter_mut().flat_map(|s| s.lines.iter_mut()) {
        for c in &mut line.cites {
            let pos = match order.iter().position(|o| o == c) {
                Some(p) => p,
                None => {
                    order.push(*c);
                    order.len() - 1
                }
            };
            *c = pos + 1;
        }
    }
    order
        .into_iter()
        .filter_map(|old| all.get(old - 1).cloned())
        .map(|mut s| {
            s.name = clean(&s.name, MAX_NAME_CHARS);
            s
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
