//! Dossier's shared app: domain rules, server functions and the Leptos UI, compiled for the
//! server (`ssr`) and the browser (`hydrate`).
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
pub mod ports;
pub mod realtime;
pub mod state;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use pages::access_page::{SignInPage, SignUpPage};
use pages::accounts_page::AccountsPage;
use pages::chat_page::ChatPage;
use pages::deck_page::DeckPage;
use pages::prep_page::PrepDocPage;
use pages::preps_page::PrepsPage;
use pages::settings_page::SettingsPage;

/// The Content-Security-Policy of a page whose inline scripts carry `nonce`: scripts only
/// from us (the WASM, and leptos's hydration scripts by their nonce), nothing framed, posted
/// or fetched elsewhere.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The HTML document around the app, rendered on the server (with its CSP header).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce))
    {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4ed8"/>
                <meta name="description" content="Dossier: meeting prep for sales reps."/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The app: the chat, and the Accounts page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    leptos_ws::provide_websocket();
    #[cfg(feature = "hydrate")]
    realtime::watch_link();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // Lets tests and scripts know the page is interactive.
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
        // Installable and opens offline (see public/sw.js).
        let _ = window().navigator().service_worker().register("/sw.js");
    });
    view! {
        <Stylesheet id="dossier" href="/pkg/dossier.css"/>
        <Title text="Dossier — meeting prep"/>
        <Router>
            <main>
                <Routes fallback=|| "Page not found.">
                    // Async: the whole chat is in the first HTML, even without JavaScript.
                    <Route path=path!("/") view=ChatPage ssr=SsrMode::Async/>
                    <Route path=path!("/accounts") view=AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/chats") view=PrepsPage ssr=SsrMode::Async/>
                    <Route path=path!("/preps/:id") view=PrepDocPage ssr=SsrMode::Async/>
                    <Route path=path!("/preps/:id/deck") view=DeckPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view=SignInPage/>
                    <Route path=path!("/signup") view=SignUpPage/>
                </Routes>
            </main>
        </Router>
    }
}
