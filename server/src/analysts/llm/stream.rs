//! The model's answer as it streams in: server-sent events carrying Chat Completions chunks,
//! cut into lines as the bytes arrive and read into the pieces of text they add.

use crate::analysts::AnalystError;
use serde::Deserialize;

/// The longest line (one SSE event, or a whole classifier answer) accepted from a model.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// What one event of the stream says.
#[derive(Debug, PartialEq)]
pub enum Event {
    /// More of the answer (possibly nothing).
    Text(String),
    /// The model is done (`data: [DONE]`).
    Done,
}

/// The bytes received so far, read one complete line at a time.
#[derive(Default)]
pub struct SseLines {
    buf: Vec<u8>,
}

impl SseLines {
    /// Add received bytes; a line longer than [`MAX_LINE_BYTES`] is refused.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), AnalystError> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() > MAX_LINE_BYTES && !self.buf.contains(&b'\n') {
            return Err(AnalystError::Malformed(format!(
                "a line longer than {MAX_LINE_BYTES} bytes"
            )));
        }
        Ok(())
    }

    /// The next event among the complete lines received; None until another line is whole.
    /// Blank lines, comments and `event:` lines are passed over.
    pub fn next_event(&mut self) -> Option<Result<Event, AnalystError>> {
        while let Some(nl) = self.buf.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=nl).collect();
            let line = String::from_utf8_lossy(&line);
            let Some(data) = line.trim().strip_prefix("data:") else {
                continue;
            };
            return Some(parse(data.trim()));
        }
        None
    }
}

/// One event's data: `[DONE]`, or a chunk whose deltas add text.
fn parse(data: &str) -> Result<Event, AnalystError> {
    if data == "[DONE]" {
        return Ok(Event::Done);
    }
    let chunk: Chunk =
        serde_json::from_str(data).map_err(|e| AnalystError::Malformed(e.to_string()))?;
    Ok(Event::Text(
        chunk
            .choices
            .into_iter()
            .filter_map(|c| c.delta.content)
            .collect(),
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn events(lines: &mut SseLines) -> Vec<Event> {
        std::iter::from_fn(|| lines.next_event())
            .map(|e| e.unwrap())
            .collect()
    }

    #[test]
    fn events_are_read_once_their_line_is_whole() {
        let mut lines = SseLines::default();
        lines
            .feed(b": keep-alive\n\nevent: x\ndata: {\"choices\":[{\"delta\":{\"content\":\"Rai")
            .unwrap();
        assert_eq!(events(&mut lines), []);
        lines
            .feed(b"sed\"}},{\"delta\":{}}]}\ndata: {\"choices\":null}\r\ndata: [DONE]\n")
            .unwrap();
        assert_eq!(
            events(&mut lines),
            [
                Event::Text("Raised".into()),
                Event::Text(String::new()),
                Event::Done
            ]
        );
    }

    #[test]
    fn a_broken_chunk_or_an_endless_line_is_malformed() {
        let mut lines = SseLines::default();
        lines.feed(b"data: {not json\n").unwrap();
        assert!(matches!(
            lines.next_event(),
            Some(Err(AnalystError::Malformed(_)))
        ));
        let long = vec![b'a'; MAX_LINE_BYTES + 1];
        assert!(matches!(
            SseLines::default().feed(&long),
            Err(AnalystError::Malformed(m)) if m == "a line longer than 65536 bytes"
        ));
    }
}
