//! The company's public job boards (Greenhouse, Lever, Ashby), keyless. What they share
//! lives here: one [`Source`] over any board API ([`JobBoard`]), trying the account's
//! candidate board tokens in turn and turning the first board with jobs into findings.

pub mod ashby;
pub mod greenhouse;
pub mod lever;

use crate::findings::{Collected, Findings, Job};
use crate::sources::net::http::Http;
use crate::sources::net::text::{clean, clean_opt, newest_or_today};
use crate::sources::{ErrorKind, Source, SourceError, source_ref};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;
use std::future::Future;
use std::marker::PhantomData;

/// The most roles we keep from one board.
pub const MAX_JOBS: usize = 50;
/// Job boards list the company's own postings: high confidence.
pub const CONFIDENCE: f32 = 0.9;

/// Jobs from one board, with the dates that say how fresh it is.
pub struct Board {
    /// The board's open roles, as listed.
    pub jobs: Vec<Job>,
    /// Every posting's last-change date (ISO), for `last_updated`.
    pub dates: Vec<String>,
    /// The board's public page.
    pub url: String,
}

/// Try `fetch` on each candidate token: the first board with jobs wins; a board that
/// exists but is empty counts as "no openings"; 404 for every token is NotFound.
pub async fn collect_board<F, Fut>(
    http: &Http,
    account: &AccountSummary,
    fetch: F,
) -> Result<Findings, SourceError>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Board, SourceError>>,
{
    let mut empty: Option<Board> = None;
    for token in board_tokens(account) {
        match fetch(token).await {
            Ok(board) if !board.jobs.is_empty() => return Ok(findings(http, board)),
            Ok(board) => {
                empty.get_or_insert(board);
            }
            Err(e) if e.kind == ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
    match empty {
        Some(board) => Ok(findings(http, board)),
        None => Err(http.error(
            ErrorKind::NotFound,
            format!("no public {} job board found", http.name()),
        )),
    }
}

fn findings(http: &Http, mut board: Board) -> Findings {
    board.jobs.truncate(MAX_JOBS);
    let last_updated = newest_or_today(board.dates.iter().map(String::as_str));
    Findings::from_source(
        Collected::Hiring { jobs: board.jobs },
        source_ref(http.name(), CONFIDENCE, last_updated, Some(board.url)),
    )
}

/// One board provider's API: its name and how one board is fetched and read.
pub trait BoardApi: 'static {
    /// The provider's name, as on a source badge.
    const NAME: &'static str;
    /// The board `token` names, fetched through `http`.
    fn board(http: &Http, token: String)
    -> impl Future<Output = Result<Board, SourceError>> + Send;
}

/// A public job board provider as a [`Source`] for the hiring step.
pub struct JobBoard<A> {
    http: Http,
    api: PhantomData<fn() -> A>,
}

impl<A: BoardApi> JobBoard<A> {
    /// The provider over `http`, renamed to the provider's name.
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(A::NAME),
            api: PhantomData,
        }
    }
}

// One `Source` per provider family (boards, SerpAPI engines); the family trait holds what differs.
#[async_trait::async_trait]
impl<A: BoardApi> Source for JobBoard<A> {
    fn name(&self) -> &str {
        A::NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::Hiring]
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        collect_board(&self.http, account, |t| A::board(&self.http, t)).await
    }
}

/// A board answer that may carry an error object instead of jobs, with HTTP 200
/// (Greenhouse, Ashby).
#[derive(Deserialize)]
pub struct JobsAnswer<J> {
    #[serde(default)]
    jobs: Vec<J>,
    /// An error object sent with HTTP 200.
    #[serde(default)]
    error: Option<serde_json::Value>,
}

impl<J> JobsAnswer<J> {
    /// The board's postings; an error object and no postings fail the board.
    pub fn postings(self, http: &Http) -> Result<Vec<J>, SourceError> {
        if self.jobs.is_empty() && self.error.is_some() {
            return Err(http.error(
                ErrorKind::Malformed,
                "answered with an error instead of a job board",
            ));
        }
        Ok(self.jobs)
    }
}

/// A job from a posting's fields, cleaned: `None` without a title; a missing department
/// or location reads `—`.
pub fn job(
    title: Option<&str>,
    department: Option<String>,
    location: Option<&str>,
    posted: String,
    url: Option<String>,
) -> Option<Job> {
    let title = clean(title?);
    if title.is_empty() {
        return None;
    }
    Some(Job {
        title,
        department: department.unwrap_or_else(|| "—".into()),
        location: clean_opt(location).unwrap_or_else(|| "—".into()),
        posted,
        url,
        src: 0,
    })
}

/// The job-board tokens to try for `account`: the domain's label before the TLD
/// (`acmecorp` from `acmecorp.com`, `acme` from `acme.co.uk`) and the name without spaces
/// or punctuation (`acmecorp` from `Acme Corp`), de-duplicated. Only `[a-z0-9-]`.
pub fn board_tokens(account: &AccountSummary) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let domain = account.domain.trim().to_ascii_lowercase();
    let host = domain
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    let labels: Vec<&str> = host
        .split('.')
        .filter(|l| !l.is_empty() && *l != "www")
        .collect();
    let second_level = ["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"];
    let label = match labels.len() {
        0 => None,
        1 => Some(labels[0]),
        n if n >= 3 && second_level.contains(&labels[n - 2]) => Some(labels[n - 3]),
        n => Some(labels[n - 2]),
    };
    let slug = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect()
    };
    if let Some(l) = label {
        out.push(slug(l));
    }
    out.push(
        account
            .name
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect(),
    );
    let mut seen = Vec::new();
    out.retain(|t| {
        !t.is_empty() && t.len() <= 100 && !seen.contains(t) && {
            seen.push(t.clone());
            true
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(name: &str, domain: &str) -> AccountSummary {
        AccountSummary {
            id: "x".into(),
            name: name.into(),
            domain: domain.into(),
            industry: String::new(),
            employees: 1,
            location: String::new(),
            origin: Default::default(),
        }
    }

    #[test]
    fn board_tokens_come_from_domain_and_name() {
        assert_eq!(
            board_tokens(&account("Acme Corp", "acmecorp.com")),
            ["acmecorp"]
        );
        assert_eq!(
            board_tokens(&account("Globex, Inc.", "www.globex.co.uk")),
            ["globex", "globexinc"]
        );
        assert_eq!(board_tokens(&account("../etc", "")), ["etc"]);
    }
}
