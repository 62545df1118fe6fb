//! What the two news sources (SerpAPI's Google News and the Google News feed) share:
//! spotting funding headlines, and findings linked to the same Google News search.

use crate::findings::{Collected, Findings, NewsItem};
use crate::sources::net::text::{newest_or_today, path_segment};
use crate::sources::source_ref;

/// News found by searching Google News for `query`, as findings of source `name`: dated by
/// the newest article, linked to the same search on news.google.com.
pub fn google_news_findings(
    name: &str,
    confidence: f32,
    query: &str,
    items: Vec<NewsItem>,
) -> Findings {
    let last_updated = newest_or_today(items.iter().map(|i| i.date.as_str()));
    let url = Some(format!(
        "https://news.google.com/search?q={}",
        path_segment(query)
    ));
    Findings::from_source(
        Collected::News { items },
        source_ref(name, confidence, last_updated, url),
    )
}

/// Does this headline announce a funding round, an acquisition or an IPO?
pub fn is_funding_headline(title: &str) -> bool {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    const WORDS: [&str; 22] = [
        "raise",
        "raises",
        "raised",
        "raising",
        "funding",
        "funded",
        "seed",
        "acquire",
        "acquires",
        "acquired",
        "acquiring",
        "acquisition",
        "acquisitions",
        "ipo",
        "ipos",
        "investment",
        "invests",
        "valuation",
        "financing",
        "buyout",
        "merger",
        "spac",
    ];
    words.iter().enumerate().any(|(i, w)| {
        WORDS.contains(&w.as_str())
            || (w == "series"
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_lowercase()))
            || (w == "goes" && words.get(i + 1).is_some_and(|n| n == "public"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funding_headlines_are_spotted() {
        for t in [
            "Acme raises $50M Series C",
            "Globex acquires Initech",
            "Hooli files for IPO",
            "Seed round for Pied Piper",
            "Vandelay closes $20M Series B funding",
            "Umbrella goes public on Nasdaq",
        ] {
            assert!(is_funding_headline(t), "{t}");
        }
        for t in [
            "Acme opens Berlin office",
            "Series of outages hit Globex",
            "Hooli praises new CEO",
        ] {
            assert!(!is_funding_headline(t), "{t}");
        }
    }
}
