//! Per-session live signals (leptos_ws), created when the session's owner opens the chat
//! and moved forward by [`super::follow`] as events commit. A signal nobody has followed for
//! a while is freed (and made again on demand: the next page load or subscription).
//!
//! Updates are sent as JSON patches computed here and awaited one after another from the
//! single live task, so every browser sees them in commit order (leptos_ws's own `update()`
//! computes patches in spawned tasks that may finish out of order).

use app::domain::{Feed, SessionEvent};
use app::realtime::feed_signal_name;
use leptos_ws::messages::{Messages, SignalUpdate};
use leptos_ws::{ReadOnlySignal, WsSignals};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

struct OpenFeed {
    name: String,
    /// The user the session belongs to: the only one who may follow it.
    owner: String,
    /// The value the browsers have been sent.
    feed: Feed,
    /// Connections following it now.
    watchers: usize,
    /// Since when nobody follows it.
    idle_since: Instant,
}

#[derive(Default)]
struct Open {
    /// By session id.
    feeds: HashMap<String, OpenFeed>,
    /// Signal name → session id.
    by_name: HashMap<String, String>,
}

/// The open sessions' feed signals.
#[derive(Clone)]
pub struct FeedHub {
    signals: WsSignals,
    open: Arc<Mutex<Open>>,
    /// Every committed event, for in-process listeners (questions waiting for data).
    all: tokio::sync::broadcast::Sender<Arc<(String, SessionEvent)>>,
}

/// A subscription to one feed: its current value and its updates, counted as a watcher
/// until dropped.
pub struct Following {
    pub name: String,
    pub value: Value,
    pub updates: tokio::sync::broadcast::Receiver<(Option<String>, Messages)>,
    pub watch: Watch,
}

/// Counts as a watcher of a feed while it lives.
pub struct Watch {
    hub: FeedHub,
    sid: String,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut open = self.hub.lock();
        if let Some(f) = open.feeds.get_mut(&self.sid) {
            f.watchers = f.watchers.saturating_sub(1);
            if f.watchers == 0 {
                f.idle_since = Instant::now();
            }
        }
    }
}

impl FeedHub {
    pub fn new(signals: WsSignals) -> Self {
        Self {
            signals,
            open: Arc::default(),
            all: tokio::sync::broadcast::channel(1024).0,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Make sure the session's signal exists; returns its name. Call this *before* reading
    /// the session's snapshot, so no event can fall between the snapshot and the feed.
    pub fn ensure(&self, sid: &str, token: &str, owner: &str) -> String {
        let name = feed_signal_name(token);
        let mut open = self.lock();
        if let Some(f) = open.feeds.get_mut(sid) {
            if f.watchers == 0 {
                f.idle_since = Instant::now();
            }
            return name;
        }
        let mut signals = self.signals.clone();
        match ReadOnlySignal::new_with_context(&mut signals, &name, Feed::default()) {
            Ok(_) => {
                open.by_name.insert(name.clone(), sid.to_string());
                open.feeds.insert(
                    sid.to_string(),
                    OpenFeed {
                        name: name.clone(),
                        owner: owner.to_string(),
                        feed: Feed::default(),
                        watchers: 0,
                        idle_since: Instant::now(),
                    },
                );
            }
            Err(e) => tracing::error!(sid, error = ?e, "could not create feed signal"),
        }
        name
    }

    /// The owner of the open feed named `name` (None: no such feed is open here).
    pub fn owner_of(&self, name: &str) -> Option<String> {
        let open = self.lock();
        let sid = open.by_name.get(name)?;
        open.feeds.get(sid).map(|f| f.owner.clone())
    }

    /// Follow the open feed `name`: its value now and its updates.
    pub fn follow(&self, name: &str) -> Option<Following> {
        // The value the browsers have been sent (read under the hub's lock: leptos_ws's own
        // copy may be locked by an update in flight).
        let (sid, value) = {
            let mut open = self.lock();
            let sid = open.by_name.get(name)?.clone();
            let feed = open.feeds.get_mut(&sid)?;
            feed.watchers += 1;
            (sid, serde_json::to_value(&feed.feed))
        };
        let watch = Watch {
            hub: self.clone(),
            sid,
        };
        let value = value.ok()?;
        let updates = self.signals.add_observer(name)?;
        Some(Following {
            name: name.to_string(),
            value,
            updates,
            watch,
        })
    }

    /// Free the feeds nobody has followed for `idle` (their signals too, under the lock, so
    /// no `ensure` can make one in between); returns the sessions freed.
    pub fn free_idle(&self, idle: Duration) -> Vec<String> {
        let mut open = self.lock();
        let stale: Vec<String> = open
            .feeds
            .iter()
            .filter(|(_, f)| f.watchers == 0 && f.idle_since.elapsed() >= idle)
            .map(|(sid, _)| sid.clone())
            .collect();
        let mut signals = self.signals.clone();
        for sid in &stale {
            if let Some(f) = open.feeds.remove(sid) {
                open.by_name.remove(&f.name);
                if let Err(e) = signals.delete_signal(&f.name) {
                    tracing::warn!(error = ?e, "could not free a feed signal");
                }
            }
        }
        stale
    }

    /// Every event committed from now on, in commit order per session.
    pub fn subscribe_all(&self) -> tokio::sync::broadcast::Receiver<Arc<(String, SessionEvent)>> {
        self.all.subscribe()
    }

    /// Add `event` to the session's feed if a browser follows it, and send the change.
    pub async fn publish(&self, sid: &str, event: &SessionEvent) {
        let _ = self.all.send(Arc::new((sid.to_string(), event.clone())));
        let change = {
            let mut open = self.lock();
            let Some(entry) = open.feeds.get_mut(sid) else {
                return;
            };
            let mut events = entry.feed.events();
            events.push(event.clone());
            let next = Feed::of(&events);
            if next == entry.feed {
                return;
            }
            let previous = std::mem::replace(&mut entry.feed, next.clone());
            (entry.name.clone(), previous, next)
        };
        let (name, previous, next) = change;
        let (Ok(old), Ok(new)) = (serde_json::to_value(&previous), serde_json::to_value(&next))
        else {
            return;
        };
        let update = SignalUpdate::new_from_json(name.clone(), &old, &new);
        if let Some(Err(e)) = self.signals.update(&name, update, None).await {
            tracing::warn!(sid, error = ?e, "feed update failed");
        }
    }

    /// The open sessions and the newest seq each has been sent.
    pub fn open_sessions(&self) -> Vec<(String, u64)> {
        let open = self.lock();
        open.feeds
            .iter()
            .map(|(sid, f)| (sid.clone(), f.feed.seq))
            .collect()
    }
}
