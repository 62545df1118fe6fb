//! Per-session live signals (leptos_ws), created when the session's owner opens the chat
//! and moved forward by [`crate::live`] as events commit.

use app::domain::{Feed, SessionEvent};
use app::realtime::{empty_feed, feed_signal_name};
use leptos::prelude::Update;
use leptos_ws::{ReadOnlySignal, WsSignals};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The open sessions' feed signals.
#[derive(Clone)]
pub struct FeedHub {
    signals: WsSignals,
    open: Arc<Mutex<HashMap<String, ReadOnlySignal<Feed>>>>,
}

impl FeedHub {
    pub fn new(signals: WsSignals) -> Self {
        Self {
            signals,
            open: Arc::default(),
        }
    }

    /// Make sure the session's signal exists; returns its name. Call this *before* reading
    /// the session's snapshot, so no event can fall between the snapshot and the feed.
    pub fn ensure(&self, sid: &str, token: &str) -> String {
        let name = feed_signal_name(token);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if !open.contains_key(sid) {
            let mut signals = self.signals.clone();
            match ReadOnlySignal::new_with_context(&mut signals, &name, empty_feed()) {
                Ok(signal) => {
                    open.insert(sid.to_string(), signal);
                }
                Err(e) => tracing::error!(sid, error = ?e, "could not create feed signal"),
            }
        }
        name
    }

    /// Add `event` to the session's feed if a browser follows it.
    pub fn publish(&self, sid: &str, event: &SessionEvent) {
        let signal = {
            let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            open.get(sid).cloned()
        };
        if let Some(signal) = signal {
            signal.update(|feed| {
                let mut events = feed.events();
                events.push(event.clone());
                *feed = Feed::of(&events);
            });
        }
    }

    /// How many sessions have a live signal.
    pub fn open_count(&self) -> usize {
        self.open.lock().map(|m| m.len()).unwrap_or(0)
    }
}
