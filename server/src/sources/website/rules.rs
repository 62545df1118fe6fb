//! Our own technology fingerprints: the [`Rule`]s the website scanner applies, kept as
//! data in `rules.txt` (its header says how a rule is written) and read once, at first use.
//!
//! Written from how these products show themselves on a page (their headers, cookies,
//! script hosts and markup); not derived from any third-party fingerprint data set.
//! A rule is a technology's name, a category a sales rep understands, the signs that give
//! it away ([`M`]) and what it implies (Next.js implies React).

use std::sync::LazyLock;

/// One sign of a technology.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum M {
    /// A response header by (lower-case) name; the value must match the regex, or `""`
    /// for "the header is there".
    Header(&'static str, &'static str),
    /// A cookie the page sets, by name; a trailing `*` matches any name with that prefix.
    Cookie(&'static str),
    /// A `<meta>` tag by `name`/`property`/`http-equiv`, whose `content` matches the regex.
    Meta(&'static str, &'static str),
    /// A regex over a `<script src>` URL.
    Script(&'static str),
    /// A regex over the host of a URL the page links to or loads (`<a href>`,
    /// `<link href>`, `<form action>`, `<iframe src>`, `<script src>`). Hosts starting
    /// with `www.` are never matched: a link to a vendor's own site says nothing.
    Host(&'static str),
    /// A literal (lower case, matched case-insensitively) anywhere in the page.
    Html(&'static str),
}

/// One technology.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The technology as the rep sees it, e.g. `Next.js`.
    pub name: &'static str,
    /// One of [`CATEGORIES`].
    pub category: &'static str,
    /// What gives it away, in the order they are tried.
    pub signs: Vec<M>,
    /// Names of other rules this one implies.
    pub implies: Vec<&'static str>,
}

/// The categories a rule may use.
pub const CATEGORIES: &[&str] = &[
    "Cloud",
    "CDN",
    "Analytics",
    "Monitoring",
    "Framework",
    "CMS",
    "CRM",
    "Marketing",
    "Identity",
    "Payments",
    "Web server",
    "Security",
    "Privacy",
    "Support",
    "Ecommerce",
];

/// The rules as written, one sign a line.
const RULES_TEXT: &str = include_str!("rules.txt");

/// Every rule, in the order results are reported.
pub static RULES: LazyLock<Vec<Rule>> =
    LazyLock::new(|| parse_rules(RULES_TEXT).expect("the rules are tested to parse"));

/// Read rules written as in `rules.txt`. Errors name the line and what is wrong with it.
pub fn parse_rules(text: &'static str) -> Result<Vec<Rule>, String> {
    let mut rules: Vec<Rule> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let problem = |what: &str| format!("rules.txt line {}: {what}", n + 1);
        let (keyword, rest) = line.split_once(' ').ok_or_else(|| problem("no value"))?;
        if keyword == "rule" {
            let (name, category) = rest
                .rsplit_once(" | ")
                .ok_or_else(|| problem("expected rule NAME | CATEGORY"))?;
            rules.push(Rule {
                name,
                category,
                signs: Vec::new(),
                implies: Vec::new(),
            });
            continue;
        }
        let rule = rules
            .last_mut()
            .ok_or_else(|| problem("a sign before the first rule"))?;
        if keyword == "implies" {
            rule.implies.push(rest);
        } else {
            rule.signs
                .push(sign(keyword, rest).ok_or_else(|| problem("unknown sign"))?);
        }
    }
    Ok(rules)
}

/// One sign line's keyword and what follows it.
fn sign(keyword: &str, rest: &'static str) -> Option<M> {
    Some(match keyword {
        "header" => {
            let (name, value) = rest.split_once(' ').unwrap_or((rest, ""));
            M::Header(name, value)
        }
        "meta" => {
            let (name, content) = rest.split_once(' ')?;
            M::Meta(name, content)
        }
        "cookie" => M::Cookie(rest),
        "script" => M::Script(rest),
        "host" => M::Host(rest),
        "html" => M::Html(rest),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses() {
        let rules = parse_rules(RULES_TEXT).unwrap();
        assert_eq!(rules.len(), 133);
        assert!(rules.iter().all(|r| !r.signs.is_empty()));
        let angular = rules.iter().find(|r| r.name == "Angular").unwrap();
        assert!(angular.signs.contains(&M::Html(" ng-version=\"")));
        assert_eq!(
            parse_rules("  header server").unwrap_err(),
            "rules.txt line 1: a sign before the first rule"
        );
        assert!(parse_rules("rule X | CDN\n  smell x").is_err());
        assert!(parse_rules("rule X without a category").is_err());
    }
}
