//! `/chats`: the rep's preps, on every device — each with its account and last activity,
//! newest first — filtered as the rep types (without JavaScript: by the form's `?q=`).

use crate::api::chat::list_chats;
use crate::components::chat_header::SignOut;
use crate::domain::chat_list::{ChatEntry, filter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PrepsPage() -> impl IntoView {
    let query = use_query_map();
    let typed = RwSignal::new(query.get_untracked().get("q").unwrap_or_default());
    let chats = Resource::new_blocking(|| (), |_| list_chats());
    view! {
        <div class="preps-page">
            <header class="chat-header">
                <h1>"Your preps"</h1>
                <a class="header-link" href="/">"Back to chat"</a>
                <SignOut/>
            </header>
            <form class="preps-filter" method="get" action="/chats" role="search">
                <label>
                    "Filter"
                    <input
                        type="search"
                        name="q"
                        placeholder="Account or title"
                        prop:value=move || typed.get()
                        value=move || typed.get_untracked()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </label>
            </form>
            <Suspense fallback=|| view! { <p class="loading">"Loading your preps…"</p> }>
                {move || Suspend::new(async move {
                    match chats.await {
                        Ok(all) => view! { <PrepList all typed/> }.into_any(),
                        Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PrepList(all: Vec<ChatEntry>, typed: RwSignal<String>) -> impl IntoView {
    let shown = move || {
        filter(&all, &typed.get())
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <ul class="prep-list" aria-label="Preps">
            <For each=shown key=|e| e.id.clone() let:e>
                <li>
                    <a href=format!("/?chat={}", e.id)>
                        <span class="prep-title">{e.title()}</span>
                        <span class="prep-when">{e.updated.clone()}</span>
                    </a>
                </li>
            </For>
        </ul>
    }
}
