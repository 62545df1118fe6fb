//! The import on the Accounts page: pick or drop a CSV export, then its preview, its
//! progress or its summary.

use super::import_preview::ImportPreview;
use super::import_progress::ImportProgress;
use super::import_summary::ImportSummary;
use crate::state::import::{ImportState, Stage};
use leptos::prelude::*;

#[component]
pub fn ImportPanel() -> impl IntoView {
    let import = expect_context::<ImportState>();
    view! {
        <section class="import" aria-labelledby="import-title">
            <h2 id="import-title">"Import from your CRM"</h2>
            {move || import.error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
            {move || match import.stage.get() {
                Stage::Idle => view! { <FilePicker/> }.into_any(),
                Stage::Reading => view! { <p role="status">"Reading the file…"</p> }.into_any(),
                Stage::Previewed(report) => view! { <ImportPreview report/> }.into_any(),
                Stage::Importing(report) => view! { <ImportProgress report/> }.into_any(),
                Stage::Done(report) => view! { <ImportSummary report/> }.into_any(),
            }}
        </section>
    }
}

/// The drop zone and file input, and which CRM the file is from.
#[component]
fn FilePicker() -> impl IntoView {
    let import = expect_context::<ImportState>();
    let dragging = RwSignal::new(false);
    let picked = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input = event_target::<web_sys::HtmlInputElement>(&ev);
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import.take_file(file);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, import);
    };
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            import.take_file(file);
        }
    };
    view! {
        <p class="hint">
            "A Salesforce accounts or opportunities report, a Data Loader export, or a HubSpot "
            "companies or deals export, as CSV. Up to 50 MB. Nothing is written before you confirm."
        </p>
        <label class="field">
            "The file is from "
            <select
                name="source"
                on:change=move |ev| import.source.set(event_target_value(&ev))
                prop:value=move || import.source.get()
            >
                <option value="auto">"Tell from the columns"</option>
                <option value="salesforce">"Salesforce"</option>
                <option value="hubspot">"HubSpot"</option>
            </select>
        </label>
        <label
            class="drop-zone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=dropped
        >
            <span class="drop-title">"Drop a CSV export here"</span>
            <span class="drop-or">"or choose a file"</span>
            <input type="file" name="file" accept=".csv,text/csv" on:change=picked/>
        </label>
    }
}
