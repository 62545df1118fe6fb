//! The settings page's vocabulary: what it shows (the rep, their role and usual meeting
//! purpose, their own company as editable text, their API tokens) and why a change was
//! refused — one sentence per problem, named by a code a form's redirect carries.

use super::{MeetingPurpose, RepRole};
use serde::{Deserialize, Serialize};

/// The most lines a company section may hold.
pub const MAX_LINES: usize = 100;
/// The most characters a field (a name, a description, a result) may hold.
pub const MAX_FIELD_CHARS: usize = 1_000;
/// The most the whole company may hold, as text (a vendor file's limit too).
pub const MAX_COMPANY_BYTES: usize = 256 * 1024;

/// The rep's own company as the settings form edits it: one item a line, its parts split
/// by `|` (see [`Section::hint`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyText {
    pub name: String,
    pub domain: String,
    /// `Name | what it does | fit words, comma separated`
    pub products: String,
    /// `Customer | industry | result`
    pub wins: String,
    /// `Name | words that spot them in a stack | how you win`
    pub competitors: String,
}

/// A section of the company form with one item a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    Products,
    Wins,
    Competitors,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Products, Section::Wins, Section::Competitors];

    /// The form field's name, and the code a redirect carries.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Products => "products",
            Section::Wins => "wins",
            Section::Competitors => "competitors",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The section's heading.
    pub fn label(self) -> &'static str {
        match self {
            Section::Products => "Products",
            Section::Wins => "Customer wins (proof points)",
            Section::Competitors => "Competitors",
        }
    }

    /// How a line is written.
    pub fn hint(self) -> &'static str {
        match self {
            Section::Products => "One a line: Name | what it does | fit words, comma separated",
            Section::Wins => "One a line: Customer | industry | result",
            Section::Competitors => {
                "One a line: Name | words that spot them in a stack | how you win"
            }
        }
    }
}

/// One of the rep's API tokens, as the settings page lists it (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenEntry {
    pub id: String,
    pub name: String,
    /// `2026-12-02`
    pub created: String,
    /// `2026-12-02`, or None when it was never used.
    pub last_used: Option<String>,
}

/// A token just made: shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub id: String,
    pub token: String,
}

/// Everything the settings page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub name: String,
    pub email: String,
    pub role: Option<RepRole>,
    pub purpose: Option<MeetingPurpose>,
    pub company: CompanyText,
    /// Where the company context comes from: `your settings`, the vendor file, or the
    /// built-in demo vendor.
    pub company_origin: String,
    /// Whether the rep saved their own (else the server's is used).
    pub company_own: bool,
    pub tokens: Vec<TokenEntry>,
    /// Where preps can be sent (never the token or webhook itself).
    #[serde(default)]
    pub connections: ConnectionsView,
}

/// The rep's Notion and Slack connections as the settings page shows them: when each was
/// saved, and the Notion page preps go under — never the token or the webhook.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionsView {
    /// `2026-12-02`, when a Notion token is saved.
    pub notion_since: Option<String>,
    /// The parent page's id.
    pub notion_page: Option<String>,
    /// `2026-12-02`, when a Slack webhook is saved.
    pub slack_since: Option<String>,
}

/// Why a settings change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsProblem {
    /// The company needs a name.
    CompanyName,
    /// The company needs at least one product.
    NoProducts,
    /// A line has no name before its first `|`.
    LineName(Section, usize),
    /// A field is longer than [`MAX_FIELD_CHARS`].
    LongField(Section, usize),
    /// A section has more than [`MAX_LINES`] lines.
    TooManyLines(Section),
    /// The company name or domain is too long.
    LongName,
    /// The whole company is more than [`MAX_COMPANY_BYTES`].
    TooBig,
    /// A role or purpose that is not one of the choices.
    BadChoice,
    /// A token needs a name of 1–100 characters.
    TokenName,
    /// The current password is wrong.
    WrongPassword,
    /// The new password breaks a rule (8–1,024 bytes).
    NewPassword,
    /// Too many password attempts.
    TooManyAttempts,
    /// The database is away.
    Unavailable,
    /// A Notion integration token is one line of 20–500 visible characters.
    NotionToken,
    /// The Notion parent page is a page's link or id.
    NotionPage,
    /// A Slack webhook is an incoming-webhook URL under the server's prefix.
    SlackWebhook,
}

impl SettingsProblem {
    /// The query a form's redirect carries: `error=line-name&section=products&line=3`.
    pub fn query(self) -> String {
        let (code, section, line) = match self {
            Self::CompanyName => ("company-name", None, None),
            Self::NoProducts => ("no-products", None, None),
            Self::LineName(s, l) => ("line-name", Some(s), Some(l)),
            Self::LongField(s, l) => ("long-field", Some(s), Some(l)),
            Self::TooManyLines(s) => ("many-lines", Some(s), None),
            Self::LongName => ("long-name", None, None),
            Self::TooBig => ("too-big", None, None),
            Self::BadChoice => ("choice", None, None),
            Self::TokenName => ("token-name", None, None),
            Self::WrongPassword => ("wrong-password", None, None),
            Self::NewPassword => ("new-password", None, None),
            Self::TooManyAttempts => ("limit", None, None),
            Self::Unavailable => ("unavailable", None, None),
            Self::NotionToken => ("notion-token", None, None),
            Self::NotionPage => ("notion-page", None, None),
            Self::SlackWebhook => ("slack-webhook", None, None),
        };
        let mut q = format!("error={code}");
        if let Some(s) = section {
            q.push_str(&format!("&section={}", s.as_str()));
        }
        if let Some(l) = line {
            q.push_str(&format!("&line={l}"));
        }
        q
    }

