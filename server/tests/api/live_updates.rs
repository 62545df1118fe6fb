//! Live progress over the real leptos_ws websocket, followed the way the browser does:
//! fold the feed's event when it is the next one, fetch from the database on a gap.

use crate::helpers::{TestApp, spawn_app};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A browser-like follower of one session's feed.
struct Follower {
    ws: Ws,
    feed_value: Value,
    sid: String,
    events: Vec<Value>,
    via_feed: usize,
    via_fetch: usize,
    lags_ms: Vec<i64>,
}

impl Follower {
    async fn connect(app: &TestApp, sid: &str, feed: &str, already: Vec<Value>) -> Self {
        let mut req = format!("ws://{}/api/leptos_ws_websocket", app.addr)
            .into_client_request()
            .unwrap();
        req.headers_mut().insert(
            "cookie",
            format!("dossier_visitor={}", app.visitor).parse().unwrap(),
        );
        let (mut ws, _) = tokio_tungstenite::connect_async(req)
            .await
            .expect("websocket connects");
        // Server-fn websocket frames: a tag byte (0 = Ok, 1 = Err), then the JSON message.
        let mut frame = vec![0u8];
        frame.extend(
            json!({ "ServerSignal": { "Establish": feed } })
                .to_string()
                .into_bytes(),
        );
        ws.send(Message::Binary(frame.into())).await.unwrap();
        let mut f = Follower {
            ws,
            feed_value: Value::Null,
            sid: sid.to_string(),
            events: already,
            via_feed: 0,
            via_fetch: 0,
            lags_ms: Vec::new(),
        };
        // The first message is the feed's current value.
        let first = f.next_message().await.expect("establish response");
        let response = &first["ServerSignal"]["EstablishResponse"];
        assert_eq!(response[0], feed, "{first}");
        f.feed_value = response[1].clone();
        f
    }

    async fn next_message(&mut self) -> Option<Value> {
        loop {
            let msg = tokio::time::timeout(Duration::from_secs(10), self.ws.next())
                .await
                .ok()??
                .ok()?;
            let bytes = match msg {
                Message::Binary(b) => b.to_vec(),
                Message::Text(t) => t.as_bytes().to_vec(),
                Message::Close(_) => return None,
                _ => continue,
            };
            let (tag, body) = bytes.split_first()?;
            assert_eq!(*tag, 0, "an error frame: {}", String::from_utf8_lossy(body));
            return Some(serde_json::from_slice(body).expect("a JSON message"));
        }
    }

    fn seq(&self) -> u64 {
        self.events.last().map_or(0, |e| e["seq"].as_u64().unwrap())
    }

    /// Read updates until `done` says the folded events are complete.
    async fn follow(&mut self, app: &TestApp, done: impl Fn(&[Value]) -> bool) {
        while !done(&self.events) {
            let msg = self
                .next_message()
                .await
                .expect("an update before the run finished");
            let Some(update) = msg["ServerSignal"].get("Update") else {
                continue;
            };
            let patch: json_patch::Patch = serde_json::from_value(update["patch"].clone()).unwrap();
            json_patch::patch(&mut self.feed_value, &patch).expect("patch applies");
            let seq = self.feed_value["seq"].as_u64().unwrap();
            if seq <= self.seq() {
                continue; // nothing new for us (we may be ahead: a call's answer came first)
            }
            let recent: Vec<Value> =
                serde_json::from_str(self.feed_value["recent"].as_str().unwrap()).unwrap();
            let needed: Vec<Value> = recent
                .into_iter()
                .filter(|e| e["seq"].as_u64().unwrap() > self.seq())
                .collect();
            let contiguous = needed.len() as u64 == seq - self.seq()
                && needed
                    .iter()
                    .zip(self.seq() + 1..)
                    .all(|(e, s)| e["seq"] == s);
            if contiguous {
                for e in needed {
                    self.lags_ms
                        .push(server::now_ms() - e["at_ms"].as_i64().unwrap());
                    self.events.push(e);
                    self.via_feed += 1;
                }
            } else {
                let missed = app.events_since(&self.sid, self.seq()).await;
                self.via_fetch += missed.len();
                self.events.extend(missed);
            }
        }
    }
}

fn run_finished(events: &[Value]) -> bool {
    events.iter().any(|e| e["change"]["type"] == "run_finished")
}

/// Each step's statuses, in the order their events were folded.
fn transitions(events: &[Value]) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for e in events {
        if e["change"]["type"] == "step_changed" {
            out.entry(e["change"]["step"].as_str().unwrap().into())
                .or_default()
                .push(e["change"]["status"].as_str().unwrap().into());
        }
    }
    out
}

