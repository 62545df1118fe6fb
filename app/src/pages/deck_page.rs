//! `/preps/{id}/deck`: the one-pager as a full-screen deck for screen sharing — a slide a
//! section, then the sources. The slides sit side by side in a scroll-snapping strip, so a
//! swipe moves one slide on a phone (with or without JavaScript); the arrow keys and the
//! Previous / Next buttons move it on a laptop.

use crate::domain::chat::{PrepView, safe_link};
use crate::domain::one_pager::LineKind;
use crate::ports::PrepPage;
use leptos::prelude::*;

/// The strip's id (the keys scroll it).
const STRIP: &str = "deck-strip";

#[component]
pub fn DeckPage() -> impl IntoView {
    let page = super::prep_page::routed_prep();
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, |ev| match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " => step(1),
            "ArrowLeft" | "PageUp" => step(-1),
            _ => {}
        });
        on_cleanup(move || handle.remove());
    }
    view! {
        <div class="deck-page">
            <Suspense fallback=|| view! { <p class="loading">"Loading the deck…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <Deck page=p/> }.into_any(),
                        Err(e) => view! { <p role="alert" class="error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Deck(page: PrepPage) -> impl IntoView {
    let doc = page.doc;
    let total = doc.sections.len() + 1;
    let back = PrepView::Page.href(&doc.prep_id);
    let pdf = PrepView::SlidesPdf.href(&doc.prep_id);
    let title = doc.title.clone();
    let meeting = doc.meeting.join(" · ");
    let sources = doc.sources.clone();
    let slides = doc
        .sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let head = (i == 0).then(|| {
                view! {
                    <h1>{title.clone()}</h1>
                    <p class="deck-meeting">{meeting.clone()}</p>
                }
            });
            let label = format!("{} of {total}: {}", i + 1, s.heading);
            view! {
                <section class="slide" aria-roledescription="slide" aria-label=label>
                    {head}
                    <h2>{s.heading}</h2>
                    <ul>
                        {s.lines.into_iter().map(|l| {
                            let marks: String = l.cites.iter().map(|n| format!(" [{n}]")).collect();
                            let class = match l.kind { LineKind::Fact => "fact", LineKind::Suggestion => "suggestion", LineKind::Gap => "gap" };
                            view! {
                                <li class=class>
                                    {(l.kind == LineKind::Suggestion).then_some("💡 ")}
                                    {l.text}
                                    <span class="prep-cite">{marks}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="deck" aria-roledescription="carousel" aria-label="Meeting prep deck">
            <div id=STRIP class="deck-strip" tabindex="0">
                {slides}
                <section class="slide" aria-roledescription="slide" aria-label=format!("{total} of {total}: Sources")>
                    <h2>"Sources"</h2>
                    <ol class="deck-sources">
                        {sources.into_iter().map(|s| {
                            let name = s.name.clone();
                            let link = s.url.as_deref().and_then(safe_link).map(str::to_string);
                            view! {
                                <li>
                                    {name}
                                    {link.map(|l| format!(" — {l}"))}
                                    {format!(" — as of {} · confidence {}%", s.last_updated, (s.confidence.clamp(0.0, 1.0) * 100.0).round())}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            </div>
            <nav class="deck-controls" aria-label="Slides">
                <button type="button" class="action needs-js" on:click=move |_| step(-1)>"← Previous"</button>
                <button type="button" class="action needs-js" on:click=move |_| step(1)>"Next →"</button>
                <a class="action link" href=pdf>"Deck as PDF"</a>
                <a class="action link" href=back>"Close"</a>
            </nav>
        </div>
    }
}

/// Move the strip `by` slides.
fn step(by: i32) {
    #[cfg(feature = "hydrate")]
    if let Some(strip) = document().get_element_by_id(STRIP) {
        let width = f64::from(strip.client_width());
        strip.scroll_by_with_x_and_y(width * f64::from(by), 0.0);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = by;
}
