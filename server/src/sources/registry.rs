//! The sources that are on, and which of them serve each step.

use super::{Source, SourcesConfig, demo::DemoSource, website_tech::WebsiteTechSource};
use crate::config::DelayRange;
use app::domain::StepKey;
use std::sync::Arc;

/// Every source that is on, in priority order (an earlier source's facts win a merge).
#[derive(Clone, Default)]
pub struct Registry {
    sources: Vec<Arc<dyn Source>>,
}

impl Registry {
    pub fn new(sources: Vec<Arc<dyn Source>>) -> Self {
        Self { sources }
    }

    /// The sources `config` turns on.
    pub fn from_config(config: &SourcesConfig, demo_delay: DelayRange) -> Self {
        let mut sources: Vec<Arc<dyn Source>> = Vec::new();
        if config.demo {
            sources.push(Arc::new(DemoSource { delay: demo_delay }));
        }
        if config.network {
            sources.push(Arc::new(WebsiteTechSource::new(config)));
        }
        Self { sources }
    }

    /// Add the vendor-context source (always on: the demo vendor when none is configured).
    pub fn with_vendor(mut self, vendor: Arc<dyn Source>) -> Self {
        self.sources.insert(0, vendor);
        self
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
