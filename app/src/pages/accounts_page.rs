//! `/accounts`: the rep's book of business — how many accounts, whether demo data is in
//! it (and removing it), and importing a CRM export.

use crate::components::book_summary::BookSummary;
use crate::components::chat_header::SignOut;
use crate::components::import_panel::ImportPanel;
use crate::state::import::ImportState;
use leptos::prelude::*;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let import = ImportState::new();
    provide_context(import);
    view! {
        <div class="accounts-page">
            <header class="chat-header">
                <h1>"Accounts"</h1>
                <span class="subtitle">"Your book of business"</span>
                <a class="header-link" href="/">"Back to chat"</a>
                <SignOut/>
            </header>
            <BookSummary/>
            <ImportPanel/>
        </div>
    }
}
