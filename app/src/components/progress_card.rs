//! A research run's live progress: one line per step, updated as the steps move. Once the
//! run has ended, a failed step has its own Retry (it asks only that step again).

use crate::domain::{ActionKind, StepStatus};
use crate::state::chat::use_chat;
use leptos::prelude::*;

#[component]
pub fn ProgressCard(run_id: String) -> impl IntoView {
    let chat = use_chat();
    let id = run_id.clone();
    let run = Memo::new(move |_| chat.view.with(|v| v.run(&id).cloned()));
    let id = run_id.clone();
    // Retried already: its retry is the run to follow.
    let retried = Memo::new(move |_| {
        chat.view.with(|v| {
            v.runs
                .iter()
                .any(|r| r.retry_of.as_deref() == Some(id.as_str()))
        })
    });
    // Each card a landmark of its own name: the second run in a chat is "run 2".
    let id = run_id.clone();
    let nth = chat
        .view
        .with_untracked(|v| v.runs.iter().position(|r| r.id == id).unwrap_or(0) + 1);
    let label = if nth > 1 {
        format!("Research progress, run {nth}")
    } else {
        "Research progress".to_string()
    };
    view! {
        <section class="progress" aria-label=label data-run-id=run_id.clone()>
            {move || {
                run.get()
                    .map(|run| {
                        let ended = run.status != crate::domain::RunStatus::Running;
                        let steps = run
                            .steps
                            .iter()
                            .map(|s| {
                                // Settled steps say what they found, or why they failed.
                                let failed = s.status == StepStatus::Failed;
                                let class = if failed { "reason" } else { "result" };
                                let reason = s
                                    .status
                                    .is_settled()
                                    .then(|| s.detail.clone())
                                    .flatten()
                                    .map(|d| view! { <span class=class>{format!(" — {d}")}</span> });
                                let retry = (failed && ended && !retried.get()
                                    && s.key != crate::domain::StepKey::Analysis)
                                    .then(|| {
                                        let action = ActionKind::Retry {
                                            run_id: run.id.clone(),
                                            step: Some(s.key),
                                        };
                                        let said = format!("Retry {}", s.key.noun());
                                        let name = format!("Retry {}", s.key.label().to_lowercase());
                                        view! {
                                            <button
                                                type="button"
                                                class="retry-step"
                                                aria-label=name
                                                disabled=move || chat.busy.get()
                                                on:click=move |_| chat.act(action.clone(), said.clone())
                                            >
                                                "Retry"
                                            </button>
                                        }
                                    });
                                view! {
                                    <li data-step=s.key.as_str() data-status=s.status.as_str()>
                                        <span class="icon" aria-hidden="true">{s.status.icon()}</span>
                                        <span class="label">{s.key.label()}</span>
                                        <span class="status">{format!(" ({})", s.status.as_str())}</span>
                                        {reason}
                                        {retry}
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
