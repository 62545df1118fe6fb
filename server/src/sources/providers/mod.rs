//! The providers, one [`Source`](crate::sources::Source) each: the company's public job
//! boards, SerpAPI's Google News and Google Jobs, the Google News feed, Wikidata, Apollo,
//! the vendor context and the built-in demo data set.

pub mod apollo;
pub mod boards;
pub mod demo;
pub mod google_news_rss;
pub mod serpapi;
pub mod vendor;
pub mod wikidata;

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
