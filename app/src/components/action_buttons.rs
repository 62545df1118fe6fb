//! The buttons under a message. A button whose data is still being collected waits
//! (disabled, with a spinner); when its data lands it enables with a "new" badge.

use crate::domain::{Action, RunStatus};
use crate::state::chat::{ChatContext, use_chat};
use leptos::prelude::*;

/// Where a button's data is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DataState {
    /// Needs no research data, or its data is in.
    Ready,
    /// A step it needs is still running.
    Pending,
}

fn data_state(chat: &ChatContext, action: &Action) -> DataState {
    let Some(run_id) = action.run_id.as_deref() else {
        return DataState::Ready;
    };
    chat.view.with(|v| match v.run(run_id) {
        Some(run) if run.status == RunStatus::Running => {
            let waiting = action
                .needs()
                .iter()
                .any(|k| run.step(*k).is_some_and(|s| !s.status.is_settled()));
            if waiting {
                DataState::Pending
            } else {
                DataState::Ready
            }
        }
        _ => DataState::Ready,
    })
}

#[component]
pub fn ActionButtons(actions: Vec<Action>) -> impl IntoView {
    let chat = use_chat();
    view! {
        <div class="actions" role="group" aria-label="Suggested actions">
            {actions
                .into_iter()
                .map(|a| {
                    let kind = a.action.clone();
                    let label = a.label.clone();
                    let probe = a.clone();
                    let state = Memo::new(move |_| data_state(&chat, &probe));
                    // "new" only for data that arrived while the rep was looking.
                    let was_pending = state.get_untracked() == DataState::Pending;
                    let is_new = move || was_pending && state.get() == DataState::Ready;
                    let pending = move || state.get() == DataState::Pending;
                    let data_state = move || {
                        if pending() {
                            "pending"
                        } else if is_new() {
                            "new"
                        } else {
                            "ready"
                        }
                    };
                    view! {
                        <button
                            type="button"
                            class="action"
                            class:pending=pending
                            class:new=is_new
                            data-action-id=a.id
                            data-state=data_state
                            aria-busy=move || pending().to_string()
                            disabled=move || chat.busy.get() || pending()
                            on:click=move |_| chat.act(kind.clone(), label.clone())
                        >
                            <Show when=pending>
                                <span class="spinner" aria-hidden="true"></span>
                            </Show>
                            {a.label}
                            <Show when=is_new>
                                <span class="badge-new">"new"</span>
                            </Show>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
