//! `/`: the rep's newest chat (or `/?chat=ID`: that one), rendered on the server and
//! hydrated in the browser.

use crate::api::chat::load_chat;
use crate::components::chat_shell::ChatShell;
use leptos::prelude::*;

#[component]
pub fn ChatPage() -> impl IntoView {
    // `/?chat=ID` opens that chat (from the list of preps); `/` the newest.
    let query = leptos_router::hooks::use_query_map();
    let chat = move || query.read().get("chat");
    let snapshot = Resource::new_blocking(chat, load_chat);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading your chat…"</p> }>
            {move || Suspend::new(async move {
                match snapshot.await {
                    Ok(snapshot) => view! { <ChatShell snapshot/> }.into_any(),
                    Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
