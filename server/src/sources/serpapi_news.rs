//! News from Google News through SerpAPI (`engine=google_news`). Keyed.

use super::http::{Http, Request};
use super::text::{
    clean, clean_opt, clean_url, is_funding_headline, iso_date_prefix, newest_or_today,
    us_date_to_iso,
};
use super::{ErrorKind, Source, SourceError, source_ref};
use crate::findings::{Collected, Findings, NewsItem};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

pub const NAME: &str = "Google News (SerpAPI)";
/// The most articles we keep.
const MAX_ITEMS: usize = 20;

pub struct SerpApiNews {
    http: Http,
}

impl SerpApiNews {
    /// `http` is the SerpAPI client (shared with the jobs source); it must have a key.
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(NAME),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Response {
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

/// SerpAPI's words for "this search found nothing", sent as an error with HTTP 200.
pub fn is_empty_results_error(e: &str) -> bool {
    e.contains("hasn't returned any results") || e.contains("has not returned any results")
}

/// A SerpAPI `error` that came with HTTP 200 and no results, as a [`SourceError`].
pub fn serpapi_error(http: &Http, e: &str) -> SourceError {
    let lower = e.to_ascii_lowercase();
    if lower.contains("api key") {
        http.error(
            ErrorKind::Unauthorized,
            "the API key was refused; check it and its plan",
        )
    } else if lower.contains("run out of searches") || lower.contains("rate limit") {
        http.error(
            ErrorKind::RateLimited,
            "the account has run out of searches",
        )
    } else if lower.contains("missing")
        || lower.contains("invalid")
        || lower.contains("unsupported")
    {
        http.error(ErrorKind::Rejected, "the search was refused as invalid")
    } else {
        http.error(
            ErrorKind::Malformed,
            "answered with an error instead of results",
        )
    }
}

#[async_trait::async_trait]
impl Source for SerpApiNews {
    fn name(&self) -> &str {
        NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::News]
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let key = self.http.config().key.clone().unwrap_or_default();
        let res: Response = self
            .http
            .json(
                Request::get("/search.json")
                    .query("engine", "google_news")
                    .query("q", format!("\"{}\"", account.name))
                    .query("hl", "en")
                    .query("gl", "us")
                    .query("api_key", key),
            )
            .await?;
        if let Some(e) = &res.error
            && res.news_results.is_empty()
            && !is_empty_results_error(e)
        {
            return Err(serpapi_error(&self.http, e));
        }
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
        let last_updated = newest_or_today(items.iter().map(|i| i.date.as_str()));
        let url = Some(format!(
            "https://news.google.com/search?q={}",
            super::text::path_segment(&format!("\"{}\"", account.name))
        ));
        Ok(Findings::from_source(
            Collected::News { items },
            source_ref(NAME, 0.85, last_updated, url),
        ))
    }
}
