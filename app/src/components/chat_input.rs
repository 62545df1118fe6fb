//! The message box. A failed send puts the text back so nothing the rep typed is lost.
//!
//! It is a real form: before the WASM arrives (or without JavaScript) it posts to
//! `/chat/send`, which commits the message and shows the chat again; once hydrated, submit
//! reads what is in the field (typed before hydration too) and sends it in place.

use crate::domain::query::{MAX_CHAT_CHARS, clean_text};
use crate::state::chat::{INPUT_ID, use_chat};
use leptos::prelude::*;

#[component]
pub fn ChatInput() -> impl IntoView {
    let chat = use_chat();
    let field = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The field, not the signal: text typed before hydration never reached the signal.
        let typed = field
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_else(|| chat.draft.get_untracked());
        match clean_text(&typed, MAX_CHAT_CHARS) {
            Ok(text) => {
                chat.draft.set(String::new());
                chat.send(text);
            }
            Err(e) => {
                chat.draft.set(typed);
                chat.error.set(Some(e.to_string()));
            }
        }
    };
    view! {
        <form class="composer" method="post" action="/chat/send" on:submit=submit>
            <input type="hidden" name="session_id" value=chat.session_id()/>
            <input
                node_ref=field
                id=INPUT_ID
                type="text"
                name="text"
                placeholder="Ask about your customer..."
                aria-label="Message"
                autocomplete="off"
                maxlength=MAX_CHAT_CHARS.to_string()
                prop:value=move || chat.draft.get()
                on:input=move |ev| chat.draft.set(event_target_value(&ev))
            />
            <button type="submit" disabled=move || chat.busy.get()>
                "Send"
            </button>
        </form>
        {move || {
            chat.error
                .get()
                .map(|e| {
                    view! {
                        <p role="alert" class="error">
                            {e}
                            <Show when=move || chat.failed.with(Option::is_some)>
                                " "
                                <button type="button" class="retry" on:click=move |_| chat.retry()>
                                    "Retry"
                                </button>
                            </Show>
                        </p>
                    }
                })
        }}
    }
}
