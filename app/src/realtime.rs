//! The live link between a session's events in the database and the open chat page.
//!
//! Contract: the server keeps one leptos_ws read-only signal per open session, named by an
//! unguessable token that only the session's owner receives. Its value is a `Feed`: the
//! newest seq and the last few events. The browser folds them in when they continue its view
//! and otherwise fetches what it missed from the database, so a lost, late or doubled update
//! never leaves the page wrong.

#[cfg(feature = "hydrate")]
use crate::domain::Feed;

/// Whether the websocket is connected, for every page: provided by the app in the browser
/// (see [`watch_link`]); absent while rendering on the server, where nothing is connected.
#[derive(Clone, Copy)]
pub struct Link {
    pub connected: leptos::prelude::RwSignal<bool>,
}

/// Provide the [`Link`] and keep it current from the websocket's own callbacks.
#[cfg(feature = "hydrate")]
pub fn watch_link() {
    use leptos::prelude::*;
    let link = Link {
        connected: RwSignal::new(false),
    };
    provide_context(link);
    if let Some(ws) = use_context::<leptos_ws::ServerSignalWebSocket>() {
        ws.set_on_connect(move || link.connected.set(true));
        ws.set_on_reconnect(move || link.connected.set(true));
        ws.set_on_disconnect(move || link.connected.set(false));
    }
}

/// The leptos_ws signal name for a session's feed token.
pub fn feed_signal_name(token: &str) -> String {
    format!("feed-{token}")
}

/// Follow the session's feed in the browser (no-op during server rendering).
#[cfg(feature = "hydrate")]
pub fn follow(chat: crate::state::chat::ChatContext, feed_name: String) {
    use leptos::prelude::*;
    use leptos_ws::ServerSignalWebSocket;

    let (Some(ws), Ok(feed)) = (
        use_context::<ServerSignalWebSocket>(),
        leptos_ws::ReadOnlySignal::<Feed>::new(&feed_name, Feed::default()),
    ) else {
        leptos::logging::error!("live updates unavailable: no websocket context");
        return;
    };
    // Mirror the websocket signal into the chat state, which folds it in.
    Effect::new(move |_| chat.feed.set(feed.get()));
    chat.follow_feed();
    // "Live" once the socket is connected (it may already be, after moving between pages);
    // after a drop, the catch-up below says when it is live again.
    let link = use_context::<Link>();
    Effect::new(move |_| {
        if link.is_some_and(|l| l.connected.get()) && !chat.ever_online.get_untracked() {
            chat.ever_online.set(true);
            chat.online.set(true);
        }
    });

    // Safety net: a subscription the server silently dropped (it ignores one for a signal it
    // does not have, e.g. right after a restart) would leave the page stale. Every 15 s, ask
    // the database whether anything is newer; if so, catch up and subscribe again.
    {
        let (ws, name) = (ws.clone(), feed_name.clone());
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::sleep(std::time::Duration::from_secs(15)).await;
                if !chat.online.get_untracked() || chat.is_syncing() {
                    continue;
                }
                let after = chat.view.with_untracked(|v| v.seq);
                if let Ok(events) = crate::api::chat::chat_events(chat.session_id(), after).await
                    && !events.is_empty()
                {
                    chat.absorb(&events);
                    resubscribe(&ws, &name);
                }
            }
        });
    }

    // After a lost connection (a server restart drops every signal), fetch what was missed —
    // which also re-creates the server's signal — and subscribe again.
    let ws_for_retry = ws.clone();
    ws.set_on_disconnect(move || {
        if let Some(link) = link {
            link.connected.set(false);
        }
        if !chat.online.get_untracked() {
            return;
        }
        chat.online.set(false);
        let (ws, name) = (ws_for_retry.clone(), feed_name.clone());
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::sleep(std::time::Duration::from_millis(700)).await;
                let after = chat.view.with_untracked(|v| v.seq);
                if let Ok(events) = crate::api::chat::chat_events(chat.session_id(), after).await {
                    chat.absorb(&events);
                    resubscribe(&ws, &name);
                    chat.online.set(true);
                    break;
                }
            }
        });
    });
}

/// Unsubscribe, then subscribe again: one fresh subscription whether or not the server still
/// had the old one. (If leptos_ws's own re-subscribe on reconnect lands after ours, updates
/// arrive twice; the fold ignores the duplicates.)
#[cfg(feature = "hydrate")]
fn resubscribe(ws: &leptos_ws::ServerSignalWebSocket, name: &str) {
    use leptos_ws::messages::{Messages, ServerSignalMessage};
    let _ = ws.send(&Messages::ServerSignal(ServerSignalMessage::Delete(
        name.to_string(),
    )));
    let _ = ws.send(&Messages::ServerSignal(ServerSignalMessage::Establish(
        name.to_string(),
    )));
}
