//! Building the application: store, demo data, live feed, orchestrator, router.
//! Tests call [`Application::build`] with port 0 and `mem://`.

use crate::analysts::llm::LlmAnalyst;
use crate::analysts::{Analyst, TemplateAnalyst};
use crate::book::hubspot::HubSpot;
use crate::book::{Accounts, Book};
use crate::chat::Chat;
use crate::config::Settings;
use crate::demo::demo_accounts;
use crate::http::{AppState, build_router};
use crate::live::{self, FeedHub};
use crate::orchestrator::{Collector, Orchestrator, OrchestratorParts, RetryPolicy};
use crate::own_company::{Companies, OwnCompany};
use crate::sources::registry::Registries;
use crate::store::Store;
use crate::vault::Vault;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_ws::WsSignals;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A built, bound, not yet serving application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    store: Store,
    feeds: FeedHub,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let store = open_store(&settings).await?;
        let book = Book::load(store.clone()).await?;
        if !is_embedded(&settings) {
            spawn_book_catch_up(book.clone());
        }
        let signals = WsSignals::new();
        let feeds = FeedHub::new(signals.clone());
        let live_feeds = feeds.clone();
        live::follow_events(store.clone(), feeds.clone()).await?;
        let vault = vault(&settings, &store).await?;
        let research = research(&settings, &store, &book)?;
        let companies = research.2.clone();
        let chat = Chat::new(
            store.clone(),
            book.clone(),
            feeds,
            research,
            analysts(&settings),
        )
        .with_question_wait(settings.question_wait)
        .with_couriers(Arc::new(
            crate::sharing::Couriers::new(settings.sharing.clone(), &settings.sources.user_agent)?
                .reached_at(settings.public_url.clone()),
        ))
        .with_vault(vault.clone())
        .shared();
        chat.spawn_waiter();
        chat.keep_promises(is_embedded(&settings));
        spawn_feed_sweeper(live_feeds.clone(), store.clone(), settings.feed_idle);
        let auth = Arc::new(crate::auth::Auth::new(store.clone(), settings.signup));
        let floods = Arc::new(crate::http::flood::Floods::new(&settings.floods));
        spawn_sweeper(store.clone(), auth.clone(), floods.clone());
        let rep_settings = Arc::new(crate::rep_settings::RepSettings::new(
            store.clone(),
            auth.clone(),
            companies,
            settings.sharing.slack_prefix.clone(),
            vault,
        ));

        let listener = TcpListener::bind(settings.site_addr).await?;
        let addr = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("dossier")
            .site_root(settings.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let hubspot = HubSpot::from_config(&settings.hubspot, &settings.sources.user_agent);
        if let (Some(h), Some(every)) = (&hubspot, settings.hubspot_sync_every) {
            tracing::info!(every_mins = every.as_secs() / 60, "HubSpot sync on");
            h.clone().spawn_every(book.clone(), every);
        }
        let accounts = Arc::new(Accounts {
            book: book.clone(),
            hubspot,
        });
        let state = AppState {
            leptos_options,
            chat,
            book,
            accounts,
            signals,
            auth,
            settings: rep_settings,
            floods,
            public_url: settings.public_url.clone(),
        };
        Ok(Self {
            listener,
            router: build_router(state),
            addr,
            store,
            feeds: live_feeds,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    /// The live feeds (tests count them).
    pub fn feeds(&self) -> FeedHub {
        self.feeds.clone()
    }

    /// The application's store (benches read it).
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok(())
    }
}

/// The store, with the demo accounts loaded on first start.
async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let store = Store::connect(settings).await?;
    let added = store.seed_accounts(&demo_accounts()).await?;
    if added > 0 {
        tracing::info!(added, "loaded the demo accounts");
    }
    Ok(store)
}

