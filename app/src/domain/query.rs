//! Finding the company a rep means in what they typed: "Help me prepare for my meeting with
//! Acme" → `Acme`; "acmecorp.com" → the domain; "what's new?" → nothing.

/// The longest chat message we accept, in characters.
pub const MAX_CHAT_CHARS: usize = 2_000;
/// The longest search query we accept, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// What a message says about which company the meeting is with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompanyQuery {
    /// A company name as the rep typed it (original case), e.g. `Acme Corp`.
    Name(String),
    /// A bare domain, lower case, e.g. `acmecorp.com`.
    Domain(String),
    /// The message names no company.
    Missing,
}

/// Why a piece of text was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("Please type something first.")]
    Empty,
    #[error("That is too long: {len} characters, the limit is {max}.")]
    TooLong { len: usize, max: usize },
}

/// Trim and bound a piece of user text; control characters other than newlines and tabs
/// become spaces.
pub fn clean_text(text: &str, max: usize) -> Result<String, TextError> {
    let len = text.chars().count();
    if len > max {
        return Err(TextError::TooLong { len, max });
    }
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(trimmed.to_string())
}

/// Words after which the company name starts ("meeting **with** Acme").
const CONNECTORS: &[&str] = &[
    "with",
    "w/",
    "for",
    "about",
    "on",
    "re",
    "re:",
    "regarding",
    "at",
];

/// Words that say the rep is preparing for a meeting.
const TRIGGERS: &[&str] = &[
    "meeting",
    "meetings",
    "meet",
    "call",
    "prep",
    "prepare",
    "preparing",
    "research",
    "brief",
    "briefing",
    "dossier",
    "intel",
    "demo",
    "pitch",
    "lookup",
    "look",
    "find",
    "search",
    "info",
    "background",
    "discovery",
    "sync",
    "qbr",
    "renewal",
];

/// Words that end a company name ("Acme **tomorrow**").
const STOPS: &[&str] = &[
    "tomorrow",
    "today",
    "tonight",
    "later",
    "next",
    "this",
    "on",
    "at",
    "in",
    "please",
    "pls",
    "asap",
    "soon",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "afternoon",
    "evening",
    "meeting",
    "call",
    "demo",
    "prep",
    // What the meeting is for ("a renewal meeting with Acme", "the Acme renewal").
    "renewal",
    "expansion",
    "discovery",
    "qbr",
    "kickoff",
    "sync",
    "and",
    "so",
    "because",
    "to",
    "about",
    "re",
    "regarding",
    "for",
    "with",
    "w/",
    "tmrw",
    "tmr",
    "week",
    "from",
];

/// Words that never make a company name on their own.
const FILLER: &[&str] = &[
    "help",
    "me",
    "my",
    "our",
    "the",
    "a",
    "an",
    "i",
    "i'm",
    "im",
    "have",
    "got",
    "need",
    "to",
    "get",
    "ready",
    "for",
    "with",
    "meeting",
    "call",
    "prep",
    "prepare",
    "please",
    "can",
    "you",
    "upcoming",
    "next",
    "customer",
    "client",
    "account",
    "company",
    "them",
    "they",
    "their",
    "up",
    "on",
    "us",
    "let's",
    "lets",
    "quick",
    "some",
    "do",
    "a",
    "new",
    "big",
    "important",
    "tomorrow",
    "today",
    "brief",
    "research",
    "info",
    "intel",
    "find",
    "look",
    "search",
    "about",
];

/// Words that make a message a question rather than a company name.
const QUESTION_WORDS: &[&str] = &[
    "what", "what's", "whats", "who", "who's", "how", "why", "when", "where", "which", "is", "are",
    "does", "do", "can", "tell", "show", "give", "list", "any", "thanks", "thank", "hi", "hello",
    "hey", "ok", "okay", "yes", "no",
];

