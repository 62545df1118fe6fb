//! A research run as the JSON API reports it (`GET /api/runs/{id}`): visible only to the
//! owner of the session it belongs to.

use super::Chat;
use crate::findings::CacheUse;
use crate::store::runs::{RunRow, StepRow};
use app::error::AppError;
use app::ports::Visitor;

/// A run and its steps, with the cache hits and misses among them.
pub struct RunReport {
    pub run: RunRow,
    pub steps: Vec<StepRow>,
}

impl RunReport {
    /// How many steps came from their cache layer (`Hit`) or were collected now (`Miss`).
    pub fn count(&self, cache: CacheUse) -> usize {
        self.steps.iter().filter(|s| s.cache == Some(cache)).count()
    }
}

impl Chat {
    /// Run `id`, if the visitor owns its chat (another caller's run is "not found" too).
    pub async fn run_report(&self, visitor: &Visitor, id: &str) -> Result<RunReport, AppError> {
        let not_found = || AppError::NotFound("No run with that id.".into());
        if id.len() > 64 {
            return Err(not_found());
        }
        let run = self.store.run(id).await?.ok_or_else(not_found)?;
        self.own_session(visitor, &run.sid)
            .await
            .map_err(|_| not_found())?;
        let steps = self.store.steps(id).await?;
        Ok(RunReport { run, steps })
    }
}
