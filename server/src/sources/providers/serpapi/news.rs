//! News from Google News through SerpAPI (`engine=google_news`). Keyed.

use super::{Engine, SerpApiSource, keyed_search};
use crate::findings::{Findings, NewsItem};
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean, clean_opt, clean_url, iso_date_prefix, us_date_to_iso};
use crate::sources::providers::news::{google_news_findings, is_funding_headline};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

// Per-engine declarations (name, source type, engine); the shared path is `SerpApiSource`.
/// The source's name, as on a source badge.
pub const NAME: &str = "Google News (SerpAPI)";
/// The most articles we keep.
const MAX_ITEMS: usize = 20;

/// Google News through SerpAPI as a source.
pub type SerpApiNews = SerpApiSource<GoogleNews>;

/// SerpAPI's `google_news` engine.
pub struct GoogleNews;

/// What the `google_news` engine answers.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Response {
    error: Option<String>,
    news_results: Vec<Result_>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Result_ {
    #[serde(flatten)]
    article: Article,
    highlight: Option<Article>,
    stories: Vec<Article>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Article {
    title: Option<String>,
    link: Option<String>,
    source: Option<Publisher>,
    date: Option<String>,
    iso_date: Option<String>,
    published_at: Option<String>,
}

/// `source` is an object on `google_news` and a string on `google` + `tbm=nws`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Publisher {
    Named {
        name: Option<String>,
    },
    Plain(String),
    #[allow(dead_code)]
    Other(serde_json::Value),
}

impl Publisher {
    fn name(&self) -> Option<&str> {
        match self {
            Publisher::Named { name } => name.as_deref(),
            Publisher::Plain(s) => Some(s),
            Publisher::Other(_) => None,
        }
    }
}

impl Article {
    fn to_item(&self) -> Option<NewsItem> {
        let title = clean(self.title.as_deref()?);
        let url = clean_url(self.link.as_deref()?)?;
        if title.is_empty() {
            return None;
        }
        let date = [self.iso_date.as_deref(), self.published_at.as_deref()]
            .into_iter()
            .flatten()
            .find_map(iso_date_prefix)
            .or_else(|| self.date.as_deref().and_then(us_date_to_iso))
            .unwrap_or_default();
        Some(NewsItem {
            funding: is_funding_headline(&title),
            title,
            date,
            url,
            publisher: clean_opt(self.source.as_ref().and_then(Publisher::name)),
            src: 0,
        })
    }
}

impl Engine for GoogleNews {
    const NAME: &'static str = NAME;
    const STEPS: &'static [StepKey] = &[StepKey::News];
    type Answer = Response;

    fn search(http: &Http, account: &AccountSummary) -> Request<'static> {
        keyed_search(http, "google_news", query(account), &[("gl", "us")])
    }

    fn outcome(answer: &Response) -> (Option<&str>, bool) {
        (answer.error.as_deref(), !answer.news_results.is_empty())
    }

    fn findings(res: Response, account: &AccountSummary) -> Findings {
        let mut items: Vec<NewsItem> = Vec::new();
        for r in &res.news_results {
            let articles = r
                .highlight
                .iter()
                .chain(std::iter::once(&r.article))
                .chain(r.stories.iter());
            for a in articles {
                if let Some(item) = a.to_item()
                    && !items.iter().any(|i| i.url == item.url)
                {
                    items.push(item);
                }
            }
            if items.len() >= MAX_ITEMS {
                break;
            }
        }
        items.truncate(MAX_ITEMS);
        google_news_findings(NAME, 0.85, &query(account), items)
    }
}

/// The exact-phrase search for the account's name.
fn query(account: &AccountSummary) -> String {
    format!("\"{}\"", account.name)
}
