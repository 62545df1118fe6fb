//! Open roles from a company's public Greenhouse job board. Keyless.

use super::{Board, BoardApi, JobBoard, JobsAnswer, job};
use crate::sources::SourceError;
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean_opt, clean_url, iso_date_prefix, path_segment};
use serde::Deserialize;

// Per-board declarations (name, source type, API); the shared path is `JobBoard` in mod.rs.
/// The provider's name, as on a source badge.
pub const NAME: &str = "Greenhouse";

/// Greenhouse's public job boards as a source.
pub type Greenhouse = JobBoard<GreenhouseApi>;

/// Greenhouse's job board API (`/v1/boards/{token}/jobs`).
pub struct GreenhouseApi;

impl BoardApi for GreenhouseApi {
    const NAME: &'static str = NAME;

    async fn board(http: &Http, token: String) -> Result<Board, SourceError> {
        let path = format!("/v1/boards/{}/jobs", path_segment(&token));
        let answer: JobsAnswer<GhJob> = http
            .json(Request::get(&path).query("content", "true"))
            .await?;
        let postings = answer.postings(http)?;
        let mut dates = Vec::new();
        let jobs = postings
            .iter()
            .filter_map(|j| {
                let updated = j.updated_at.as_deref().and_then(iso_date_prefix);
                let published = j.first_published.as_deref().and_then(iso_date_prefix);
                let job = job(
                    j.title.as_deref(),
                    j.departments
                        .first()
                        .and_then(|d| clean_opt(d.name.as_deref())),
                    j.location.as_ref().and_then(|l| l.name.as_deref()),
                    published
                        .clone()
                        .or_else(|| updated.clone())
                        .unwrap_or_default(),
                    j.absolute_url.as_deref().and_then(clean_url),
                )?;
                dates.extend(updated.into_iter().chain(published));
                Some(job)
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
