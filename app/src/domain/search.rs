//! Account search as the rep types: exact name > name prefix > word prefix > domain > typo
//! > industry and location words.
//!
//! Every searchable form of every account (its name, its name without a legal suffix, its
//! name without spaces, its later words, its domain) is a token in one sorted list, so a
//! query costs a binary search plus the tokens that actually match it. Ties are broken by a
//! precomputed rank (fewer words first, then A–Z), so ordering never compares strings.
//! Typos are looked for among names with the same first letter, behind a letter-pair filter.
//! Token texts live in one string ([`Arena`]): 100,000 accounts cost tens of megabytes, not
//! a small allocation per word.

mod arena;
mod attributes;

use super::{AccountSummary, HoldsAccount};
use arena::{Arena, Span};
use attributes::Attributes;
use std::collections::HashMap;

/// How well an account matched; higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchTier {
    /// The account's industry and location words cover the query ("fintech in new york").
    Attribute = 0,
    /// Within a small edit distance ("Acmee" → Acme).
    Fuzzy = 1,
    /// The domain starts with the query ("acmecorp" → acmecorp.com).
    Domain = 2,
    /// A later word of the name starts with the query ("industries" → Acme Industries).
    WordPrefix = 3,
    /// The name starts with the query ("acme" → Acme Corp).
    Prefix = 4,
    /// The whole name, or the name without its legal suffix, or the exact domain.
    Exact = 5,
}

/// Legal suffixes that a rep leaves out ("Acme" for "Acme Corp").
const LEGAL_SUFFIXES: &[&str] = &[
    "corp",
    "corporation",
    "inc",
    "llc",
    "ltd",
    "limited",
    "co",
    "gmbh",
    "plc",
    "sa",
    "ag",
    "bv",
    "group",
    "holdings",
];

/// Which form of an account a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The normalised name.
    Name,
    /// The name without its legal suffix.
    Core,
    /// The name without spaces.
    Compact,
    /// A word of the name after the first.
    Word,
    /// The domain up to its first dot.
    DomainLabel,
    /// The whole domain.
    Domain,
}

struct Token {
    text: Span,
    kind: Kind,
    account: u32,
}

/// What typo matching compares, per account.
struct Spelling {
    name: Span,
    first_word: Span,
    compact: Span,
    core_compact: Span,
}

/// The searchable copy of every account: `T` is the account, or a record that holds one
/// (the book keeps each account once, with its CRM identity beside it).
pub struct AccountIndex<T = AccountSummary> {
    accounts: Vec<T>,
    /// Positions in `accounts`, sorted by account id.
    by_id: Vec<u32>,
    /// Every token's text.
    text: Arena,
    /// Sorted by text.
    tokens: Vec<Token>,
    /// Per account: its place in (fewer words, then A–Z) order.
    rank: Vec<u32>,
    spellings: Vec<Spelling>,
    /// Accounts by the first letter of their name: where typos are looked for.
    by_initial: HashMap<char, Vec<u32>>,
    /// Per account, a 64-bit set of hashed letter pairs of its compact name.
    bigrams: Vec<u64>,
    /// Industry and location words, for `fintech in new york`.
    attributes: Attributes,
}

/// Lower case, letters and digits kept, everything else one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '&' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

