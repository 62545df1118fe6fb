//! The buttons under a message.

use crate::domain::Action;
use crate::state::chat::use_chat;
use leptos::prelude::*;

#[component]
pub fn ActionButtons(actions: Vec<Action>) -> impl IntoView {
    let chat = use_chat();
    view! {
        <div class="actions" role="group" aria-label="Suggested actions">
            {actions
                .into_iter()
                .map(|a| {
                    let kind = a.action.clone();
                    view! {
                        <button
                            type="button"
                            class="action"
                            data-action-id=a.id
                            disabled=move || chat.busy.get()
                            on:click=move |_| chat.act(kind.clone())
                        >
                            {a.label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
