//! Claims cite their sources as `[n]` markers (1-based, into the message's sources); the
//! UI turns each marker into a link to that source record.

/// A piece of message text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    /// A citation of source `n` (1-based).
    Cite(usize),
}

/// Split text into plain runs and citation markers. Only `[n]` with `1 ≤ n ≤ sources`
/// counts; anything else stays text.
pub fn segments(text: &str, sources: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let marker = after.find(']').and_then(|close| {
            let digits = &after[..close];
            let n: usize = (digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()?;
            (1..=sources).contains(&n).then_some((n, close))
        });
        match marker {
            Some((n, close)) => {
                plain.push_str(&rest[..open]);
                if !plain.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut plain)));
                }
                out.push(Segment::Cite(n));
                rest = &after[close + 1..];
            }
            None => {
                plain.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

/// The citation markers a text uses (1-based, in order of first use).
pub fn cited(text: &str, sources: usize) -> Vec<usize> {
    let mut seen = Vec::new();
    for s in segments(text, sources) {
        if let Segment::Cite(n) = s
            && !seen.contains(&n)
        {
            seen.push(n);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::*;

    #[test]
    fn markers_become_citations() {
        assert_eq!(
            segments("Raised $50M [1]. Hiring [2][1].", 2),
            vec![
                Text("Raised $50M ".into()),
                Cite(1),
                Text(". Hiring ".into()),
                Cite(2),
                Cite(1),
                Text(".".into())
            ]
        );
        assert_eq!(cited("a [2] b [1] c [2]", 2), vec![2, 1]);
    }

    #[test]
    fn anything_else_stays_text() {
        for text in [
            "[0]",
            "[3]",
            "[x]",
            "[",
            "]",
            "[1",
            "[[1]]x",
            "[99999999999999999999]",
            "",
        ] {
            let segs = segments(text, 2);
            let joined: String = segs
                .iter()
                .map(|s| match s {
                    Text(t) => t.clone(),
                    Cite(n) => format!("[{n}]"),
                })
                .collect();
            assert_eq!(joined, text, "text must survive intact");
        }
        assert_eq!(
            segments("[[1]]x", 1),
            vec![Text("[".into()), Cite(1), Text("]x".into())]
        );
        assert_eq!(segments("héllo [1] ✓", 1).len(), 3);
    }
}
