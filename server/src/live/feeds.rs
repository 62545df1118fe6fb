//! Per-session live signals (leptos_ws), created when the session's owner opens the chat
//! and moved forward by [`super::follow`] as events commit.
//!
//! Updates are sent as JSON patches computed here and awaited one after another from the
//! single live task, so every browser sees them in commit order (leptos_ws's own `update()`
//! computes patches in spawned tasks that may finish out of order).

use app::domain::{Feed, SessionEvent};
use app::realtime::feed_signal_name;
use leptos_ws::messages::SignalUpdate;
use leptos_ws::{ReadOnlySignal, WsSignals};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

struct OpenFeed {
    name: String,
    /// The value the browsers have been sent.
    feed: Feed,
}

/// The open sessions' feed signals.
#[derive(Clone)]
pub struct FeedHub {
    signals: WsSignals,
    open: Arc<Mutex<HashMap<String, OpenFeed>>>,
    /// Every committed event, for in-process listeners (questions waiting for data).
    all: tokio::sync::broadcast::Sender<Arc<(String, SessionEvent)>>,
}

impl FeedHub {
    pub fn new(signals: WsSignals) -> Self {
        Self {
            signals,
            open: Arc::default(),
            all: tokio::sync::broadcast::channel(1024).0,
        }
    }

    /// Make sure the session's signal exists; returns its name. Call this *before* reading
    /// the session's snapshot, so no event can fall between the snapshot and the feed.
    pub fn ensure(&self, sid: &str, token: &str) -> String {
        let name = feed_signal_name(token);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if !open.contains_key(sid) {
            let mut signals = self.signals.clone();
            match ReadOnlySignal::new_with_context(&mut signals, &name, Feed::default()) {
                Ok(_) => {
                    open.insert(
                        sid.to_string(),
                        OpenFeed {
                            name: name.clone(),
                            feed: Feed::default(),
                        },
                    );
                }
                Err(e) => tracing::error!(sid, error = ?e, "could not create feed signal"),
            }
        }
        name
    }

    /// Every event committed from now on, in commit order per session.
    pub fn subscribe_all(&self) -> tokio::sync::broadcast::Receiver<Arc<(String, SessionEvent)>> {
        self.all.subscribe()
    }

    /// Add `event` to the session's feed if a browser follows it, and send the change.
    pub async fn publish(&self, sid: &str, event: &SessionEvent) {
        let _ = self.all.send(Arc::new((sid.to_string(), event.clone())));
        let change = {
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            let Some(entry) = open.get_mut(sid) else {
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
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.iter()
            .map(|(sid, f)| (sid.clone(), f.feed.seq))
            .collect()
    }
}
