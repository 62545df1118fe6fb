//! `/chats`: the rep's preps, on every device — each with its account and last activity,
//! newest first — filtered as the rep types (without JavaScript: by the form's `?q=`).

use crate::api::chat::list_chats;
use crate::api::preps::list_preps;
use crate::components::chat_header::SignOut;
use crate::domain::chat_list::{ChatEntry, filter};
use crate::domain::one_pager::PrepSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PrepsPage() -> impl IntoView {
    let query = use_query_map();
    let typed = RwSignal::new(query.get_untracked().get("q").unwrap_or_default());
    let chats = Resource::new_blocking(|| (), |_| list_chats());
    let one_pagers = Resource::new_blocking(|| (), |_| list_preps());
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
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match one_pagers.await {
                        Ok(all) => view! { <OnePagers all/> }.into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Suspense>
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

/// The one-pagers made so far, each opening its page.
#[component]
fn OnePagers(all: Vec<PrepSummary>) -> impl IntoView {
    let made: Vec<PrepSummary> = all.into_iter().filter(|p| p.version > 0).collect();
    (!made.is_empty()).then(|| {
        view! {
            <section class="one-pagers" aria-labelledby="one-pagers-h">
                <h2 id="one-pagers-h">"One-pagers"</h2>
                <ul class="prep-list" aria-label="One-pagers">
                    {made
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li>
                                    <a href=format!("/preps/{}", p.prep_id)>
                                        <span class="prep-title">{format!("{} — one-pager", p.account_name)}</span>
                                        <span class="prep-when">{format!("version {}", p.version)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
