//! Retry: research again only what failed in a finished run — every failed step, or the one
//! the rep pressed Retry on. The new run reuses what the earlier one found (its stored
//! results, copied in the commit that starts it) and asks only the failed steps' sources.

use super::{Chat, message_id};
use crate::answers::run::start;
use crate::findings::StepOutcome;
use crate::orchestrator::steps;
use crate::store::sessions::SessionRow;
use app::domain::{Change, ChatMessage, RunView, SessionEvent, StepKey, StepStatus};
use app::error::AppError;

impl Chat {
    /// Start a run that researches again the failed steps of `run_id` (or only `only`).
    pub(super) async fn retry_run(
        &self,
        session: &SessionRow,
        run_id: &str,
        only: Option<StepKey>,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let run = self
            .store
            .run(run_id)
            .await?
            .filter(|r| r.sid == session.sid)
            .ok_or_else(|| AppError::NotFound("No such research in this chat.".into()))?;
        if run.is_running() {
            return Err(AppError::BadInput(
                "That research is still running — its steps will settle in a moment.".into(),
            ));
        }
        let account = self.account(&run.account_id)?;
        let rows = self.store.steps(run_id).await?;
        let rid = format!("run-{}", crate::random_id(8));
        let mut view = RunView::new(
            &rid,
            &account.id,
            &account.name,
            self.orchestrator.estimated_ms(&account),
        );
        view.retry_of = Some(run.rid.clone());
        let mut again = Vec::new();
        for s in &mut view.steps {
            if s.key == StepKey::Analysis {
                continue;
            }
            let row = steps::row(&rows, s.key);
            match row.map(|r| r.outcome()) {
                Some(StepOutcome::Found(_)) => {
                    s.status = StepStatus::Done;
                    s.detail = row.and_then(|r| r.detail.clone());
                }
                Some(StepOutcome::Failed(reason)) if only.is_some_and(|k| k != s.key) => {
                    s.status = StepStatus::Failed;
                    s.detail = Some(reason);
                }
                _ => again.push(s.key),
            }
        }
        if again.is_empty() {
            return Err(AppError::BadInput(
                "Nothing failed in that research.".into(),
            ));
        }
        self.set_current_account(&session.sid, &account.id).await?;
        let now = crate::now_ms();
        let nouns: Vec<&str> = again.iter().map(|k| k.noun()).collect();
        let said = start::retry_label(&nouns);
        let changes = vec![
            Change::MessageAdded {
                message: ChatMessage::user(message_id(), said, now),
            },
            Change::RunStarted { run: view },
            Change::MessageAdded {
                message: ChatMessage::assistant(
                    start::started_id(&rid),
                    start::retrying(&account.name, &nouns),
                    now,
                )
                .with_run(&rid),
            },
        ];
        let events = self.store.append(&session.sid, changes, None).await?;
        self.orchestrator.launch(rid);
        Ok(events)
    }
}
