//! The LLM analyst: any server speaking the OpenAI Chat Completions API (OpenAI, Ollama,
//! vLLM, llama.cpp), streamed over server-sent events. It is given only the collected facts,
//! numbered, and must cite them; a sentence citing no fact, or a fact that does not exist,
//! is dropped before the rep sees the final answer. What the model is given is in [`prompt`],
//! the stream's reading in [`stream`], the citation check in [`check`].

mod check;
mod prompt;
mod stream;

pub use check::checked;
pub use prompt::{Fact, numbered};

use super::{Analyst, AnalystError, Answer, Evidence, Question};
use futures::StreamExt;
use serde_json::json;
use std::time::Duration;
use stream::{Event, MAX_LINE_BYTES, SseLines};
use tokio::sync::mpsc::UnboundedSender;

/// Where the model is and how long to wait for it.
#[derive(Clone, PartialEq, Eq)]
pub struct LlmConfig {
    /// e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`.
    pub base_url: String,
    /// The model's name, e.g. `gpt-4o-mini`, `llama3.1`.
    pub model: String,
    /// The bearer key, if the server wants one.
    pub key: Option<String>,
    /// The longest silence between two chunks of the stream.
    pub idle_timeout: Duration,
    /// The longest a whole answer may take.
    pub total_timeout: Duration,
}

impl std::fmt::Debug for LlmConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmConfig")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("key", &self.key.as_ref().map(|_| "<hidden>"))
            .field("idle_timeout", &self.idle_timeout)
            .field("total_timeout", &self.total_timeout)
            .finish()
    }
}

/// The most text a model answer may have.
const MAX_ANSWER_CHARS: usize = 16_000;

/// The analyst that asks a language model.
pub struct LlmAnalyst {
    config: LlmConfig,
    http: reqwest::Client,
}

impl LlmAnalyst {
    /// An analyst asking the model `config` names.
    pub fn new(config: LlmConfig) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Self { config, http }
    }

    fn request(&self, body: serde_json::Value) -> reqwest::RequestBuilder {
        let url = format!(
            "{}/chat/completions",
            self.config.base_url.trim_end_matches('/')
        );
        let req = self.http.post(url).json(&body);
        match &self.config.key {
            Some(key) => req.bearer_auth(key),
            None => req,
        }
    }

    /// Send the answer request; the response once its status says it is streaming.
    async fn open(
        &self,
        body: serde_json::Value,
        deadline: tokio::time::Instant,
    ) -> Result<reqwest::Response, AnalystError> {
        let resp = tokio::time::timeout_at(deadline, self.request(body).send())
            .await
            .map_err(|_| AnalystError::Stalled(self.config.total_timeout.as_secs()))?
            .map_err(unreachable_error)?;
        if !resp.status().is_success() {
            return Err(AnalystError::Status(resp.status().as_u16()));
        }
        Ok(resp)
    }

    /// Ask the model which category a question belongs to (one word back), for questions
    /// the rules could not place. None when it can't tell or can't be reached.
    pub async fn classify(&self, text: &str) -> Option<app::domain::Intent> {
        let names: Vec<&str> = app::domain::Intent::ALL
            .iter()
            .map(|i| i.action_name())
            .collect();
        let body = json!({
            "model": self.config.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": format!(
                    "Classify the sales rep's message into exactly one of these categories and \
                     reply with the category only: {}. Reply none if no category fits.",
                    names.join(", "))},
                {"role": "user", "content": text},
            ],
        });
        // One deadline over the request and the whole body; a small answer expected.
        let call = async {
            let resp = self.request(body).send().await.ok()?;
            if !resp.status().is_success() {
                tracing::warn!(status = resp.status().as_u16(), "intent classifier failed");
                return None;
            }
            let mut stream = resp.bytes_stream();
            let mut bytes = Vec::new();
            while let Some(chunk) = stream.next().await {
                bytes.extend_from_slice(&chunk.ok()?);
                if bytes.len() > MAX_LINE_BYTES {
                    return None;
                }
            }
            serde_json::from_slice::<serde_json::Value>(&bytes).ok()
        };
        let v = tokio::time::timeout(self.config.total_timeout, call)
            .await
            .ok()
            .flatten()?;
        let word = v["choices"][0]["message"]["content"]
            .as_str()?
            .trim()
            .to_lowercase();
        app::domain::Intent::from_action_name(
            word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_'),
        )
    }
}

#[async_trait::async_trait]
impl Analyst for LlmAnalyst {
    fn name(&self) -> &str {
        "language model"
    }

    fn streams(&self) -> bool {
        true
    }

    async fn answer(
        &self,
        q: &Question,
        ev: &Evidence,
        partial: Option<UnboundedSender<String>>,
    ) -> Result<Answer, AnalystError> {
        let facts = numbered(ev);
        let mut body = prompt::prompt(q, ev, &facts);
        body["model"] = json!(self.config.model);
        let deadline = tokio::time::Instant::now() + self.config.total_timeout;
        let mut stream = self.open(body, deadline).await?.bytes_stream();
        let mut lines = SseLines::default();
        let mut text = String::new();
        let mut chars = 0;
        'read: loop {
            let idle = tokio::time::Instant::now() + self.config.idle_timeout;
            let next = tokio::time::timeout_at(idle.min(deadline), stream.next())
                .await
                .map_err(|_| AnalystError::Stalled(self.config.idle_timeout.as_secs()))?;
            let Some(bytes) = next else {
                break; // the server closed without [DONE]: use what came
            };
            lines.feed(&bytes.map_err(unreachable_error)?)?;
            while let Some(event) = lines.next_event() {
                let Event::Text(piece) = event? else {
                    break 'read;
                };
                chars += piece.chars().count();
                text.push_str(&piece);
                if chars > MAX_ANSWER_CHARS {
                    break 'read;
                }
                // Only what passes the citation check is shown while streaming.
                if let (Some(tx), Ok(so_far)) = (&partial, checked(&text, &facts)) {
                    let _ = tx.send(so_far.text);
                }
            }
        }
        checked(&text, &facts)
    }
}

/// The model's server could not be reached (the error without the address).
fn unreachable_error(e: reqwest::Error) -> AnalystError {
    AnalystError::Unreachable(e.without_url().to_string())
}
