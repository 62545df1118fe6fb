//! Open roles from a company's public Greenhouse job board. Keyless.

use super::boards::{Board, collect_board};
use super::http::{Http, Request};
use super::text::{clean, clean_opt, clean_url, iso_date_prefix, path_segment};
use super::{ErrorKind, Source, SourceError};
use crate::findings::{Findings, Job};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

pub const NAME: &str = "Greenhouse";

pub struct Greenhouse {
    http: Http,
}

impl Greenhouse {
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(NAME),
        }
    }

    async fn board(&self, token: String) -> Result<Board, SourceError> {
        let path = format!("/v1/boards/{}/jobs", path_segment(&token));
        let res: Response = self
            .http
            .json(Request::get(&path).query("content", "true"))
            .await?;
        if res.jobs.is_empty() && res.error.is_some() {
            return Err(self.http.error(
                ErrorKind::Malformed,
                "answered with an error instead of a job board",
            ));
        }
        let mut dates = Vec::new();
        let jobs = res
            .jobs
            .iter()
            .filter_map(|j| {
                let title = clean(j.title.as_deref()?);
                if title.is_empty() {
                    return None;
                }
                let updated = j.updated_at.as_deref().and_then(iso_date_prefix);
                let published = j.first_published.as_deref().and_then(iso_date_prefix);
                dates.extend(updated.iter().chain(published.iter()).cloned());
                Some(Job {
                    title,
                    department: j
                        .departments
                        .first()
                        .and_then(|d| clean_opt(d.name.as_deref()))
                        .unwrap_or_else(|| "—".into()),
                    location: clean_opt(j.location.as_ref().and_then(|l| l.name.as_deref()))
                        .unwrap_or_else(|| "—".into()),
                    posted: published.or(updated).unwrap_or_default(),
                    url: j.absolute_url.as_deref().and_then(clean_url),
                    src: 0,
                })
            })
            .collect();
        Ok(Board {
            jobs,
            dates,
            url: format!("https://boards.greenhouse.io/{}", path_segment(&token)),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Response {
    jobs: Vec<GhJob>,
    /// An error object sent with HTTP 200.
    error: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GhJob {
    title: Option<String>,
    updated_at: Option<String>,
    first_published: Option<String>,
    absolute_url: Option<String>,
    location: Option<Named>,
    departments: Vec<Named>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Named {
    name: Option<String>,
}

#[async_trait::async_trait]
impl Source for Greenhouse {
    fn name(&self) -> &str {
        NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::Hiring]
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        collect_board(&self.http, account, |t| self.board(t)).await
    }
}
