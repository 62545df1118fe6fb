//! Research: where facts come from ([`Source`]), what was found ([`Collected`]), and how it
//! is told to the rep ([`report`], [`analysis`]).

pub mod analysis;
pub mod demo_source;
pub mod report;

use crate::demo::{Contact, Job, NewsItem, Tech};
use app::domain::{AccountSummary, SourceRef, StepKey};
use serde::{Deserialize, Serialize};

/// What one collection step found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Collected {
    News {
        items: Vec<NewsItem>,
    },
    Hiring {
        jobs: Vec<Job>,
    },
    Profile {
        description: String,
        founded: u16,
        tech: Vec<Tech>,
    },
    Contacts {
        people: Vec<Contact>,
    },
}

/// Collected data with where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub data: Collected,
    pub sources: Vec<SourceRef>,
}

/// Why a source gave nothing; shown to the rep as the step's reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(pub String);

/// A provider of facts for the collection steps.
#[async_trait::async_trait]
pub trait Source: Send + Sync {
    /// Collect one step's data about `account`.
    async fn collect(
        &self,
        step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError>;
    /// How long a step usually takes, for the estimate shown to the rep.
    fn typical_step_ms(&self) -> u64;
}
