//! How many accounts the book holds, which of them are demo data, and the button that
//! removes the demo data.

use crate::api::accounts::{load_book, remove_demo_accounts, sync_hubspot_now};
use crate::state::import::ImportState;
use leptos::prelude::*;

#[component]
pub fn BookSummary() -> impl IntoView {
    let import = expect_context::<ImportState>();
    let book = Resource::new(move || import.changed.get(), |_| load_book());
    let removing = RwSignal::new(false);
    let syncing = RwSignal::new(false);
    let synced = RwSignal::new(None::<String>);
    let sync = move |_| {
        syncing.set(true);
        leptos::task::spawn_local(async move {
            match sync_hubspot_now().await {
                Ok(said) => {
                    synced.set(Some(said));
                    import.changed.update(|n| *n += 1);
                }
                Err(e) => import.error.set(Some(e.to_string())),
            }
            syncing.set(false);
        });
    };
    let remove = move |_| {
        removing.set(true);
        leptos::task::spawn_local(async move {
            match remove_demo_accounts().await {
                Ok(_) => import.changed.update(|n| *n += 1),
                Err(e) => import.error.set(Some(e.to_string())),
            }
            removing.set(false);
        });
    };
    view! {
        <section class="book-summary" aria-label="Your accounts">
            <Transition fallback=|| view! { <p>"Counting your accounts…"</p> }>
                {move || Suspend::new(async move {
                    match book.await {
                        Ok(b) => {
                            let own = b.total - b.demo;
                            view! {
                                <p class="book-counts">
                                    {format!("{own} of your own account{}", if own == 1 { "" } else { "s" })}
                                    {b.hubspot.then(|| view! {
                                    <button type="button" class="secondary" on:click=sync disabled=move || syncing.get()>
                                        {move || if syncing.get() { "Syncing HubSpot…" } else { "Sync HubSpot now" }}
                                    </button>
                                })}
                                {move || synced.get().map(|s| view! { <p role="status">{s}</p> })}
                                {(b.demo > 0).then(|| view! {
                                        <span class="demo-badge">{format!(" · {} demo accounts", b.demo)}</span>
                                    })}
                                </p>
                                {b.hubspot.then(|| view! {
                                    <button type="button" class="secondary" on:click=sync disabled=move || syncing.get()>
                                        {move || if syncing.get() { "Syncing HubSpot…" } else { "Sync HubSpot now" }}
                                    </button>
                                })}
                                {move || synced.get().map(|s| view! { <p role="status">{s}</p> })}
                                {(b.demo > 0).then(|| view! {
                                    <p class="hint">
                                        "The demo accounts are fictional and researched from the demo data set. "
                                        "Your own accounts are researched from public sources."
                                    </p>
                                    <button type="button" class="secondary" on:click=remove disabled=move || removing.get()>
                                        "Remove the demo accounts"
                                    </button>
                                })}
                            }
                            .into_any()
                        }
                        Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
