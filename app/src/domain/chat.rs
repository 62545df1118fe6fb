//! Chat messages, their action buttons and the sources behind what they say.

use super::{Intent, MeetingPurpose, RepRole, StepKey};
use serde::{Deserialize, Serialize};

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    User,
    Assistant,
}

/// One message in the chat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Unique within the session.
    pub id: String,
    pub role: Role,
    /// Plain text; lines are kept, `•` bullets are plain characters.
    pub text: String,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Where the facts in `text` come from. Empty only for messages that state no facts.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Set on the message that hosts a run's live progress card.
    #[serde(default)]
    pub run_id: Option<String>,
    pub at_ms: i64,
    /// How many times the content was revised (an answer streaming in).
    #[serde(default)]
    pub revision: u32,
    /// The answer is still streaming in.
    #[serde(default)]
    pub streaming: bool,
}

impl ChatMessage {
    pub fn user(id: impl Into<String>, text: impl Into<String>, at_ms: i64) -> Self {
        Self {
            id: id.into(),
            role: Role::User,
            text: text.into(),
            actions: Vec::new(),
            sources: Vec::new(),
            run_id: None,
            at_ms,
            revision: 0,
            streaming: false,
        }
    }

    pub fn assistant(id: impl Into<String>, text: impl Into<String>, at_ms: i64) -> Self {
        Self {
            role: Role::Assistant,
            ..Self::user(id, text, at_ms)
        }
    }

    pub fn with_actions(mut self, actions: Vec<Action>) -> Self {
        self.actions = actions;
        self
    }

    pub fn with_sources(mut self, sources: Vec<SourceRef>) -> Self {
        self.sources = sources;
        self
    }

    pub fn with_run(mut self, run_id: impl Into<String>) -> Self {
        self.run_id = Some(run_id.into());
        self
    }
}

/// A button under a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub label: String,
    pub action: ActionKind,
    /// The research run whose data this button needs: while the steps it needs are pending
    /// it waits (disabled, with a spinner), and it says "new" when they land.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

impl Action {
    pub fn new(id: impl Into<String>, label: impl Into<String>, action: ActionKind) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            action,
            run_id: None,
        }
    }

    /// A button asking a question.
    pub fn ask(label: impl Into<String>, intent: Intent) -> Self {
        Self::new(
            intent.action_name(),
            label,
            ActionKind::Ask {
                intent,
                focus: None,
                account_id: None,
            },
        )
    }

    /// Make a question button ask about `account_id` (other buttons are unchanged).
    pub fn about(mut self, account: &str) -> Self {
        if let ActionKind::Ask { account_id, .. } = &mut self.action {
            *account_id = Some(account.to_string());
        }
        self
    }

    /// Tie the button to the run whose data it needs.
    pub fn waiting_on(mut self, run_id: Option<&str>) -> Self {
        self.run_id = run_id.map(str::to_string);
        self
    }

    /// The steps whose data this button needs.
    pub fn needs(&self) -> &'static [StepKey] {
        match &self.action {
            ActionKind::Ask { intent, .. } => intent.needs(),
            ActionKind::Explore { topic } => topic.intent().needs(),
            _ => &[],
        }
    }
}

/// What a button does when pressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActionKind {
    /// Pick this account and start researching it.
    SelectCustomer { account_id: String },
    /// Put the cursor back in the chat input.
    SearchAgain,
    /// Add the company at this domain to the rep's accounts and research it.
    ResearchDomain { domain: String },
    /// Ask about one area of the account (buttons of earlier versions; asked as
    /// [`ActionKind::Ask`]).
    Explore { topic: Topic },
    /// Ask a question.
    Ask {
        intent: Intent,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        focus: Option<String>,
        /// The account the question is about (a button in an older thread asks about its
        /// own account); None: the session's current account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account_id: Option<String>,
    },
    /// Say which role the rep has in this meeting.
    SetRole { role: RepRole },
    /// Say what the meeting is for.
    SetPurpose { purpose: MeetingPurpose },
    /// Don't ask about role and purpose again.
    SkipPersona,
    /// Show the role and purpose choices again.
    ChangePersona,
    /// Research again what failed in a finished run: every failed step, or only `step`.
    Retry {
        run_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<StepKey>,
    },
    /// Open prep `prep_id`'s one-pager as a page, a PDF, a deck or Markdown (a link).
    OpenPrep { prep_id: String, view: PrepView },
}

