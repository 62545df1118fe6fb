//! Provider tests: every network source against a wiremock server on loopback, with
//! realistic fixtures (fictional companies), then a shared failure matrix.

mod apollo;
mod ashby;
mod failures;
mod google_news_rss;
mod greenhouse;
mod lever;
mod serpapi_jobs;
mod serpapi_news;
mod wikidata;

use app::domain::{AccountSummary, StepKey};
use server::findings::{Collected, CompanyFacts, Contact, Findings, Job, NewsItem};
use server::sources::net::http::Http;
use server::sources::{ProviderConfig, Source, SourceError, today_iso};
use std::time::Duration;
use wiremock::MockServer;

pub const UA: &str = "Dossier-test/0.1 (+https://example.test)";
pub const KEY: &str = "test-key-5ecret";

/// The account every test researches (fictional).
pub fn acme() -> AccountSummary {
    AccountSummary {
        id: "acme-corp".into(),
        name: "Acme Corp".into(),
        domain: "acmecorp.com".into(),
        industry: "FinTech".into(),
        employees: 640,
        location: "Springfield, USA".into(),
        origin: Default::default(),
    }
}

/// Fast settings pointing at `server`: small timeout and backoff, 2 retries.
pub fn config(server: &MockServer, keyed: bool) -> ProviderConfig {
    let mut c = ProviderConfig::new(&server.uri());
    c.key = keyed.then(|| KEY.to_string());
    c.timeout = Duration::from_millis(600);
    c.retries = 2;
    c.backoff = Duration::from_millis(5);
    c.max_retry_after = Duration::from_secs(2);
    c.max_bytes = 1_000_000;
    c
}

pub fn http(name: &str, c: &ProviderConfig) -> Http {
    Http::new(name, c, UA)
}

pub async fn collect(source: &dyn Source, step: StepKey) -> Result<Findings, SourceError> {
    source.collect(step, &acme()).await
}

/// Each job as (title, department, location, posted, url): what the rep reads.
pub fn job_rows(f: &Findings) -> Vec<(&str, &str, &str, &str, Option<&str>)> {
    jobs(f)
        .iter()
        .map(|j| {
            (
                j.title.as_str(),
                j.department.as_str(),
                j.location.as_str(),
                j.posted.as_str(),
                j.url.as_deref(),
            )
        })
        .collect()
}

/// Each news item as (title, date, funding?, publisher): what the rep reads.
pub fn news_rows(f: &Findings) -> Vec<(&str, &str, bool, Option<&str>)> {
    news(f)
        .iter()
        .map(|i| {
            (
                i.title.as_str(),
                i.date.as_str(),
                i.funding,
                i.publisher.as_deref(),
            )
        })
        .collect()
}

pub fn news(f: &Findings) -> &[NewsItem] {
    match &f.data {
        Collected::News { items } => items,
        other => panic!("expected news, got {other:?}"),
    }
}

pub fn jobs(f: &Findings) -> &[Job] {
    match &f.data {
        Collected::Hiring { jobs } => jobs,
        other => panic!("expected jobs, got {other:?}"),
    }
}

pub fn company(f: &Findings) -> &[CompanyFacts] {
    match &f.data {
        Collected::Company { company } => company,
        other => panic!("expected company facts, got {other:?}"),
    }
}

pub fn people(f: &Findings) -> &[Contact] {
    match &f.data {
        Collected::Contacts { people } => people,
        other => panic!("expected contacts, got {other:?}"),
    }
}

/// The one source record: named as the rep sees it, fetched just now.
pub fn assert_source(f: &Findings, name: &str, confidence: f32, last_updated: &str) {
    assert_eq!(f.sources.len(), 1);
    let s = &f.sources[0];
    assert_eq!(s.name, name);
    assert!((s.confidence - confidence).abs() < 1e-6, "{}", s.confidence);
    assert_eq!(s.last_updated, last_updated);
    let fetched = s.fetched_at_ms.expect("fetched now");
    assert!((server::now_ms() - fetched).abs() < 60_000);
}

/// An empty answer: no facts, and the record says the data is as of today.
pub fn assert_empty(f: &Findings, name: &str) {
    assert!(f.data.is_empty(), "{:?}", f.data);
    assert_eq!(f.sources[0].name, name);
    assert_eq!(f.sources[0].last_updated, today_iso());
}
