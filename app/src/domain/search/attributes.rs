//! Accounts by what they are and where: `fintech in new york`, `healthcare accounts`,
//! `software austin`. Every word of an account's industry and location is a token in one
//! sorted list; each word of the query (filler words like "in" and "accounts" dropped)
//! must start one of the account's words. The rarest word picks the candidates, the rest
//! filter them.

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
    /// Per account, its words.
    words: Vec<Vec<Box<str>>>,
}

impl Attributes {
    pub(super) fn new(accounts: &[AccountSummary]) -> Self {
        let mut tokens: Vec<(Box<str>, u32)> = Vec::with_capacity(accounts.len() * 4);
        let mut words = Vec::with_capacity(accounts.len());
        for (i, a) in accounts.iter().enumerate() {
            let mut mine: Vec<Box<str>> = Vec::new();
            for w in normalise(&a.industry)
                .split(' ')
                .chain(normalise(&a.location).split(' ').collect::<Vec<_>>())
                .filter(|w| !w.is_empty())
            {
                if !mine.iter().any(|m| &**m == w) {
                    mine.push(w.into());
                    tokens.push((w.into(), i as u32));
                }
            }
            words.push(mine);
        }
        tokens.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Self { tokens, words }
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

    /// The accounts whose words cover every term.
    pub(super) fn matching(&self, terms: &[String]) -> Vec<u32> {
        let postings: Vec<&[(Box<str>, u32)]> = terms.iter().map(|t| self.starting(t)).collect();
        let Some(rarest) = postings.iter().min_by_key(|p| p.len()) else {
            return Vec::new();
        };
        let mut hits: Vec<u32> = rarest
            .iter()
            .map(|(_, a)| *a)
            .filter(|&a| {
                terms
                    .iter()
                    .all(|t| self.words[a as usize].iter().any(|w| word_matches(w, t)))
            })
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// The tokens `term` matches: its prefix range (whole words for short terms).
    fn starting(&self, term: &str) -> &[(Box<str>, u32)] {
        let start = self.tokens.partition_point(|(w, _)| **w < *term);
        let len = self.tokens[start..]
            .iter()
            .take_while(|(w, _)| word_matches(w, term))
            .count();
        &self.tokens[start..start + len]
    }
}

fn word_matches(word: &str, term: &str) -> bool {
    if term.chars().count() < MIN_PREFIX {
        word == term
    } else {
        word.starts_with(term)
    }
}
