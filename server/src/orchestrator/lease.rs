//! Leases: a process renews the runs it drives on a heartbeat, and picks up runs whose
//! lease lapsed (their process died). With an embedded database only one process can
//! open the data, so at start every run still marked running is an orphan.

use super::Orchestrator;
use std::sync::Arc;

impl Orchestrator {
    /// Resume orphaned runs now, then keep leases alive and watch for lapsed ones.
    /// `sole_owner`: this process is the only one using the database (embedded).
    pub fn start_leases(self: &Arc<Self>, sole_owner: bool) {
        let this = Arc::clone(self);
        tokio::spawn(async move {
            if sole_owner {
                this.take_over_orphans().await;
            }
            let beat = (this.lease / 3).max(std::time::Duration::from_millis(100));
            let mut tick = tokio::time::interval(beat);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let now = crate::now_ms();
                let until = now + this.lease.as_millis() as i64;
                let driving = this.active_ids();
                if let Err(e) = this
                    .store
                    .renew_leases(&this.instance, &driving, until)
                    .await
                {
                    tracing::warn!(error = %e, "lease renewal failed");
                }
                this.resume_orphans(now).await;
            }
        });
    }

    /// Take every run still marked running (their process is gone) and resume them.
    async fn take_over_orphans(self: &Arc<Self>) {
        let until = crate::now_ms() + self.lease.as_millis() as i64;
        match self.store.take_over_running(&self.instance, until).await {
            Ok(rids) => {
                for rid in rids {
                    tracing::info!(rid, "resuming a run left by a stopped process");
                    self.launch(rid);
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not take over orphaned runs"),
        }
    }

    /// Launch every running run whose lease lapsed before `now`.
    async fn resume_orphans(self: &Arc<Self>, now: i64) {
        match self.store.orphaned_runs(Some(now)).await {
            Ok(rids) => {
                for rid in rids {
                    tracing::info!(rid, "taking a run whose lease lapsed");
                    self.launch(rid);
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not look for orphaned runs"),
        }
    }
}
