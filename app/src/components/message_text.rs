//! A message's text, with each `[n]` citation linked to its source record.

use crate::domain::SourceRef;
use crate::domain::citation::{Segment, segments};
use leptos::prelude::*;

/// The id of source `n` (1-based) of message `message_id`, for citation links.
pub fn source_anchor(message_id: &str, n: usize) -> String {
    format!("src-{message_id}-{n}")
}

#[component]
pub fn MessageText(message_id: String, text: String, sources: Vec<SourceRef>) -> impl IntoView {
    let parts = segments(&text, sources.len())
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(t) => t.into_any(),
            Segment::Cite(n) => {
                let source = &sources[n - 1];
                // The record itself when it has an http(s) address; else its badge below.
                let external = source.link().map(str::to_string);
                // An outside record opens in a new tab; a badge below is scrolled to.
                let target = external.is_some().then_some("_blank");
                let href =
                    external.unwrap_or_else(|| format!("#{}", source_anchor(&message_id, n)));
                let title = format!("Source: {} ({})", source.name, source.last_updated);
                // Named by its source, not by its number.
                let name = format!("Source {n}: {}", source.name);
                view! {
                    <a
                        class="cite"
                        href=href
                        title=title
                        aria-label=name
                        target=target
                        rel="noopener noreferrer"
                    >
                        {n.to_string()}
                    </a>
                }
                .into_any()
            }
        })
        .collect_view();
    view! { <p class="text">{parts}</p> }
}
