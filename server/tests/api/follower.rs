//! A browser-like follower of one session's live feed over the real leptos_ws websocket:
//! fold the feed's event when it is the next one, fetch from the database on a gap, and
//! reconnect + catch up when the connection is lost.

use crate::helpers::TestApp;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The live websocket, opened with `app`'s session cookie.
pub async fn connect(app: &TestApp) -> Option<Ws> {
    let mut req = format!("ws://{}/api/leptos_ws_websocket", app.addr)
        .into_client_request()
        .ok()?;
    req.headers_mut().insert(
        "cookie",
        format!("dossier_session={}", app.session).parse().ok()?,
    );
    Some(tokio_tungstenite::connect_async(req).await.ok()?.0)
}

/// A browser-like follower of one session's feed.
pub struct Follower {
    ws: Ws,
    feed_value: Value,
    feed: String,
    sid: String,
    pub events: Vec<Value>,
    pub via_feed: usize,
    pub via_fetch: usize,
    pub lags_ms: Vec<i64>,
    /// How many times the connection was re-established.
    pub reconnects: usize,
}

impl Follower {
    pub async fn connect(app: &TestApp, sid: &str, feed: &str, already: Vec<Value>) -> Self {
        let (ws, feed_value) = Self::open(app, feed).await.expect("websocket connects");
        Follower {
            ws,
            feed_value,
            feed: feed.to_string(),
            sid: sid.to_string(),
            events: already,
            via_feed: 0,
            via_fetch: 0,
            lags_ms: Vec::new(),
            reconnects: 0,
        }
    }

    /// Connect and subscribe to `feed`; the feed's current value.
    async fn open(app: &TestApp, feed: &str) -> Option<(Ws, Value)> {
        let mut ws = connect(app).await?;
        // Server-fn websocket frames: a tag byte (0 = Ok, 1 = Err), then the JSON message.
        let mut frame = vec![0u8];
        frame.extend(
            json!({ "ServerSignal": { "Establish": feed } })
                .to_string()
                .into_bytes(),
        );
        ws.send(Message::Binary(frame.into())).await.ok()?;
        // The first message is the feed's current value.
        let first = Self::read(&mut ws).await?;
        let response = &first["ServerSignal"]["EstablishResponse"];
        assert_eq!(response[0], feed, "{first}");
        Some((ws, response[1].clone()))
    }

    async fn next_message(&mut self) -> Option<Value> {
        Self::read(&mut self.ws).await
    }

    async fn read(ws: &mut Ws) -> Option<Value> {
        loop {
            let msg = tokio::time::timeout(Duration::from_secs(10), ws.next())
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

    pub fn seq(&self) -> u64 {
        self.events.last().map_or(0, |e| e["seq"].as_u64().unwrap())
    }

    /// Read updates until `done` says the folded events are complete.
    pub async fn follow(&mut self, app: &TestApp, done: impl Fn(&[Value]) -> bool) {
        while !done(&self.events) {
            let msg = self
                .next_message()
                .await
                .expect("an update before the run finished");
            let missed = self.apply(&msg);
            if missed {
                let more = app.events_since(&self.sid, self.seq()).await;
                self.via_fetch += more.len();
                self.events.extend(more);
            }
        }
    }

    /// Like [`Follower::follow`], but a lost connection (a server crash) is re-established
    /// as the browser does: reconnect, re-subscribe, fetch what was missed. Gives up after
    /// `patience` without progress.
    pub async fn follow_through_crashes(
        &mut self,
        app: &TestApp,
        done: impl Fn(&[Value]) -> bool,
        patience: Duration,
    ) {
        let mut last_progress = std::time::Instant::now();
        let mut last_len = self.events.len();
        while !done(&self.events) {
            assert!(
                last_progress.elapsed() < patience,
                "no progress for {patience:?}; {} events so far",
                self.events.len()
            );
            let missed = match self.next_message().await {
                Some(msg) => self.apply(&msg),
                None => {
                    self.reestablish(app).await;
                    true
                }
            };
            if missed {
                match app.try_events_since(&self.sid, self.seq()).await {
                    Some(more) => {
                        self.via_fetch += more.len();
                        self.events.extend(more);
                    }
                    None => self.reestablish(app).await,
                }
            }
            if self.events.len() != last_len {
                last_len = self.events.len();
                last_progress = std::time::Instant::now();
            }
        }
    }

    async fn reestablish(&mut self, app: &TestApp) {
        for _ in 0..300 {
            // A catch-up fetch first: it also makes a restarted server create the feed.
            let Some(more) = app.try_events_since(&self.sid, self.seq()).await else {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            };
            self.via_fetch += more.len();
            self.events.extend(more);
            if let Some((ws, value)) = Self::open(app, &self.feed).await {
                self.ws = ws;
                self.feed_value = value;
                self.reconnects += 1;
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not come back within 30 s");
    }

    /// Fold one websocket message; true when events were missed and must be fetched.
    fn apply(&mut self, msg: &Value) -> bool {
        {
            let Some(update) = msg["ServerSignal"].get("Update") else {
                return false;
            };
            let patch: json_patch::Patch = serde_json::from_value(update["patch"].clone()).unwrap();
            json_patch::patch(&mut self.feed_value, &patch).expect("patch applies");
            let seq = self.feed_value["seq"].as_u64().unwrap();
            if seq <= self.seq() {
                return false; // nothing new for us (we may be ahead: a call's answer came first)
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
                false
            } else {
                true
            }
        }
    }
}
