//! The detector: applies every [`Rule`](super::rules::Rule) to one response (headers,
//! cookies and the page's markup) and says which technologies it shows, and why.
//!
//! Every regex is case-insensitive and compiled once, on first use, into one set per kind
//! of sign, so a page is read once per kind however many rules there are.

use super::markup::{extract, outside_comments, url_host};
use super::rules::{M, RULES};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

#[cfg(test)]
mod tests;

/// A technology found on the page, once, with what gave it away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub name: &'static str,
    pub category: &'static str,
    /// Short and sanitised, e.g. `header server: cloudflare`, `script cdn.segment.com/…`.
    pub note: String,
    /// The evidence came from the page body (so a cut page may miss it).
    pub from_body: bool,
}

/// What one response shows.
#[derive(Clone, Copy, Debug)]
pub struct Signals<'a> {
    /// Lower-case header names with their values.
    pub headers: &'a [(String, String)],
    /// The names of the cookies the response sets.
    pub cookies: &'a [String],
    /// The HTML, possibly cut; empty when there was none.
    pub body: &'a str,
}

struct Compiled {
    headers: Vec<(usize, &'static str, Option<Regex>)>,
    cookies: Vec<(usize, &'static str)>,
    metas: Vec<(usize, &'static str, Regex)>,
    scripts: RegexSet,
    script_rule: Vec<usize>,
    hosts: RegexSet,
    host_rule: Vec<usize>,
    html: AhoCorasick,
    html_rule: Vec<(usize, &'static str)>,
}

fn ci(pattern: &str) -> String {
    format!("(?i){pattern}")
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let compile = |p: &str| Regex::new(&ci(p)).expect("rules are tested to compile");
    let (mut headers, mut cookies, mut metas) = (vec![], vec![], vec![]);
    let (mut scripts, mut script_rule, mut hosts, mut host_rule) = (vec![], vec![], vec![], vec![]);
    let (mut html, mut html_rule) = (vec![], vec![]);
    for (i, rule) in RULES.iter().enumerate() {
        for sign in &rule.signs {
            match *sign {
                M::Header(name, value) => {
                    headers.push((i, name, (!value.is_empty()).then(|| compile(value))))
                }
                M::Cookie(name) => cookies.push((i, name)),
                M::Meta(name, content) => metas.push((i, name, compile(content))),
                M::Script(p) => {
                    scripts.push(ci(p));
                    script_rule.push(i);
                }
                M::Host(p) => {
                    hosts.push(ci(p));
                    host_rule.push(i);
                }
                M::Html(literal) => {
                    html.push(literal);
                    html_rule.push((i, literal));
                }
            }
        }
    }
    Compiled {
        headers,
        cookies,
        metas,
        scripts: RegexSet::new(&scripts).expect("rules are tested to compile"),
        script_rule,
        hosts: RegexSet::new(&hosts).expect("rules are tested to compile"),
        host_rule,
        html: AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&html)
            .expect("rules are tested to compile"),
        html_rule,
    }
});

/// The technologies `signals` show, each once, in [`RULES`] order, implied ones included.
pub fn detect(signals: &Signals<'_>) -> Vec<Detected> {
    let c = &*COMPILED;
    let mut found = Found(vec![None; RULES.len()]);
    header_hits(c, signals.headers, &mut found);
    for (i, pattern) in &c.cookies {
        if let Some(name) = signals.cookies.iter().find(|n| cookie_matches(pattern, n)) {
            found.hit(*i, format!("cookie {}", evidence_text(name, 40)), false);
        }
    }
    if !signals.body.is_empty() {
        body_hits(c, signals.body, &mut found);
    }
    add_implied(&mut found.0);
    RULES
        .iter()
        .zip(found.0)
        .filter_map(|(rule, f)| {
            f.map(|(note, from_body)| Detected {
                name: rule.name,
                category: rule.category,
                note,
                from_body,
            })
        })
        .collect()
}

/// (note, from_body) of the first sign found, per rule.
struct Found(Vec<Option<(String, bool)>>);

impl Found {
    /// Rule `i` is found, unless an earlier sign already found it.
    fn hit(&mut self, i: usize, note: String, from_body: bool) {
        if self.0[i].is_none() {
            self.0[i] = Some((note, from_body));
        }
    }
}

/// Header signs: by name, and by value where the rule has a regex.
fn header_hits(c: &Compiled, headers: &[(String, String)], found: &mut Found) {
    for (i, name, value) in &c.headers {
        for (h, v) in headers {
            if !h.eq_ignore_ascii_case(name) {
                continue;
            }
            match value {
                None => found.hit(*i, format!("header {}", evidence_text(h, 40)), false),
                Some(re) => {
                    if let Some(m) = re.find(v) {
                        // The whole value when short, else the part that matched.
                        let shown = if v.len() <= 40 {
                            v.as_str()
                        } else {
                            m.as_str()
                        };
                        found.hit(
                            *i,
                            format!(
                                "header {}: {}",
                                evidence_text(h, 40),
                                evidence_text(shown, 40)
                            ),
                            false,
                        );
                    }
                }
            }
        }
    }
}

/// Signs in the page: meta tags, script sources, linked hosts and literals.
fn body_hits(c: &Compiled, body: &str, found: &mut Found) {
    let page = extract(body);
    for (i, name, re) in &c.metas {
        if let Some((_, content)) = page
            .metas
            .iter()
            .find(|(n, content)| n == name && re.is_match(content))
        {
            found.hit(
                *i,
                format!("meta {name}: {}", evidence_text(content, 40)),
                true,
            );
        }
    }
    for src in &page.scripts {
        for m in c.scripts.matches(src).iter() {
            found.hit(c.script_rule[m], format!("script {}", short_url(src)), true);
        }
    }
    for url in page.urls.iter().chain(&page.scripts) {
        let Some(host) = url_host(url) else { continue };
        if host.starts_with("www.") {
            continue;
        }
        for m in c.hosts.matches(&host).iter() {
            found.hit(
                c.host_rule[m],
                format!("link {}", evidence_text(&host, 60)),
                true,
            );
        }
    }
    let mut seen = vec![false; c.html_rule.len()];
    for part in outside_comments(body) {
        for m in c.html.find_overlapping_iter(part) {
            let k = m.pattern().as_usize();
            if !seen[k] {
                seen[k] = true;
                let (i, literal) = c.html_rule[k];
                found.hit(i, format!("page has {}", evidence_text(literal, 40)), true);
            }
        }
    }
}

/// Implied technologies, transitively (a chain is short; stop after a few rounds).
fn add_implied(found: &mut [Option<(String, bool)>]) {
    for _ in 0..4 {
        let mut changed = false;
        for (i, rule) in RULES.iter().enumerate() {
            if found[i].is_none() {
                continue;
            }
            for implied in &rule.implies {
                if let Some(j) = RULES.iter().position(|r| r.name == *implied)
                    && found[j].is_none()
                {
                    found[j] = Some((format!("implied by {}", rule.name), false));
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Does cookie `name` match `pattern` (a trailing `*` matches any suffix)?
fn cookie_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => {
            name.len() >= prefix.len()
                && name.is_char_boundary(prefix.len())
                && name[..prefix.len()].eq_ignore_ascii_case(prefix)
        }
        None => name.eq_ignore_ascii_case(pattern),
    }
}

/// Evidence text safe to show: printable ASCII without markup or quote characters,
/// at most `max` characters (cut ones end in `…`).
pub fn evidence_text(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, ch) in s.trim().chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        let ok = ch.is_ascii_graphic() && !matches!(ch, '<' | '>' | '"' | '\'' | '`' | '\\')
            || ch == ' ';
        out.push(if ok { ch } else { '_' });
    }
    out
}

/// A URL for a note: no scheme, query or fragment, cut short.
fn short_url(url: &str) -> String {
    let u = url.trim();
    let u = u
        .strip_prefix("https:")
        .or_else(|| u.strip_prefix("http:"))
        .unwrap_or(u);
    let u = u.trim_start_matches('/');
    let u = u.split(['?', '#']).next().unwrap_or("");
    evidence_text(u, 60)
}
