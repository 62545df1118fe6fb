//! Open roles from a company's public Ashby job board. Keyless.

use super::boards::{Board, collect_board};
use super::http::{Http, Request};
use super::text::{clean, clean_opt, clean_url, iso_date_prefix, path_segment};
use super::{ErrorKind, Source, SourceError};
use crate::findings::{Findings, Job};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

pub const NAME: &str = "Ashby";

pub struct Ashby {
    http: Http,
}

impl Ashby {
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(NAME),
        }
    }

    async fn board(&self, token: String) -> Result<Board, SourceError> {
        let path = format!("/posting-api/job-board/{}", path_segment(&token));
        let res: Response = self.http.json(Request::get(&path)).await?;
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
            .filter(|j| j.is_listed != Some(false))
            .filter_map(|j| {
                let title = clean(j.title.as_deref()?);
                if title.is_empty() {
                    return None;
                }
                let published = j.published_at.as_deref().and_then(iso_date_prefix);
                dates.extend(published.iter().cloned());
                Some(Job {
                    title,
                    department: clean_opt(j.department.as_deref())
                        .or_else(|| clean_opt(j.team.as_deref()))
                        .unwrap_or_else(|| "—".into()),
                    location: clean_opt(j.location.as_deref()).unwrap_or_else(|| "—".into()),
                    posted: published.unwrap_or_default(),
                    url: j
                        .job_url
                        .as_deref()
                        .and_then(clean_url)
                        .or_else(|| j.apply_url.as_deref().and_then(clean_url)),
                    src: 0,
                })
            })
            .collect();
        Ok(Board {
            jobs,
            dates,
            url: format!("https://jobs.ashbyhq.com/{}", path_segment(&token)),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Response {
    jobs: Vec<AshbyJob>,
    /// An error object sent with HTTP 200.
    error: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AshbyJob {
    title: Option<String>,
    location: Option<String>,
    department: Option<String>,
    team: Option<String>,
    is_listed: Option<bool>,
    published_at: Option<String>,
    job_url: Option<String>,
    apply_url: Option<String>,
}

#[async_trait::async_trait]
impl Source for Ashby {
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