/// The forms a one-pager opens in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrepView {
    Page,
    Pdf,
    Deck,
    SlidesPdf,
    Markdown,
    /// The page's customer-safe note to send ahead (the seed's "Email summary to send ahead").
    SendAhead,
    /// The page's "Send to Notion" (the seed's "Notion page for collaboration").
    Notion,
}

impl PrepView {
    /// Where it opens. `prep_id` is checked (letters, digits, `-`) where the link is drawn.
    pub fn href(self, prep_id: &str) -> String {
        match self {
            PrepView::Page => format!("/preps/{prep_id}"),
            PrepView::Pdf => format!("/api/preps/{prep_id}.pdf"),
            PrepView::Deck => format!("/preps/{prep_id}/deck"),
            PrepView::SlidesPdf => format!("/api/preps/{prep_id}/slides.pdf"),
            PrepView::Markdown => format!("/api/preps/{prep_id}.md"),
            PrepView::SendAhead => format!("/preps/{prep_id}#send-ahead"),
            PrepView::Notion => format!("/preps/{prep_id}#send-notion"),
        }
    }

    /// The link's words.
    pub fn label(self) -> &'static str {
        match self {
            PrepView::Page => "Open the one-pager",
            PrepView::Pdf => "PDF",
            PrepView::Deck => "Slide deck",
            PrepView::SlidesPdf => "Deck as PDF",
            PrepView::Markdown => "Markdown",
            PrepView::SendAhead => "Email summary to send ahead",
            PrepView::Notion => "Notion page for collaboration",
        }
    }

    pub const ALL: [PrepView; 7] = [
        PrepView::Page,
        PrepView::Pdf,
        PrepView::Deck,
        PrepView::SlidesPdf,
        PrepView::Markdown,
        PrepView::Notion,
        PrepView::SendAhead,
    ];
}

/// Whether `id` may be a prep's id in a link: 1–64 ASCII letters, digits and `-`.
pub fn plausible_prep_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl ActionKind {
    /// The action's name on the API (the seeds' names: `analyze_product_fit`, …).
    pub fn name(&self) -> &'static str {
        match self {
            ActionKind::SelectCustomer { .. } => "select_customer",
            ActionKind::SearchAgain => "search_again",
            ActionKind::ResearchDomain { .. } => "research_domain",
            ActionKind::Explore { topic } => topic.intent().action_name(),
            ActionKind::Ask { intent, .. } => intent.action_name(),
            ActionKind::SetRole { .. } => "set_role",
            ActionKind::SetPurpose { .. } => "set_purpose",
            ActionKind::SkipPersona => "skip_persona",
            ActionKind::ChangePersona => "change_persona",
            ActionKind::Retry { .. } => "retry",
            ActionKind::OpenPrep { .. } => "open_prep",
        }
    }
}

/// The areas a rep can explore from the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Business,
    Contacts,
    Technology,
    News,
    Hiring,
}

impl Topic {
    /// The question category this topic asks about.
    pub fn intent(self) -> Intent {
        match self {
            Topic::Business => Intent::Overview,
            Topic::Contacts => Intent::Contacts,
            Topic::Technology => Intent::Technology,
            Topic::News => Intent::News,
            Topic::Hiring => Intent::Hiring,
        }
    }

    /// The question a button for this topic asks.
    pub fn question(self) -> &'static str {
        match self {
            Topic::Business => "Tell me more about their business",
            Topic::Contacts => "Who should I talk to?",
            Topic::Technology => "What technology do they use?",
            Topic::News => "What's new with them?",
            Topic::Hiring => "Who are they hiring?",
        }
    }
}

