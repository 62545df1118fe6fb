//! Where a message's facts come from: name, a confidence dot, last updated.

use crate::domain::SourceRef;
use leptos::prelude::*;

#[component]
pub fn SourceBadges(sources: Vec<SourceRef>) -> impl IntoView {
    view! {
        <ul class="sources" aria-label="Sources">
            {sources
                .into_iter()
                .map(|s| {
                    let level = s.confidence_level();
                    let title = format!("{} — confidence {:.0}%", s.name, s.confidence * 100.0);
                    view! {
                        <li class="source" data-confidence=level title=title>
                            <span class="name">{s.name}</span>
                            <span class=format!("dot {level}") aria-hidden="true"></span>
                            <time>{s.last_updated}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
