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
    let refused = move || query.read().get("error").and_then(|c| refused_text(&c));
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading your chat…"</p> }>
            {move || Suspend::new(async move {
                match snapshot.await {
                    Ok(snapshot) => {
                        let refused = refused();
                        view! { <ChatShell snapshot refused/> }.into_any()
                    }
                    Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Why the chat's plain form did not send a message (`/chat/send` redirects back with the
/// code); None for any other code.
fn refused_text(code: &str) -> Option<&'static str> {
    match code {
        "empty" => Some("Please type something first."),
        "long" => Some("That message is too long: the limit is 2,000 characters."),
        "unavailable" => Some("Dossier is busy or restarting. Please try again in a moment."),
        "limit" => Some("Too many messages in a minute. Wait a moment and try again."),
        _ => None,
    }
}
