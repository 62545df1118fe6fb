//! Two Dossier instances on one SurrealDB server over `ws://` — the way a team outgrows one
//! machine. A browser-like follower connected to instance A sees, live, the runs instance B
//! drives; B is killed -9 mid-run and A takes its runs over when their lease lapses; then
//! the SurrealDB server itself is stopped and restarted mid-run, and both instances
//! reconnect, subscribe again and converge. Every step moves once, every event reaches the
//! browser once, in order.

use crate::crash::{ServerProcess, assert_each_run_done_once, scratch_dir, start_runs};
use crate::follower::Follower;
use crate::helpers::TestApp;
use crate::live_updates::assert_gapless;
use crate::surreal_server::SurrealServer;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Runs B drives before it is killed; runs started (on both) before SurrealDB restarts.
const FIRST: usize = 6;
const SECOND: usize = 6;

fn count(events: &[Value], kind: &str, status: Option<&str>) -> usize {
    events
        .iter()
        .filter(|e| e["change"]["type"] == kind)
        .filter(|e| status.is_none_or(|s| e["change"]["status"] == s))
        .count()
}

/// Poll (through `app`, which may briefly fail) until every run in `ids` has finished.
async fn until_finished(app: &TestApp, sid: &str, ids: &[String], secs: u64) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(events) = app.try_events_since(sid, 0).await {
            let done = ids.iter().all(|rid| {
                events.iter().any(|e| {
                    e["change"]["type"] == "run_finished" && e["change"]["run_id"] == rid.as_str()
                })
            });
            if done {
                return events;
            }
        }
        assert!(Instant::now() < deadline, "runs did not finish in {secs} s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the SurrealDB test server binary: `make test-cluster` builds it and runs this"]
