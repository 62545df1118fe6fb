//! Every route (JSON API, server functions and the leptos_ws websocket, pages, files) and
//! the state its handlers share.

use super::{
    accounts, api, auth, auth_forms, chat_form, flood, guard, headers, identity, live_socket,
    prep_forms, preps, server_fns, settings_forms, share_page, sharing,
};
use crate::book::{Accounts, Book};
use crate::chat::Chat;
use app::ports::{SharedBookService, SharedChatService, SharedPrepService, SharedSettingsService};
use app::{App, shell};
use axum::Router;
use axum::extract::FromRef;
use axum::middleware::from_fn;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use leptos_ws::WsSignals;
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

/// The largest body a server function takes: a 2,000-character message of 4-byte characters,
/// URL-encoded (12 bytes each), with room to spare.
pub const SERVER_FN_MAX_BYTES: usize = 32 * 1024;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub chat: Arc<Chat>,
    pub book: Arc<Book>,
    /// The book with its CRM connection.
    pub accounts: Arc<Accounts>,
    pub signals: WsSignals,
    /// Accounts, sessions, invites and tokens.
    pub auth: Arc<crate::auth::Auth>,
    /// Each rep's role, purpose and own company.
    pub settings: Arc<crate::rep_settings::RepSettings>,
    /// Research starts, questions, chats and imports per user and address.
    pub floods: Arc<super::flood::Floods>,
    /// The address users reach (`DOSSIER_PUBLIC_URL`), if set.
    pub public_url: Option<String>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Every route, with the chat service and the signals in every server function's context.
pub fn build_router(state: AppState) -> Router {
    let chat: SharedChatService = state.chat.clone();
    let book: SharedBookService = state.accounts.clone();
    let settings: SharedSettingsService = state.settings.clone();
    let preps: SharedPrepService = state.chat.clone();
    let signals = state.signals.clone();
    let context = move || {
        provide_context(chat.clone());
        provide_context(preps.clone());
        provide_context(book.clone());
        provide_context(settings.clone());
        provide_context(signals.clone());
    };
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    // leptos_routes_with_context also registers every server function (and the leptos_ws
    // websocket) with the same context.
    Router::new()
        .merge(api::routes().route_layer(from_fn(guard::json_only)))
        .merge(
            preps::routes()
                .merge(sharing::routes())
                .layer(axum::extract::DefaultBodyLimit::max(api::MAX_BODY_BYTES))
                .route_layer(from_fn(guard::json_only)),
        )
        .merge(share_page::routes())
        .merge(accounts::routes())
        .merge(
            auth::routes()
                .layer(axum::extract::DefaultBodyLimit::max(api::MAX_BODY_BYTES))
                .route_layer(from_fn(guard::json_only)),
        )
        .merge(auth_forms::routes())
        .merge(chat_form::routes())
        .merge(prep_forms::routes())
        .merge(settings_forms::routes())
        .merge(
            // Pages and server functions: bodies of at most SERVER_FN_MAX_BYTES (413).
            Router::new()
                .leptos_routes_with_context(&state, routes, context.clone(), move || {
                    shell(options.clone())
                })
                .layer(RequestBodyLimitLayer::new(SERVER_FN_MAX_BYTES)),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::map_response(
            server_fns::status_from_error_body,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            flood::limit,
        ))
        // Our own live websocket, for signed-in users (see live_socket.rs).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            live_socket::intercept,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            identity::identify,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::same_site,
        ))
        .layer(axum::middleware::from_fn(headers::secure))
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}
