//! The bar above the chat: the product name, the live-connection state, the Preps, Accounts
//! and Settings pages, "New chat", "Sign out".

use crate::api::chat::new_chat;
use crate::state::chat::use_chat;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ChatHeader() -> impl IntoView {
    let chat = use_chat();
    let start_new = move |_| {
        spawn_local(async move {
            match new_chat().await {
                // The page shows the newest chat; reloading subscribes to its feed.
                Ok(_) => {
                    #[cfg(feature = "hydrate")]
                    let _ = leptos::prelude::window().location().set_href("/");
                }
                Err(e) => chat.error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <header class="chat-header">
            <h1>"Dossier"</h1>
            <span class="subtitle">"Meeting prep"</span>
            // Honest: "Offline" until the live connection is up (and without JavaScript).
            <span
                class="live"
                class:offline=move || !chat.online.get()
                role="status"
            >
                {move || match (chat.online.get(), chat.ever_online.get()) {
                    (true, _) => "Live",
                    (false, true) => "Reconnecting…",
                    (false, false) => "Offline",
                }}
            </span>
            <a class="header-link" href="/chats">"Preps"</a>
            <a class="header-link" href="/accounts">"Accounts"</a>
            // A whole page load: the settings forms are server-rendered (see settings_page.rs).
            <a class="header-link" href="/settings" rel="external">"Settings"</a>
            <button type="button" class="new-chat" on:click=start_new>
                "New chat"
            </button>
            <SignOut/>
        </header>
    }
}

/// Sign out of this device: a plain form, so it works before the WASM arrives.
#[component]
pub fn SignOut() -> impl IntoView {
    view! {
        <form class="sign-out" method="post" action="/auth/signout">
            <button type="submit">"Sign out"</button>
        </form>
    }
}
