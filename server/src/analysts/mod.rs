//! The analysts that answer the rep's questions, and what they work with: the [`Evidence`]
//! an answer may use, the [`Answer`] with its cited sources, and the analysts that write it —
//! [`TemplateAnalyst`] (default: the wording in [`crate::answers`] over the collected facts,
//! offline) and [`llm::LlmAnalyst`] (an OpenAI-compatible model, streamed, given only
//! numbered facts and made to cite them).

pub mod cite;
pub mod evidence;
pub mod llm;

pub use app::domain::Question;
pub use evidence::{Evidence, StepData};

use app::domain::SourceRef;
use app::domain::citation::{Segment, segments};
use tokio::sync::mpsc::UnboundedSender;

/// An answer: text whose claims cite `[n]` markers into `sources` (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// What the rep reads, with `[n]` markers.
    pub text: String,
    /// The records the markers point at: `[1]` is the first.
    pub sources: Vec<SourceRef>,
}

impl Answer {
    /// This answer followed by `more`, its citations renumbered into one source list.
    pub fn append(self, more: Answer) -> Answer {
        let mut cites = cite::Cites::from(self.sources);
        let marks: Vec<String> = more.sources.iter().map(|s| cites.mark(s)).collect();
        let text: String = segments(&more.text, more.sources.len())
            .into_iter()
            .map(|seg| match seg {
                Segment::Text(t) => t,
                Segment::Cite(n) => marks[n - 1].clone(),
            })
            .collect();
        Answer {
            text: format!("{}\n\n{}", self.text, text),
            sources: cites.into_sources(),
        }
    }
}

/// Why an analyst could not answer (the template answer is used instead).
#[derive(Debug, thiserror::Error)]
pub enum AnalystError {
    /// The model's server answered with an error status.
    #[error("the language model answered HTTP {0}")]
    Status(u16),
    /// No connection, or it broke off.
    #[error("the language model could not be reached: {0}")]
    Unreachable(String),
    /// Nothing came for this many seconds.
    #[error("the language model stopped sending for {0} s")]
    Stalled(u64),
    /// The stream was not the Chat Completions format.
    #[error("the language model's stream was malformed: {0}")]
    Malformed(String),
    /// Every sentence was dropped by the citation check.
    #[error("none of the model's sentences cited a collected fact")]
    Uncited,
}

/// Writes answers.
#[async_trait::async_trait]
pub trait Analyst: Send + Sync {
    /// The analyst's name, for the logs and the answer's footnote.
    fn name(&self) -> &str;
    /// Whether answers stream in (the chat shows them growing).
    fn streams(&self) -> bool;
    /// Answer `q` from `ev`; the text so far goes to `partial` as it streams.
    async fn answer(
        &self,
        q: &Question,
        ev: &Evidence,
        partial: Option<UnboundedSender<String>>,
    ) -> Result<Answer, AnalystError>;
}

/// The default analyst: the templates of [`crate::answers`] over the collected facts. Never
/// fails, never invents.
pub struct TemplateAnalyst;

#[async_trait::async_trait]
impl Analyst for TemplateAnalyst {
    fn name(&self) -> &str {
        "templates"
    }

    fn streams(&self) -> bool {
        false
    }

    async fn answer(
        &self,
        q: &Question,
        ev: &Evidence,
        _partial: Option<UnboundedSender<String>>,
    ) -> Result<Answer, AnalystError> {
        Ok(crate::answers::compose(q, ev))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::source as src;

    #[test]
    fn appended_answers_share_one_numbered_source_list() {
        let first = Answer {
            text: "Raised $50M [1]. Hiring [2].".into(),
            sources: vec![src("news"), src("jobs")],
        };
        let more = Answer {
            text: "Uses AWS [1]; hiring again [2]; [9] stays text.".into(),
            sources: vec![src("tech"), src("jobs")],
        };
        let both = first.append(more);
        assert_eq!(
            both.text,
            "Raised $50M [1]. Hiring [2].\n\nUses AWS [3]; hiring again [2]; [9] stays text."
        );
        let names: Vec<&str> = both.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["news", "jobs", "tech"]);
    }
}
