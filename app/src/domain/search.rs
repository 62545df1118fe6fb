//! Account search as the rep types: exact name > name prefix > word prefix > domain > typo.
//! An in-memory index over normalised names; one pass per query, no allocation per account.

use super::AccountSummary;

/// How well an account matched; higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchTier {
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

struct Entry {
    /// Lower case words joined by one space, punctuation dropped.
    name: String,
    /// `name` without a trailing legal suffix.
    core: String,
    /// `name` without spaces, for "acmecorp".
    compact: String,
    domain: String,
    /// Domain up to its first dot.
    domain_label: String,
    /// Number of words in `name`.
    words: usize,
}

/// The searchable copy of every account.
pub struct AccountIndex {
    accounts: Vec<AccountSummary>,
    entries: Vec<Entry>,
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

impl AccountIndex {
    pub fn new(accounts: Vec<AccountSummary>) -> Self {
        let entries = accounts
            .iter()
            .map(|a| {
                let name = normalise(&a.name);
                let core = match name.rsplit_once(' ') {
                    Some((head, last)) if LEGAL_SUFFIXES.contains(&last) => head.to_string(),
                    _ => name.clone(),
                };
                let domain = a.domain.to_lowercase();
                Entry {
                    words: name.split(' ').count(),
                    compact: name.replace(' ', ""),
                    domain_label: domain.split('.').next().unwrap_or("").to_string(),
                    name,
                    core,
                    domain,
                }
            })
            .collect();
        Self { accounts, entries }
    }

    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&AccountSummary> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The best `limit` accounts for `query`, best first; ties go to the shorter name.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&AccountSummary> {
        let q = normalise(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q_domain = query.trim().to_lowercase();
        let q_compact = q.replace(' ', "");
        let mut hits: Vec<(MatchTier, usize)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(tier) = tier_of(e, &q, &q_compact, &q_domain) {
                hits.push((tier, i));
            }
        }
        // Typos only when better tiers leave room.
        if hits.len() < limit {
            let max_edits = match q_compact.chars().count() {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if max_edits > 0 {
                for (i, e) in self.entries.iter().enumerate() {
                    if hits.iter().any(|(_, j)| *j == i) {
                        continue;
                    }
                    let first_word = e.name.split(' ').next().unwrap_or("");
                    let close = within_edits(&q_compact, first_word, max_edits)
                        || within_edits(&q_compact, &e.compact, max_edits)
                        || within_edits(&q, &e.core, max_edits);
                    if close {
                        hits.push((MatchTier::Fuzzy, i));
                    }
                }
            }
        }
        // Best tier first; then fewer words ("Acme Corp" before "Acme Corp Holdings"); then A–Z.
        let order = |a: &(MatchTier, usize), b: &(MatchTier, usize)| {
            let (ea, eb) = (&self.entries[a.1], &self.entries[b.1]);
            b.0.cmp(&a.0)
                .then(ea.words.cmp(&eb.words))
                .then_with(|| ea.name.cmp(&eb.name))
                .then(a.1.cmp(&b.1))
        };
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter().map(|(_, i)| &self.accounts[i]).collect()
    }
}

fn tier_of(e: &Entry, q: &str, q_compact: &str, q_domain: &str) -> Option<MatchTier> {
    if e.name == q || e.core == q || e.domain == q_domain || e.compact == q_compact {
        return Some(MatchTier::Exact);
    }
    if e.name.starts_with(q) {
        return Some(MatchTier::Prefix);
    }
    if e.name.split(' ').skip(1).any(|w| w.starts_with(q)) {
        return Some(MatchTier::WordPrefix);
    }
    if e.domain_label.starts_with(q_compact) || e.domain.starts_with(q_domain) {
        return Some(MatchTier::Domain);
    }
    None
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
