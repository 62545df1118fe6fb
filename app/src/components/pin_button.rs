//! "📋 Add to meeting prep" under an answer: pins it to the prep of the chat's account, so
//! the one-pager carries it (with its sources).

use crate::api::preps::pin_message;
use crate::state::chat::use_chat;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Debug, PartialEq)]
enum Pin {
    Idle,
    Pinning,
    Pinned(String),
    Failed(String),
}

#[component]
pub fn PinButton(message_id: String) -> impl IntoView {
    let chat = use_chat();
    let state = RwSignal::new(Pin::Idle);
    let pin = move |_| {
        let message_id = message_id.clone();
        state.set(Pin::Pinning);
        spawn_local(async move {
            match pin_message(chat.session_id(), message_id).await {
                Ok(prep_id) => state.set(Pin::Pinned(prep_id)),
                Err(e) => state.set(Pin::Failed(e.to_string())),
            }
        });
    };
    view! {
        <div class="pin">
            {move || match state.get() {
                Pin::Pinned(prep_id) => view! {
                    <span class="pinned" role="status">
                        "✓ Added to "
                        <a href=format!("/preps/{prep_id}")>"your meeting prep"</a>
                    </span>
                }
                .into_any(),
                s => view! {
                    <button
                        type="button"
                        class="pin-button"
                        disabled=matches!(s, Pin::Pinning)
                        on:click=pin.clone()
                    >
                        "📋 Add to meeting prep"
                    </button>
                    {match s {
                        Pin::Failed(e) => Some(view! { <span class="pin-error" role="alert">{e}</span> }),
                        _ => None,
                    }}
                }
                .into_any(),
            }}
        </div>
    }
}
