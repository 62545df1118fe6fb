//! Answering the rep's questions: the [`Evidence`] an answer may use, and the analysts that
//! write it — [`TemplateAnalyst`] (default: templates over the collected facts, offline) and
//! [`llm::LlmAnalyst`] (an OpenAI-compatible model, streamed, given only numbered facts and
//! made to cite them).

mod cite;
pub mod evidence;
pub mod facts;
pub mod llm;
pub mod template;

pub use app::domain::Question;
pub use evidence::{Evidence, StepData};

use app::domain::SourceRef;
use app::domain::citation::{Segment, segments};
use tokio::sync::mpsc::UnboundedSender;

/// An answer: text whose claims cite `[n]` markers into `sources` (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub text: String,
    pub sources: Vec<SourceRef>,
}

impl Answer {
    /// This answer followed by `more`, its citations renumbered into one source list.
    pub fn append(mut self, more: Answer) -> Answer {
        let mut map = Vec::new();
        for s in &more.sources {
            let i = match self
                .sources
                .iter()
                .position(|x| x.name == s.name && x.url == s.url)
            {
                Some(i) => i,
                None => {
                    self.sources.push(s.clone());
                    self.sources.len() - 1
                }
            };
            map.push(i + 1);
        }
        let text: String = segments(&more.text, more.sources.len())
            .into_iter()
            .map(|seg| match seg {
                Segment::Text(t) => t,
                Segment::Cite(n) => format!("[{}]", map[n - 1]),
            })
            .collect();
        self.text = format!("{}\n\n{}", self.text, text);
        self
    }
}

/// Why an analyst could not answer (the template answer is used instead).
#[derive(Debug, thiserror::Error)]
pub enum AnalystError {
    #[error("the language model answered HTTP {0}")]
    Status(u16),
    #[error("the language model could not be reached: {0}")]
    Unreachable(String),
    #[error("the language model stopped sending for {0} s")]
    Stalled(u64),
    #[error("the language model's stream was malformed: {0}")]
    Malformed(String),
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

/// The default analyst: templates over the collected facts. Never fails, never invents.
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
        Ok(template::compose(q, ev))
    }
}