fn assert_gapless(events: &[Value]) {
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    let expected: Vec<u64> = (1..=seqs.len() as u64).collect();
    assert_eq!(seqs, expected, "events arrive once each, in order");
}

async fn choose(app: &TestApp, sid: &str, account: &str) -> Vec<Value> {
    let res = app
        .server_fn("choose", &[("session_id", sid), ("account_id", account)])
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[tokio::test]
async fn every_step_transition_arrives_in_order_over_the_websocket() {
    let app = spawn_app().await;
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let feed = snapshot["feed"].as_str().unwrap();
    let mut follower = Follower::connect(&app, &sid, feed, vec![]).await;

    let started = choose(&app, &sid, "acme-corp").await;
    follower.events.extend(started);
    follower.follow(&app, run_finished).await;

    assert_gapless(&follower.events);
    assert_eq!(
        follower.events,
        app.events_since(&sid, 0).await,
        "the client converged to the database"
    );
    let t = transitions(&follower.events);
    for step in ["news", "hiring", "profile", "contacts", "analysis"] {
        assert_eq!(t[step], ["running", "done"], "step {step}");
    }
    let texts: Vec<&str> = follower
        .events
        .iter()
        .filter_map(|e| e["change"]["message"]["text"].as_str())
        .collect();
    for partial in [
        "📰 News & funding",
        "💼 Hiring at",
        "🏢 Acme Corp profile",
        "👥 Decision makers",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(partial)),
            "partial result {partial:?} missing"
        );
    }
    assert!(
        texts
            .last()
            .unwrap()
            .starts_with("🧠 Acme Corp — research summary")
    );
    assert!(follower.via_feed > 0, "updates came over the websocket");
    let mut lags = follower.lags_ms.clone();
    lags.sort_unstable();
    eprintln!(
        "live: {} events via feed, {} via fetch; commit→client lag p50 {} ms, max {} ms",
        follower.via_feed,
        follower.via_fetch,
        lags[lags.len() / 2],
        lags[lags.len() - 1]
    );
}

#[tokio::test]
async fn a_failing_step_shows_as_failed_while_the_others_finish() {
    let app = spawn_app().await;
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let mut follower =
        Follower::connect(&app, &sid, snapshot["feed"].as_str().unwrap(), vec![]).await;
    follower.events.extend(choose(&app, &sid, "initech").await);
    follower.follow(&app, run_finished).await;
    assert_gapless(&follower.events);
    let t = transitions(&follower.events);
    assert_eq!(t["news"], ["running", "failed"]);
    for step in ["hiring", "profile", "contacts", "analysis"] {
        assert_eq!(t[step], ["running", "done"], "step {step}");
    }
    let finished = follower
        .events
        .iter()
        .find(|e| e["change"]["type"] == "run_finished")
        .unwrap();
    assert_eq!(finished["change"]["status"], "partial");
}

#[tokio::test]
async fn a_client_that_reconnects_midway_converges_with_nothing_lost() {
    let app = spawn_app_slow().await;
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let feed = snapshot["feed"].as_str().unwrap().to_string();
    let mut first = Follower::connect(&app, &sid, &feed, vec![]).await;
    first.events.extend(choose(&app, &sid, "globex").await);
    // Drop the connection after a couple of updates, as a reload or network blip would.
    first.follow(&app, |e| e.len() >= 7).await;
    let kept = first.events.clone();
    drop(first);
    tokio::time::sleep(Duration::from_millis(150)).await;

    let mut second = Follower::connect(&app, &sid, &feed, kept).await;
    let missed = app.events_since(&sid, second.seq()).await;
    second.events.extend(missed);
    second.follow(&app, run_finished).await;
    assert_gapless(&second.events);
    assert_eq!(second.events, app.events_since(&sid, 0).await);
}

async fn spawn_app_slow() -> TestApp {
    crate::helpers::spawn_app_with(|s| {
        s.demo_delay = server::config::DelayRange {
            min_ms: 80,
            max_ms: 200,
        }
    })
    .await
}

#[tokio::test]
async fn a_feed_name_is_useless_without_the_session_and_unguessable() {
    let app = spawn_app().await;
    let a = app.load_chat().await;
    let b = app.other_visitor().load_chat().await;
    let (fa, fb) = (a["feed"].as_str().unwrap(), b["feed"].as_str().unwrap());
    assert_ne!(fa, fb);
    // 24 random bytes, hex: not derivable from the session id.
    assert!(fa.len() >= 48 + 5, "{fa}");
    assert!(!fa.contains(a["view"]["session_id"].as_str().unwrap()));
}
