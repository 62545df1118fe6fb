//! The buttons under a message. A button whose data is still being collected waits
//! (disabled, with a spinner); when its data really arrives it says "new" until pressed.
//! The role and purpose choices are two labelled groups.

use crate::domain::chat::{PrepView, plausible_prep_id};
use crate::domain::{Action, ActionKind, Intent, RunStatus, StepKey, StepStatus};
use crate::state::chat::{ChatContext, use_chat};
use leptos::prelude::*;

/// Where a button's data is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DataState {
    /// Needs no research data, or its steps have settled.
    Ready,
    /// A step it needs is still running.
    Pending,
}

/// "Wait for complete analysis": offered while its run is on, never waiting itself.
fn waits_for_run(action: &Action) -> bool {
    matches!(
        action.action,
        ActionKind::Ask {
            intent: Intent::FullAnalysis,
            ..
        }
    )
}

/// A button that only makes sense while its run is on, once the run is over.
fn outlived(chat: &ChatContext, action: &Action) -> bool {
    waits_for_run(action)
        && action.run_id.as_deref().is_some_and(|id| {
            chat.view
                .with(|v| v.run(id).is_none_or(|run| run.status != RunStatus::Running))
        })
}

fn data_state(chat: &ChatContext, action: &Action) -> DataState {
    let Some(run_id) = action.run_id.as_deref().filter(|_| !waits_for_run(action)) else {
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

/// Whether data about the customer arrived for the button: a step it needs found something
/// (not only failed, and not only the rep's own company).
fn data_arrived(chat: &ChatContext, action: &Action) -> bool {
    let Some(run_id) = action.run_id.as_deref() else {
        return false;
    };
    chat.view.with(|v| {
        v.run(run_id).is_some_and(|run| {
            action.needs().iter().any(|k| {
                *k != StepKey::Vendor && run.step(*k).is_some_and(|s| s.status == StepStatus::Done)
            })
        })
    })
}

/// The groups of a button set, each with its label (None: the plain suggestions).
fn groups(actions: Vec<Action>) -> Vec<(Option<&'static str>, Vec<Action>)> {
    let (mut roles, mut purposes, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for a in actions {
        match a.action {
            ActionKind::SetRole { .. } => roles.push(a),
            ActionKind::SetPurpose { .. } => purposes.push(a),
            _ => rest.push(a),
        }
    }
    [
        (Some("Your role"), roles),
        (Some("Meeting purpose"), purposes),
        (None, rest),
    ]
    .into_iter()
    .filter(|(_, g)| !g.is_empty())
    .collect()
}

#[component]
pub fn ActionButtons(actions: Vec<Action>) -> impl IntoView {
    let groups = groups(actions);
    // Beside the role and purpose choices, the rest (Skip) are other choices, not suggestions.
    let rest = if groups.iter().any(|(label, _)| label.is_some()) {
        "Other choices"
    } else {
        "Suggested actions"
    };
    groups
        .into_iter()
        .map(|(label, actions)| {
            let buttons = view! { <Buttons actions label=label.unwrap_or(rest)/> };
            match label {
                Some(label) => view! {
                    <div class="action-group">
                        <span class="group-label" aria-hidden="true">{label}</span>
                        {buttons}
                    </div>
                }
                .into_any(),
                None => buttons.into_any(),
            }
        })
        .collect_view()
}

#[component]
fn Buttons(actions: Vec<Action>, label: &'static str) -> impl IntoView {
    let chat = use_chat();
    view! {
        <div class="actions" role="group" aria-label=label>
            {actions
                .into_iter()
                .map(|a| {
                    if let ActionKind::OpenPrep { prep_id, view } = &a.action {
                        return prep_link(prep_id, *view, a.label.clone());
                    }
                    let kind = a.action.clone();
                    let label = a.label.clone();
                    let probe = a.clone();
                    let state = Memo::new(move |_| data_state(&chat, &probe));
                    let probe = a.clone();
                    let opened_label = a.label.clone();
                    // "new" only for data that arrived while the rep was looking, until used
                    // (remembered by the page, so a button drawn again keeps it).
                    let waited_key = format!("{}:{}", a.run_id.as_deref().unwrap_or(""), a.id);
                    if state.get_untracked() == DataState::Pending
                        && !chat.waited.with_untracked(|w| w.contains(&waited_key))
                    {
                        chat.waited.update(|w| w.push(waited_key.clone()));
                    }
                    let was_pending = chat.waited.with_untracked(|w| w.contains(&waited_key));
                    let is_new = Memo::new(move |_| {
                        was_pending
                            && state.get() == DataState::Ready
                            && data_arrived(&chat, &probe)
                            && !chat.opened.with(|o| o.contains(&opened_label))
                    });
                    let pending = move || state.get() == DataState::Pending;
                    let probe = a.clone();
                    let gone = Memo::new(move |_| outlived(&chat, &probe));
                    let data_state = move || {
                        if pending() {
                            "pending"
                        } else if is_new.get() {
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
                            class:new=move || is_new.get()
                            data-action-id=a.id
                            hidden=move || gone.get()
                            data-state=data_state
                            aria-busy=move || pending().to_string()
                            disabled=move || chat.busy.get() || pending()
                            on:click=move |_| chat.act(kind.clone(), label.clone())
                        >
                            <Show when=pending>
                                <span class="spinner" aria-hidden="true"></span>
                            </Show>
                            {a.label}
                            <Show when=move || is_new.get()>
                                <span class="visually-hidden">", new data"</span>
                                <span class="badge-new" aria-hidden="true">"new"</span>
                            </Show>
                        </button>
                    }
                    .into_any()
                })
                .collect_view()}
        </div>
    }
}

/// A one-pager's page, PDF, deck or Markdown, as a link styled like the buttons beside it.
fn prep_link(prep_id: &str, view: PrepView, label: String) -> AnyView {
    if !plausible_prep_id(prep_id) {
        return ().into_any();
    }
    let href = view.href(prep_id);
    let download = matches!(view, PrepView::Markdown).then_some("");
    view! {
        <a class="action link" href=href data-prep-view=format!("{view:?}").to_lowercase() download=download>
            {label}
        </a>
    }
    .into_any()
}
