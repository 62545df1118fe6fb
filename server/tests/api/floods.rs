//! Floods: costly requests are limited per user and per address (`429` + `Retry-After`), and
//! the same step for the same account is collected once however many runs ask at once.

use crate::helpers::{TestApp, keyless_sources_at, spawn_app, spawn_app_with};
use serde_json::json;
use std::collections::HashMap;
use std::time::Duration;

#[tokio::test]
async fn a_thousand_research_starts_from_one_rep_are_mostly_refused() {
    let app = spawn_app().await;
    let mut accepted = 0;
    let mut refused = 0;
    let mut retry_after = None;
    for chunk in 0..20 {
        let starts = (0..50).map(|_| app.start_intelligence("acme-corp", None));
        for res in futures::future::join_all(starts).await {
            match res.status().as_u16() {
                200 | 202 => accepted += 1,
                429 => {
                    refused += 1;
                    retry_after = res.headers().get("retry-after").cloned();
                    let body: serde_json::Value = res.json().await.unwrap();
                    assert!(
                        body["error"]
                            .as_str()
                            .unwrap()
                            .starts_with("Too many research starts in a minute."),
                        "{body}"
                    );
                }
                other => panic!("unexpected {other} (chunk {chunk})"),
            }
        }
    }
    eprintln!(
        "flood of 1,000 research starts from one rep: {accepted} accepted, {refused} refused (429)"
    );
    assert_eq!(accepted + refused, 1_000);
    assert!((30..=40).contains(&accepted), "{accepted} accepted");
    let secs: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&secs));
    // Questions and another rep are not held back by this rep's research starts.
    let other = app.other_user().await;
    assert_eq!(other.start_intelligence("globex", None).await.status(), 202);
    let sid = app.new_session().await;
    assert_eq!(
        app.question(&sid, "acme-corp", "tech stack?")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn one_address_cannot_get_round_the_limit_with_many_accounts() {
    let app = spawn_app_with(|s| s.floods.chats_per_min = 5).await;
    let mut reps = vec![TestApp::new(app.addr, app.session.clone())];
    for _ in 0..7 {
        reps.push(app.other_user().await);
    }
    let mut accepted = 0;
    let mut refusal = None;
    for rep in &reps {
        for _ in 0..5 {
            let res = rep.server_fn("new", &[]).await;
            match res.status().as_u16() {
                200 => accepted += 1,
                429 => refusal = Some(res.json::<serde_json::Value>().await.unwrap()),
                other => panic!("unexpected {other}"),
            }
        }
    }
    // The page's server function reads it as its own error, with the sentence to show.
    let refusal = refusal.expect("some were refused");
    assert!(
        refusal["TooMany"]
            .as_str()
            .unwrap()
            .starts_with("Too many new chats in a minute."),
        "{refusal}"
    );
    eprintln!("40 new chats from 8 reps on one address: {accepted} accepted");
    assert!(
        (20..=22).contains(&accepted),
        "{accepted}: four reps' worth from one address"
    );
}

#[tokio::test]
async fn twenty_starts_for_one_account_at_once_ask_each_provider_once() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let mock = MockServer::start().await;
    Mock::given(path("/v1/boards/globex/jobs"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(800))
                .set_body_json(json!({
                    "jobs": [{"id": 1, "title": "Site Reliability Engineer",
                              "updated_at": "2026-11-18T10:00:00-05:00", "location": {"name": "Berlin"},
                              "absolute_url": "https://boards.greenhouse.io/globex/jobs/1",
                              "departments": [{"name": "Engineering"}]}],
                    "meta": {"total": 1}
                })),
        )
        .mount(&mock)
        .await;
    // Every other provider finds nothing, slowly: the 20 runs' calls overlap.
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(404).set_delay(Duration::from_millis(800)))
        .with_priority(10)
        .mount(&mock)
        .await;
    let base = mock.uri();
    let app = spawn_app_with(|s| {
        s.cache.profile = Duration::ZERO;
        keyless_sources_at(s, &base);
    })
    .await;
    let starts = (0..20).map(|_| app.start_intelligence("globex", None));
    let mut runs = Vec::new();
    for res in futures::future::join_all(starts).await {
        assert_eq!(res.status(), 202);
        let body: serde_json::Value = res.json().await.unwrap();
        runs.push(body["executionId"].as_str().unwrap().to_string());
    }
    for rid in &runs {
        let run = app.wait_for_run(rid).await;
        assert_ne!(run["status"], "running");
        let hiring = run["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "hiring")
            .unwrap()
            .clone();
        assert_eq!(hiring["status"], "done", "every run has the jobs: {hiring}");
    }
    let mut hits: HashMap<String, usize> = HashMap::new();
    for r in mock.received_requests().await.unwrap() {
        *hits.entry(r.url.path().to_string()).or_default() += 1;
    }
    eprintln!("20 concurrent starts of one account: provider calls {hits:?}");
    assert_eq!(hits.get("/v1/boards/globex/jobs"), Some(&1), "{hits:?}");
    // The home page is read by two steps (the company's own description, the tech scan).
    assert_eq!(hits.get("/"), Some(&2), "{hits:?}");
    assert!(
        hits.iter().all(|(p, n)| *n == 1 || p == "/"),
        "each provider asked once: {hits:?}"
    );
}
