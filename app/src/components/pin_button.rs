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

/// A real form (`POST /prep/pin`): before the WASM arrives, or without JavaScript, it pins
/// and opens the prep's page; once hydrated it pins in place.
#[component]
pub fn PinButton(message_id: String) -> impl IntoView {
    let chat = use_chat();
    let state = RwSignal::new(Pin::Idle);
    let id = StoredValue::new(message_id.clone());
    let pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.set(Pin::Pinning);
        spawn_local(async move {
            match pin_message(chat.session_id(), id.get_value()).await {
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
                    <form method="post" action="/prep/pin" on:submit=pin>
                        <input type="hidden" name="session_id" value=chat.session_id()/>
                        <input type="hidden" name="message_id" value=id.get_value()/>
                        <button type="submit" class="pin-button" disabled=matches!(s, Pin::Pinning)>
                            "📋 Add to meeting prep"
                        </button>
                    </form>
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
