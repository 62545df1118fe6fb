//! One message: its text, its progress card, its buttons and its sources.

use super::{
    action_buttons::ActionButtons, progress_card::ProgressCard, source_badges::SourceBadges,
};
use crate::domain::{ChatMessage, Role};
use leptos::prelude::*;

#[component]
pub fn MessageBubble(message: ChatMessage) -> impl IntoView {
    let role = match message.role {
        Role::User => "user",
        Role::Assistant => "assistant",
    };
    let ChatMessage {
        text,
        actions,
        sources,
        run_id,
        ..
    } = message;
    view! {
        <li class=format!("message {role}") data-role=role>
            <div class="bubble">
                <p class="text">{text}</p>
                {run_id.map(|run_id| view! { <ProgressCard run_id/> })}
                {(!actions.is_empty()).then(|| view! { <ActionButtons actions/> })}
                {(!sources.is_empty()).then(|| view! { <SourceBadges sources/> })}
            </div>
        </li>
    }
}
