//! The message box. A failed send puts the text back so nothing the rep typed is lost.

use crate::domain::query::{MAX_CHAT_CHARS, clean_text};
use crate::state::chat::{INPUT_ID, use_chat};
use leptos::prelude::*;

#[component]
pub fn ChatInput() -> impl IntoView {
    let chat = use_chat();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match clean_text(&chat.draft.get_untracked(), MAX_CHAT_CHARS) {
            Ok(text) => {
                chat.draft.set(String::new());
                chat.send(text);
            }
            Err(e) => chat.error.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="composer" on:submit=submit>
            <input
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
        {move || chat.error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
    }
}
