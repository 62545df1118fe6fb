//! A table of rows left out of an import: row number, column, reason.

use crate::domain::import::RowProblem;
use leptos::prelude::*;

/// The most rows listed; the rest are counted.
const SHOWN: usize = 200;

#[component]
pub fn ProblemRows(title: &'static str, rows: Vec<RowProblem>) -> impl IntoView {
    let more = rows.len().saturating_sub(SHOWN);
    (!rows.is_empty()).then(|| {
        view! {
            <table class="rows problems" aria-label=title>
                <caption>{format!("{title} ({})", rows.len())}</caption>
                <thead>
                    <tr><th scope="col">"Row"</th><th scope="col">"Column"</th><th scope="col">"Reason"</th></tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .take(SHOWN)
                        .map(|r| view! {
                            <tr><td>{r.row}</td><td>{r.column}</td><td>{r.reason}</td></tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! { <p class="hint">{format!("…and {more} more.")}</p> })}
        }
    })
}
