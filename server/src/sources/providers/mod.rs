//! The providers, one [`Source`](crate::sources::Source) each: the company's public job
//! boards, SerpAPI's Google News and Google Jobs, the Google News feed, Wikidata, Apollo,
//! the vendor context and the built-in demo data set. What the news sources share is in
//! [`news`].

pub mod apollo;
pub mod boards;
pub mod demo;
pub mod google_news_rss;
pub mod news;
pub mod serpapi;
pub mod wikidata;
