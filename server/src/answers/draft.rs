//! An answer being written ([`Draft`]) and the helpers every answer uses: scraped text
//! defused of `[n]`-lookalikes, the persona in a title, whole-word matching, the steps
//! that are missing.

use crate::answers::cite::Cites;
use crate::answers::evidence::Cited;
use crate::answers::{Answer, Evidence, StepData};
use app::domain::{SourceRef, StepKey};

/// Text from a source, with anything that looks like one of our `[n]` citation markers
/// turned into `(n)`, so scraped text can never pose as a link to a source.
pub fn defuse(text: &str) -> String {
    static MARKER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[(\d+)\]").expect("static regex"));
    MARKER.replace_all(text, "($1)").into_owned()
}

/// An answer being written: lines of text and the sources they cite.
pub struct Draft {
    /// The lines so far; the first is the title.
    pub lines: Vec<String>,
    /// The sources the lines cite.
    pub cites: Cites,
}

impl Draft {
    /// A draft with its title line.
    pub fn new(title: String) -> Self {
        Self {
            lines: vec![defuse(&title)],
            cites: Cites::default(),
        }
    }

    /// A line that cites nothing.
    pub fn line(&mut self, text: impl Into<String>) {
        self.lines.push(defuse(&text.into()));
    }

    /// A line ending in the `[n]` marker of `source`.
    pub fn cited(&mut self, text: impl AsRef<str>, source: &SourceRef) {
        let mark = self.cites.mark(source);
        self.lines.push(format!("{} {mark}", defuse(text.as_ref())));
    }

    /// A line ending in the markers of each of `sources` (`[1][2]`): a fact two
    /// sources agree on.
    pub fn cited_by(&mut self, text: impl AsRef<str>, sources: &[&SourceRef]) {
        let marks: String = sources.iter().map(|s| self.cites.mark(s)).collect();
        self.lines
            .push(format!("{} {marks}", defuse(text.as_ref())));
    }

    /// The line saying `what` was not found, and what was searched.
    pub fn gap(&mut self, ev: &Evidence, step: StepKey, what: &str) {
        self.line(format!(
            "• I found no {what} for {} ({}). I won't guess.",
            ev.account.name,
            ev.searched(step)
        ));
    }

    /// The answer: the lines, and the sources they cite.
    pub fn finish(self) -> Answer {
        Answer {
            text: self.lines.join("\n"),
            sources: self.cites.into_sources(),
        }
    }
}

/// An answer listing facts of one kind: the title, then one cited line per fact — or, with
/// none, the line saying `what` was not found at `step`.
pub fn listing<T>(
    ev: &Evidence,
    title: String,
    facts: &[Cited<'_, T>],
    (step, what): (StepKey, &str),
    line: impl Fn(&T) -> String,
) -> Answer {
    let mut d = Draft::new(title);
    if facts.is_empty() {
        d.gap(ev, step, what);
    }
    for f in facts {
        d.cited(line(f.fact), f.source);
    }
    d.finish()
}

/// ` (AE · renewal discussion)` after a title, when the rep said who they are.
pub fn persona_suffix(ev: &Evidence) -> String {
    ev.persona
        .describe()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default()
}

/// `needle` in `text` as a whole word or phrase.
pub fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The steps with nothing to offer, said once per reason: `hiring (still being collected)`,
/// `news & funding, tech stack (the searches failed)` — why each failed is on its step.
pub fn blind_spots(ev: &Evidence) -> Vec<String> {
    let mut spots: Vec<(Vec<&str>, String)> = Vec::new();
    let failed: Vec<StepKey> = ev
        .missing()
        .into_iter()
        .filter(|k| matches!(ev.get(*k), Some(StepData::Failed(_))))
        .collect();
    for k in ev.missing() {
        let why = if failed.len() > 1 && failed.contains(&k) {
            "the searches failed".to_string()
        } else {
            ev.searched(k)
        };
        match spots.iter_mut().find(|(_, w)| *w == why) {
            Some((nouns, _)) => nouns.push(k.noun()),
            None => spots.push((vec![k.noun()], why)),
        }
    }
    spots
        .into_iter()
        .map(|(nouns, why)| format!("{} ({why})", nouns.join(", ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::StepData;
    use crate::answers::fixtures::*;

    #[test]
    fn scraped_markers_become_plain_parentheses() {
        assert_eq!(
            defuse("Top vendor [1] of [23] listed"),
            "Top vendor (1) of (23) listed"
        );
        assert_eq!(defuse("[F1] and [x] stay"), "[F1] and [x] stay");
    }

    #[test]
    fn a_draft_numbers_its_sources_as_first_cited() {
        let mut d = Draft::new("🧪 Title [7]".into());
        d.cited("First", &source("Google News"));
        d.line("Said [2] without a source");
        d.cited("Second", &source("Greenhouse"));
        d.cited("Third", &source("Google News"));
        let a = d.finish();
        assert_eq!(
            a.text,
            "🧪 Title (7)\nFirst [1]\nSaid (2) without a source\nSecond [2]\nThird [1]"
        );
        assert_eq!(cited(&a), ["Google News", "Greenhouse"]);
    }

    #[test]
    fn a_gap_says_what_was_searched_or_why_not() {
        let ev = with(failed(), StepKey::News, nothing(StepKey::News));
        let mut d = Draft::new("T".into());
        d.gap(&ev, StepKey::News, "recent news");
        d.gap(&ev, StepKey::Tech, "technologies");
        d.gap(&ev, StepKey::Contacts, "decision makers");
        assert_eq!(
            d.finish().text,
            [
                "T",
                "• I found no recent news for Acme Corp (searched Google News (2026-11-20)). I won't guess.",
                "• I found no technologies for Acme Corp (the search failed: Website scan: HTTP 503). I won't guess.",
                "• I found no decision makers for Acme Corp (still being collected). I won't guess.",
            ]
            .join("\n")
        );
    }

    #[test]
    fn blind_spots_are_the_steps_without_findings() {
        assert_eq!(
            blind_spots(&failed()),
            [
                "tech stack (the search failed: Website scan: HTTP 503)",
                "contacts (still being collected)"
            ]
        );
        assert!(blind_spots(&bare()).is_empty());
        let mut ev = acme();
        ev.steps.push((StepKey::Analysis, StepData::Pending));
        assert_eq!(blind_spots(&ev), ["analysis (still being collected)"]);
    }

    #[test]
    fn the_persona_goes_in_parentheses() {
        assert_eq!(persona_suffix(&acme()), "");
        let ev = as_rep(acme(), Some(app::domain::RepRole::SalesEngineer), None);
        assert_eq!(persona_suffix(&ev), " (SE)");
    }

    #[test]
    fn words_match_whole() {
        let cases = [
            ("senior iam engineer", "iam", true),
            ("azure ad (partial)", "azure ad", true),
            ("william", "iam", false),
            ("engineering", "engineer", false),
        ];
        for (text, word, whole) in cases {
            assert_eq!(contains_word(text, word), whole, "{word:?} in {text:?}");
        }
    }
}