impl<T: HoldsAccount> AccountIndex<T> {
    pub fn new(accounts: Vec<T>) -> Self {
        let mut text = Arena::default();
        let mut tokens = Vec::with_capacity(accounts.len() * 6);
        let mut spellings = Vec::with_capacity(accounts.len());
        let mut by_initial: HashMap<char, Vec<u32>> = HashMap::new();
        let mut bigrams = Vec::with_capacity(accounts.len());
        let mut order: Vec<(usize, u32)> = Vec::with_capacity(accounts.len());
        for (i, a) in accounts.iter().enumerate() {
            let a = a.account();
            let i32 = i as u32;
            let name = normalise(&a.name);
            let core = match name.rsplit_once(' ') {
                Some((head, last)) if LEGAL_SUFFIXES.contains(&last) => head,
                _ => name.as_str(),
            };
            let compact = name.replace(' ', "");
            let core_compact = core.replace(' ', "");
            let domain = a.domain.to_lowercase();
            // Each form stored once: the name's words, core and first word are parts of it.
            let name_span = text.push(&name);
            let compact_span = text.push(&compact);
            let core_compact_span = if core_compact == compact {
                compact_span
            } else {
                text.push(&core_compact)
            };
            let domain_span = text.push(&domain);
            let mut push = |span: Span, kind| {
                if !span.is_empty() {
                    tokens.push(Token {
                        text: span,
                        account: i32,
                        kind,
                    });
                }
            };
            push(name_span, Kind::Name);
            if core.len() != name.len() {
                push(name_span.prefix(core.len()), Kind::Core);
            }
            push(compact_span, Kind::Compact);
            let mut start = 0;
            for (k, w) in name.split(' ').enumerate() {
                if k > 0 {
                    push(name_span.slice(start, start + w.len()), Kind::Word);
                }
                start += w.len() + 1;
            }
            let label = domain.split('.').next().unwrap_or("").len();
            push(domain_span.prefix(label), Kind::DomainLabel);
            push(domain_span, Kind::Domain);
            if let Some(c) = name.chars().next() {
                by_initial.entry(c).or_default().push(i32);
            }
            bigrams.push(bigram_mask(&compact));
            spellings.push(Spelling {
                name: name_span,
                first_word: name_span.prefix(name.find(' ').unwrap_or(name.len())),
                compact: compact_span,
                core_compact: core_compact_span,
            });
            order.push((name.split(' ').count(), i32));
        }
        tokens.sort_unstable_by(|a, b| text.get(a.text).cmp(text.get(b.text)));
        // Fewer words first, then A–Z by the name's normalised text.
        let name = |i: u32| text.get(spellings[i as usize].name);
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| name(a.1).cmp(name(b.1)))
                .then(a.1.cmp(&b.1))
        });
        let mut rank = vec![0; accounts.len()];
        for (place, (_, i)) in order.into_iter().enumerate() {
            rank[i as usize] = place as u32;
        }
        let mut by_id: Vec<u32> = (0..accounts.len() as u32).collect();
        let id = |i: u32| accounts[i as usize].account().id.as_str();
        by_id.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        let attributes = Attributes::new(accounts.iter().map(HoldsAccount::account));
        Self {
            accounts,
            by_id,
            text,
            tokens,
            rank,
            spellings,
            by_initial,
            bigrams,
            attributes,
        }
    }

    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// Every account, in the order given to [`AccountIndex::new`].
    pub fn accounts(&self) -> &[T] {
        &self.accounts
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.position(id).map(|i| &self.accounts[i])
    }

    /// Where the account with this id is in [`AccountIndex::accounts`].
    pub fn position(&self, id: &str) -> Option<usize> {
        let at = self
            .by_id
            .binary_search_by(|&i| self.accounts[i as usize].account().id.as_str().cmp(id))
            .ok()?;
        Some(self.by_id[at] as usize)
    }

    /// The best `limit` accounts for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&T> {
        self.resolve(self.ranked(query, limit, Passes::ALL))
    }

    /// The company a sentence names (`term`), or failing a name match, what and where the
    /// sentence from that name on says (`phrase`: "software in palo alto").
    pub fn search_phrase(&self, term: &str, phrase: &str, limit: usize) -> Vec<&T> {
        if phrase == term {
            return self.search(term, limit);
        }
        // A name as typed, else what and where the sentence says, else a typo of the name.
        let named = self.ranked(term, limit, Passes::NAMES);
        if !named.is_empty() {
            return self.resolve(named);
        }
        let mut by_place = Attributes::terms(phrase)
            .map(|terms| self.attributes.matching(&terms))
            .unwrap_or_default();
        if by_place.is_empty() {
            return self.resolve(self.ranked(term, limit, Passes::TYPOS));
        }
        by_place.sort_unstable_by_key(|&a| self.rank[a as usize]);
        by_place.truncate(limit);
        by_place
            .into_iter()
            .map(|a| &self.accounts[a as usize])
            .collect()
    }

    fn resolve(&self, hits: Vec<(MatchTier, u32)>) -> Vec<&T> {
        hits.into_iter()
            .map(|(_, a)| &self.accounts[a as usize])
            .collect()
    }

    /// The best `limit` accounts for `query` with how they matched, best first, by the
    /// passes asked for.
    fn ranked(&self, query: &str, limit: usize, passes: Passes) -> Vec<(MatchTier, u32)> {
        let q = normalise(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q_domain = query.trim().to_lowercase();
        let q_compact = q.replace(' ', "");
        // Per account its best tier so far (a flat table: a query may touch tens of
        // thousands of accounts, and hashing each costs more than zeroing this).
        let mut best = Tiers::new(self.accounts.len());
        let mut note = |account: u32, tier: MatchTier| best.note(account, tier);
        for t in self.starting_with(&q) {
            let exact = self.text.get(t.text) == q;
            match t.kind {
                Kind::Name | Kind::Core if exact => note(t.account, MatchTier::Exact),
                Kind::Name => note(t.account, MatchTier::Prefix),
                Kind::Word => note(t.account, MatchTier::WordPrefix),
                _ => {}
            }
        }
        for t in self.starting_with(&q_compact) {
            match t.kind {
                Kind::Compact if self.text.get(t.text) == q_compact => {
                    note(t.account, MatchTier::Exact)
                }
                Kind::DomainLabel => note(t.account, MatchTier::Domain),
                _ => {}
            }
        }
        for t in self.starting_with(&q_domain) {
            if t.kind == Kind::Domain {
                let tier = if self.text.get(t.text) == q_domain {
                    MatchTier::Exact
                } else {
                    MatchTier::Domain
                };
                note(t.account, tier);
            }
        }
        // Industry and place words rank after every name match; a query made only of
        // them ("healthcare accounts") is not a typo of a name.
        let by_place = match Attributes::terms(query) {
            Some(terms) if passes.attributes && best.len() < limit => {
                self.attributes.matching(&terms)
            }
            _ => Vec::new(),
        };
        // Typos only when better tiers leave room, and not around a name typed exactly.
        if passes.typos && best.len() < limit && by_place.is_empty() && !best.exact {
            for account in self.fuzzy(&q_compact) {
                best.note(account, MatchTier::Fuzzy);
            }
        }
        for account in by_place {
            best.note(account, MatchTier::Attribute);
        }
        let mut hits = best.into_hits();
        let key = |&(tier, a): &(MatchTier, u32)| (std::cmp::Reverse(tier), self.rank[a as usize]);
        if hits.len() > limit {
            hits.select_nth_unstable_by_key(limit - 1, key);
            hits.truncate(limit);
        }
        hits.sort_unstable_by_key(key);
        hits
    }

    /// The tokens whose text starts with `prefix`.
    fn starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Token> + 'a {
        let start = self
            .tokens
            .partition_point(|t| self.text.get(t.text) < prefix);
        self.tokens[start..]
            .iter()
            .take_while(move |t| self.text.get(t.text).starts_with(prefix))
    }

    /// Accounts within a few edits of the query (first letter right): its first word, its
    /// whole name, or its name without the legal suffix.
    fn fuzzy(&self, q_compact: &str) -> Vec<u32> {
        let max_edits = match q_compact.chars().count() {
            0..=3 => return Vec::new(),
            4..=7 => 1,
            _ => 2,
        };
        let q_mask = bigram_mask(q_compact);
        // Each edit removes at most two of the query's letter pairs.
        let needed = q_mask.count_ones().saturating_sub(2 * max_edits as u32);
        let initial = q_compact.chars().next().unwrap_or(' ');
        let candidates = self
            .by_initial
            .get(&initial)
            .map(Vec::as_slice)
            .unwrap_or_default();
        candidates
            .iter()
            .copied()
            .filter(|&i| (q_mask & self.bigrams[i as usize]).count_ones() >= needed)
            .filter(|&i| {
                let s = &self.spellings[i as usize];
                let t = |span| self.text.get(span);
                within_edits(q_compact, t(s.first_word), max_edits)
                    || within_edits(q_compact, t(s.compact), max_edits)
                    || within_edits(q_compact, t(s.core_compact), max_edits)
            })
            .collect()
    }
}

