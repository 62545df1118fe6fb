//! Promises across kill -9: an answer being written into "🔍 Analyzing…" and a
//! "⏳ Still collecting" promise outlive the process that made them. The real server
//! binary is killed and restarted on the same on-disk database; what the rep was promised
//! is posted once, or — when every process that takes it dies — ends saying so.

use crate::crash::{ServerProcess, scratch_dir};
use crate::helpers::TestApp;
use crate::live_updates::choose;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A chat message as the rep sees it once every event is applied.
#[derive(Debug, Clone)]
pub(crate) struct Shown {
    pub id: String,
    /// Its first text (the placeholder, for an answer written later).
    pub first: String,
    pub text: String,
    pub streaming: bool,
    pub sources: usize,
    pub actions: Vec<String>,
    /// How many times it was revised with `streaming: false`.
    pub finals: usize,
}

/// The chat's messages, folded from its events in order.
pub(crate) fn shown(events: &[Value]) -> Vec<Shown> {
    let mut out: Vec<Shown> = Vec::new();
    for e in events {
        let c = &e["change"];
        let labels = |v: &Value| {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| x["label"].as_str().unwrap_or("").to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        match c["type"].as_str().unwrap_or("") {
            "message_added" => {
                let m = &c["message"];
                let text = m["text"].as_str().unwrap_or("").to_string();
                out.push(Shown {
                    id: m["id"].as_str().unwrap_or("").to_string(),
                    first: text.clone(),
                    text,
                    streaming: m["streaming"] == true,
                    sources: m["sources"].as_array().map_or(0, Vec::len),
                    actions: labels(&m["actions"]),
                    finals: 0,
                });
            }
            "message_revised" => {
                let id = c["id"].as_str().unwrap_or("");
                let m = out
                    .iter_mut()
                    .find(|m| m.id == id)
                    .expect("a revision of a posted message");
                m.text = c["text"].as_str().unwrap_or("").to_string();
                m.streaming = c["streaming"] == true;
                m.sources = c["sources"].as_array().map_or(0, Vec::len);
                m.actions = labels(&c["actions"]);
                if !m.streaming {
                    m.finals += 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// Poll the chat `sid` until `done` holds for its messages (the server may be restarting).
pub(crate) async fn until_shown(
    app: &TestApp,
    sid: &str,
    secs: u64,
    what: &str,
    done: impl Fn(&[Shown]) -> bool,
) -> Vec<Shown> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(events) = app.try_events_since(sid, 0).await {
            let messages = shown(&events);
            if done(&messages) {
                return messages;
            }
            assert!(Instant::now() < deadline, "{what}: {messages:#?}");
        }
        assert!(Instant::now() < deadline, "{what}: server unreachable");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The placeholder answer (first text `prefix`) in `messages`.
pub(crate) fn placeholder<'a>(messages: &'a [Shown], prefix: &str) -> Option<&'a Shown> {
    messages.iter().find(|m| m.first.starts_with(prefix))
}

pub(crate) async fn start_server(env: Vec<(&'static str, String)>) -> (ServerProcess, TestApp) {
    let dir = scratch_dir();
    let mut env = env;
    env.push(("DOSSIER_DB", format!("surrealkv://{}/db", dir.display())));
    let server = ServerProcess::spawn(&dir, env).await;
    let app = TestApp::signed_up(server.addr()).await;
    (server, app)
}

/// Set `name` to `value` for the server's next start.
pub(crate) fn set_env(server: &mut ServerProcess, name: &'static str, value: &str) {
    server.env.retain(|(k, _)| *k != name);
    server.env.push((name, value.to_string()));
}

/// Ask over the API in the background (the call dies with the server; the chat keeps it).
pub(crate) fn ask_in_background(app: &TestApp, sid: &str, question: &str) {
    let app = TestApp::new(app.addr, app.session.clone());
    let body = json!({ "question": question, "customerId": "acme-corp", "chatSessionId": sid });
    tokio::spawn(async move { app.post_json("/api/chat/question", body).await });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_promised_before_a_kill_9_are_posted_after_the_restart() {
    let (mut server, app) = start_server(vec![("DOSSIER_DEMO_DELAY_MS", "8000".into())]).await;
    // Chat 1: a question with no research behind it — a live query, slow.
    let live = app.new_session().await;
    ask_in_background(&app, &live, "What's their technology stack?");
    // Chat 2: research under way, and a question about data it is still collecting.
    let waiting = app.new_chat().await;
    choose(&app, &waiting, "acme-corp").await;
    let res = app
        .server_fn(
            "send",
            &[
                ("session_id", &waiting),
                ("text", "What's their technology stack?"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    until_shown(&app, &live, 15, "the placeholder", |m| {
        placeholder(m, "🔍 Analyzing").is_some()
    })
    .await;
    until_shown(&app, &waiting, 15, "the promise", |m| {
        placeholder(m, "⏳ Still collecting tech stack for Acme Corp").is_some()
    })
    .await;

    server.kill9();
    set_env(&mut server, "DOSSIER_DEMO_DELAY_MS", "50");
    server.restart();
    server.wait_healthy().await;

    let messages = until_shown(&app, &live, 30, "the live answer after the restart", |m| {
        placeholder(m, "🔍 Analyzing").is_some_and(|p| p.finals > 0)
    })
    .await;
    let answer = placeholder(&messages, "🔍 Analyzing").unwrap();
    assert!(!answer.streaming);
    assert!(answer.text.contains("AWS"), "{answer:?}");
    assert!(answer.sources > 0, "{answer:?}");
    let messages = until_shown(
        &app,
        &waiting,
        30,
        "the owed answer after the restart",
        |m| m.iter().any(|m| m.first.starts_with("✅ Now that it's in")),
    )
    .await;
    // Posted once each, also a while later (the run's own end delivers nothing more).
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let again = shown(&app.events_since(&live, 0).await);
    assert_eq!(placeholder(&again, "🔍 Analyzing").unwrap().finals, 1);
    let owed = shown(&app.events_since(&waiting, 0).await);
    let posted: Vec<&Shown> = owed
        .iter()
        .filter(|m| m.first.starts_with("✅ Now that it's in"))
        .collect();
    assert_eq!(posted.len(), 1, "{messages:#?}");
    assert!(posted[0].text.contains("AWS") && posted[0].sources > 0);
    // Taken over at start (the lease, 15 s, had not lapsed): the embedded database's only
    // process knows every answer still due is an orphan.
    assert!(server.log_count("taking over an answer left by a stopped process") >= 1);
}

/// An answer whose writing kills every process that takes it (as a crash in it would) is
/// not taken over forever: the third process to find it ends it saying so, with a button.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_whose_writer_keeps_dying_ends_saying_so() {
    let (mut server, app) = start_server(vec![("DOSSIER_DEMO_DELAY_MS", "30000".into())]).await;
    let sid = app.new_session().await;
    ask_in_background(&app, &sid, "What's their technology stack?");
    until_shown(&app, &sid, 15, "the placeholder", |m| {
        placeholder(m, "🔍 Analyzing").is_some()
    })
    .await;
    for taken in 1..=2 {
        server.kill9();
        server.restart();
        server.wait_healthy().await;
        let deadline = Instant::now() + Duration::from_secs(20);
        while server.log_count("taking over an answer left by a stopped process") < taken {
            assert!(Instant::now() < deadline, "not taken over");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let m = shown(&app.events_since(&sid, 0).await);
        let p = placeholder(&m, "🔍 Analyzing").unwrap();
        if taken == 1 {
            assert_eq!(p.finals, 0, "still being written: {p:?}");
        }
    }
    let messages = until_shown(&app, &sid, 20, "the answer given up", |m| {
        placeholder(m, "🔍 Analyzing").is_some_and(|p| p.finals > 0)
    })
    .await;
    let p = placeholder(&messages, "🔍 Analyzing").unwrap();
    assert_eq!(p.text, server::chat::COULD_NOT_FINISH);
    assert!(!p.streaming);
    assert_eq!(p.actions, vec!["Ask again".to_string()]);
    assert_eq!(p.finals, 1);
}
