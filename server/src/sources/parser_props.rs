//! Property tests: every parser of provider data — dates in RSS, Wikidata, SerpAPI and job
//! boards; the RSS feed; the website's HTML (extraction, technology rules, self-description);
//! Wikidata values; a CRM export — takes any input without a panic (an overflow included)
//! and never returns a date that is not one. `make test` runs 2,000 cases each;
//! `make fuzz` runs 100,000 (`PROPTEST_CASES`).

use crate::book::import::{ReadOptions, read};
use crate::sources::net::text::{
    iso_date_from_ms, iso_date_prefix, rfc2822_to_iso, us_date_to_iso,
};
use crate::sources::providers::google_news_rss::parse_feed;
use crate::sources::providers::wikidata::{amount_of, year_of};
use crate::sources::website::{about, detect, markup};
use proptest::prelude::*;
use serde_json::json;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A number as providers send them: small, huge, negative, with signs and zeros.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (0u32..100).prop_map(|n| format!("{n:02}")),
        "[+-]?[0-9]{1,30}",
        Just("300000000".to_string()),
        Just("99999999999999999".to_string()),
    ]
}

/// Text made of the pieces a parser looks for, in any order, with junk between.
fn pieces(parts: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(parts).prop_map(str::to_string),
            number(),
            "[ -~]{0,12}",
            "\\PC{0,6}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// Is `d` a real `YYYY-MM-DD`?
fn is_date(d: &str) -> bool {
    iso_date_prefix(d).as_deref() == Some(d)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rfc2822_dates_never_panic(
        day in number(), month in prop::sample::select(&["Jan", "Feb", "jun", "Dec", "xyz"][..]),
        year in number(), h in number(), m in number(), s in number(),
        zone in prop_oneof![number().prop_map(|n| format!("+{n}")), number().prop_map(|n| format!("-{n}")),
            Just("GMT".to_string()), Just("PDT".to_string()), "[+-][0-9]{4}"],
        junk in "\\PC{0,40}",
    ) {
        let text = format!("Thu, {day} {month} {year} {h}:{m}:{s} {zone}");
        if let Some(d) = rfc2822_to_iso(&text) {
            prop_assert!(is_date(&d), "{text} → {d}");
        }
        let _ = rfc2822_to_iso(&junk);
    }

    #[test]
    fn other_dates_never_panic(text in pieces(&["-", "/", "T", "+", ",", " PM", "2025", "02", "29"]), ms in any::<i64>()) {
        if let Some(d) = iso_date_prefix(&text) {
            prop_assert!(text.trim().starts_with(&d));
        }
        if let Some(d) = us_date_to_iso(&text) {
            prop_assert!(is_date(&d), "{text} → {d}");
        }
        let d = iso_date_from_ms(ms);
        prop_assert!(d.len() >= 10);
    }

    #[test]
    fn rss_feeds_never_panic(xml in pieces(&[
        "<rss>", "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>",
        "<link>", "</link>", "<pubDate>", "</pubDate>", "<source url=\"https://x.io\">", "</source>",
        "<![CDATA[", "]]>", "&amp;", "&#x1F680;", "&#99999999;", "<!--", "-->", "<?xml version=\"1.0\"?>",
        "Thu, 12 Jun 300000000 99999999999999999:00:00 GMT",
    ])) {
        if let Ok(items) = parse_feed(&xml) {
            for item in items {
                let _ = rfc2822_to_iso(&item.pub_date);
            }
        }
    }

    #[test]
    fn web_pages_never_panic(html in pieces(&[
        "<html>", "<head>", "<meta name=\"description\" content=\"", "<meta property=\"og:title\" content='",
        "\">", "'>", "<script src=\"", "\"></script>", "<a href=\"https://", "<title>", "</title>",
        "<!--", "-->", "<link rel=\"stylesheet\" href=\"//cdn.", "wp-content", "_next/static", "gtag(",
        "<", ">", "\"", "'", "=", "&amp;", "&#0;", "é", "🚀",
    ]), cookie in "[ -~]{0,20}", header in "[ -~]{0,30}") {
        let _ = markup::extract(&html);
        let headers = vec![("server".to_string(), header.clone()), ("x-powered-by".to_string(), header)];
        let cookies = vec![cookie];
        let _ = detect::detect(&detect::Signals { headers: &headers, cookies: &cookies, body: &html });
        let page = crate::sources::net::safe_fetch::Page {
            url: "https://acmecorp.com/".parse().unwrap(),
            status: 200,
            headers,
            cookies,
            content_type: Some("text/html".into()),
            body: Some(html),
            truncated: false,
        };
        let _ = about::self_description(&page, "acmecorp.com");
    }

    #[test]
    fn wikidata_values_never_panic(time in pieces(&["+", "-", "T00:00:00Z", "-01-01"]), amount in pieces(&["+", "-", ".", "e", "E", "inf", "NaN"])) {
        let _ = year_of(&json!({ "time": time }));
        if let Some(n) = amount_of(&json!({ "amount": amount })) {
            prop_assert!(n < 10_000_000_000);
        }
    }

    #[test]
    fn crm_exports_never_panic(csv in pieces(&[
        "Account Name", "Website", "Annual Revenue", "Employees", "Close Date", "Amount", "Account ID",
        "Company name", "Company Domain Name", "Record ID", ",", ";", "\t", "\"", "\"\"", "\r\n", "\n",
        "$1,200,000.00", "1.200.000,00 €", "2026-13-45", "12/31/2026", "\u{feff}",
    ])) {
        let _ = read(csv.as_bytes(), &ReadOptions::default());
    }
}