/// Which matching passes a search makes beyond the names as typed.
#[derive(Clone, Copy)]
struct Passes {
    typos: bool,
    attributes: bool,
}

impl Passes {
    const ALL: Passes = Passes {
        typos: true,
        attributes: true,
    };
    const NAMES: Passes = Passes {
        typos: false,
        attributes: false,
    };
    const TYPOS: Passes = Passes {
        typos: true,
        attributes: false,
    };
}

/// The best tier each account reached in one query, and which accounts were reached.
struct Tiers {
    /// Per account: 0 when not reached, else its best tier + 1.
    tier: Vec<u8>,
    reached: Vec<u32>,
    /// Some account matched exactly.
    exact: bool,
}

impl Tiers {
    fn new(accounts: usize) -> Self {
        Self {
            tier: vec![0; accounts],
            reached: Vec::new(),
            exact: false,
        }
    }

    fn note(&mut self, account: u32, tier: MatchTier) {
        let slot = &mut self.tier[account as usize];
        if *slot == 0 {
            self.reached.push(account);
        }
        *slot = (*slot).max(tier as u8 + 1);
        self.exact |= tier == MatchTier::Exact;
    }

    fn len(&self) -> usize {
        self.reached.len()
    }

    fn into_hits(self) -> Vec<(MatchTier, u32)> {
        self.reached
            .into_iter()
            .map(|a| (MatchTier::from_slot(self.tier[a as usize]), a))
            .collect()
    }
}

