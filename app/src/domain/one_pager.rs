//! The meeting-prep one-pager as a document: sections of lines, each line a cited fact or
//! one of Dossier's own suggestions (never dressed as a fact), and the sources the facts
//! cite. The page, the PDF, the deck and the Markdown are all drawn from this.

use super::SourceRef;
use serde::{Deserialize, Serialize};

/// What a section is for (its place in the page, and its name on the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKey {
    Summary,
    Signals,
    People,
    Angle,
    Questions,
    Risks,
    NextSteps,
    Pinned,
}

impl SectionKey {
    /// The sections in page order.
    pub const ALL: [SectionKey; 8] = [
        SectionKey::Summary,
        SectionKey::Signals,
        SectionKey::People,
        SectionKey::Angle,
        SectionKey::Questions,
        SectionKey::Risks,
        SectionKey::NextSteps,
        SectionKey::Pinned,
    ];

    /// The section's heading.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKey::Summary => "Executive summary",
            SectionKey::Signals => "Key signals",
            SectionKey::People => "People to meet",
            SectionKey::Angle => "Your angle",
            SectionKey::Questions => "Questions to ask",
            SectionKey::Risks => "Risks and watch-outs",
            SectionKey::NextSteps => "Next steps",
            SectionKey::Pinned => "Pinned from the chat",
        }
    }
}

/// Whose word a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A fact, citing the sources that say it.
    Fact,
    /// Dossier's own suggestion (a question to ask, a next step, an angle): cites the facts
    /// it draws on, if any, and is shown as a suggestion.
    Suggestion,
    /// What was searched and not found, or is not in yet.
    Gap,
}

/// One line of a section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Plain text: no `[n]` markers, no Markdown.
    pub text: String,
    pub kind: LineKind,
    /// The sources it cites: 1-based into [`OnePager::sources`].
    #[serde(default)]
    pub cites: Vec<usize>,
}

impl Line {
    pub fn fact(text: impl Into<String>, cites: Vec<usize>) -> Self {
        Self {
            text: text.into(),
            kind: LineKind::Fact,
            cites,
        }
    }

    pub fn suggestion(text: impl Into<String>, cites: Vec<usize>) -> Self {
        Self {
            text: text.into(),
            kind: LineKind::Suggestion,
            cites,
        }
    }

    pub fn gap(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: LineKind::Gap,
            cites: Vec::new(),
        }
    }
}

/// A section: its heading and lines; with nothing found, a line that says what was searched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub key: SectionKey,
    pub heading: String,
    pub lines: Vec<Line>,
}

/// An item the rep pinned from the chat ("📋 Add to meeting prep").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PinnedItem {
    pub item_id: String,
    /// The chat message it was pinned from.
    pub message_id: String,
    /// The message's text, as pinned (with its `[n]` markers into `sources`).
    pub text: String,
    pub sources: Vec<SourceRef>,
    pub position: u32,
    pub added_at: i64,
}

/// What changed since the previous version ("New since 1 Dec: …").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSince {
    pub version: u32,
    /// When the previous version was made (ms since the epoch), and that day in words
    /// (`1 Dec 2026`).
    pub made_at: i64,
    pub made_on: String,
    /// The lines that are new, as their text.
    pub added: Vec<String>,
    /// The lines that are gone.
    pub removed: Vec<String>,
}

/// The one-pager, one version of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnePager {
    pub prep_id: String,
    pub version: u32,
    /// When this version was made (ms since the epoch).
    pub made_at: i64,
    pub account_id: String,
    pub account_name: String,
    /// "Meeting prep — Acme Corp".
    pub title: String,
    /// The meeting: purpose, role, date and attendees when known.
    pub meeting: Vec<String>,
    pub sections: Vec<Section>,
    pub sources: Vec<SourceRef>,
    /// Where the rep's locale puts it: A4 unless the locale is a Letter one.
    pub paper: Paper,
    #[serde(default)]
    pub new_since: Option<NewSince>,
    /// The rep's own company ("Keyfort"), the meeting's purpose and the rep's products
    /// that fit: what a customer-safe note may say (no finding, no CRM figure).
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub purpose: Option<super::MeetingPurpose>,
    #[serde(default)]
    pub offer: Vec<String>,
}

impl OnePager {
    pub fn section(&self, key: SectionKey) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// Every line's text, section by section (for the "new since" comparison).
    pub fn line_texts(&self) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|s| s.key != SectionKey::Pinned)
            .flat_map(|s| s.lines.iter().map(|l| l.text.as_str()))
            .collect()
    }
}

/// The page size a prep prints on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Letter where the locale's region uses it (US, Canada, Mexico, the Philippines, Chile,
    /// Colombia, Venezuela …), else A4. `locale` as in `Accept-Language`: `en-US,en;q=0.9`.
    pub fn for_locale(locale: &str) -> Self {
        const LETTER: [&str; 10] = ["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"];
        let first = locale.split(',').next().unwrap_or("").trim();
        let first = first.split(';').next().unwrap_or("");
        let region = first.split(['-', '_']).nth(1).unwrap_or("");
        if LETTER.iter().any(|r| r.eq_ignore_ascii_case(region)) {
            Paper::Letter
        } else {
            Paper::A4
        }
    }
}

/// A prep in the rep's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrepSummary {
    pub prep_id: String,
    pub account_id: String,
    pub account_name: String,
    pub chat_session_id: String,
    /// The latest version (0: not generated yet).
    pub version: u32,
    pub updated_at: i64,
    pub items: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_picks_the_paper() {
        for (locale, paper) in [
            ("en-US,en;q=0.9", Paper::Letter),
            ("en-us", Paper::Letter),
            ("fr-CA", Paper::Letter),
            ("en-GB,en;q=0.8", Paper::A4),
            ("de-DE", Paper::A4),
            ("de", Paper::A4),
            ("", Paper::A4),
            ("es_MX", Paper::Letter),
            ("zz-ZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", Paper::A4),
            (";;;,,,-", Paper::A4),
        ] {
            assert_eq!(Paper::for_locale(locale), paper, "{locale}");
        }
    }
}
