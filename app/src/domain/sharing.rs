//! Sharing a prep: read-only links, and sends to an email address, a Slack channel or a
//! Notion page — each recorded on the prep with how it went, so the rep sees what left
//! Dossier, where, and can send again what failed.

use serde::{Deserialize, Serialize};

/// Where a prep is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Slack,
    Notion,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::Slack, Channel::Notion];

    /// Its name on the API and in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Slack => "slack",
            Channel::Notion => "notion",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Email => "Email",
            Channel::Slack => "Slack",
            Channel::Notion => "Notion",
        }
    }
}

/// How a send went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SendStatus {
    /// Being delivered (also after a crash: another process takes it over).
    Sending,
    Delivered,
    Failed,
}

/// What was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendWhat {
    /// The customer-safe note for the attendees, emailed to the rep to forward.
    SendAhead,
    /// The whole one-pager, for a colleague (email with the PDF, Slack, Notion).
    OnePager,
}

/// One send of a prep, as the prep page and `GET /api/preps/{id}` show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendRecord {
    pub send_id: String,
    pub channel: Channel,
    pub what: SendWhat,
    /// The address it went to (email); None for Slack and Notion (the rep's own webhook
    /// and page, never shown).
    pub to: Option<String>,
    /// The one-pager version sent.
    pub version: u32,
    pub status: SendStatus,
    /// Why it failed, in plain words.
    pub reason: Option<String>,
    /// Where it landed, when the channel says (the Notion page).
    pub link: Option<String>,
    pub requested_at: i64,
    pub finished_at: Option<i64>,
    /// How many times it was tried.
    pub attempts: u32,
    /// When it ended (else when it was asked), in words: `3 Dec 2026, 14:05 UTC`.
    #[serde(default)]
    pub when: String,
}

impl SendRecord {
    /// "Email to sam@example.com", "Send-ahead note emailed to you", "Slack", "Notion".
    pub fn describe(&self) -> String {
        match (self.channel, self.what, &self.to) {
            (Channel::Email, SendWhat::SendAhead, _) => {
                "Send-ahead note, emailed to you to forward".to_string()
            }
            (Channel::Email, _, Some(to)) => format!("Email to {to}"),
            (Channel::Email, _, None) => "Email".to_string(),
            (Channel::Slack, ..) => "Slack (your webhook's channel)".to_string(),
            (Channel::Notion, ..) => "Notion (under your parent page)".to_string(),
        }
    }
}

/// A read-only link, as the prep page lists it (never its token: that is shown once).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareLinkInfo {
    /// The version it shows.
    pub version: u32,
    pub created_at: i64,
    pub expires_at: i64,
    /// The day it stops working, in words: `17 Dec 2026`.
    #[serde(default)]
    pub until: String,
}

/// A link just made: its address is shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewShareLink {
    pub url: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// What the prep page's "Share" section shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharingView {
    pub links: Vec<ShareLinkInfo>,
    /// Newest first.
    pub sends: Vec<SendRecord>,
    /// Whether the server can send email (`DOSSIER_SMTP_URL`).
    pub email: bool,
    /// Whether the rep saved a Slack webhook and a Notion connection (settings page).
    pub slack: bool,
    pub notion: bool,
    /// `mailto:` with the send-ahead note as subject and body.
    pub mailto: String,
}

/// The Notion page id in what the rep pasted: a page's URL
/// (`https://www.notion.so/Team-Notes-0f3c…`) or its id, with or without dashes; as the
/// API takes it (32 hex digits, dashed 8-4-4-4-12).
pub fn notion_page_id(pasted: &str) -> Option<String> {
    let text = pasted.trim();
    if text.is_empty() || text.len() > 2_000 {
        return None;
    }
    // The id is the last 32 hex digits of the URL's path (before any `?` or `#`).
    let path = text.split(['?', '#']).next().unwrap_or("");
    let hex: String = path.chars().filter(|c| *c != '-').collect();
    let tail: String = hex
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if tail.len() < 32 {
        return None;
    }
    let id = tail[tail.len() - 32..].to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &id[0..8],
        &id[8..12],
        &id[12..16],
        &id[16..20],
        &id[20..32]
    ))
}

/// Whether `url` is a Slack incoming-webhook address under `prefix` (the server's
/// `DOSSIER_SLACK_WEBHOOK_PREFIX`, `https://hooks.slack.com/services/`): one line, no
/// spaces, at most 500 characters.
pub fn webhook_ok(url: &str, prefix: &str) -> bool {
    let url = url.trim();
    url.len() <= 500
        && url.len() > prefix.len()
        && url.starts_with(prefix)
        && url.chars().all(|c| c.is_ascii_graphic())
        && !url[prefix.len()..].contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notion_page_id_is_read_from_its_url_or_itself() {
        let want = Some("0f3c1e2a-9b8d-4c7e-a6f5-1234567890ab".to_string());
        for pasted in [
            "https://www.notion.so/acme/Team-Notes-0f3c1e2a9b8d4c7ea6f51234567890ab",
            "https://www.notion.so/Team-Notes-0f3c1e2a9b8d4c7ea6f51234567890ab?pvs=4",
            "0f3c1e2a9b8d4c7ea6f51234567890ab",
            " 0f3c1e2a-9b8d-4c7e-a6f5-1234567890ab ",
            "0F3C1E2A9B8D4C7EA6F51234567890AB",
        ] {
            assert_eq!(notion_page_id(pasted), want, "{pasted}");
        }
        for bad in [
            "",
            "https://www.notion.so/Team-Notes",
            "not a page",
            "<script>alert(1)</script>",
            "0f3c1e2a9b8d4c7ea6f5123456789",
            &"a".repeat(5_000),
        ] {
            assert_eq!(notion_page_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_webhook_must_be_under_the_slack_prefix() {
        let prefix = "https://hooks.slack.com/services/";
        assert!(webhook_ok(
            "https://hooks.slack.com/services/T000/B000/XXXX",
            prefix
        ));
        for bad in [
            "",
            prefix,
            "http://hooks.slack.com/services/T/B/X",
            "https://hooks.slack.com.evil.example/services/T/B/X",
            "https://evil.example/?https://hooks.slack.com/services/",
            "https://hooks.slack.com/services/T/B/X Y",
            "https://hooks.slack.com/services/../../admin",
            "http://169.254.169.254/latest/meta-data/",
        ] {
            assert!(!webhook_ok(bad, prefix), "{bad}");
        }
        assert!(!webhook_ok(&format!("{prefix}{}", "x".repeat(600)), prefix));
    }

    #[test]
    fn a_send_says_where_it_went() {
        let mut r = SendRecord {
            send_id: "s".into(),
            channel: Channel::Email,
            what: SendWhat::OnePager,
            to: Some("sam@example.com".into()),
            version: 1,
            status: SendStatus::Delivered,
            reason: None,
            link: None,
            requested_at: 0,
            finished_at: None,
            attempts: 1,
            when: String::new(),
        };
        assert_eq!(r.describe(), "Email to sam@example.com");
        r.what = SendWhat::SendAhead;
        assert_eq!(r.describe(), "Send-ahead note, emailed to you to forward");
        r.channel = Channel::Slack;
        assert!(r.describe().starts_with("Slack"));
        assert_eq!(Channel::parse(" notion "), Some(Channel::Notion));
        assert_eq!(Channel::parse("fax"), None);
    }
}
