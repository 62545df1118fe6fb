//! A research run's live progress: one line per step, updated as the steps move.

use crate::domain::StepStatus;
use crate::state::chat::use_chat;
use leptos::prelude::*;

#[component]
pub fn ProgressCard(run_id: String) -> impl IntoView {
    let chat = use_chat();
    let id = run_id.clone();
    let run = Memo::new(move |_| chat.view.with(|v| v.run(&id).cloned()));
    view! {
        <section class="progress" aria-label="Research progress" data-run-id=run_id.clone()>
            {move || {
                run.get()
                    .map(|run| {
                        let steps = run
                            .steps
                            .iter()
                            .map(|s| {
                                // Settled steps say what they found, or why they failed.
                                let class = if s.status == StepStatus::Failed { "reason" } else { "result" };
                                let reason = s
                                    .status
                                    .is_settled()
                                    .then(|| s.detail.clone())
                                    .flatten()
                                    .map(|d| view! { <span class=class>{format!(" — {d}")}</span> });
                                view! {
                                    <li data-step=s.key.as_str() data-status=s.status.as_str()>
                                        <span class="icon" aria-hidden="true">{s.status.icon()}</span>
                                        <span class="label">{s.key.label()}</span>
                                        <span class="status">{format!(" ({})", s.status.as_str())}</span>
                                        {reason}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <h2>{format!("Research progress for {}", run.account_name)}</h2>
                            <ul class="steps">{steps}</ul>
                            <p class="run-meta" data-run-status=run.status.as_str()>
                                {run.status_words()}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
