//! The live websocket (`GET /api/leptos_ws_websocket`, the path leptos_ws's browser side
//! opens), served here instead of by leptos_ws's own server function — which applies any
//! client's update to any signal by name (and broadcasts it), subscribes a signal a second
//! time without ending the first (every update then sent twice), and reads frames up to
//! 64 MiB. Here:
//! - a client follows only the feeds of its own user's chats (any other name is ignored);
//! - a client cannot write: every message but a server signal's `Establish` / `Delete` is
//!   dropped;
//! - `Establish` of a feed it already follows replaces that subscription (one update, once);
//! - a frame over [`MAX_FRAME_BYTES`] closes the connection.
//!
//! The wire format is leptos_ws's (server-function websocket frames: a tag byte — 0 for Ok,
//! 1 for an error — then the JSON message), so the browser side is leptos_ws's, unchanged.

use super::AppState;
use super::identity::SignedIn;
use crate::auth::AuthError;
use crate::live::Following;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos_ws::messages::{Messages, ServerSignalMessage};
use std::collections::HashMap;
use tokio::task::JoinHandle;

/// Where leptos_ws's browser side opens the websocket.
pub const PATH: &str = "/api/leptos_ws_websocket";

/// The largest frame (and message) a client may send: a subscription is a few dozen bytes.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Middleware: serve the live websocket; every other request goes on.
pub async fn intercept(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path() != PATH {
        return next.run(req).await;
    }
    let Some(SignedIn(user)) = req.extensions().get::<SignedIn>().cloned() else {
        return AuthError::NotSignedIn.into_response();
    };
    // A page of another site may open a websocket with the rep's cookie: refuse it.
    let public_host = state.public_url.as_deref().and_then(super::guard::host_of);
    if super::guard::cross_site(req.headers(), public_host) {
        return super::api_error::error_response(
            axum::http::StatusCode::FORBIDDEN,
            "Cross-site requests are refused.",
        );
    }
    let (mut parts, _) = req.into_parts();
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
        Ok(u) => u,
        Err(rejection) => return rejection.into_response(),
    };
    upgrade
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| serve(socket, state, user.uid))
}

/// A client's message, if it is one we act on.
enum Asked {
    Follow(String),
    Unfollow(String),
}

/// Read a client frame: tag 0, then a JSON message; only a server signal's `Establish` or
/// `Delete` counts (updates, bidirectional signals and channels are not for clients).
fn read(frame: &[u8]) -> Option<Asked> {
    let (0, json) = frame.split_first()? else {
        return None;
    };
    match serde_json::from_slice::<Messages>(json).ok()? {
        Messages::ServerSignal(ServerSignalMessage::Establish(name)) => Some(Asked::Follow(name)),
        Messages::ServerSignal(ServerSignalMessage::Delete(name)) => Some(Asked::Unfollow(name)),
        _ => None,
    }
}

/// A frame for the client: tag 0, then the JSON message.
fn frame(message: &Messages) -> Option<Bytes> {
    let mut out = vec![0u8];
    serde_json::to_writer(&mut out, message).ok()?;
    Some(out.into())
}

/// One connection: its subscriptions, each forwarding its feed's updates to the client.
async fn serve(mut socket: WebSocket, state: AppState, uid: String) {
    let (tx, mut outgoing) = tokio::sync::mpsc::channel::<Messages>(256);
    let mut following: HashMap<String, JoinHandle<()>> = HashMap::new();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let bytes = match incoming {
                    Some(Ok(Message::Binary(b))) => b,
                    Some(Ok(Message::Text(t))) => Bytes::from(t.as_str().to_owned()),
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    // Closed, broken, or a frame over the limit.
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                };
                match read(&bytes) {
                    Some(Asked::Follow(name)) => {
                        if let Some(old) = following.remove(&name) {
                            old.abort();
                        }
                        match state.chat.follow_feed(&uid, &name).await {
                            Some(f) => {
                                // Answered here, on the socket itself (not through the queue
                                // the forwarders fill, which only this loop empties).
                                let value = f.value.clone();
                                let answer = Messages::ServerSignal(
                                    ServerSignalMessage::EstablishResponse((name.clone(), value)),
                                );
                                let Some(bytes) = frame(&answer) else { continue };
                                if socket.send(Message::Binary(bytes)).await.is_err() {
                                    break;
                                }
                                following.insert(name, forward(f, tx.clone()));
                            }
                            None => tracing::info!(uid, "refused a subscription: not the user's feed, or gone"),
                        }
                    }
                    Some(Asked::Unfollow(name)) => {
                        if let Some(task) = following.remove(&name) {
                            task.abort();
                        }
                    }
                    None => tracing::debug!(uid, "ignored a client message"),
                }
            }
            out = outgoing.recv() => {
                let Some(message) = out else { break };
                let Some(bytes) = frame(&message) else { continue };
                if socket.send(Message::Binary(bytes)).await.is_err() {
                    break;
                }
            }
        }
    }
    for (_, task) in following {
        task.abort();
    }
}

/// Send the feed's every update until the subscription ends.
fn forward(f: Following, tx: tokio::sync::mpsc::Sender<Messages>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let Following {
            mut updates,
            watch: _watch,
            ..
        } = f;
        loop {
            match updates.recv().await {
                Ok((_, message)) => {
                    if tx.send(message).await.is_err() {
                        return;
                    }
                }
                // A slow client missed some: the browser notices the gap and fetches.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_subscriptions_are_read_from_a_client() {
        let framed = |json: &str| [&[0u8][..], json.as_bytes()].concat();
        assert!(matches!(
            read(&framed(r#"{"ServerSignal":{"Establish":"feed-x"}}"#)),
            Some(Asked::Follow(n)) if n == "feed-x"
        ));
        assert!(matches!(
            read(&framed(r#"{"ServerSignal":{"Delete":"feed-x"}}"#)),
            Some(Asked::Unfollow(_))
        ));
        for ignored in [
            framed(r#"{"BiDirectional":{"Update":{"name":"feed-x","patch":[]}}}"#),
            framed(r#"{"ServerSignal":{"Update":{"name":"feed-x","patch":[]}}}"#),
            framed(r#"{"Channel":{"Establish":"c"}}"#),
            framed("{not json"),
            framed(""),
            [&[1u8][..], br#"{"ServerSignal":{"Establish":"feed-x"}}"#].concat(),
            vec![],
        ] {
            assert!(read(&ignored).is_none());
        }
    }
}
