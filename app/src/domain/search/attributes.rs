//! Accounts by what they are and where: `fintech in new york`, `healthcare accounts`,
//! `software austin`. Every word of an account's industry and location is a token in one
//! sorted list; each word of the query (filler words like "in" and "accounts" dropped)
//! must start one of the account's words. Each term's accounts are a bit set; the sets
//! are intersected, rarest first.

use super::normalise;
use crate::domain::AccountSummary;
use std::collections::HashMap;

/// Words a rep puts around an industry or a place.
const FILLER: &[&str] = &[
    "a",
    "all",
    "and",
    "account",
    "accounts",
    "any",
    "around",
    "at",
    "based",
    "companies",
    "company",
    "customer",
    "customers",
    "find",
    "for",
    "from",
    "headquartered",
    "in",
    "list",
    "located",
    "me",
    "my",
    "near",
    "of",
    "show",
    "the",
    "with",
];

/// The shortest query word matched as a prefix (shorter ones must be whole words).
const MIN_PREFIX: usize = 3;

pub(super) struct Attributes {
    /// Every distinct word, sorted.
    words: Vec<Box<str>>,
    /// (word's place in `words`, account), sorted: each word's accounts are one run.
    tokens: Vec<(u32, u32)>,
    accounts: usize,
}

impl Attributes {
    pub(super) fn new<'a>(accounts: impl ExactSizeIterator<Item = &'a AccountSummary>) -> Self {
        // Industries and places repeat across a book: each word is stored once.
        let count = accounts.len();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut tokens: Vec<(u32, u32)> = Vec::with_capacity(count * 4);
        for (i, a) in accounts.enumerate() {
            let industry = normalise(&a.industry);
            let location = normalise(&a.location);
            let mut mine: Vec<u32> = Vec::new();
            for w in industry.split(' ').chain(location.split(' ')) {
                if w.is_empty() {
                    continue;
                }
                let id = match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(w.to_string(), id);
                        id
                    }
                };
                if !mine.contains(&id) {
                    mine.push(id);
                    tokens.push((id, i as u32));
                }
            }
        }
        let mut words: Vec<(String, u32)> = ids.into_iter().collect();
        words.sort_unstable();
        let mut place = vec![0u32; words.len()];
        for (at, (_, id)) in words.iter().enumerate() {
            place[*id as usize] = at as u32;
        }
        for t in &mut tokens {
            t.0 = place[t.0 as usize];
        }
        tokens.sort_unstable();
        Self {
            words: words.into_iter().map(|(w, _)| w.into_boxed_str()).collect(),
            tokens,
            accounts: count,
        }
    }

    /// The query's words that say what or where (None when it has none).
    pub(super) fn terms(query: &str) -> Option<Vec<String>> {
        let terms: Vec<String> = normalise(query)
            .split(' ')
            .filter(|w| !w.is_empty() && !FILLER.contains(w))
            .map(str::to_string)
            .collect();
        (!terms.is_empty()).then_some(terms)
    }

    /// The accounts whose words cover every term, in index order.
    pub(super) fn matching(&self, terms: &[String]) -> Vec<u32> {
        let mut postings: Vec<&[(u32, u32)]> = terms.iter().map(|t| self.starting(t)).collect();
        postings.sort_unstable_by_key(|p| p.len());
        let Some((rarest, rest)) = postings.split_first() else {
            return Vec::new();
        };
        let blocks = self.accounts.div_ceil(64);
        let mut set = vec![0u64; blocks];
        for &(_, a) in rarest.iter() {
            set[a as usize / 64] |= 1 << (a % 64);
        }
        for p in rest {
            let mut both = vec![0u64; blocks];
            for &(_, a) in p.iter() {
                let bit = 1 << (a % 64);
                both[a as usize / 64] |= set[a as usize / 64] & bit;
            }
            set = both;
        }
        let mut hits = Vec::new();
        for (block, bits) in set.into_iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                hits.push(block as u32 * 64 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        hits
    }

    /// The tokens `term` matches: those of the words it starts (the word itself for
    /// short terms).
    fn starting(&self, term: &str) -> &[(u32, u32)] {
        let whole = term.chars().count() < MIN_PREFIX;
        let first = self.words.partition_point(|w| **w < *term);
        let count = self.words[first..]
            .iter()
            .take_while(|w| {
                if whole {
                    ***w == *term
                } else {
                    w.starts_with(term)
                }
            })
            .count();
        let (from, to) = (first as u32, (first + count) as u32);
        let start = self.tokens.partition_point(|&(w, _)| w < from);
        let end = self.tokens.partition_point(|&(w, _)| w < to);
        &self.tokens[start..end]
    }
}
