//! An import being written: a progress bar that moves batch by batch.

use crate::domain::import::ImportReport;
use leptos::prelude::*;

#[component]
pub fn ImportProgress(report: ImportReport) -> impl IntoView {
    let pct = report.percent();
    view! {
        <div class="import-progress">
            <div
                class="progress-bar"
                role="progressbar"
                aria-label="Import progress"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=pct.to_string()
            >
                <div class="progress-fill" style=format!("width: {pct}%")></div>
            </div>
            <p role="status">{format!("Importing… {} of {} rows written ({pct}%)", report.written, report.planned)}</p>
        </div>
    }
}