/// The sources behind the collector, and the orchestrator that drives runs over it (its
/// leases started: an embedded database is ours alone, so every run still marked running
/// is an orphan to resume).
fn research(
    settings: &Settings,
    store: &Store,
    book: &Arc<Book>,
) -> anyhow::Result<(Arc<Collector>, Arc<Orchestrator>, Arc<Companies>)> {
    let server_company = match &settings.vendor_file {
        Some(path) => OwnCompany::from_file(path)?,
        None => OwnCompany::demo(),
    };
    let companies = Arc::new(Companies::new(store.clone(), server_company));
    let registries = Registries::from_config(&settings.sources, settings.demo_delay);
    tracing::info!(
        demo_accounts = ?registries.demo.names(),
        own_accounts = ?registries.book.names(),
        "research sources"
    );
    // Steps against real providers take seconds; the demo data set only its delay.
    let src = &settings.sources;
    let keyed = src.serpapi.key.is_some() || src.apollo.key.is_some();
    let typical = |network: bool| {
        if network || keyed {
            4_000
        } else {
            settings.demo_delay.max_ms
        }
    };
    let typical_step_ms = if src.chosen {
        (typical(src.network), typical(src.network))
    } else {
        (typical(false), typical(true))
    };
    let collector = Arc::new(Collector::new(
        store.clone(),
        registries,
        settings.cache.clone(),
    ));
    let orchestrator = Arc::new(Orchestrator::new(OrchestratorParts {
        store: store.clone(),
        collector: collector.clone(),
        book: book.clone(),
        companies: companies.clone(),
        lease: settings.lease,
        typical_step_ms,
        retry: RetryPolicy::default(),
    }));
    orchestrator.start_leases(is_embedded(settings));
    Ok((collector, orchestrator, companies))
}

/// Whether this process is the database's only user (an embedded database): at start,
/// whatever a process left unfinished is an orphan.
/// The vault sealing reps' secrets: `DOSSIER_SECRET_KEY`, else the embedded database's
/// `secret.key`, else (`mem://`) a key of the process's own, else (a shared `ws://`
/// database) the key the database keeps.
async fn vault(settings: &Settings, store: &Store) -> anyhow::Result<Arc<Vault>> {
    if let Some(key) = &settings.secret_key {
        return Ok(Arc::new(Vault::new(&key.0)));
    }
    if let Some(path) = settings.db_url.strip_prefix("surrealkv://") {
        let dir = std::path::Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        let file = dir.join("secret.key");
        let key = crate::vault::key_file(&file)
            .map_err(|e| anyhow::anyhow!("the secret key {}: {e}", file.display()))?;
        return Ok(Arc::new(Vault::new(&key)));
    }
    if settings.db_url.starts_with("mem://") {
        return Ok(Arc::new(Vault::ephemeral()));
    }
    tracing::warn!(
        "DOSSIER_SECRET_KEY is not set: the key sealing reps' Notion and Slack secrets is kept in the shared database"
    );
    let kept = store
        .shared_vault_key(&crate::vault::key_hex(&crate::vault::random_key()))
        .await?;
    let key = crate::vault::parse_key(&kept)
        .ok_or_else(|| anyhow::anyhow!("meta:vault_key does not hold a key"))?;
    Ok(Arc::new(Vault::new(&key)))
}

fn is_embedded(settings: &Settings) -> bool {
    !settings.db_url.starts_with("ws")
}

/// Who writes answers (a language model if one is configured, else templates), and who
/// places the questions the rules can't.
fn analysts(settings: &Settings) -> (Arc<dyn Analyst>, Option<Arc<LlmAnalyst>>) {
    match &settings.llm {
        Some(config) => {
            tracing::info!(model = %config.model, url = %config.base_url, "answers by a language model");
            let llm = Arc::new(LlmAnalyst::new(config.clone()));
            (llm.clone(), Some(llm))
        }
        None => (Arc::new(TemplateAnalyst), None),
    }
}

/// With a shared database, read the book again whenever another instance changed it.
fn spawn_book_catch_up(book: Arc<Book>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(crate::book::CATCH_UP_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = book.catch_up().await {
                tracing::warn!(error = %e, "could not check the book for changes elsewhere");
            }
        }
    });
}

/// Free the live signals (and next-seq numbers) of chats nobody has followed for `idle`.
fn spawn_feed_sweeper(feeds: FeedHub, store: Store, idle: std::time::Duration) {
    tokio::spawn(async move {
        let every = (idle / 4).max(std::time::Duration::from_millis(250));
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let freed = feeds.free_idle(idle);
            if !freed.is_empty() {
                store.forget_sessions(&freed);
                tracing::debug!(freed = freed.len(), "idle live feeds freed");
            }
        }
    });
}

/// Delete expired cache rows every ten minutes.
fn spawn_sweeper(
    store: Store,
    auth: Arc<crate::auth::Auth>,
    floods: Arc<crate::http::flood::Floods>,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            match store.sweep_cache(crate::now_ms()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(swept = n, "expired cache entries removed"),
                Err(e) => tracing::warn!(error = %e, "cache sweep failed"),
            }
            if let Err(e) = auth.sweep().await {
                tracing::warn!(error = %e, "session sweep failed");
            }
            floods.tidy();
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
