//! An import being written: a progress bar that moves batch by batch.

use crate::domain::import::ImportReport;
use leptos::prelude::*;

#[component]
pub fn ImportProgress(report: ImportReport) -> impl IntoView {
    view! {
        <div class="import-progress">
            <ProgressBar percent=report.percent()/>
            <p role="status">
                {format!(
                    "Importing… {} of {} rows written ({}%)",
                    report.written,
                    report.planned,
                    report.percent()
                )}
            </p>
        </div>
    }
}

/// The import's progress bar (also shown, full, on the summary).
#[component]
pub fn ProgressBar(percent: u8) -> impl IntoView {
    view! {
        <div
            class="progress-bar"
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=percent.to_string()
        >
            <div class="progress-fill" style=format!("width: {percent}%")></div>
        </div>
    }
}
