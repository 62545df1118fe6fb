//! One message: its text, its progress card, its buttons and its sources. The list item stays
//! while the message is revised (an answer streaming in, a run's line updated), so focus,
//! hover and the reading position hold; only its content is drawn again.

use super::{
    action_buttons::ActionButtons, message_text::MessageText, pin_button::PinButton,
    progress_card::ProgressCard, source_badges::SourceBadges,
};
use crate::domain::{ChatMessage, Role};
use crate::state::chat::use_chat;
use leptos::prelude::*;

/// The id of a message's list item, for scrolling and focus.
pub fn message_anchor(message_id: &str) -> String {
    format!("message-{message_id}")
}

#[component]
pub fn MessageBubble(
    id: String,
    /// The ids of the messages whose buttons are live (see `domain::live_actions`).
    live: Memo<Vec<String>>,
) -> impl IntoView {
    let chat = use_chat();
    let key = id.clone();
    let revision = Memo::new(move |_| chat.view.with(|v| v.message(&key).map(|m| m.revision)));
    let key = id.clone();
    // Read again whenever the message's revision moves (a memo is read, not only tracked:
    // it computes lazily).
    let current = move || {
        let _ = revision.get();
        chat.view.with_untracked(|v| v.message(&key).cloned())
    };
    let key = id.clone();
    let is_live = Memo::new(move |_| live.with(|l| l.contains(&key)));
    let role = match chat.view.with_untracked(|v| v.message(&id).map(|m| m.role)) {
        Some(Role::User) => "user",
        _ => "assistant",
    };
    let streaming = {
        let current = current.clone();
        move || current().is_some_and(|m| m.streaming)
    };
    view! {
        <li
            id=message_anchor(&id)
            class=format!("message {role}")
            class:streaming=streaming.clone()
            data-role=role
            tabindex="-1"
            aria-busy=move || streaming().to_string()
        >
            {move || current().map(|message| view! { <Bubble message is_live/> })}
        </li>
    }
    .into_any()
}

#[component]
fn Bubble(message: ChatMessage, is_live: Memo<bool>) -> impl IntoView {
    let ChatMessage {
        id,
        role,
        text,
        actions,
        sources,
        run_id,
        ..
    } = message;
    // An answer with sources can go into the meeting prep (not the one-pager itself).
    let pinnable = role == Role::Assistant && !sources.is_empty() && !id.starts_with("msg-prep-");
    let has_actions = !actions.is_empty();
    // The newest set of next steps is live; older sets fold away under a summary line.
    let buttons = move || {
        let actions = actions.clone();
        if !has_actions {
            None
        } else if is_live.get() {
            Some(view! { <ActionButtons actions/> }.into_any())
        } else {
            Some(
                view! {
                    <details class="earlier-actions">
                        <summary>"Earlier suggestions"</summary>
                        <ActionButtons actions/>
                    </details>
                }
                .into_any(),
            )
        }
    };
    view! {
        <div class="bubble">
            <MessageText message_id=id.clone() text sources=sources.clone()/>
            {run_id.map(|run_id| view! { <ProgressCard run_id/> })}
            {buttons}
            {(!sources.is_empty()).then(|| view! { <SourceBadges message_id=id.clone() sources/> })}
            {pinnable.then(|| view! { <PinButton message_id=id/> })}
        </div>
    }
}
