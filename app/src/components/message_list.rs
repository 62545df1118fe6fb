//! The conversation, oldest first, with a welcome line when it is empty.

use super::message_bubble::MessageBubble;
use crate::state::chat::use_chat;
use leptos::prelude::*;

#[component]
pub fn MessageList() -> impl IntoView {
    let chat = use_chat();
    let is_empty = move || chat.view.with(|v| v.messages.is_empty());
    #[cfg(feature = "hydrate")]
    {
        // Keep the newest message in view as the chat grows — only when a message is added
        // (not on every step change), and after the frame is drawn, so scrolling never
        // delays an update.
        let count = Memo::new(move |_| chat.view.with(|v| v.messages.len()));
        Effect::new(move |_| {
            let _ = count.get();
            request_animation_frame(|| {
                if let Some(el) = document()
                    .query_selector(".messages > li:last-child")
                    .ok()
                    .flatten()
                {
                    el.scroll_into_view_with_bool(false);
                }
            });
        });
    }
    view! {
        <section class="conversation" aria-label="Conversation">
            <Show when=is_empty>
                <div class="welcome">
                    <h2>"Who are you meeting?"</h2>
                    <p>
                        "Try “Help me prepare for my meeting with Acme” or paste the company's website."
                    </p>
                </div>
            </Show>
            <ol class="messages" aria-live="polite">
                <For
                    each=move || chat.view.with(|v| v.messages.clone())
                    key=|m| (m.id.clone(), m.revision)
                    children=|message| view! { <MessageBubble message/> }
                />
            </ol>
        </section>
    }
}
