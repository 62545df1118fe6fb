//! The citation check on a model's answer: every sentence must cite a numbered fact that
//! exists; the rest is dropped, and the `[Fn]` ids become the answer's `[n]` markers.

use super::prompt::Fact;
use crate::analysts::{AnalystError, Answer};
use crate::answers::cite::Cites;

/// A regex compiled once, on first use (the check runs on every streamed line).
macro_rules! once {
    ($re:literal) => {{
        static RE: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new($re).expect("static regex"));
        &*RE
    }};
}

/// The model's text with every sentence that cites no fact, or an unknown one, dropped and
/// the `[Fn]` ids turned into the answer's `[n]` source markers.
pub fn checked(text: &str, facts: &[Fact]) -> Result<Answer, AnalystError> {
    let ids = once!(r"\[\s*F\d+(?:\s*[,;]\s*F\d+)*\s*\]");
    let one = once!(r"F(\d+)");
    // "… fact. [F1]" → "… fact [F1]." so the ids stay with their sentence.
    let trailing = once!(r"([.!?])((?:\s*\[\s*F\d+(?:\s*[,;]\s*F\d+)*\s*\])+)");
    // Bare "[2]" in model text would pose as one of our citation markers.
    let bare = once!(r"\[\s*\d+\s*\]");
    let text = bare.replace_all(text, "");
    let text = trailing.replace_all(&text, "$2$1");
    let mut cites = Cites::default();
    let mut lines_out = Vec::new();
    let mut dropped = 0;
    for line in text.lines() {
        let mut kept = Vec::new();
        for sentence in sentences(line) {
            let groups: Vec<&str> = ids.find_iter(sentence).map(|m| m.as_str()).collect();
            let cited: Vec<usize> = groups
                .iter()
                .flat_map(|g| {
                    one.captures_iter(g)
                        .map(|c| c[1].parse::<usize>().unwrap_or(0)) // unparseable = unknown
                })
                .collect();
            let plain = sentence.trim();
            let heading = plain.ends_with(':') && plain.len() < 80;
            if plain.is_empty() || (cited.is_empty() && heading) {
                if !plain.is_empty() {
                    kept.push(plain.to_string());
                }
                continue;
            }
            if cited.is_empty() || cited.iter().any(|&n| n == 0 || n > facts.len()) {
                dropped += 1;
                tracing::info!(
                    sentence = plain,
                    "dropped a model sentence citing no known fact"
                );
                continue;
            }
            let out = ids.replace_all(sentence, |caps: &regex::Captures| {
                one.captures_iter(&caps[0])
                    .filter_map(|c| c[1].parse::<usize>().ok())
                    .map(|n| cites.mark(&facts[n - 1].source))
                    .collect::<String>()
            });
            kept.push(out.trim().to_string());
        }
        if !kept.is_empty() {
            lines_out.push(kept.join(" "));
        }
    }
    if cites.is_empty() {
        return Err(AnalystError::Uncited);
    }
    if dropped > 0 {
        tracing::info!(
            dropped,
            "model sentences dropped for missing or invented citations"
        );
    }
    Ok(Answer {
        text: lines_out.join("\n"),
        sources: cites.into_sources(),
    })
}

/// A line cut after each `.`, `!` or `?` that ends a sentence.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let ends =
            matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
        if ends {
            let end = at + c.len_utf8();
            out.push(&line[start..end]);
            start = end;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::SourceRef;

    fn facts() -> Vec<Fact> {
        let src = |name: &str| SourceRef {
            name: name.into(),
            confidence: 0.9,
            last_updated: "2026-11-20".into(),
            url: Some(format!("https://{name}.example")),
            fetched_at_ms: None,
        };
        vec![
            Fact {
                text: "Funding news: $50M Series C".into(),
                source: src("news"),
            },
            Fact {
                text: "Open role: Senior IAM Engineer".into(),
                source: src("jobs"),
            },
        ]
    }

    #[test]
    fn sentences_citing_unknown_or_no_facts_are_dropped() {
        let text = "They raised $50M [F1]. They are hiring an IAM engineer [F2]. \
                    They use Okta [F7]. They love us.\nFocus on identity [F1][F2]!";
        let a = checked(text, &facts()).unwrap();
        assert_eq!(
            a.text,
            "They raised $50M [1]. They are hiring an IAM engineer [2].\nFocus on identity [1][2]!"
        );
        assert_eq!(a.sources.len(), 2);
    }

    #[test]
    fn ids_after_the_full_stop_stay_with_their_sentence() {
        let a = checked("They raised $50M. [F1] Hiring too. [F2, F1]", &facts()).unwrap();
        assert_eq!(a.text, "They raised $50M [1]. Hiring too [2][1].");
    }

    #[test]
    fn bare_numbers_in_brackets_cannot_pose_as_citations() {
        let a = checked("Uses Okta [2] and raised money [F1].", &facts()).unwrap();
        assert_eq!(a.text, "Uses Okta  and raised money [1].");
        assert!(checked("Raised [F1][F99999999999999999999].", &facts()).is_err());
    }

    #[test]
    fn an_answer_with_no_cited_sentence_is_refused() {
        assert!(matches!(
            checked("All good. Trust me.", &facts()),
            Err(AnalystError::Uncited)
        ));
        assert!(matches!(checked("", &facts()), Err(AnalystError::Uncited)));
        assert!(matches!(
            checked("Made up [F0]. Also [F3].", &facts()),
            Err(AnalystError::Uncited)
        ));
    }
}
