//! Open roles from a company's public Lever postings. Keyless.

use super::{Board, BoardApi, JobBoard, job};
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean_opt, clean_url, path_segment};
use crate::sources::{SourceError, iso_date_from_ms};
use serde::Deserialize;

// Per-board declarations (name, source type, API); the shared path is `JobBoard` in mod.rs.
/// The provider's name, as on a source badge.
pub const NAME: &str = "Lever";

/// Lever's public postings as a source.
pub type Lever = JobBoard<LeverApi>;

/// Lever's postings API (`/v0/postings/{token}`).
pub struct LeverApi;

impl BoardApi for LeverApi {
    const NAME: &'static str = NAME;

    async fn board(http: &Http, token: String) -> Result<Board, SourceError> {
        let path = format!("/v0/postings/{}", path_segment(&token));
        let postings: Vec<Posting> = http.json(Request::get(&path).query("mode", "json")).await?;
        let mut dates = Vec::new();
        let jobs = postings
            .iter()
            .filter_map(|p| {
                // Plausible epoch milliseconds only (2000 ..= 2100).
                let created = p
                    .created_at
                    .filter(|ms| (946_684_800_000..4_102_444_800_000).contains(ms))
                    .map(iso_date_from_ms);
                let c = &p.categories;
                let job = job(
                    p.text.as_deref(),
                    clean_opt(c.department.as_deref()).or_else(|| clean_opt(c.team.as_deref())),
                    c.location.as_deref(),
                    created.clone().unwrap_or_default(),
                    p.hosted_url.as_deref().and_then(clean_url),
                )?;
                dates.extend(created);
                Some(job)
            })
            .collect();
        Ok(Board {
            jobs,
            dates,
            url: format!("https://jobs.lever.co/{}", path_segment(&token)),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Posting {
    text: Option<String>,
    categories: Categories,
    hosted_url: Option<String>,
    created_at: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Categories {
    location: Option<String>,
    team: Option<String>,
    department: Option<String>,
}
