//! The built-in demo source: answers every customer step from the demo data set after a
//! realistic delay, and fails where the data set says so. Works offline; the default.

use super::{ErrorKind, Source, SourceError};
use crate::config::DelayRange;
use crate::demo::intel_for;
use crate::findings::{Collected, CompanyFacts, Findings};
use app::domain::{AccountSummary, SourceRef, StepKey};
use rand::Rng;

pub struct DemoSource {
    pub delay: DelayRange,
}

fn source(name: &str, confidence: f32, last_updated: &str, url: Option<String>) -> SourceRef {
    super::source_ref(name, confidence, last_updated.to_string(), url)
}

#[async_trait::async_trait]
impl Source for DemoSource {
    fn name(&self) -> &str {
        "Demo data set"
    }

    fn steps(&self) -> &[StepKey] {
        &StepKey::CUSTOMER
    }

    async fn collect(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let ms = rand::rng().random_range(self.delay.min_ms..=self.delay.max_ms);
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        let intel = intel_for(account);
        if let Some((_, reason)) = intel.failures.iter().find(|(k, _)| *k == step) {
            let kind = if reason.contains("429") {
                ErrorKind::RateLimited
            } else if reason.contains("timed out") {
                ErrorKind::Timeout
            } else {
                ErrorKind::Unavailable
            };
            let provider = match step {
                StepKey::News => "Demo news feed",
                StepKey::Hiring => "Demo job board",
                StepKey::Contacts => "Demo contacts directory",
                _ => "Demo company profile",
            };
            return Err(SourceError::new(provider, kind, reason.clone()));
        }
        let newest = |dates: Vec<&str>| dates.into_iter().max().unwrap_or("2026-11-01").to_string();
        let findings = match step {
            StepKey::News => Findings::from_source(
                Collected::News {
                    items: intel.news.clone(),
                },
                source(
                    "Demo news feed",
                    0.9,
                    &newest(intel.news.iter().map(|n| n.date.as_str()).collect()),
                    intel.news.first().map(|n| n.url.clone()),
                ),
            ),
            StepKey::Hiring => Findings::from_source(
                Collected::Hiring {
                    jobs: intel.jobs.clone(),
                },
                source(
                    "Demo job board",
                    0.85,
                    &newest(intel.jobs.iter().map(|j| j.posted.as_str()).collect()),
                    Some(format!("https://jobs.example/{}", account.id)),
                ),
            ),
            StepKey::Company => Findings::from_source(
                Collected::Company {
                    company: vec![CompanyFacts {
                        description: Some(intel.description),
                        founded: Some(i32::from(intel.founded)),
                        employees: Some(u64::from(account.employees)),
                        headquarters: Some(account.location.clone()),
                        industry: Some(account.industry.clone()),
                        website: Some(account.website()),
                        src: 0,
                    }],
                },
                source(
                    "Demo company profile",
                    0.8,
                    "2026-11-01",
                    Some(account.website()),
                ),
            ),
            StepKey::Tech => Findings::from_source(
                Collected::Tech { tech: intel.tech },
                source("Demo tech scan", 0.8, "2026-11-01", Some(account.website())),
            ),
            StepKey::Contacts => Findings::from_source(
                Collected::Contacts {
                    people: intel.contacts,
                },
                source("Demo contacts directory", 0.75, "2026-11-10", None),
            ),
            StepKey::Vendor | StepKey::Analysis => {
                return Err(SourceError::new(
                    self.name(),
                    ErrorKind::Rejected,
                    "this step is not collected from the demo data set",
                ));
            }
        };
        Ok(findings)
    }
}
