//! Cleaning, dates and hosts.

use super::*;

#[test]
fn dates_from_milliseconds() {
    assert_eq!(iso_date_from_ms(0), "1970-01-01");
    assert_eq!(iso_date_from_ms(1_795_000_000_000), "2026-11-18");
    assert_eq!(iso_date_from_ms(951_782_400_000), "2000-02-29");
}

#[test]
fn text_is_cleaned_not_interpreted() {
    assert_eq!(clean("  a\u{0}b\tc\n\nd  "), "ab c d");
    assert_eq!(
        clean("<script>alert(1)</script>"),
        "<script>alert(1)</script>"
    );
    assert_eq!(clean("evil\u{202E}txt"), "eviltxt");
    let long = "x".repeat(1_000);
    let c = clean(&long);
    assert_eq!(c.chars().count(), MAX_TEXT_CHARS);
    assert!(c.ends_with('…'));
    assert_eq!(clean(&"y".repeat(300)), "y".repeat(300));
    assert_eq!(clean_opt(Some(" \u{7} ")), None);
}

#[test]
fn only_web_urls_are_kept() {
    assert_eq!(
        clean_url(" https://a.example/x "),
        Some("https://a.example/x".into())
    );
    assert_eq!(clean_url("javascript:alert(1)"), None);
    assert_eq!(clean_url("https://a.example/x y"), None);
    assert_eq!(
        clean_url("HTTP://A.EXAMPLE"),
        Some("HTTP://A.EXAMPLE".into())
    );
}

#[test]
fn dates_are_read_from_the_common_formats() {
    assert_eq!(
        iso_date_prefix("2025-06-12T14:00:00Z").as_deref(),
        Some("2025-06-12")
    );
    assert_eq!(iso_date_prefix("2025-02-30"), None);
    assert_eq!(iso_date_prefix("yesterday"), None);
    assert_eq!(
        rfc2822_to_iso("Thu, 12 Jun 2025 14:00:00 GMT").as_deref(),
        Some("2025-06-12")
    );
    assert_eq!(
        rfc2822_to_iso("Thu, 12 Jun 2025 23:30:00 -0500").as_deref(),
        Some("2025-06-13"),
        "converted to UTC"
    );
    assert_eq!(
        rfc2822_to_iso("Sun, 01 Jun 2025 00:30:00 +0200").as_deref(),
        Some("2025-05-31")
    );
    assert_eq!(rfc2822_to_iso("not a date"), None);
    assert_eq!(
        us_date_to_iso("06/12/2025, 02:00 PM, +0000 UTC").as_deref(),
        Some("2025-06-12")
    );
    assert_eq!(us_date_to_iso("13/45/2025, 02:00 PM"), None);
    // What the property test once found: a year of more than four digits is not a date.
    assert_eq!(us_date_to_iso("02/29/20252024"), None);
    assert_eq!(us_date_to_iso("02/29/2024").as_deref(), Some("2024-02-29"));
    assert_eq!(
        newest_or_today(["2025-01-02", "2025-03-04T00:00:00Z", "junk"]),
        "2025-03-04"
    );
    assert_eq!(newest_or_today([]), today_iso());
}

#[test]
fn sites_match_by_host() {
    assert!(same_site("https://www.AcmeCorp.com/en/", "acmecorp.com"));
    assert!(same_site("http://investors.acmecorp.com", "acmecorp.com"));
    assert!(!same_site("https://notacmecorp.com", "acmecorp.com"));
    assert!(!same_site(
        "https://acmecorp.com.evil.example",
        "acmecorp.com"
    ));
    assert_eq!(path_segment("Acme Corp/../x"), "Acme%20Corp%2F..%2Fx");
}