impl MatchTier {
    fn from_slot(slot: u8) -> Self {
        match slot.saturating_sub(1) {
            5 => MatchTier::Exact,
            4 => MatchTier::Prefix,
            3 => MatchTier::WordPrefix,
            2 => MatchTier::Domain,
            1 => MatchTier::Fuzzy,
            _ => MatchTier::Attribute,
        }
    }
}

/// A 64-bit set of the hashed adjacent character pairs of `text`.
fn bigram_mask(text: &str) -> u64 {
    let mut mask = 0u64;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let h = u64::from(u32::from(p)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ^ u64::from(u32::from(c));
            mask |= 1 << (h.wrapping_mul(0xff51_afd7_ed55_8ccd) >> 58);
        }
        prev = Some(c);
    }
    mask
}

/// Whether `a` and `b` are at most `k` edits apart (Levenshtein with early exit).
pub fn within_edits(a: &str, b: &str, k: usize) -> bool {
    if a.len().abs_diff(b.len()) > 4 * k + 3 {
        return false; // byte lengths this far apart cannot be k chars apart
    }
    if a.is_ascii() && b.is_ascii() {
        return within_edits_of(a.as_bytes(), b.as_bytes(), k);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_edits_of(&a, &b, k)
}

fn within_edits_of<T: PartialEq>(a: &[T], b: &[T], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    const STACK: usize = 64;
    let (mut prev_buf, mut cur_buf) = ([0usize; STACK], [0usize; STACK]);
    let (mut prev_heap, mut cur_heap);
    let (mut prev, mut cur): (&mut [usize], &mut [usize]) = if b.len() < STACK {
        (&mut prev_buf[..=b.len()], &mut cur_buf[..=b.len()])
    } else {
        prev_heap = vec![0; b.len() + 1];
        cur_heap = vec![0; b.len() + 1];
        (&mut prev_heap[..], &mut cur_heap[..])
    };
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, name: &str, domain: &str, industry: &str) -> AccountSummary {
        AccountSummary {
            id: id.into(),
            name: name.into(),
            domain: domain.into(),
            industry: industry.into(),
            employees: 100,
            location: "Berlin, Germany".into(),
            origin: Default::default(),
        }
    }

    fn index() -> AccountIndex {
        AccountIndex::new(vec![
            account("acme-solutions", "Acme Solutions", "acmesol.io", "Software"),
            account(
                "acme-ind",
                "Acme Industries",
                "acme-ind.com",
                "Manufacturing",
            ),
            account("acme-corp", "Acme Corp", "acmecorp.com", "FinTech"),
            account(
                "roadrunner",
                "Roadrunner Acme Supply",
                "rr-supply.com",
                "Retail",
            ),
            account("globex", "Globex Systems", "globex.io", "Software"),
            account("initech", "Initech", "initech.com", "Software"),
            account("corp-acme", "Nimbus Health", "acmehealth.org", "Healthcare"),
        ])
    }

    fn ids(hits: Vec<&AccountSummary>) -> Vec<&str> {
        hits.into_iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn exact_beats_prefix_beats_word_beats_domain() {
        let idx = index();
        assert_eq!(
            ids(idx.search("Acme", 10)),
            [
                "acme-corp",
                "acme-ind",
                "acme-solutions",
                "roadrunner",
                "corp-acme"
            ]
        );
        assert_eq!(ids(idx.search("acme corp", 5))[0], "acme-corp");
        assert_eq!(ids(idx.search("Acme Industries", 5))[0], "acme-ind");
    }

    #[test]
    fn domains_and_compact_names_match() {
        let idx = index();
        assert_eq!(ids(idx.search("acmecorp.com", 5)), ["acme-corp"]);
        assert_eq!(ids(idx.search("acmecorp", 5))[0], "acme-corp");
        assert_eq!(ids(idx.search("ACMESOL.IO", 5)), ["acme-solutions"]);
    }

    #[test]
    fn typos_still_find_the_account() {
        let idx = index();
        assert_eq!(
            ids(idx.search("Acmee", 5))[..3],
            ["acme-corp", "acme-ind", "acme-solutions"]
        );
        assert_eq!(ids(idx.search("Inittech", 5)), ["initech"]);
        assert_eq!(ids(idx.search("Globx Systems", 5)), ["globex"]);
    }

    #[test]
    fn a_name_typed_exactly_brings_no_typos() {
        let idx = AccountIndex::new(vec![
            account("initech", "Initech", "initech.com", "Software"),
            account("initek", "Initek", "initek.io", "Software"),
        ]);
        assert_eq!(ids(idx.search("Initech", 5)), ["initech"]);
        assert_eq!(ids(idx.search("Initeh", 5)), ["initech", "initek"]);
    }

    #[test]
    fn accounts_are_found_by_id() {
        let idx = index();
        assert_eq!(
            idx.get("acme-corp").map(|a| a.name.as_str()),
            Some("Acme Corp")
        );
        assert!(idx.get("nope").is_none());
        assert!(idx.get("").is_none());
    }

    #[test]
    fn limit_and_empty_queries() {
        let idx = index();
        assert_eq!(idx.search("acme", 2).len(), 2);
        assert!(idx.search("", 5).is_empty());
        assert!(idx.search("!!!", 5).is_empty());
        assert!(idx.search("acme", 0).is_empty());
        assert!(idx.search("zzzzzz", 5).is_empty());
    }

    #[test]
    fn hostile_and_huge_queries_are_harmless() {
        let idx = index();
        assert!(idx.search("'; DROP TABLE account; --", 5).is_empty());
        assert!(idx.search(&"a".repeat(10_000), 5).is_empty());
        assert!(idx.search("😀 ünïcode", 5).is_empty());
    }

    #[test]
    fn industry_and_place_words_find_accounts_after_names() {
        let mut accounts = vec![
            account("nyfin", "Ledgerly", "ledgerly.com", "FinTech"),
            account("sffin", "Coinbright", "coinbright.com", "FinTech"),
            account("nyhealth", "Carewell", "carewell.com", "Healthcare"),
        ];
        accounts[0].location = "New York, USA".into();
        accounts[1].location = "San Francisco, USA".into();
        accounts[2].location = "New York, USA".into();
        let idx = AccountIndex::new(accounts);
        assert_eq!(ids(idx.search("fintech in new york", 5)), ["nyfin"]);
        assert_eq!(ids(idx.search("healthcare accounts", 5)), ["nyhealth"]);
        assert_eq!(
            ids(idx.search("accounts in new york", 5)),
            ["nyhealth", "nyfin"]
        );
        assert_eq!(ids(idx.search("fintech", 5)), ["sffin", "nyfin"]);
        assert!(idx.search("fintech in boston", 5).is_empty());
        assert!(
            idx.search("accounts", 5).is_empty(),
            "filler alone matches nothing"
        );
        assert!(idx.search("in", 5).is_empty());
    }

    #[test]
    fn a_sentence_is_searched_by_its_name_else_by_what_and_where() {
        let idx = index();
        // "meeting with Acme in Berlin": Acme is a name; the place does not replace it.
        assert_eq!(
            ids(idx.search_phrase("Acme", "Acme in Berlin", 1)),
            ["acme-corp"]
        );
        // "software in berlin": no account is named Software.
        assert_eq!(
            ids(idx.search_phrase("software", "software in berlin", 5)),
            ["initech", "acme-solutions", "globex"]
        );
        assert!(
            idx.search_phrase("software", "software in paris", 5)
                .is_empty()
        );
    }

    #[test]
    fn a_name_still_comes_before_an_industry() {
        let idx = index();
        // "Nimbus Health" by name, then the other healthcare accounts (none here).
        assert_eq!(ids(idx.search("health", 5))[0], "corp-acme");
        assert_eq!(
            ids(idx.search("software", 5)),
            ["initech", "acme-solutions", "globex"],
            "fewer words first, then A–Z"
        );
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert!(within_edits("acmee", "acme", 1));
        assert!(!within_edits("acne", "acme corp", 1));
        assert!(within_edits("kitten", "sitting", 3));
        assert!(!within_edits("kitten", "sitting", 2));
        assert!(within_edits("", "", 0));
    }

    #[test]
    fn normalise_drops_punctuation() {
        assert_eq!(normalise("  Acme, Corp.!"), "acme corp");
        assert_eq!(normalise("AT&T"), "at&t");
        assert_eq!(normalise("Müller-Technik"), "müller technik");
    }
}