/// Where a fact came from, shown as a badge under the message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    pub name: String,
    /// 0.0 ..= 1.0
    pub confidence: f32,
    /// ISO date, e.g. `2026-11-20`.
    pub last_updated: String,
    #[serde(default)]
    pub url: Option<String>,
    /// When we fetched it (ms since the epoch); None for stored CRM data.
    #[serde(default)]
    pub fetched_at_ms: Option<i64>,
}

/// The longest link we show.
pub const MAX_LINK_CHARS: usize = 2_048;

/// `url` if it is a link we may show: `http://` or `https://` with a host, no spaces or
/// control characters, at most [`MAX_LINK_CHARS`] (never `javascript:`, `data:` or a path of
/// our own). Checked where a link is made on the server and again where the page draws it.
pub fn safe_link(url: &str) -> Option<&str> {
    let url = url.trim();
    let rest = strip_prefix_ci(url, "https://").or_else(|| strip_prefix_ci(url, "http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let ok = !host.is_empty()
        && !host.starts_with('@')
        && url.chars().count() <= MAX_LINK_CHARS
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\');
    ok.then_some(url)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

impl SourceRef {
    /// The record's address, if it is one a page may link to (see [`safe_link`]).
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().and_then(safe_link)
    }

    /// The confidence in words, as the badge says it: `Confidence: 92% (high)`.
    pub fn confidence_words(&self) -> String {
        let pct = (self.confidence.clamp(0.0, 1.0) * 100.0).round() as u32;
        format!("Confidence: {pct}% ({})", self.confidence_level())
    }

    /// The badge's dot colour: green above 0.8, yellow above 0.6, else red.
    pub fn confidence_level(&self) -> &'static str {
        if self.confidence > 0.8 {
            "high"
        } else if self.confidence > 0.6 {
            "medium"
        } else {
            "low"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_is_said_in_words() {
        let at = |confidence: f32| SourceRef {
            name: "Crunchbase".into(),
            confidence,
            last_updated: "2026-11-20".into(),
            url: None,
            fetched_at_ms: None,
        };
        assert_eq!(at(0.92).confidence_words(), "Confidence: 92% (high)");
        assert_eq!(at(0.7).confidence_words(), "Confidence: 70% (medium)");
        assert_eq!(at(1.7).confidence_words(), "Confidence: 100% (high)");
        assert_eq!(at(f32::NAN).confidence_words(), "Confidence: 0% (low)");
    }

    #[test]
    fn only_http_links_with_a_host_are_shown() {
        for good in [
            "https://acmecorp.com/about",
            "HTTP://news.example/a?b=c#d",
            "  https://x.io  ",
        ] {
            assert_eq!(safe_link(good), Some(good.trim()), "{good}");
        }
        let long = format!("https://x.io/{}", "a".repeat(MAX_LINK_CHARS));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "/settings",
            "//evil.example",
            "https://",
            "https:///path",
            "https://@evil",
            "https://a b.com",
            "https://x.io/a\nb",
            "https://x.io\\evil",
            "ftp://x.io",
            "",
            long.as_str(),
        ] {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
        let s = SourceRef {
            name: "Feed".into(),
            confidence: 0.9,
            last_updated: "2026-11-20".into(),
            url: Some("javascript:alert(1)".into()),
            fetched_at_ms: None,
        };
        assert_eq!(s.link(), None);
    }

    #[test]
    fn confidence_levels_follow_the_seed_thresholds() {
        let mut s = SourceRef {
            name: "Demo".into(),
            confidence: 0.81,
            last_updated: "2026-11-20".into(),
            url: None,
            fetched_at_ms: None,
        };
        assert_eq!(s.confidence_level(), "high");
        s.confidence = 0.8;
        assert_eq!(s.confidence_level(), "medium");
        s.confidence = 0.6;
        assert_eq!(s.confidence_level(), "low");
    }

    #[test]
    fn action_kind_serialises_with_a_tag() {
        let a = ActionKind::SelectCustomer {
            account_id: "acme-corp".into(),
        };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"select_customer","account_id":"acme-corp"}"#
        );
    }
}
