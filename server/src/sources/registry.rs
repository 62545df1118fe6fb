//! The sources that are on, and which of them serve each step.

use super::net::http::Http;
use super::providers::boards::{ashby::Ashby, greenhouse::Greenhouse, lever::Lever};
use super::providers::demo::{DelayRange, DemoSource};
use super::providers::serpapi::{jobs::SerpApiJobs, news::SerpApiNews};
use super::providers::{apollo::Apollo, google_news_rss::GoogleNewsRss, wikidata::Wikidata};
use super::website::WebsiteTechSource;
use super::{Source, SourcesConfig};
use app::domain::{AccountSummary, StepKey};
use std::sync::Arc;

/// Every source that is on, in priority order (an earlier source's facts win a merge).
#[derive(Clone, Default)]
pub struct Registry {
    sources: Vec<Arc<dyn Source>>,
}

/// Which sources research an account: the demo data set for demo accounts, the real
/// providers for the rep's own (unless `DOSSIER_SOURCES` chose one set for all).
#[derive(Clone, Default)]
pub struct Registries {
    pub demo: Registry,
    pub book: Registry,
}

impl Registries {
    /// One registry for every account.
    pub fn same(registry: Registry) -> Self {
        Self {
            demo: registry.clone(),
            book: registry,
        }
    }

    /// The registries `config` implies (see [`SourcesConfig::chosen`]).
    pub fn from_config(config: &SourcesConfig, demo_delay: DelayRange) -> Self {
        if config.chosen {
            return Self::same(Registry::from_config(config, demo_delay));
        }
        let demo = SourcesConfig {
            network: false,
            demo: true,
            ..config.clone()
        };
        let book = SourcesConfig {
            network: true,
            demo: false,
            ..config.clone()
        };
        Self {
            demo: Registry::from_config(&demo, demo_delay),
            book: Registry::from_config(&book, demo_delay),
        }
    }

    pub fn for_account(&self, account: &AccountSummary) -> &Registry {
        if account.origin.is_demo() {
            &self.demo
        } else {
            &self.book
        }
    }
}

impl Registry {
    /// Exactly `sources`, in this order.
    pub fn new(sources: Vec<Arc<dyn Source>>) -> Self {
        Self { sources }
    }

    /// The sources `config` turns on, best first: a company's own job boards before a
    /// search engine's view of them, paid (keyed) news before the free feed, and real
    /// providers before the demo data set.
    pub fn from_config(config: &SourcesConfig, demo_delay: DelayRange) -> Self {
        let ua = config.user_agent.as_str();
        let mut sources: Vec<Arc<dyn Source>> = Vec::new();
        let serpapi = config
            .serpapi
            .key
            .is_some()
            .then(|| Http::new("SerpAPI", &config.serpapi, ua));
        if let Some(http) = &serpapi {
            sources.push(Arc::new(SerpApiNews::new(http)));
        }
        if config.network {
            sources.push(Arc::new(GoogleNewsRss::new(&Http::new(
                "Google News RSS",
                &config.gnews_rss,
                ua,
            ))));
            sources.push(Arc::new(Greenhouse::new(&Http::new(
                "Greenhouse",
                &config.greenhouse,
                ua,
            ))));
            sources.push(Arc::new(Lever::new(&Http::new("Lever", &config.lever, ua))));
            sources.push(Arc::new(Ashby::new(&Http::new("Ashby", &config.ashby, ua))));
        }
        if let Some(http) = &serpapi {
            sources.push(Arc::new(SerpApiJobs::new(http)));
        }
        if config.network {
            sources.push(Arc::new(Wikidata::new(
                &Http::new("Wikidata", &config.wikidata, ua),
                &Http::new("Wikipedia", &config.wikipedia, ua),
            )));
        }
        if config.apollo.key.is_some() {
            sources.push(Arc::new(Apollo::new(&Http::new(
                "Apollo",
                &config.apollo,
                ua,
            ))));
        }
        if config.network {
            sources.push(Arc::new(WebsiteTechSource::new(config)));
        }
        if config.demo {
            sources.push(Arc::new(DemoSource { delay: demo_delay }));
        }
        Self { sources }
    }

    /// The sources that serve `step`, in priority order.
    pub fn for_step(&self, step: StepKey) -> Vec<Arc<dyn Source>> {
        self.sources
            .iter()
            .filter(|s| s.steps().contains(&step))
            .cloned()
            .collect()
    }

    /// The names of every source that is on.
    pub fn names(&self) -> Vec<String> {
        self.sources.iter().map(|s| s.name().to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &SourcesConfig) -> Vec<String> {
        Registry::from_config(
            c,
            DelayRange {
                min_ms: 0,
                max_ms: 0,
            },
        )
        .names()
    }

    #[test]
    fn keyed_providers_need_a_key_and_keyless_ones_need_network() {
        let mut c = SourcesConfig::default();
        assert_eq!(names(&c), ["Demo data set"]);
        c.network = true;
        c.demo = false;
        assert_eq!(
            names(&c),
            [
                "Google News RSS",
                "Greenhouse",
                "Lever",
                "Ashby",
                "Wikidata + Wikipedia",
                "Website scan"
            ]
        );
        c.serpapi.key = Some("k".into());
        c.apollo.key = Some("k".into());
        c.demo = true;
        let all = names(&c);
        assert_eq!(
            all.first().map(String::as_str),
            Some("Google News (SerpAPI)")
        );
        assert!(all.contains(&"Google Jobs (SerpAPI)".to_string()));
        assert!(all.contains(&"Apollo".to_string()));
        assert_eq!(all.last().map(String::as_str), Some("Demo data set"));
        let r = Registry::from_config(
            &c,
            DelayRange {
                min_ms: 0,
                max_ms: 0,
            },
        );
        let hiring: Vec<String> = r
            .for_step(StepKey::Hiring)
            .iter()
            .map(|s| s.name().to_string())
            .collect();
        assert_eq!(
            hiring,
            [
                "Greenhouse",
                "Lever",
                "Ashby",
                "Google Jobs (SerpAPI)",
                "Demo data set"
            ]
        );
    }
}
