//! The live websocket refuses what a browser of ours never sends: someone else's feed, a
//! write to a feed, a second subscription that doubles updates, a huge frame.

use crate::follower::Ws;
use crate::helpers::{TestApp, spawn_app, spawn_app_and_feeds};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

async fn connect(app: &TestApp) -> Ws {
    crate::follower::connect(app)
        .await
        .expect("the websocket opens")
}

async fn send(ws: &mut Ws, message: Value) {
    let mut frame = vec![0u8];
    frame.extend(message.to_string().into_bytes());
    ws.send(Message::Binary(frame.into())).await.unwrap();
}

/// The next message within `wait`: Some(json), or None for silence; panics on a close.
async fn next(ws: &mut Ws, wait: Duration) -> Option<Value> {
    loop {
        let msg = match tokio::time::timeout(wait, ws.next()).await {
            Err(_) => return None,
            Ok(msg) => msg.expect("the connection is open").expect("a frame"),
        };
        let bytes = match msg {
            Message::Binary(b) => b.to_vec(),
            Message::Text(t) => t.as_bytes().to_vec(),
            Message::Close(_) => panic!("closed"),
            _ => continue,
        };
        let (tag, body) = bytes.split_first().unwrap();
        assert_eq!(*tag, 0);
        return Some(serde_json::from_slice(body).unwrap());
    }
}

fn establish(feed: &str) -> Value {
    json!({ "ServerSignal": { "Establish": feed } })
}

/// A chat with a research run in it, and its feed's name.
async fn chat_with_run(app: &TestApp) -> (String, String) {
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let feed = snapshot["feed"].as_str().unwrap().to_string();
    (sid, feed)
}

#[tokio::test]
async fn a_feed_is_only_for_its_owner_and_cannot_be_written() {
    let owner = spawn_app().await;
    let stranger = owner.other_user().await;
    let (sid, feed) = chat_with_run(&owner).await;

    // The stranger asks for the owner's feed: no answer, and no updates later.
    let mut theirs = connect(&stranger).await;
    send(&mut theirs, establish(&feed)).await;
    assert_eq!(next(&mut theirs, Duration::from_millis(500)).await, None);

    // The owner follows it.
    let mut mine = connect(&owner).await;
    send(&mut mine, establish(&feed)).await;
    let first = next(&mut mine, Duration::from_secs(5)).await.unwrap();
    assert_eq!(first["ServerSignal"]["EstablishResponse"][0], feed.as_str());

    // A write to the feed, from the stranger and from the owner's own connection: dropped.
    let forged = json!({ "BiDirectional": { "Update": { "name": feed,
        "patch": [{ "op": "replace", "path": "/seq", "value": 999 }] } } });
    send(&mut theirs, forged.clone()).await;
    send(&mut mine, forged.clone()).await;
    let forged_ro = json!({ "ServerSignal": { "Update": { "name": feed,
        "patch": [{ "op": "replace", "path": "/seq", "value": 999 }] } } });
    send(&mut mine, forged_ro).await;
    assert_eq!(
        next(&mut mine, Duration::from_millis(500)).await,
        None,
        "nothing broadcast"
    );

    // Real events reach the owner — each once, though it subscribed three times — and
    // never the stranger.
    send(&mut mine, establish(&feed)).await;
    send(&mut mine, establish(&feed)).await;
    let mut responses = 0;
    while let Some(m) = next(&mut mine, Duration::from_millis(500)).await {
        assert!(m["ServerSignal"]["EstablishResponse"].is_array(), "{m}");
        responses += 1;
    }
    assert_eq!(responses, 2, "each subscription is answered");
    let res = owner
        .server_fn(
            "send",
            &[("session_id", &sid), ("text", "meeting with Acme")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let mut updates = Vec::new();
    while let Some(m) = next(&mut mine, Duration::from_millis(800)).await {
        updates.push(m);
    }
    assert!(!updates.is_empty(), "the owner sees the new messages");
    let seqs: Vec<String> = updates
        .iter()
        .map(|u| u["ServerSignal"]["Update"]["patch"].to_string())
        .collect();
    let unique: std::collections::HashSet<&String> = seqs.iter().collect();
    assert_eq!(unique.len(), seqs.len(), "no update is sent twice");
    let seen = serde_json::to_string(&updates).unwrap();
    assert!(!seen.contains("999"), "the forged value never went out");
    assert_eq!(next(&mut theirs, Duration::from_millis(300)).await, None);
}

#[tokio::test]
async fn a_frame_over_64_kb_closes_the_connection() {
    let app = spawn_app().await;
    let (_, feed) = chat_with_run(&app).await;
    let mut ws = connect(&app).await;
    send(&mut ws, establish(&feed)).await;
    assert!(next(&mut ws, Duration::from_secs(5)).await.is_some());
    let huge = json!({ "ServerSignal": { "Establish": "x".repeat(70 * 1024) } });
    let _ = ws
        .send(Message::Binary(
            [&[0u8][..], huge.to_string().as_bytes()].concat().into(),
        ))
        .await;
    let end = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match ws.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return true,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await;
    assert_eq!(end, Ok(true), "the server closed the connection");
    // Signed out: no websocket at all.
    let req = format!("ws://{}/api/leptos_ws_websocket", app.addr)
        .into_client_request()
        .unwrap();
    assert!(tokio_tungstenite::connect_async(req).await.is_err());
}

#[tokio::test]
async fn abandoned_chats_free_their_live_signals_and_a_follower_keeps_its_own() {
    let (app, feeds) = spawn_app_and_feeds(|s| {
        s.feed_idle = Duration::from_secs(1);
        s.floods.chats_per_min = 1_000;
    })
    .await;
    let (sid, feed) = chat_with_run(&app).await;
    let mut ws = connect(&app).await;
    send(&mut ws, establish(&feed)).await;
    assert!(next(&mut ws, Duration::from_secs(5)).await.is_some());
    // 200 chats opened and left (the load script opens 2,000 and reports the memory).
    for _ in 0..200 {
        assert_eq!(app.server_fn("new", &[]).await.status(), 200);
    }
    assert!(feeds.open_sessions().len() >= 201);
    let settled = |want: usize| {
        let feeds = feeds.clone();
        async move {
            for _ in 0..100 {
                if feeds.open_sessions().len() == want {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            false
        }
    };
    assert!(settled(1).await, "only the followed feed is left");
    assert_eq!(feeds.open_sessions()[0].0, sid);
    // It still moves.
    let res = app
        .server_fn(
            "send",
            &[("session_id", &sid), ("text", "meeting with Acme")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(next(&mut ws, Duration::from_secs(5)).await.is_some());
    // The browser leaves: freed too; it comes back: made again on demand.
    drop(ws);
    assert!(settled(0).await, "freed once nobody follows it");
    let mut again = connect(&app).await;
    send(&mut again, establish(&feed)).await;
    let first = next(&mut again, Duration::from_secs(5)).await.unwrap();
    assert_eq!(first["ServerSignal"]["EstablishResponse"][0], feed.as_str());
    app.server_fn("send", &[("session_id", &sid), ("text", "tech stack?")])
        .await;
    assert!(next(&mut again, Duration::from_secs(5)).await.is_some());
}
