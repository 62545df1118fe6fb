//! The sources an answer cites, numbered as they are first used: `[1]`, `[2]`, …

use app::domain::SourceRef;

/// The sources cited so far, in the order of their numbers.
#[derive(Default)]
pub struct Cites {
    sources: Vec<SourceRef>,
}

impl From<Vec<SourceRef>> for Cites {
    /// Go on numbering after `sources` (already cited as `[1]`…`[n]`).
    fn from(sources: Vec<SourceRef>) -> Self {
        Self { sources }
    }
}

impl Cites {
    /// The marker for `source`, adding it on first use (same name and address = same record).
    pub fn mark(&mut self, source: &SourceRef) -> String {
        let i = match self
            .sources
            .iter()
            .position(|s| s.name == source.name && s.url == source.url)
        {
            Some(i) => i,
            None => {
                self.sources.push(source.clone());
                self.sources.len() - 1
            }
        };
        format!("[{}]", i + 1)
    }

    /// Nothing cited yet.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The cited sources: `[1]` is the first.
    pub fn into_sources(self) -> Vec<SourceRef> {
        self.sources
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_record_keeps_its_number() {
        let s = |name: &str, url: Option<&str>| SourceRef {
            name: name.into(),
            confidence: 0.9,
            last_updated: "2026-11-20".into(),
            url: url.map(str::to_string),
            fetched_at_ms: None,
        };
        let mut c = Cites::default();
        assert_eq!(c.mark(&s("News", Some("https://a"))), "[1]");
        assert_eq!(c.mark(&s("Jobs", None)), "[2]");
        assert_eq!(c.mark(&s("News", Some("https://a"))), "[1]");
        assert_eq!(c.mark(&s("News", Some("https://b"))), "[3]");
        assert_eq!(c.into_sources().len(), 3);
    }
}
