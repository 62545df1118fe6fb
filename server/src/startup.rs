//! Building the application: store, demo data, live feed, orchestrator, router.
//! Tests call [`Application::build`] with port 0 and `mem://`.

use crate::analysts::llm::LlmAnalyst;
use crate::analysts::{Analyst, TemplateAnalyst};
use crate::chat::Chat;
use crate::config::Settings;
use crate::demo::demo_accounts;
use crate::live::FeedHub;
use crate::orchestrator::Orchestrator;
use crate::orchestrator::OrchestratorParts;
use crate::sources::Registry;
use crate::sources::vendor::VendorSource;
use crate::store::Store;
use crate::{http, live, visitor};
use app::domain::search::AccountIndex;
use app::ports::SharedChatService;
use app::{App, shell};
use axum::Router;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use leptos_ws::WsSignals;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub chat: Arc<Chat>,
    pub signals: WsSignals,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// A built, bound, not yet serving application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    pub state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let store = Store::connect(&settings).await?;
        let added = store.seed_accounts(&demo_accounts()).await?;
        if added > 0 {
            tracing::info!(added, "loaded the demo accounts");
        }
        let accounts = Arc::new(AccountIndex::new(store.all_accounts().await?));
        let signals = WsSignals::new();
        let feeds = FeedHub::new(signals.clone());
        live::follow_events(store.clone(), feeds.clone()).await?;
        let vendor = match &settings.vendor_file {
            Some(path) => VendorSource::from_file(path)?,
            None => VendorSource::demo(),
        };
        let registry = Registry::from_config(&settings.sources, settings.demo_delay)
            .with_vendor(Arc::new(vendor));
        tracing::info!(sources = ?registry.names(), "research sources");
        let typical_step_ms = if settings.sources.demo {
            settings.demo_delay.max_ms
        } else {
            4_000
        };
        let orchestrator = Arc::new(Orchestrator::new(OrchestratorParts {
            store: store.clone(),
            registry,
            accounts: accounts.clone(),
            cache: settings.cache.clone(),
            lease: settings.lease,
            typical_step_ms,
        }));
        // An embedded database is ours alone: every run still marked running is an orphan.
        let embedded = !settings.db_url.starts_with("ws");
        orchestrator.start_leases(embedded);
        let (analyst, classifier): (Arc<dyn Analyst>, _) = match &settings.llm {
            Some(config) => {
                tracing::info!(model = %config.model, url = %config.base_url, "answers by a language model");
                let llm = Arc::new(LlmAnalyst::new(config.clone()));
                (llm.clone(), Some(llm))
            }
            None => (Arc::new(TemplateAnalyst), None),
        };
        let chat = Arc::new(Chat {
            store: store.clone(),
            accounts,
            feeds,
            orchestrator,
            analyst,
            classifier,
        });
        chat.spawn_waiter();
        spawn_sweeper(store);

        let listener = TcpListener::bind(settings.site_addr).await?;
        let addr = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("dossier")
            .site_root(settings.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let state = AppState {
            leptos_options,
            chat,
            signals,
        };
        let router = build_router(state.clone());
        Ok(Self {
            listener,
            router,
            addr,
            state,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok(())
    }
}

/// Every route: JSON API, server functions (and the leptos_ws websocket), pages, files.
pub fn build_router(state: AppState) -> Router {
    let chat: SharedChatService = state.chat.clone();
    let signals = state.signals.clone();
    let context = move || {
        provide_context(chat.clone());
        provide_context(signals.clone());
    };
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    // leptos_routes_with_context also registers every server function (and the leptos_ws
    // websocket) with the same context.
    Router::new()
        .merge(http::api::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::map_response(
            http::server_fns::status_from_error_body,
        ))
        .layer(axum::middleware::from_fn(visitor::ensure_visitor))
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}

/// Delete expired cache rows every ten minutes.
fn spawn_sweeper(store: Store) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            match store.sweep_cache(crate::now_ms()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(swept = n, "expired cache entries removed"),
                Err(e) => tracing::warn!(error = %e, "cache sweep failed"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
