//! `/preps/{id}`: the one-pager as a page — readable on a phone, printable (print CSS), with
//! its PDF, deck and Markdown, its versions and what is new since the last one, and the
//! items the rep pinned (which can be removed or moved), and how to share and send it.
//! `?version=N` shows an older one.

use crate::api::preps::{load_prep, reorder_items, unpin_item};
use crate::components::chat_header::SignOut;
use crate::components::share_panel::SharePanel;
use crate::domain::SourceRef;
use crate::domain::chat::{PrepView, safe_link};
use crate::domain::one_pager::{Line, LineKind, OnePager, PinnedItem};
use crate::ports::PrepPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The prep the route names (`/preps/{id}…?version=N`), loaded before the page is sent.
pub fn routed_prep() -> Resource<Result<PrepPage, crate::error::AppError>> {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let version = move || {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<u32>().ok())
    };
    Resource::new_blocking(move || (id(), version()), |(id, v)| load_prep(id, v))
}

#[component]
pub fn PrepDocPage() -> impl IntoView {
    let page = routed_prep();
    view! {
        <div class="prep-doc-page">
            <header class="chat-header no-print">
                <a class="header-link" href="/chats">"Your preps"</a>
                <SignOut/>
            </header>
            <Suspense fallback=|| view! { <p class="loading">"Loading the one-pager…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <PrepDoc page=p/> }.into_any(),
                        Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PrepDoc(page: PrepPage) -> impl IntoView {
    let PrepPage {
        doc,
        items,
        latest_version,
        chat_session_id,
        sharing,
    } = page;
    let id = doc.prep_id.clone();
    let older = doc.version < latest_version;
    let versions = (1..=latest_version)
        .map(|n| {
            let current = n == doc.version;
            view! {
                <li>
                    <a href=format!("/preps/{id}?version={n}") aria-current=current.then_some("page")>
                        {format!("Version {n}")}
                    </a>
                </li>
            }
        })
        .collect_view();
    let links = [PrepView::Pdf, PrepView::Deck, PrepView::SlidesPdf, PrepView::Markdown]
        .into_iter()
        .map(|v| {
            let href = format!("{}?version={}", v.href(&doc.prep_id), doc.version);
            view! { <a class="action link" href=href data-prep-view=format!("{v:?}").to_lowercase()>{v.label()}</a> }
        })
        .collect_view();
    let chat_link = format!("/?chat={chat_session_id}");
    view! {
        <article class="one-pager" aria-labelledby="one-pager-title">
            <nav class="prep-tools no-print" aria-label="Take it along">
                {links}
                <CopyMarkdown href=format!("{}?version={}", PrepView::Markdown.href(&doc.prep_id), doc.version)/>
                <a class="action link" href=chat_link>"Back to the chat"</a>
            </nav>
            {older.then(|| view! {
                <p class="note no-print" role="note">
                    {format!("This is version {} — a newer one exists.", doc.version)}
                </p>
            })}
            <OnePagerBody doc=doc.clone()/>
            <section class="prep-versions no-print" aria-labelledby="versions-h">
                <h2 id="versions-h">"Versions"</h2>
                <ul>{versions}</ul>
            </section>
            <PinnedItems prep_id=id.clone() items/>
            <SharePanel prep_id=id.clone() sharing/>
        </article>
    }
}

/// The one-pager itself: title, meeting, what is new, the sections, the sources.
#[component]
pub fn OnePagerBody(doc: OnePager) -> impl IntoView {
    let sources = doc.sources.clone();
    let new_since = doc.new_since.clone().filter(|n| !n.added.is_empty());
    view! {
        <h1 id="one-pager-title">{doc.title.clone()}</h1>
        <p class="prep-meeting">{doc.meeting.join(" · ")}</p>
        <p class="prep-legend">
            <span class="legend-fact">"Facts cite their sources"</span>
            " · "
            <span class="legend-suggestion">"💡 Suggestions are Dossier's own"</span>
        </p>
        {new_since.map(|n| view! {
            <section class="new-since" aria-labelledby="new-since-h">
                <h2 id="new-since-h">{format!("New since {}", n.made_on)}</h2>
                <ul>{n.added.into_iter().take(8).map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            </section>
        })}
        {doc.sections.into_iter().map(|s| {
            let h = format!("section-{:?}", s.key).to_lowercase();
            let labelled = h.clone();
            let key = format!("{:?}", s.key).to_lowercase();
            let sources = sources.clone();
            view! {
                <section class="prep-section" aria-labelledby=labelled data-section=key>
                    <h2 id=h>{s.heading}</h2>
                    <ul>{s.lines.into_iter().map(|l| view! { <LineItem line=l sources=sources.clone()/> }).collect_view()}</ul>
                </section>
            }
        }).collect_view()}
        <section class="prep-sources" aria-labelledby="sources-h">
            <h2 id="sources-h">"Sources"</h2>
            <ol>{sources.iter().enumerate().map(|(i, s)| view! { <SourceItem n=i + 1 source=s.clone()/> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn LineItem(line: Line, sources: Vec<SourceRef>) -> impl IntoView {
    let class = match line.kind {
        LineKind::Fact => "fact",
        LineKind::Suggestion => "suggestion",
        LineKind::Gap => "gap",
    };
    let cites = line
        .cites
        .iter()
        .filter_map(|&n| Some((n, sources.get(n.checked_sub(1)?)?.clone())))
        .map(|(n, s)| {
            view! {
                <a class="prep-cite" href=format!("#source-{n}") aria-label=format!("Source {n}: {}", s.name)>
                    {format!("[{n}]")}
                </a>
            }
        })
        .collect_view();
    view! {
        <li class=class>
            {(line.kind == LineKind::Suggestion).then(|| view! { <span class="suggestion-label">"💡 Suggestion: "</span> })}
            {line.text}
            " "
            {cites}
        </li>
    }
}

#[component]
fn SourceItem(n: usize, source: SourceRef) -> impl IntoView {
    let link = source
        .url
        .as_deref()
        .and_then(safe_link)
        .map(str::to_string);
    let confidence = format!(
        "confidence {}%",
        (source.confidence.clamp(0.0, 1.0) * 100.0).round()
    );
    view! {
        <li id=format!("source-{n}")>
            {match link {
                Some(href) => view! { <a href=href.clone() rel="noopener noreferrer" target="_blank">{source.name.clone()}</a> }.into_any(),
                None => view! { <span>{source.name.clone()}</span> }.into_any(),
            }}
            {format!(" — as of {} · {confidence}", source.last_updated)}
        </li>
    }
}

/// The pinned items, removable and movable (the next one-pager follows their order).
#[component]
fn PinnedItems(prep_id: String, items: Vec<PinnedItem>) -> impl IntoView {
    let items = RwSignal::new(items);
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(prep_id);
    // Plain forms (they work before the WASM); once hydrated, in place.
    let remove = move |ev: leptos::ev::SubmitEvent, item_id: String| {
        ev.prevent_default();
        spawn_local(async move {
            match unpin_item(id.get_value(), item_id).await {
                Ok(now) => items.set(now),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let mv = move |ev: leptos::ev::SubmitEvent, from: usize, up: bool| {
        ev.prevent_default();
        let mut order: Vec<String> =
            items.with_untracked(|i| i.iter().map(|i| i.item_id.clone()).collect());
        let to = if up {
            from.checked_sub(1)
        } else {
            Some(from + 1).filter(|t| *t < order.len())
        };
        let Some(to) = to else { return };
        order.swap(from, to);
        spawn_local(async move {
            match reorder_items(id.get_value(), order).await {
                Ok(now) => items.set(now),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section class="prep-items no-print" aria-labelledby="items-h">
            <h2 id="items-h">"Your pinned items"</h2>
            <Show
                when=move || items.with(|i| !i.is_empty())
                fallback=|| view! { <p class="note">"Nothing pinned yet: press “📋 Add to meeting prep” under an answer in the chat."</p> }
            >
                <p class="note">"The next one-pager you make follows this order."</p>
                <ol>
                    {move || {
                        let all = items.get();
                        let last = all.len().saturating_sub(1);
                        all.into_iter().enumerate().map(|(i, item)| {
                            let first_line = item.text.lines().next().unwrap_or("").to_string();
                            let item_id = item.item_id.clone();
                            let base = format!("/preps/{}/items/{}", id.get_value(), item.item_id);
                            view! {
                                <li>
                                    <span class="item-text">{first_line.clone()}</span>
                                    <form method="post" action=format!("{base}/move") on:submit=move |ev| mv(ev, i, true)>
                                        <input type="hidden" name="dir" value="up"/>
                                        <button type="submit" disabled=i == 0 aria-label=format!("Move up: {first_line}")>"↑"</button>
                                    </form>
                                    <form method="post" action=format!("{base}/move") on:submit=move |ev| mv(ev, i, false)>
                                        <input type="hidden" name="dir" value="down"/>
                                        <button type="submit" disabled=i == last aria-label=format!("Move down: {first_line}")>"↓"</button>
                                    </form>
                                    <form method="post" action=format!("{base}/remove") on:submit=move |ev| remove(ev, item_id.clone())>
                                        <button type="submit" aria-label=format!("Remove: {first_line}")>"Remove"</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ol>
            </Show>
            {move || error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
        </section>
    }
}

/// "Copy as Markdown": fetches the Markdown and puts it on the clipboard (without
/// JavaScript, the Markdown link beside it opens it).
#[component]
fn CopyMarkdown(href: String) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let href = href.clone();
            spawn_local(async move {
                let ok = copy_from(&href).await;
                said.set(Some(if ok {
                    "Copied"
                } else {
                    "Couldn't copy — open the Markdown instead"
                }));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &href;
    };
    view! {
        <button type="button" class="action needs-js" on:click=copy>"Copy as Markdown"</button>
        <span role="status" class="copy-status">{move || said.get()}</span>
    }
}

#[cfg(feature = "hydrate")]
async fn copy_from(href: &str) -> bool {
    use wasm_bindgen_futures::JsFuture;
    let window = leptos::prelude::window();
    let Ok(resp) = JsFuture::from(window.fetch_with_str(href)).await else {
        return false;
    };
    let resp: web_sys::Response = match leptos::wasm_bindgen::JsCast::dyn_into(resp) {
        Ok(r) => r,
        Err(_) => return false,
    };
    if !resp.ok() {
        return false;
    }
    let Ok(text) = resp.text() else { return false };
    let Ok(text) = JsFuture::from(text).await else {
        return false;
    };
    let Some(text) = text.as_string() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(&text)).await.is_ok()
}
