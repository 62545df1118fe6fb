//! Open roles from a company's public Ashby job board. Keyless.

use super::{Board, BoardApi, JobBoard, JobsAnswer, job};
use crate::sources::SourceError;
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean_opt, clean_url, iso_date_prefix, path_segment};
use serde::Deserialize;

// Per-board declarations (name, source type, API); the shared path is `JobBoard` in mod.rs.
/// The provider's name, as on a source badge.
pub const NAME: &str = "Ashby";

/// Ashby's public job boards as a source.
pub type Ashby = JobBoard<AshbyApi>;

/// Ashby's posting API (`/posting-api/job-board/{token}`).
pub struct AshbyApi;

impl BoardApi for AshbyApi {
    const NAME: &'static str = NAME;

    async fn board(http: &Http, token: String) -> Result<Board, SourceError> {
        let path = format!("/posting-api/job-board/{}", path_segment(&token));
        let answer: JobsAnswer<AshbyJob> = http.json(Request::get(&path)).await?;
        let postings = answer.postings(http)?;
        let mut dates = Vec::new();
        let jobs = postings
            .iter()
            .filter(|j| j.is_listed != Some(false))
            .filter_map(|j| {
                let published = j.published_at.as_deref().and_then(iso_date_prefix);
                let job = job(
                    j.title.as_deref(),
                    clean_opt(j.department.as_deref()).or_else(|| clean_opt(j.team.as_deref())),
                    j.location.as_deref(),
                    published.clone().unwrap_or_default(),
                    j.job_url
                        .as_deref()
                        .and_then(clean_url)
                        .or_else(|| j.apply_url.as_deref().and_then(clean_url)),
                )?;
                dates.extend(published);
                Some(job)
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
