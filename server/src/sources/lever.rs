//! Open roles from a company's public Lever postings. Keyless.

use super::boards::{Board, collect_board};
use super::http::{Http, Request};
use super::text::{clean, clean_opt, clean_url, path_segment};
use super::{Source, SourceError, iso_date_from_ms};
use crate::findings::{Findings, Job};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

pub const NAME: &str = "Lever";

pub struct Lever {
    http: Http,
}

impl Lever {
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(NAME),
        }
    }

    async fn board(&self, token: String) -> Result<Board, SourceError> {
        let path = format!("/v0/postings/{}", path_segment(&token));
        let postings: Vec<Posting> = self
            .http
            .json(Request::get(&path).query("mode", "json"))
            .await?;
        let mut dates = Vec::new();
        let jobs = postings
            .iter()
            .filter_map(|p| {
                let title = clean(p.text.as_deref()?);
                if title.is_empty() {
                    return None;
                }
                // Plausible epoch milliseconds only (2000 ..= 2100).
                let created = p
                    .created_at
                    .filter(|ms| (946_684_800_000..4_102_444_800_000).contains(ms))
                    .map(iso_date_from_ms);
                dates.extend(created.iter().cloned());
                let c = &p.categories;
                Some(Job {
                    title,
                    department: clean_opt(c.department.as_deref())
                        .or_else(|| clean_opt(c.team.as_deref()))
                        .unwrap_or_else(|| "—".into()),
                    location: clean_opt(c.location.as_deref()).unwrap_or_else(|| "—".into()),
                    posted: created.unwrap_or_default(),
                    url: p.hosted_url.as_deref().and_then(clean_url),
                    src: 0,
                })
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

#[async_trait::async_trait]
impl Source for Lever {
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
