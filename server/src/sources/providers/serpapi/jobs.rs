//! Open roles from Google Jobs through SerpAPI (`engine=google_jobs`). Keyed.

use super::{Engine, SerpApiSource, keyed_search};
use crate::findings::{Collected, Findings, Job};
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean_opt, clean_url};
use crate::sources::providers::boards::job;
use crate::sources::{source_ref, today_iso};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

// Per-engine declarations (name, source type, engine); the shared path is `SerpApiSource`.
/// The source's name, as on a source badge.
pub const NAME: &str = "Google Jobs (SerpAPI)";
const MAX_JOBS: usize = 30;

/// Google Jobs through SerpAPI as a source.
pub type SerpApiJobs = SerpApiSource<GoogleJobs>;

/// SerpAPI's `google_jobs` engine.
pub struct GoogleJobs;

/// What the `google_jobs` engine answers.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Response {
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

impl Engine for GoogleJobs {
    const NAME: &'static str = NAME;
    const STEPS: &'static [StepKey] = &[StepKey::Hiring];
    type Answer = Response;

    fn search(http: &Http, account: &AccountSummary) -> Request<'static> {
        keyed_search(http, "google_jobs", account.name.clone(), &[])
    }

    fn outcome(answer: &Response) -> (Option<&str>, bool) {
        (answer.error.as_deref(), !answer.jobs_results.is_empty())
    }

    fn findings(res: Response, account: &AccountSummary) -> Findings {
        let jobs: Vec<Job> = res
            .jobs_results
            .iter()
            .filter(|j| {
                j.company_name
                    .as_deref()
                    .is_some_and(|c| company_matches(c, &account.name))
            })
            .filter_map(|j| {
                let url = j
                    .apply_options
                    .iter()
                    .find_map(|o| o.link.as_deref().and_then(clean_url))
                    .or_else(|| j.share_link.as_deref().and_then(clean_url));
                let posted = clean_opt(j.detected_extensions.posted_at.as_deref());
                let mut job = job(
                    j.title.as_deref(),
                    None,
                    j.location.as_deref(),
                    posted.unwrap_or_default(),
                    url,
                )?;
                job.department = department_from_title(&job.title).to_string();
                Some(job)
            })
            .take(MAX_JOBS)
            .collect();
        // Google Jobs gives relative dates ("3 days ago") for postings live now.
        Findings::from_source(
            Collected::Hiring { jobs },
            source_ref(NAME, 0.8, today_iso(), None),
        )
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
