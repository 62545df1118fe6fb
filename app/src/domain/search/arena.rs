//! Many short strings in one: each is a [`Span`] (start and length) of the arena's text.

/// A string's place in an [`Arena`]. Longer strings are cut to `u16::MAX` bytes (at a
/// character boundary): no name or domain is that long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    len: u16,
}

impl Span {
    pub(super) fn len(self) -> usize {
        usize::from(self.len)
    }

    pub(super) fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The first `len` bytes (a character boundary of the text).
    pub(super) fn prefix(self, len: usize) -> Span {
        self.slice(0, len)
    }

    /// Bytes `from..to` of this span (character boundaries of the text).
    pub(super) fn slice(self, from: usize, to: usize) -> Span {
        let to = to.min(self.len());
        let from = from.min(to);
        Span {
            start: self.start + from as u32,
            len: (to - from) as u16,
        }
    }
}

/// The text behind every span.
#[derive(Default)]
pub(super) struct Arena {
    text: String,
}

impl Arena {
    /// Store `s` (cut to `u16::MAX` bytes) and return its span.
    pub(super) fn push(&mut self, s: &str) -> Span {
        let mut len = s.len().min(usize::from(u16::MAX));
        while !s.is_char_boundary(len) {
            len -= 1;
        }
        let start = u32::try_from(self.text.len()).expect("an index under 4 GB of names");
        self.text.push_str(&s[..len]);
        Span {
            start,
            len: len as u16,
        }
    }

    /// The text of `span` (empty if a span was cut inside a character).
    pub(super) fn get(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.text.get(start..start + span.len()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_back_their_text_and_parts() {
        let mut a = Arena::default();
        let x = a.push("acme corp");
        let y = a.push("müller");
        assert_eq!(a.get(x), "acme corp");
        assert_eq!(a.get(y), "müller");
        assert_eq!(a.get(x.prefix(4)), "acme");
        assert_eq!(a.get(x.slice(5, 9)), "corp");
        assert_eq!(a.get(x.slice(5, 99)), "corp");
        assert!(a.push("").is_empty());
    }

    #[test]
    fn a_huge_string_is_cut_at_a_character_boundary() {
        let mut a = Arena::default();
        let s = "é".repeat(40_000);
        let span = a.push(&s);
        assert!(span.len() <= usize::from(u16::MAX));
        assert!(a.get(span).chars().all(|c| c == 'é'));
    }
}
