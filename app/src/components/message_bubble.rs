//! One message: its text, its progress card, its buttons and its sources.

use super::{
    action_buttons::ActionButtons, message_text::MessageText, progress_card::ProgressCard,
    source_badges::SourceBadges,
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
        id,
        text,
        actions,
        sources,
        run_id,
        streaming,
        ..
    } = message;
    view! {
        <li
            class=format!("message {role}")
            class:streaming=streaming
            data-role=role
            aria-busy=streaming.to_string()
        >
            <div class="bubble">
                <MessageText message_id=id.clone() text sources=sources.clone()/>
                {run_id.map(|run_id| view! { <ProgressCard run_id/> })}
                {(!actions.is_empty()).then(|| view! { <ActionButtons actions/> })}
                {(!sources.is_empty()).then(|| view! { <SourceBadges message_id=id sources/> })}
            </div>
        </li>
    }
}
