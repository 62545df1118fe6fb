//! An answer: what the rep reads, with `[n]` markers into the sources it cites.

use super::cite::Cites;
use app::domain::SourceRef;
use app::domain::citation::{Segment, segments};

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
        let mut cites = Cites::from(self.sources);
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
