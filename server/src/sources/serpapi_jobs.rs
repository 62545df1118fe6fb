//! Open roles from Google Jobs through SerpAPI (`engine=google_jobs`). Keyed.

use super::http::{Http, Request};
use super::serpapi_news::{is_empty_results_error, serpapi_error};
use super::text::{clean, clean_opt, clean_url};
use super::{Source, SourceError, source_ref, today_iso};
use crate::findings::{Collected, Findings, Job};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

pub const NAME: &str = "Google Jobs (SerpAPI)";
const MAX_JOBS: usize = 30;

pub struct SerpApiJobs {
    http: Http,
}

impl SerpApiJobs {
    /// `http` is the SerpAPI client (shared with the news source); it must have a key.
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
    jobs_results: Vec<JobResult>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JobResult {
    title: Option<String>,
    company_name: Option<String>,
    location: Option<String>,
    share_link: Option<String>,
    detected_extensions: Extensions,
    apply_options: Vec<ApplyOption>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Extensions {
    posted_at: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApplyOption {
    link: Option<String>,
}

/// Does a posting's company name belong to the account? Case-insensitive containment
/// either way, ignoring punctuation and spacing (`Acme Corp` ~ `ACME Corp, Inc.`).
pub fn company_matches(posting: &str, account: &str) -> bool {
    let norm = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let (p, a) = (norm(posting), norm(account));
    p.len() >= 2 && a.len() >= 2 && (p.contains(&a) || a.contains(&p))
}

/// A best guess at a role's department from its title, or `—`.
pub fn department_from_title(title: &str) -> &'static str {
    let t = title.to_lowercase();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    };
    if has(&["security", "secops", "appsec", "ciso"]) {
        "Security"
    } else if has(&["data", "analyst", "analytics", "scientist", "ml", "ai"]) {
        "Data"
    } else if has(&[
        "engineer",
        "engineering",
        "developer",
        "sre",
        "devops",
        "architect",
        "programmer",
        "qa",
        "cto",
    ]) {
        "Engineering"
    } else if has(&["designer", "design", "ux", "ui"]) {
        "Design"
    } else if has(&["product"]) {
        "Product"
    } else if has(&["sales", "account", "sdr", "bdr", "revenue", "cro"]) {
        "Sales"
    } else if has(&["marketing", "growth", "brand", "content", "seo", "cmo"]) {
        "Marketing"
    } else if has(&["support", "success", "customer"]) {
        "Customer Success"
    } else if has(&[
        "finance",
        "accountant",
        "accounting",
        "controller",
        "cfo",
        "payroll",
    ]) {
        "Finance"
    } else if has(&["recruiter", "recruiting", "talent", "hr", "people"]) {
        "People"
    } else if has(&["legal", "counsel", "compliance", "paralegal"]) {
        "Legal"
    } else if has(&["operations", "ops", "logistics"]) {
        "Operations"
    } else {
        "—"
    }
}

#[async_trait::async_trait]
impl Source for SerpApiJobs {
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
        let key = self.http.config().key.clone().unwrap_or_default();
        let res: Response = self
            .http
            .json(
                Request::get("/search.json")
                    .query("engine", "google_jobs")
                    .query("q", account.name.clone())
                    .query("hl", "en")
                    .query("api_key", key),
            )
            .await?;
        if let Some(e) = &res.error
            && res.jobs_results.is_empty()
            && !is_empty_results_error(e)
        {
            return Err(serpapi_error(&self.http, e));
        }
        let jobs: Vec<Job> = res
            .jobs_results
            .iter()
            .filter(|j| {
                j.company_name
                    .as_deref()
                    .is_some_and(|c| company_matches(c, &account.name))
            })
            .filter_map(|j| {
                let title = clean(j.title.as_deref()?);
                if title.is_empty() {
                    return None;
                }
                let url = j
                    .apply_options
                    .iter()
                    .find_map(|o| o.link.as_deref().and_then(clean_url))
                    .or_else(|| j.share_link.as_deref().and_then(clean_url));
                Some(Job {
                    department: department_from_title(&title).to_string(),
                    title,
                    location: clean_opt(j.location.as_deref()).unwrap_or_else(|| "—".into()),
                    posted: clean_opt(j.detected_extensions.posted_at.as_deref())
                        .unwrap_or_default(),
                    url,
                    src: 0,
                })
            })
            .take(MAX_JOBS)
            .collect();
        // Google Jobs gives relative dates ("3 days ago") for postings live now.
        Ok(Findings::from_source(
            Collected::Hiring { jobs },
            source_ref(NAME, 0.8, today_iso(), None),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_match_the_account_either_way() {
        assert!(company_matches("ACME Corp, Inc.", "Acme Corp"));
        assert!(company_matches("Acme", "Acme Corp"));
        assert!(!company_matches("Globex", "Acme Corp"));
        assert!(!company_matches("", "Acme Corp"));
    }

    #[test]
    fn departments_are_guessed_from_titles() {
        assert_eq!(department_from_title("Senior Data Engineer"), "Data");
        assert_eq!(
            department_from_title("Staff Software Engineer"),
            "Engineering"
        );
        assert_eq!(
            department_from_title("Account Executive, Enterprise"),
            "Sales"
        );
        assert_eq!(department_from_title("Cloud Security Engineer"), "Security");
        assert_eq!(department_from_title("Office Manager"), "—");
    }
}
