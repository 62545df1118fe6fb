//! SerpAPI's Google engines: news ([`news`]) and jobs ([`jobs`]), over one keyed client.
//! What both engines share: the keyed search request and reading an `error` that comes
//! with HTTP 200.

pub mod jobs;
pub mod news;

use crate::findings::Findings;
use crate::sources::net::http::{Http, Request};
use crate::sources::{ErrorKind, Source, SourceError};
use app::domain::{AccountSummary, StepKey};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// One SerpAPI engine: what it searches for and how its answer reads.
pub trait Engine: 'static {
    /// The source's name, as on a source badge.
    const NAME: &'static str;
    /// The steps it answers.
    const STEPS: &'static [StepKey];
    /// The answer's shape.
    type Answer: DeserializeOwned;
    /// The search for `account` ([`keyed_search`] with the engine's parameters).
    fn search(http: &Http, account: &AccountSummary) -> Request<'static>;
    /// The `error` the answer carries (sent with HTTP 200), and whether results came too.
    fn outcome(answer: &Self::Answer) -> (Option<&str>, bool);
    /// The findings in an answer about `account`.
    fn findings(answer: Self::Answer, account: &AccountSummary) -> Findings;
}

/// A SerpAPI engine as a [`Source`].
pub struct SerpApiSource<E> {
    http: Http,
    engine: PhantomData<fn() -> E>,
}

impl<E: Engine> SerpApiSource<E> {
    /// `http` is the SerpAPI client (shared by both engines); it must have a key.
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(E::NAME),
            engine: PhantomData,
        }
    }
}

// One `Source` per provider family (boards, SerpAPI engines); the family trait holds what differs.
#[async_trait::async_trait]
impl<E: Engine> Source for SerpApiSource<E> {
    fn name(&self) -> &str {
        E::NAME
    }

    fn steps(&self) -> &[StepKey] {
        E::STEPS
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let answer: E::Answer = self.http.json(E::search(&self.http, account)).await?;
        let (error, has_results) = E::outcome(&answer);
        check(&self.http, error, has_results)?;
        Ok(E::findings(answer, account))
    }
}

/// A search on SerpAPI's `engine` for `q` in English, with `extra` parameters, keyed with
/// the client's API key.
pub fn keyed_search(
    http: &Http,
    engine: &'static str,
    q: String,
    extra: &[(&'static str, &'static str)],
) -> Request<'static> {
    let key = http.config().key.clone().unwrap_or_default();
    let mut req = Request::get("/search.json")
        .query("engine", engine)
        .query("q", q)
        .query("hl", "en");
    for &(name, value) in extra {
        req = req.query(name, value);
    }
    req.query("api_key", key)
}

/// An `error` that came with HTTP 200 fails the search, unless results came with it or it
/// only says that nothing was found.
pub fn check(http: &Http, error: Option<&str>, has_results: bool) -> Result<(), SourceError> {
    match error {
        Some(e) if !has_results && !is_empty_results_error(e) => Err(serpapi_error(http, e)),
        _ => Ok(()),
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
