//! The meeting-prep one-pager: made from the evidence and the rep's pinned items
//! ([`build`]), compared with the version before it ([`diff`]), and drawn as Markdown
//! ([`markdown`]) and as PDF, page and deck ([`pdf`]). Pure: no database, no HTTP.

pub mod build;
pub mod diff;
pub mod markdown;
pub mod pdf;

/// A day as the one-pager says it: `1 Dec 2026` (UTC).
pub fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_default()
}
