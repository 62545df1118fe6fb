//! The built-in demo source: answers from the demo data set after a realistic delay, and
//! fails where the data set says so.

use super::{Collected, Findings, Source, SourceError};
use crate::config::DelayRange;
use crate::demo::intel_for;
use app::domain::{AccountSummary, SourceRef, StepKey};
use rand::Rng;

pub struct DemoSource {
    pub delay: DelayRange,
}

fn source(name: &str, confidence: f32, last_updated: &str, url: Option<String>) -> SourceRef {
    SourceRef {
        name: name.into(),
        confidence,
        last_updated: last_updated.into(),
        url,
    }
}

#[async_trait::async_trait]
impl Source for DemoSource {
    async fn collect(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let ms = rand::rng().random_range(self.delay.min_ms..=self.delay.max_ms);
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        let intel = intel_for(account);
        if let Some((_, reason)) = intel.failures.iter().find(|(k, _)| *k == step) {
            return Err(SourceError(reason.clone()));
        }
        let newest = |dates: Vec<&str>| dates.into_iter().max().unwrap_or("2026-11-01").to_string();
        let findings = match step {
            StepKey::News => Findings {
                sources: vec![source(
                    "Demo news feed",
                    0.9,
                    &newest(intel.news.iter().map(|n| n.date.as_str()).collect()),
                    intel.news.first().map(|n| n.url.clone()),
                )],
                data: Collected::News { items: intel.news },
            },
            StepKey::Hiring => Findings {
                sources: vec![source(
                    "Demo job board",
                    0.85,
                    &newest(intel.jobs.iter().map(|j| j.posted.as_str()).collect()),
                    Some(format!("https://jobs.example/{}", account.id)),
                )],
                data: Collected::Hiring { jobs: intel.jobs },
            },
            StepKey::Profile => Findings {
                sources: vec![source(
                    "Demo company profile",
                    0.8,
                    "2026-11-01",
                    Some(account.website()),
                )],
                data: Collected::Profile {
                    description: intel.description,
                    founded: intel.founded,
                    tech: intel.tech,
                },
            },
            StepKey::Contacts => Findings {
                sources: vec![source("Demo contacts directory", 0.75, "2026-11-10", None)],
                data: Collected::Contacts {
                    people: intel.contacts,
                },
            },
            StepKey::Analysis => return Err(SourceError("analysis is not collected".into())),
        };
        Ok(findings)
    }

    fn typical_step_ms(&self) -> u64 {
        self.delay.max_ms
    }
}
