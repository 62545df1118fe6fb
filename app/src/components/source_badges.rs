//! Where a message's facts come from: name, confidence (in words and as a dot), last
//! updated — each badge numbered like the citations in the text, and linked to the record
//! when it has an address.

use super::message_text::source_anchor;
use crate::domain::SourceRef;
use leptos::prelude::*;

#[component]
pub fn SourceBadges(message_id: String, sources: Vec<SourceRef>) -> impl IntoView {
    view! {
        <ul class="sources" aria-label="Sources">
            {sources
                .into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let level = s.confidence_level();
                    let confidence = s.confidence_words();
                    let name = match s.link().map(str::to_string) {
                        Some(url) => view! {
                            <a class="name" href=url target="_blank" rel="noopener noreferrer">{s.name}</a>
                        }
                        .into_any(),
                        None => view! { <span class="name">{s.name}</span> }.into_any(),
                    };
                    view! {
                        <li
                            class="source"
                            id=source_anchor(&message_id, i + 1)
                            data-confidence=level
                        >
                            <span class="num">{(i + 1).to_string()}</span>
                            {name}
                            <span class=format!("dot {level}") aria-hidden="true"></span>
                            <span class="confidence">{confidence}</span>
                            <time>{s.last_updated}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
