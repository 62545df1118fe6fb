//! `/`: the visitor's current chat, rendered on the server and hydrated in the browser.

use crate::api::chat::load_chat;
use crate::components::chat_shell::ChatShell;
use leptos::prelude::*;

#[component]
pub fn ChatPage() -> impl IntoView {
    let snapshot = Resource::new_blocking(|| (), |_| load_chat());
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
