//! Live progress over the real leptos_ws websocket, followed the way the browser does:
//! fold the feed's event when it is the next one, fetch from the database on a gap.

use crate::follower::Follower;
use crate::helpers::{TestApp, spawn_app};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;

pub(crate) fn run_finished(events: &[Value]) -> bool {
    events.iter().any(|e| e["change"]["type"] == "run_finished")
}

/// Each step's statuses, in the order their events were folded.
pub(crate) fn transitions(events: &[Value]) -> HashMap<String, Vec<String>> {
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

pub(crate) fn assert_gapless(events: &[Value]) {
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    let expected: Vec<u64> = (1..=seqs.len() as u64).collect();
    assert_eq!(seqs, expected, "events arrive once each, in order");
}

pub(crate) async fn choose(app: &TestApp, sid: &str, account: &str) -> Vec<Value> {
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
    for step in [
        "vendor", "news", "hiring", "company", "tech", "contacts", "analysis",
    ] {
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
        "🏢 Acme Corp company profile",
        "🛠 Acme Corp tech stack",
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
    for step in [
        "vendor", "hiring", "company", "tech", "contacts", "analysis",
    ] {
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
    let b = app.other_user().await.load_chat().await;
    let (fa, fb) = (a["feed"].as_str().unwrap(), b["feed"].as_str().unwrap());
    assert_ne!(fa, fb);
    // 24 random bytes, hex: not derivable from the session id.
    assert!(fa.len() >= 48 + 5, "{fa}");
    assert!(!fa.contains(a["view"]["session_id"].as_str().unwrap()));
}