/// Find the company a message is about.
pub fn extract_company(text: &str) -> CompanyQuery {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.is_empty() {
        return CompanyQuery::Missing;
    }
    if let Some(domain) = tokens.iter().find_map(|t| parse_domain(t)) {
        return CompanyQuery::Domain(domain);
    }
    let lower: Vec<String> = tokens.iter().map(|t| norm_token(t)).collect();
    let has_trigger = lower.iter().any(|t| TRIGGERS.contains(&t.as_str()));

    if has_trigger {
        // "... meeting with Acme Corp tomorrow": the words after the last connector that
        // follows a trigger word.
        let first_trigger = lower
            .iter()
            .position(|t| TRIGGERS.contains(&t.as_str()))
            .unwrap_or(0);
        let after = (first_trigger..lower.len())
            .filter(|&i| CONNECTORS.contains(&lower[i].as_str()))
            .find_map(|i| name_from(&tokens, &lower, i + 1));
        if let Some(name) = after {
            return CompanyQuery::Name(name);
        }
        // "Acme meeting tomorrow", "acme call prep": the words before the trigger.
        if let Some(name) = name_before(&tokens, &lower, first_trigger) {
            return CompanyQuery::Name(name);
        }
        // "prep Acme", "research Globex Systems": the words right after the trigger.
        if let Some(name) = name_from(&tokens, &lower, first_trigger + 1) {
            return CompanyQuery::Name(name);
        }
        return CompanyQuery::Missing;
    }

    // No trigger: a short message with no question word is taken as the name itself.
    let is_question = text.contains('?') || QUESTION_WORDS.contains(&lower[0].as_str());
    if tokens.len() <= 5 && !is_question {
        return name_from(&tokens, &lower, 0).map_or(CompanyQuery::Missing, CompanyQuery::Name);
    }
    CompanyQuery::Missing
}

/// Whether a message says it is about a meeting or a prep ("meeting with …", "prep …"),
/// so the name in it is meant as a company.
pub fn mentions_meeting(text: &str) -> bool {
    text.split_whitespace()
        .any(|t| TRIGGERS.contains(&norm_token(t).as_str()))
}

/// The account a rep turns to mid-thread: "what about Acme Industries?", "and how about
/// Initech", "switch to Globex" → the name. `None` when the words after are about the
/// current account ("what about their hiring?") or there are none.
pub fn turns_to(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = tokens.iter().map(|t| norm_token(t)).collect();
    let start = lower
        .iter()
        .position(|t| !matches!(t.as_str(), "and" | "ok" | "okay" | "now" | "so" | "hmm"))?;
    let rest: Vec<&str> = lower[start..].iter().map(String::as_str).collect();
    let skip = match rest.as_slice() {
        ["what" | "how", "about", ..] | ["switch" | "move" | "go", "to", ..] => 2,
        _ => return None,
    };
    let name = name_from(&tokens, &lower, start + skip)?;
    let first = name.split_whitespace().next()?.to_lowercase();
    let about_them = matches!(
        first.as_str(),
        "their" | "them" | "they" | "it" | "its" | "that" | "this" | "those" | "these" | "you"
    );
    (!about_them).then_some(name)
}

/// The name that starts at `start` and runs until a stop word or punctuation.
fn name_from(tokens: &[&str], lower: &[String], start: usize) -> Option<String> {
    let mut words = Vec::new();
    for i in start..tokens.len() {
        let low = lower[i].as_str();
        if words.is_empty() && matches!(low, "the" | "my" | "our" | "a" | "an") {
            continue;
        }
        if STOPS.contains(&low) || low.is_empty() {
            break;
        }
        words.push(clean_word(tokens[i]));
        // "Acme's QBR": a possessive ends the name.
        let possessive = low.ends_with("'s") || low.ends_with("’s");
        if ends_clause(tokens[i]) || possessive {
            break;
        }
    }
    finish_name(words)
}

/// The name that ends just before `end` ("Acme Corp meeting").
fn name_before(tokens: &[&str], lower: &[String], end: usize) -> Option<String> {
    let mut start = end;
    while start > 0 {
        let low = lower[start - 1].as_str();
        if FILLER.contains(&low) || STOPS.contains(&low) || ends_clause(tokens[start - 1]) {
            break;
        }
        start -= 1;
    }
    finish_name(tokens[start..end].iter().map(|t| clean_word(t)).collect())
}

