//! The conversation, oldest first, with a welcome line when it is empty. Each message is
//! keyed by its id, so a revision redraws its content in place.

use super::message_bubble::MessageBubble;
use crate::domain::live_actions::live_action_ids;
use crate::state::chat::use_chat;
use leptos::prelude::*;

#[component]
pub fn MessageList() -> impl IntoView {
    let chat = use_chat();
    let is_empty = move || chat.view.with(|v| v.messages.is_empty());
    let ids = Memo::new(move |_| {
        chat.view
            .with(|v| v.messages.iter().map(|m| m.id.clone()).collect::<Vec<_>>())
    });
    let live = Memo::new(move |_| chat.view.with(|v| live_action_ids(&v.messages)));
    #[cfg(feature = "hydrate")]
    super::follow_newest::follow_newest(chat);
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
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <MessageBubble id live/> }
                />
            </ol>
        </section>
    }
}

/// "↓ 3 new": the messages that arrived while the rep was reading further up. Pressing it
/// shows the first of them.
#[component]
pub fn NewBelow() -> impl IntoView {
    let chat = use_chat();
    let count = move || chat.unseen.with(Vec::len);
    let show_first = move |_| {
        #[cfg(feature = "hydrate")]
        super::follow_newest::show_first_unseen(chat);
    };
    view! {
        <Show when=move || count() != 0>
            <button type="button" class="new-below" on:click=show_first>
                {move || crate::state::scroll::new_label(count())}
            </button>
        </Show>
    }
}
