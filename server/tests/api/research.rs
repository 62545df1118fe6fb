//! `POST /api/intelligence/customer` and `GET /api/runs/{id}`: runs, failures, the cache,
//! and ownership.

use crate::helpers::{spawn_app, texts};
use serde_json::Value;

fn statuses(run: &Value) -> Vec<(String, String)> {
    run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["key"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_run_starts_with_202_and_finishes_every_step() {
    let app = spawn_app().await;
    let res = app.start_intelligence("acme-corp", None).await;
    assert_eq!(res.status(), 202);
    let body: Value = res.json().await.unwrap();
    let run_id = body["executionId"].as_str().unwrap();
    assert!(
        body["estimatedDuration"]
            .as_str()
            .unwrap()
            .starts_with("about ")
    );
    assert!(body["chatSessionId"].as_str().unwrap().starts_with("s-"));

    let run = app.wait_for_run(run_id).await;
    assert_eq!(run["status"], "completed");
    assert_eq!(run["customerName"], "Acme Corp");
    let expected: Vec<(String, String)> = [
        "vendor", "news", "hiring", "company", "tech", "contacts", "analysis",
    ]
    .iter()
    .map(|k| (k.to_string(), "done".to_string()))
    .collect();
    assert_eq!(statuses(&run), expected);
    let news = &run["steps"][1]["result"];
    assert!(news.to_string().contains("$50M Series C"), "{news}");
}

#[tokio::test]
async fn a_failing_source_fails_its_step_and_the_rest_go_on() {
    let app = spawn_app().await;
    let run = app.research_to_end("initech").await;
    assert_eq!(run["status"], "partial");
    let steps = statuses(&run);
    assert_eq!(steps[1], ("news".into(), "failed".into()));
    assert!(
        steps.iter().filter(|(_, s)| s == "done").count() == 6,
        "{steps:?}"
    );
    // Said in plain words, with the source, never a status code.
    assert_eq!(
        run["steps"][1]["detail"],
        "the news source (Demo news feed) is down right now"
    );

    // The chat says what is missing.
    let snapshot = app.load_chat().await;
    let all = texts(&snapshot["view"]).join("\n");
    assert!(
        all.contains(
            "Missing:\n• news & funding — the news source (Demo news feed) is down right now"
        ),
        "{all}"
    );
}

#[tokio::test]
async fn when_every_source_fails_the_run_fails_and_says_so() {
    let app = spawn_app().await;
    let run = app.research_to_end("vandelay-industries").await;
    assert_eq!(run["status"], "failed");
    let steps = statuses(&run);
    assert_eq!(
        steps[0],
        ("vendor".into(), "done".into()),
        "our own context still loads"
    );
    assert!(steps[1..].iter().all(|(_, s)| s == "failed"), "{steps:?}");
    let all = texts(&app.load_chat().await["view"]).join("\n");
    assert!(all.contains("every source failed"), "{all}");
}

#[tokio::test]
async fn a_fresh_profile_answers_with_200_and_no_new_run() {
    let app = spawn_app().await;
    app.research_to_end("acme-solutions").await;
    let res = app.start_intelligence("acme-solutions", None).await;
    assert_eq!(res.status(), 200);
    let cached: Value = res.json().await.unwrap();
    assert_eq!(cached["cached"], true);
    assert!(
        cached["profile"]["summary"]
            .as_str()
            .unwrap()
            .contains("Acme Solutions")
    );
}

#[tokio::test]
async fn with_a_zero_ttl_every_request_starts_a_run() {
    let app = crate::helpers::spawn_app_with(|s| s.cache.profile = std::time::Duration::ZERO).await;
    for _ in 0..2 {
        let res = app.start_intelligence("acme-solutions", None).await;
        assert_eq!(res.status(), 202);
        let body: Value = res.json().await.unwrap();
        app.wait_for_run(body["executionId"].as_str().unwrap())
            .await;
    }
}

#[tokio::test]
async fn unknown_ids_and_other_peoples_sessions_are_404() {
    let app = spawn_app().await;
    for id in ["nope", "", "'; DELETE run; --", &"x".repeat(5000)] {
        let res = app.start_intelligence(id, None).await;
        assert_eq!(res.status(), 404, "customer {id:?}");
    }
    let body: Value = app
        .start_intelligence("acme-corp", None)
        .await
        .json()
        .await
        .unwrap();
    let sid = body["chatSessionId"].as_str().unwrap();
    let run_id = body["executionId"].as_str().unwrap();

    let stranger = app.other_user().await;
    assert_eq!(
        stranger
            .start_intelligence("acme-corp", Some(sid))
            .await
            .status(),
        404
    );
    assert_eq!(stranger.get_run(run_id).await.status(), 404);
    assert_eq!(app.get_run("run-doesnotexist").await.status(), 404);
    assert_eq!(app.get_run(&"r".repeat(500)).await.status(), 404);
    // The owner still can.
    assert_eq!(app.get_run(run_id).await.status(), 200);
    assert_eq!(
        app.start_intelligence("globex", Some(sid)).await.status(),
        202
    );
}

#[tokio::test]
async fn malformed_intelligence_requests_are_400() {
    let app = spawn_app().await;
    for body in [
        "",
        "{",
        "{}",
        r#"{"customerId": 5}"#,
        r#"{"customer": "acme-corp"}"#,
    ] {
        let res = app.post_raw("/api/intelligence/customer", body).await;
        assert_eq!(res.status(), 400, "body {body:?}");
        let err: Value = res.json().await.unwrap();
        assert!(!err["error"].as_str().unwrap().is_empty());
    }
}
