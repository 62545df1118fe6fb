//! The LLM analyst: any server speaking the OpenAI Chat Completions API (OpenAI, Ollama,
//! vLLM, llama.cpp), streamed over server-sent events. It is given only the collected facts,
//! numbered, and must cite them; a sentence citing no fact, or a fact that does not exist,
//! is dropped before the rep sees the final answer.

use super::cite::Cites;
use super::facts::{Fact, numbered};
use super::{Analyst, AnalystError, Answer, Evidence, Question};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// Where the model is and how long to wait for it.
#[derive(Clone, PartialEq, Eq)]
pub struct LlmConfig {
    /// e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`.
    pub base_url: String,
    pub model: String,
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
/// The longest line (one SSE event, or a whole classifier answer) accepted from a model.
const MAX_LINE_BYTES: usize = 64 * 1024;

pub struct LlmAnalyst {
    config: LlmConfig,
    http: reqwest::Client,
}

impl LlmAnalyst {
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

#[derive(Deserialize)]
struct Chunk {
    #[serde(default, deserialize_with = "null_as_empty")]
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    delta: Delta,
}

#[derive(Deserialize, Default)]
struct Delta {
    #[serde(default)]
    content: Option<String>,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Choice>, D::Error> {
    Ok(Option::<Vec<Choice>>::deserialize(d)?.unwrap_or_default())
}

fn prompt(q: &Question, ev: &Evidence, facts: &[Fact]) -> serde_json::Value {
    let persona = ev.persona.describe().unwrap_or_else(|| "not given".into());
    let mut listed = String::new();
    for (i, f) in facts.iter().enumerate() {
        listed.push_str(&format!("[F{}] {}\n", i + 1, f.text));
    }
    let missing: Vec<String> = ev
        .steps
        .iter()
        .filter(|(_, d)| !matches!(d, super::StepData::Found(_)))
        .map(|(k, _)| k.noun().to_string())
        .collect();
    let focus = q
        .focus
        .as_deref()
        .map(|f| format!(" (about the {f})"))
        .unwrap_or_default();
    json!({
        "model": "",
        "stream": true,
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content":
                "You are Dossier, a meeting-prep assistant for a sales rep. Use ONLY the numbered \
                 facts you are given. End every sentence with the ids of the facts it relies on, \
                 in square brackets before the full stop, like [F2] or [F1][F3]. Never state \
                 anything the facts don't support and never invent ids. Be brief: at most eight \
                 short sentences or bullets. Tailor the advice to the rep's role and meeting."},
            {"role": "user", "content": format!(
                "Rep: {persona}.\nAccount: {} ({}).\nQuestion: {}{focus}.\nNot available: {}.\n\nFacts:\n{listed}",
                ev.account.name, ev.account.domain, q.intent.area(),
                if missing.is_empty() { "nothing".to_string() } else { missing.join(", ") })},
        ],
    })
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
        let mut body = prompt(q, ev, &facts);
        body["model"] = json!(self.config.model);
        let deadline = tokio::time::Instant::now() + self.config.total_timeout;
        let send = tokio::time::timeout_at(deadline, self.request(body).send())
            .await
            .map_err(|_| AnalystError::Stalled(self.config.total_timeout.as_secs()))?
            .map_err(|e| AnalystError::Unreachable(e.without_url().to_string()))?;
        if !send.status().is_success() {
            return Err(AnalystError::Status(send.status().as_u16()));
        }
        let mut stream = send.bytes_stream();
        let mut buf: Vec<u8> = Vec::new();
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
            let bytes =
                bytes.map_err(|e| AnalystError::Unreachable(e.without_url().to_string()))?;
            buf.extend_from_slice(&bytes);
            if buf.len() > MAX_LINE_BYTES && !buf.contains(&b'\n') {
                return Err(AnalystError::Malformed(format!(
                    "a line longer than {MAX_LINE_BYTES} bytes"
                )));
            }
            while let Some(nl) = buf.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = buf.drain(..=nl).collect();
                let line = String::from_utf8_lossy(&line);
                let Some(data) = line.trim().strip_prefix("data:") else {
                    continue; // blank lines, comments, `event:` lines
                };
                let data = data.trim();
                if data == "[DONE]" {
                    break 'read;
                }
                let chunk: Chunk = serde_json::from_str(data)
                    .map_err(|e| AnalystError::Malformed(e.to_string()))?;
                for c in chunk.choices {
                    if let Some(piece) = c.delta.content {
                        chars += piece.chars().count();
                        text.push_str(&piece);
                    }
                }
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

/// The model's text with every sentence that cites no fact, or an unknown one, dropped and
/// the `[Fn]` ids turned into the answer's `[n]` source markers.
pub fn checked(text: &str, facts: &[Fact]) -> Result<Answer, AnalystError> {
    let ids = regex::Regex::new(r"\[\s*F\d+(?:\s*[,;]\s*F\d+)*\s*\]").expect("static regex");
    let one = regex::Regex::new(r"F(\d+)").expect("static regex");
    // "… fact. [F1]" → "… fact [F1]." so the ids stay with their sentence.
    let trailing = regex::Regex::new(r"([.!?])((?:\s*\[\s*F\d+(?:\s*[,;]\s*F\d+)*\s*\])+)")
        .expect("static regex");
    // Bare "[2]" in model text would pose as one of our citation markers.
    let bare = regex::Regex::new(r"\[\s*\d+\s*\]").expect("static regex");
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
