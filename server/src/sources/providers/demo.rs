//! The built-in demo source: answers every customer step from the demo data set after a
//! realistic delay, and fails where the data set says so. Works offline; the default.

use crate::demo::{DemoIntel, intel_for};
use crate::findings::{Collected, CompanyFacts, Findings};
use crate::sources::{ErrorKind, Source, SourceError};
use app::domain::{AccountSummary, SourceRef, StepKey};
use rand::Rng;

/// The demo data set as a source; each step takes a random time within `delay`.
pub struct DemoSource {
    /// How long one step takes.
    pub delay: DelayRange,
}

/// A range of step durations for the demo source (`DOSSIER_DEMO_DELAY_MS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DelayRange {
    /// The shortest step, in milliseconds.
    pub min_ms: u64,
    /// The longest step, in milliseconds.
    pub max_ms: u64,
}

impl DelayRange {
    /// `"300-1500"` or `"50"`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let num = |s: &str| {
            s.trim()
                .parse::<u64>()
                .map_err(|_| format!("{s:?} is not a whole number of milliseconds"))
        };
        let (min_ms, max_ms) = match text.split_once('-') {
            Some((a, b)) => (num(a)?, num(b)?),
            None => {
                let n = num(text)?;
                (n, n)
            }
        };
        if min_ms > max_ms {
            return Err("the minimum is above the maximum".into());
        }
        if max_ms > 600_000 {
            return Err("at most 600000 ms (10 minutes) per step".into());
        }
        Ok(Self { min_ms, max_ms })
    }
}

fn source(name: &str, confidence: f32, last_updated: &str, url: Option<String>) -> SourceRef {
    crate::sources::source_ref(name, confidence, last_updated.to_string(), url)
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
        // The fictional data set knows only its own accounts: about the rep's real ones it
        // found nothing, and says so (it never invents facts about a real company).
        if !account.origin.is_demo() {
            let data = Collected::empty(step).ok_or_else(|| {
                SourceError::new(self.name(), ErrorKind::Rejected, "not a customer step")
            })?;
            return Ok(Findings::from_source(
                data,
                source(self.name(), 0.5, &crate::sources::today_iso(), None),
            ));
        }
        let intel = intel_for(account);
        if let Some(e) = failure(&intel, step) {
            return Err(e);
        }
        step_findings(step, intel, account).ok_or_else(|| {
            SourceError::new(
                self.name(),
                ErrorKind::Rejected,
                "this step is not collected from the demo data set",
            )
        })
    }
}

/// The failure the data set scripts for `step`, if any, as the provider would report it.
fn failure(intel: &DemoIntel, step: StepKey) -> Option<SourceError> {
    let (_, reason) = intel.failures.iter().find(|(k, _)| *k == step)?;
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
    Some(SourceError::new(provider, kind, reason.clone()))
}

/// `step`'s findings from the data set; `None` for a step it does not answer.
fn step_findings(step: StepKey, intel: DemoIntel, account: &AccountSummary) -> Option<Findings> {
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
                    name: Some(account.name.clone()),
                    description: Some(intel.description),
                    founded: Some(i32::from(intel.founded)),
                    employees: Some(u64::from(account.employees)),
                    headquarters: Some(account.location.clone()),
                    industry: Some(account.industry.clone()),
                    website: account.website(),
                    src: 0,
                }],
            },
            source("Demo company profile", 0.8, "2026-11-01", account.website()),
        ),
        StepKey::Tech => Findings::from_source(
            Collected::Tech { tech: intel.tech },
            source("Demo tech scan", 0.8, "2026-11-01", account.website()),
        ),
        StepKey::Contacts => Findings::from_source(
            Collected::Contacts {
                people: intel.contacts,
            },
            source("Demo contacts directory", 0.75, "2026-11-10", None),
        ),
        StepKey::Vendor | StepKey::Analysis => return None,
    };
    Some(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_data_set_invents_nothing_about_the_reps_own_accounts() {
        let mut account = crate::demo::demo_accounts().remove(0);
        account.origin = app::domain::Origin::Crm;
        let demo = DemoSource {
            delay: DelayRange {
                min_ms: 0,
                max_ms: 0,
            },
        };
        for step in StepKey::CUSTOMER {
            let found = demo.collect(step, &account).await.unwrap();
            assert_eq!(Some(found.data), Collected::empty(step), "{step:?}");
            assert_eq!(found.sources[0].name, "Demo data set");
        }
    }

    #[test]
    fn delays_are_a_range_or_one_number() {
        assert_eq!(
            DelayRange::parse("300-1500"),
            Ok(DelayRange {
                min_ms: 300,
                max_ms: 1500
            })
        );
        assert_eq!(
            DelayRange::parse(" 50 "),
            Ok(DelayRange {
                min_ms: 50,
                max_ms: 50
            })
        );
        assert!(DelayRange::parse("900-100").is_err());
        assert!(DelayRange::parse("abc").is_err());
        assert!(DelayRange::parse("700000").is_err());
    }
}
