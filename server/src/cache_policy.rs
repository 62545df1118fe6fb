//! The cache layers and their lifetimes (the seeds' "Cache Strategy"):
//!
//! | layer | key | fresh for |
//! |---|---|---|
//! | chat summary | `customer:{domain}:summary` | 1 h (written by every run; for the answers to follow-up questions) |
//! | tech stack | `customer:{domain}:tech_stack` | 24 h |
//! | funding & news | `customer:{domain}:funding` | 6 h |
//! | hiring | `customer:{domain}:hiring` | 12 h |
//! | company basics | `customer:{domain}:company` | 48 h |
//! | contacts | `customer:{domain}:contacts` | 24 h |
//! | full profile | `customer:{domain}:profile` | 48 h |
//! | raw source data | `source:{provider}:{step}:{domain}` | 2 h news, 24 h the rest |
//!
//! A step's layer is written only when none of its providers failed transiently (429, 5xx,
//! timeout), so the next run asks those again; the others answer from their raw layer.
//! The rep's own company is not cached: it is their own record, read for each run and
//! answer, so a change saved on the settings page applies at once.
//! Every entry is kept (stale) for [`CachePolicy::keep`] after it was written, so an old
//! profile can be shown "as of …" while a refresh runs; the sweeper deletes it after that.

use app::domain::StepKey;
use std::time::Duration;

const HOUR: u64 = 3600;

/// How long each layer stays fresh, and whether the cache is read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachePolicy {
    /// `false`: never answer from the cache (writes still happen). `DOSSIER_CACHE=off`.
    pub enabled: bool,
    pub summary: Duration,
    pub tech: Duration,
    pub funding: Duration,
    pub hiring: Duration,
    pub company: Duration,
    pub contacts: Duration,
    pub profile: Duration,
    pub raw_news: Duration,
    pub raw_profile: Duration,
    /// How long a stale entry is kept for "as of …" answers before the sweep.
    pub keep: Duration,
}

impl Default for CachePolicy {
    fn default() -> Self {
        let h = |n: u64| Duration::from_secs(n * HOUR);
        Self {
            enabled: true,
            summary: h(1),
            tech: h(24),
            funding: h(6),
            hiring: h(12),
            company: h(48),
            contacts: h(24),
            profile: h(48),
            raw_news: h(2),
            raw_profile: h(24),
            keep: h(24 * 30),
        }
    }
}

impl CachePolicy {
    /// The layer a collection step's merged result is cached in, and for how long (None
    /// for the rep's own company, which is not cached).
    pub fn step_layer(&self, step: StepKey, domain: &str) -> Option<(String, Duration)> {
        let (layer, ttl) = match step {
            StepKey::News => ("funding", self.funding),
            StepKey::Hiring => ("hiring", self.hiring),
            StepKey::Company => ("company", self.company),
            StepKey::Tech => ("tech_stack", self.tech),
            StepKey::Contacts => ("contacts", self.contacts),
            StepKey::Vendor => return None,
            StepKey::Analysis => ("summary", self.summary),
        };
        Some((format!("customer:{domain}:{layer}"), ttl))
    }

    /// One provider's raw answer for a step.
    pub fn source_layer(&self, provider: &str, step: StepKey, domain: &str) -> (String, Duration) {
        let slug: String = provider
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let ttl = if step == StepKey::News {
            self.raw_news
        } else {
            self.raw_profile
        };
        (format!("source:{slug}:{}:{domain}", step.as_str()), ttl)
    }

    pub fn profile_key(domain: &str) -> String {
        format!("customer:{domain}:profile")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_have_the_seed_lifetimes() {
        let p = CachePolicy::default();
        let h = |n: u64| Duration::from_secs(n * 3600);
        let layer = |s| p.step_layer(s, "acmecorp.com").unwrap();
        assert_eq!(
            layer(StepKey::Tech),
            ("customer:acmecorp.com:tech_stack".into(), h(24))
        );
        assert_eq!(
            layer(StepKey::News),
            ("customer:acmecorp.com:funding".into(), h(6))
        );
        assert_eq!(
            layer(StepKey::Hiring),
            ("customer:acmecorp.com:hiring".into(), h(12))
        );
        assert_eq!(
            layer(StepKey::Analysis),
            ("customer:acmecorp.com:summary".into(), h(1))
        );
        assert_eq!(p.profile, h(48));
        assert_eq!(p.step_layer(StepKey::Vendor, "acmecorp.com"), None);
        assert_eq!(
            p.source_layer("Google News", StepKey::News, "acmecorp.com"),
            ("source:google_news:news:acmecorp.com".into(), h(2))
        );
        assert_eq!(
            p.source_layer("Wikidata", StepKey::Company, "x.io").1,
            h(24)
        );
    }
}
