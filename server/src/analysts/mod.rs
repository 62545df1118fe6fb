//! The analysts that answer the rep's questions from the [`Evidence`] an answer may use (both
//! defined with the wording in [`crate::answers`]), and the analysts that write it —
//! [`TemplateAnalyst`] (default: the wording in [`crate::answers`] over the collected facts,
//! offline) and [`llm::LlmAnalyst`] (an OpenAI-compatible model, streamed, given only
//! numbered facts and made to cite them).

pub mod llm;

pub use crate::answers::{Answer, Evidence, StepData};
pub use app::domain::Question;

use tokio::sync::mpsc::UnboundedSender;

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