    /// The problem a redirect's query names (None for anything else: no made-up text).
    pub fn from_query(code: &str, section: Option<&str>, line: Option<&str>) -> Option<Self> {
        let section = section.and_then(Section::parse);
        let line = line
            .and_then(|l| l.parse::<usize>().ok())
            .filter(|l| (1..=100_000).contains(l));
        Some(match code {
            "company-name" => Self::CompanyName,
            "no-products" => Self::NoProducts,
            "line-name" => Self::LineName(section?, line?),
            "long-field" => Self::LongField(section?, line?),
            "many-lines" => Self::TooManyLines(section?),
            "long-name" => Self::LongName,
            "too-big" => Self::TooBig,
            "choice" => Self::BadChoice,
            "token-name" => Self::TokenName,
            "wrong-password" => Self::WrongPassword,
            "new-password" => Self::NewPassword,
            "limit" => Self::TooManyAttempts,
            "unavailable" => Self::Unavailable,
            "notion-token" => Self::NotionToken,
            "notion-page" => Self::NotionPage,
            "slack-webhook" => Self::SlackWebhook,
            _ => return None,
        })
    }

    /// What the rep reads.
    pub fn text(self) -> String {
        match self {
            Self::CompanyName => "Give your company a name.".into(),
            Self::NoProducts => {
                "Add at least one product: one a line, as “Name | what it does | fit words”.".into()
            }
            Self::LineName(s, l) => {
                format!("{}, line {l}: start the line with a name.", s.label())
            }
            Self::LongField(s, l) => format!(
                "{}, line {l}: a part is at most {MAX_FIELD_CHARS} characters.",
                s.label()
            ),
            Self::TooManyLines(s) => format!("{}: at most {MAX_LINES} lines.", s.label()),
            Self::LongName => "A company name or domain is at most 200 characters.".into(),
            Self::TooBig => "Your company is more than 256 kB of text: shorten it.".into(),
            Self::BadChoice => "Pick a role and a purpose from the lists.".into(),
            Self::TokenName => "Give the token a name of at most 100 characters.".into(),
            Self::WrongPassword => "Your current password is not right.".into(),
            Self::NewPassword => "A new password is 8 to 1,024 bytes long.".into(),
            Self::TooManyAttempts => "Too many attempts. Wait a few minutes and try again.".into(),
            Self::Unavailable => {
                "Dossier is busy or restarting. Nothing was changed; please try again.".into()
            }
            Self::NotionToken => "Paste your Notion integration token: one line, as Notion shows it (ntn_…).".into(),
            Self::NotionPage => {
                "Paste the link of the Notion page new preps go under (or its 32-character id).".into()
            }
            Self::SlackWebhook => {
                "Paste a Slack incoming-webhook URL, as Slack shows it (https://hooks.slack.com/services/…).".into()
            }
        }
    }
}

/// `s` as HTML text, safe inside an element or a quoted attribute (`&`, `<`, `>`, `"`, `'`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What a form's redirect says was saved (`?saved=company`).
pub fn saved_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "profile" => "Saved: your role and usual meeting purpose.",
        "company" => "Saved: your company. New preps and answers use it.",
        "reset" => "Your company is back to the server's.",
        "password" => "Password changed. Your other devices are signed out.",
        "revoked" => "Token revoked.",
        "notion" => "Saved: your Notion connection. Preps can now be sent to Notion.",
        "notion-off" => "Notion disconnected: its token is deleted.",
        "slack" => "Saved: your Slack webhook. Preps can now be sent to Slack.",
        "slack-off" => "Slack webhook deleted.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_back_from_its_query() {
        let all = [
            SettingsProblem::CompanyName,
            SettingsProblem::NoProducts,
            SettingsProblem::LineName(Section::Wins, 3),
            SettingsProblem::LongField(Section::Competitors, 100),
            SettingsProblem::TooManyLines(Section::Products),
            SettingsProblem::LongName,
            SettingsProblem::TooBig,
            SettingsProblem::BadChoice,
            SettingsProblem::TokenName,
            SettingsProblem::WrongPassword,
            SettingsProblem::NewPassword,
            SettingsProblem::TooManyAttempts,
            SettingsProblem::Unavailable,
            SettingsProblem::NotionToken,
            SettingsProblem::NotionPage,
            SettingsProblem::SlackWebhook,
        ];
        for p in all {
            let q = p.query();
            let get = |k: &str| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                    .map(str::to_string)
            };
            let back = SettingsProblem::from_query(
                &get("error").unwrap(),
                get("section").as_deref(),
                get("line").as_deref(),
            );
            assert_eq!(back, Some(p), "{q}");
            assert!(p.text().ends_with('.'), "{}", p.text());
        }
    }

    #[test]
    fn a_made_up_query_shows_nothing() {
        assert_eq!(SettingsProblem::from_query("<script>", None, None), None);
        assert_eq!(
            SettingsProblem::from_query("line-name", Some("products"), None),
            None
        );
        assert_eq!(
            SettingsProblem::from_query("line-name", Some("evil"), Some("2")),
            None
        );
        assert_eq!(
            SettingsProblem::from_query("line-name", Some("wins"), Some("99999999999999999999")),
            None
        );
        assert_eq!(saved_text("anything"), None);
    }

    #[test]
    fn text_cannot_close_its_textarea_or_attribute() {
        assert_eq!(
            escape_html("</textarea><b x=\"1\">'&'</b>"),
            "&lt;/textarea&gt;&lt;b x=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn a_line_problem_names_its_section_and_line() {
        assert_eq!(
            SettingsProblem::LineName(Section::Products, 4).text(),
            "Products, line 4: start the line with a name."
        );
    }
}
