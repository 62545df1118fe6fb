//! The meeting-prep one-pager: made from the evidence and the rep's pinned items
//! ([`build`]), compared with the version before it ([`diff`]), and drawn as Markdown
//! ([`markdown`]) and as PDF, page and deck ([`pdf`]); what leaves Dossier: the
//! customer-safe send-ahead note ([`send_ahead`]), email messages ([`email`]), a Slack
//! message ([`slack`]) and Notion blocks ([`notion`]). Pure: no database, no network.

pub mod build;
pub mod diff;
pub mod email;
pub mod markdown;
pub mod notion;
pub mod pdf;
pub mod send_ahead;
pub mod slack;

/// A day as the one-pager says it: `1 Dec 2026` (UTC).
pub fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_default()
}

/// `acme-corp`: letters, digits and `-`, at most 60.
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let parts: Vec<&str> = s.split('-').filter(|p| !p.is_empty()).collect();
    parts.join("-").chars().take(60).collect()
}