fn finish_name(words: Vec<String>) -> Option<String> {
    let words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    if words.is_empty()
        || words
            .iter()
            .all(|w| FILLER.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    Some(words.join(" "))
}

/// Lower case, without surrounding punctuation: `"Acme's,"` → `acme's`.
fn norm_token(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '\'' && c != '&')
        .trim_end_matches(':')
        .to_lowercase()
}

/// A word of a name without trailing punctuation or a possessive: `Acme's` → `Acme`.
fn clean_word(token: &str) -> String {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '!');
    let t = t.trim_end_matches('!');
    t.strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t)
        .to_string()
}

fn ends_clause(token: &str) -> bool {
    token.ends_with([',', '.', '?', ';', ':', '!'])
}

/// `https://www.AcmeCorp.com/about` or `bob@acmecorp.com` → `acmecorp.com`.
pub fn parse_domain(token: &str) -> Option<String> {
    let t = token
        .trim_matches(|c: char| matches!(c, ',' | '?' | '!' | ';' | ':' | '(' | ')' | '"' | '\''));
    let t = t.trim_end_matches('.');
    let t = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .unwrap_or(t);
    let t = t.rsplit('@').next().unwrap_or(t);
    let host = t.split(['/', '?', '#']).next().unwrap_or("").to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || host.len() > 253 {
        return None;
    }
    let tld = labels[labels.len() - 1];
    let tld_ok = (2..=24).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic());
    let labels_ok = labels.iter().all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    });
    (tld_ok && labels_ok).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_request_is_told_from_a_bare_phrase() {
        assert!(mentions_meeting("Help me prepare for my meeting with Acme"));
        assert!(mentions_meeting("prep Globex"));
        assert!(!mentions_meeting("blorp the frobnicator"));
        assert!(!mentions_meeting(""));
    }

    #[test]
    fn what_about_another_account_names_it() {
        assert_eq!(
            turns_to("what about Acme Industries?").as_deref(),
            Some("Acme Industries")
        );
        assert_eq!(
            turns_to("And how about Initech").as_deref(),
            Some("Initech")
        );
        assert_eq!(
            turns_to("ok, switch to Globex Corp").as_deref(),
            Some("Globex Corp")
        );
        assert_eq!(
            turns_to("what about Vandelay Industries").as_deref(),
            Some("Vandelay Industries")
        );
        for about_current in [
            "what about their hiring?",
            "what about them?",
            "what about it",
            "what about",
            "",
            "tell me about Acme",
            "what's new",
        ] {
            assert_eq!(turns_to(about_current), None, "{about_current:?}");
        }
    }

    fn name(s: &str) -> CompanyQuery {
        CompanyQuery::Name(s.to_string())
    }

    fn domain(s: &str) -> CompanyQuery {
        CompanyQuery::Domain(s.to_string())
    }

    #[test]
    fn extracts_the_company_from_many_phrasings() {
        let cases: &[(&str, CompanyQuery)] = &[
            ("Help me prepare for my meeting with Acme", name("Acme")),
            (
                "prep me for a renewal meeting with Initech",
                name("Initech"),
            ),
            ("prep me for the Initech renewal", name("Initech")),
            ("Globex QBR tomorrow", name("Globex")),
            (
                "Help me prepare for my meeting with Acme Corp.",
                name("Acme Corp"),
            ),
            ("prep me for acme corp", name("acme corp")),
            ("meeting w/ Acme tomorrow", name("Acme")),
            ("acmecorp.com", domain("acmecorp.com")),
            ("Prepare for a call with Globex", name("Globex")),
            ("I have a meeting with Initech on Tuesday", name("Initech")),
            (
                "meeting with Acme Industries next week",
                name("Acme Industries"),
            ),
            ("Research Acme Solutions", name("Acme Solutions")),
            ("research acme", name("acme")),
            ("brief me on Acme Corp please", name("Acme Corp")),
            ("Acme meeting tomorrow", name("Acme")),
            ("acme call prep", name("acme")),
            ("Acme Corp", name("Acme Corp")),
            ("acme", name("acme")),
            ("Acmee", name("Acmee")),
            ("prep for Acme's QBR", name("Acme")),
            (
                "Can you help me prep for my call with Acme Corp tomorrow morning?",
                name("Acme Corp"),
            ),
            (
                "I'm meeting with the Acme Industries team",
                name("Acme Industries team"),
            ),
            ("https://www.acmesol.io/pricing", domain("acmesol.io")),
            ("meeting with bob@acme-ind.com", domain("acme-ind.com")),
            ("prepare me for ACME CORP", name("ACME CORP")),
            ("prep: Acme", name("Acme")),
            (
                "Meeting prep for Müller Technik GmbH",
                name("Müller Technik GmbH"),
            ),
            ("meeting with Acme, what do I need to know?", name("Acme")),
            (
                "get me ready for my meeting with Acme Corp at 3pm",
                name("Acme Corp"),
            ),
            ("discovery call with Acme Solutions", name("Acme Solutions")),
            ("Help me prepare for my meeting", CompanyQuery::Missing),
            ("prep me for my meeting tomorrow", CompanyQuery::Missing),
            ("What's their technology stack?", CompanyQuery::Missing),
            ("who should I talk to?", CompanyQuery::Missing),
            ("", CompanyQuery::Missing),
            ("   ", CompanyQuery::Missing),
            ("hello", CompanyQuery::Missing),
            (
                "help me prepare for a meeting with a customer",
                CompanyQuery::Missing,
            ),
            (
                "Renewal meeting with Acme Corp on Friday",
                name("Acme Corp"),
            ),
            ("prep me for AT&T", name("AT&T")),
        ];
        assert!(cases.len() >= 30);
        for (input, expected) in cases {
            assert_eq!(&extract_company(input), expected, "input: {input:?}");
        }
    }

    #[test]
    fn hostile_text_is_just_text() {
        for text in [
            "meeting with '; DELETE account; --",
            "<script>alert(1)</script>",
            "prep me for $(rm -rf /)",
            "meeting with \u{202e}Acme",
        ] {
            if let CompanyQuery::Name(n) = extract_company(text) {
                assert!(!n.contains(';') && !n.contains('\''), "{text:?} → {n:?}");
            }
        }
        assert_eq!(
            extract_company("meeting with Robert'); DROP TABLE account;--"),
            name("Robert")
        );
    }

    #[test]
    fn huge_text_does_not_panic() {
        let big = "acme ".repeat(5_000);
        let _ = extract_company(&big);
        let big = "meeting with ".repeat(3_000);
        assert_eq!(extract_company(&big), CompanyQuery::Missing);
    }

    #[test]
    fn domains_are_parsed_strictly() {
        assert_eq!(
            parse_domain("AcmeCorp.COM").as_deref(),
            Some("acmecorp.com")
        );
        assert_eq!(parse_domain("acme.io,").as_deref(), Some("acme.io"));
        assert_eq!(parse_domain("e.g."), None);
        assert_eq!(parse_domain("3.14"), None);
        assert_eq!(parse_domain("a..com"), None);
        assert_eq!(parse_domain("-bad.com"), None);
        assert_eq!(parse_domain("Corp."), None);
    }

    #[test]
    fn text_is_cleaned_and_bounded() {
        assert_eq!(clean_text("  hi \u{0} there ", 100).unwrap(), "hi   there");
        assert_eq!(clean_text(" \n\t ", 100), Err(TextError::Empty));
        let long = "x".repeat(101);
        assert_eq!(
            clean_text(&long, 100),
            Err(TextError::TooLong { len: 101, max: 100 })
        );
        assert_eq!(clean_text("日本語の会社", 6).unwrap(), "日本語の会社");
    }
}
