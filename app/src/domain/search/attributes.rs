//! Accounts by what they are and where: `fintech in new york`, `healthcare accounts`,
//! `software austin`. Every word of an account's industry and location is a token in one
//! sorted list; each word of the query (filler words like "in" and "accounts" dropped)
//! must start one of the account's words. Each term's accounts are a bit set; the sets
//! are intersected, rarest first.

use super::normalise;
use crate::domain::AccountSummary;

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
    /// (word, account), sorted by word.
    tokens: Vec<(Box<str>, u32)>,
    accounts: usize,
}

impl Attributes {
    pub(super) fn new(accounts: &[AccountSummary]) -> Self {
        let mut tokens: Vec<(Box<str>, u32)> = Vec::with_capacity(accounts.len() * 4);
        for (i, a) in accounts.iter().enumerate() {
            let industry = normalise(&a.industry);
            let location = normalise(&a.location);
            let mut mine: Vec<&str> = Vec::new();
            for w in industry.split(' ').chain(location.split(' ')) {
                if !w.is_empty() && !mine.contains(&w) {
                    mine.push(w);
                    tokens.push((w.into(), i as u32));
                }
            }
        }
        tokens.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Self {
            tokens,
            accounts: accounts.len(),
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
        let mut postings: Vec<&[(Box<str>, u32)]> =
            terms.iter().map(|t| self.starting(t)).collect();
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

    /// The tokens `term` matches: its prefix range (whole words for short terms).
    fn starting(&self, term: &str) -> &[(Box<str>, u32)] {
        let whole = term.chars().count() < MIN_PREFIX;
        let start = self.tokens.partition_point(|(w, _)| **w < *term);
        let len = self.tokens[start..]
            .iter()
            .take_while(|(w, _)| {
                if whole {
                    **w == *term
                } else {
                    w.starts_with(term)
                }
            })
            .count();
        &self.tokens[start..start + len]
    }
}
