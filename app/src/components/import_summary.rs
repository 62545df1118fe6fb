//! An import's outcome: what it did, the rows left out and why, and where to go next.

use super::import_progress::ProgressBar;
use super::problem_rows::ProblemRows;
use crate::domain::import::{ImportReport, ImportStatus};
use crate::state::import::ImportState;
use leptos::prelude::*;

#[component]
pub fn ImportSummary(report: ImportReport) -> impl IntoView {
    let import = expect_context::<ImportState>();
    let done = report.status == ImportStatus::Done;
    view! {
        <div class="import-summary">
            <ProgressBar percent=report.percent()/>
            <p role="status" class="import-done">
                {if done { "Import finished. " } else { "Import stopped. " }}
                {report.summary_line()}
            </p>
            {report.error.clone().map(|e| view! { <p role="alert" class="error">{e}</p> })}
            <p class="import-source">{report.source.clone()}</p>
            <ProblemRows title="Rejected rows" rows=report.rejected.clone()/>
            <ProblemRows title="Replaced by a later row" rows=report.duplicates.clone()/>
            <div class="import-actions">
                <a class="button" href="/">"Prepare for a meeting"</a>
                <button type="button" class="secondary" on:click=move |_| import.reset()>
                    "Import another file"
                </button>
            </div>
        </div>
    }
}