async fn cluster_two_instances_cover_for_each_other() {
    let dir = scratch_dir();
    let storage = format!("surrealkv://{}", dir.join("surreal").display());
    let mut surreal = SurrealServer::start(&dir, &storage).await;
    let mut env = surreal.env();
    env.push(("DOSSIER_LEASE_MS", "1500".into()));
    env.push(("DOSSIER_DEMO_DELAY_MS", "1500-3000".into()));
    let a = ServerProcess::spawn(&dir.join("a"), env.clone()).await;
    let mut b = ServerProcess::spawn(&dir.join("b"), env).await;
    // One rep, signed in once, reaching both instances (as through a load balancer).
    let on_a = TestApp::signed_up(a.addr()).await;
    let on_b = TestApp::new(b.addr(), on_a.session.clone());
    let snapshot = on_a.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let feed = snapshot["feed"].as_str().unwrap().to_string();
    let accounts: Vec<String> = server::demo::demo_accounts()
        .into_iter()
        .map(|a| a.id)
        .take(FIRST + SECOND)
        .collect();

    // The browser on A, following the chat through everything that follows.
    let follower = Follower::connect(&on_a, &sid, &feed, vec![]).await;
    let watcher = {
        let app = TestApp::new(on_a.addr, on_a.session.clone());
        let mut follower = follower;
        tokio::spawn(async move {
            follower
                .follow_through_crashes(
                    &app,
                    |e| count(e, "run_finished", None) >= FIRST + SECOND,
                    Duration::from_secs(60),
                )
                .await;
            follower
        })
    };

    // 1. B drives runs; a second browser on A sees B's steps arrive over A's live feed.
    let mut run_ids = start_runs(&on_b, &sid, &accounts[..FIRST]).await;
    let so_far = on_a.events_since(&sid, 0).await;
    let done_before = count(&so_far, "step_changed", Some("done"));
    let mut live_on_a = Follower::connect(&on_a, &sid, &feed, so_far).await;
    live_on_a
        .follow(&on_a, |e| {
            count(e, "step_changed", Some("done")) >= done_before + 4
        })
        .await;
    assert!(
        live_on_a.via_feed >= 4,
        "B's steps reached the browser on A live ({} via the feed, {} fetched)",
        live_on_a.via_feed,
        live_on_a.via_fetch
    );
    let mut lags = live_on_a.lags_ms.clone();
    lags.sort_unstable();

    // 2. kill -9 B mid-run: A takes its runs over once their lease lapses.
    let before = on_a.events_since(&sid, 0).await;
    assert!(
        count(&before, "run_finished", None) < FIRST,
        "B was killed mid-run"
    );
    let killed_at = server::now_ms();
    b.kill9();
    let events = until_finished(&on_a, &sid, &run_ids, 60).await;
    let first_after = events
        .iter()
        .filter(|e| e["at_ms"].as_i64().unwrap() > killed_at)
        .filter(|e| e["change"]["type"] == "step_changed" || e["change"]["type"] == "run_finished")
        .map(|e| e["at_ms"].as_i64().unwrap())
        .min()
        .expect("A moved B's runs on");
    let take_over_ms = first_after - killed_at;
    let taken = a.log_count("taking a run whose lease lapsed");
    assert!(taken >= 1, "A took over B's runs");
    b.restart();
    b.wait_healthy().await;

    // 3. Runs on both; the SurrealDB server stops and restarts mid-run.
    let (on_a_half, on_b_half) = accounts[FIRST..].split_at(SECOND / 2);
    run_ids.extend(start_runs(&on_a, &sid, on_a_half).await);
    run_ids.extend(start_runs(&on_b, &sid, on_b_half).await);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let before = on_a.events_since(&sid, 0).await;
    assert!(
        count(&before, "run_finished", None) < FIRST + SECOND,
        "the SurrealDB server restarts mid-run"
    );
    let restarted_at = Instant::now();
    surreal.restart().await;
    let db_down_ms = restarted_at.elapsed().as_millis();
    until_finished(&on_a, &sid, &run_ids, 90).await;

    // 4. An import through B reaches A's account search (and a prep there) without a restart.
    let csv = "Company Name,Website,Industry\nZephyrine Robotics,zephyrine-robotics.io,Robotics\n";
    let res = on_b.import_csv("", csv).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let imported_at = Instant::now();
    let found = loop {
        let hits: Value = on_a.search("Zephyrine", 5).await.json().await.unwrap();
        if let Some(hit) = hits
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == "Zephyrine Robotics")
        {
            break hit["id"].as_str().unwrap().to_string();
        }
        assert!(
            imported_at.elapsed() < Duration::from_secs(15),
            "A never saw the account imported through B: {hits}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let seen_after_ms = imported_at.elapsed().as_millis();
    let res = on_a
        .post_json("/api/intelligence/customer", json!({ "customerId": found }))
        .await;
    assert_eq!(res.status(), 202, "A researches the account B imported");

    // The browser on A converged to exactly the database's events, once each, in order;
    // B reads the same chat.
    let follower = tokio::time::timeout(Duration::from_secs(90), watcher)
        .await
        .expect("the browser on A converged")
        .expect("the follower did not fail");
    let db_events = on_a.events_since(&sid, 0).await;
    assert_gapless(&db_events);
    assert_eq!(follower.events, db_events, "the browser on A converged");
    assert_eq!(
        on_b.events_since(&sid, 0).await,
        db_events,
        "B reads the same chat"
    );
    assert_each_run_done_once(&on_a, &run_ids, &db_events).await;
    let resubscribed = [&a, &b].map(|s| s.log_count("live event stream ended"));
    assert!(
        resubscribed.iter().all(|&n| n >= 1),
        "both instances subscribed again after the restart: {resubscribed:?}"
    );
    eprintln!(
        "cluster: {} runs, {} events ({} via A's feed, {} fetched, {} reconnects); B's steps on \
         A's feed: lag p50 {} ms, max {} ms; take-over after kill -9 of B: {take_over_ms} ms \
         (lease 1500 ms), {taken} runs taken; SurrealDB restart took {db_down_ms} ms; live \
         streams re-subscribed: A {}, B {}; an account imported through B found on A after {seen_after_ms} ms",
        run_ids.len(),
        db_events.len(),
        follower.via_feed,
        follower.via_fetch,
        follower.reconnects,
        lags.get(lags.len() / 2).copied().unwrap_or(-1),
        lags.last().copied().unwrap_or(-1),
        resubscribed[0],
        resubscribed[1],
    );
    drop((a, b, surreal));
    let _ = std::fs::remove_dir_all(&dir);
}
