//! The preview of an export: each column and what it is read as (editable), what the rows
//! will do, the first rows, the rows that will be left out; then Import.

use super::problem_rows::ProblemRows;
use crate::domain::import::{Field, ImportReport, RowChange};
use crate::state::import::ImportState;
use leptos::prelude::*;

#[component]
pub fn ImportPreview(report: ImportReport) -> impl IntoView {
    let import = expect_context::<ImportState>();
    let planned = report.planned;
    let counts = format!(
        "{} new · {} to update · {} unchanged · {} rejected{}",
        report.created,
        report.updated,
        report.unchanged,
        report.rejected.len(),
        if report.duplicates.is_empty() {
            String::new()
        } else {
            format!(" · {} replaced by a later row", report.duplicates.len())
        }
    );
    let what = if report.kind == "opportunities" {
        "opportunities"
    } else {
        "accounts"
    };
    view! {
        <div class="import-preview">
            <p class="import-source">
                {if report.source.is_empty() { import.file_name.get_untracked() } else { report.source.clone() }}
                {(!report.encoding.is_empty()).then(|| format!(" · {} · {what}", report.encoding))}
            </p>
            {report.error.clone().map(|e| view! { <p role="alert" class="error">{e}</p> })}
            <ColumnMapping report=report.clone()/>
            {(report.error.is_none()).then(|| view! {
                <p class="import-counts" role="status">{counts}</p>
                <PreviewRows report=report.clone()/>
            })}
            <ProblemRows title="Rejected rows" rows=report.rejected.clone()/>
            <ProblemRows title="Replaced by a later row" rows=report.duplicates.clone()/>
            <div class="import-actions">
                <button type="button" on:click=move |_| import.import() disabled=planned == 0>
                    {if planned == 0 { "Nothing to import".to_string() } else { format!("Import {planned} row{}", if planned == 1 { "" } else { "s" }) }}
                </button>
                <button type="button" class="secondary" on:click=move |_| import.reset()>
                    "Choose another file"
                </button>
            </div>
        </div>
    }
}

/// Each column, and a choice of what it holds.
#[component]
fn ColumnMapping(report: ImportReport) -> impl IntoView {
    let import = expect_context::<ImportState>();
    view! {
        <table class="rows mapping" aria-label="Columns">
            <caption>"Columns"</caption>
            <thead><tr><th scope="col">"Column in the file"</th><th scope="col">"Read as"</th></tr></thead>
            <tbody>
                {report
                    .columns
                    .into_iter()
                    .map(|c| {
                        let header = c.header.clone();
                        let current = c.field.clone().unwrap_or_else(|| "ignore".into());
                        view! {
                            <tr>
                                <td>{c.header.clone()}</td>
                                <td>
                                    <select
                                        aria-label=format!("Read “{}” as", c.header)
                                        on:change=move |ev| import.map_column(header.clone(), event_target_value(&ev))
                                    >
                                        <option value="ignore" selected=current == "ignore">"Ignored"</option>
                                        {Field::ALL
                                            .into_iter()
                                            .map(|f| view! {
                                                <option value=f.as_str() selected=current == f.as_str()>{f.label()}</option>
                                            })
                                            .collect_view()}
                                    </select>
                                    {c.note.map(|n| view! { <span class="hint">{format!(" {n}")}</span> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The first rows, as they will be written.
#[component]
fn PreviewRows(report: ImportReport) -> impl IntoView {
    (!report.preview.is_empty()).then(|| {
        view! {
            <table class="rows preview" aria-label="First rows">
                <caption>"First rows"</caption>
                <thead><tr><th scope="col">"Row"</th><th scope="col">"Will be"</th><th scope="col">"Name"</th><th scope="col">"Website / account"</th></tr></thead>
                <tbody>
                    {report
                        .preview
                        .into_iter()
                        .map(|r| view! {
                            <tr>
                                <td>{r.row}</td>
                                <td>{match r.change {
                                    RowChange::Create => "new",
                                    RowChange::Update => "updated",
                                    RowChange::Unchanged => "unchanged",
                                }}</td>
                                <td>{r.name}</td>
                                <td>{r.detail}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    })
}
