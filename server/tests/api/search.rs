//! `POST /api/customers/search`: matches, ranking, and every kind of bad input.

use crate::helpers::spawn_app;
use serde_json::{Value, json};

async fn labels(res: reqwest::Response) -> Vec<String> {
    assert_eq!(res.status(), 200);
    let hits: Vec<Value> = res.json().await.unwrap();
    hits.iter()
        .map(|h| h["label"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn acme_finds_the_three_acmes_labelled_for_buttons() {
    let app = spawn_app().await;
    assert_eq!(
        labels(app.search("Acme", 5).await).await,
        [
            "Acme Corp (acmecorp.com) - FinTech",
            "Acme Industries (acme-ind.com) - Manufacturing",
            "Acme Solutions (acmesol.io) - Software",
        ]
    );
}

#[tokio::test]
async fn phrasings_domains_and_typos_find_the_account() {
    let app = spawn_app().await;
    for q in [
        "prep me for acme corp",
        "Help me prepare for my meeting with Acme Corp",
        "acmecorp.com",
    ] {
        let got = labels(app.search(q, 5).await).await;
        assert_eq!(got[0], "Acme Corp (acmecorp.com) - FinTech", "query {q:?}");
    }
    assert_eq!(labels(app.search("Acmee", 5).await).await.len(), 3);
    let got = labels(app.search("Müller", 5).await).await;
    assert_eq!(
        got,
        ["Müller Technik GmbH (mueller-technik.de) - Manufacturing"]
    );
    assert_eq!(labels(app.search("acme", 2).await).await.len(), 2);
}

#[tokio::test]
async fn bad_input_gets_a_clear_400() {
    let app = spawn_app().await;
    let cases: Vec<(reqwest::Response, &str)> = vec![
        (app.search("", 5).await, "type something"),
        (app.search("   ", 5).await, "type something"),
        (app.search(&"a".repeat(10_000), 5).await, "too long"),
        (app.search("acme", 0).await, "limit"),
        (app.search("acme", 1000).await, "limit"),
        (
            app.post_raw("/api/customers/search", "{not json").await,
            "Malformed JSON",
        ),
        (app.post_raw("/api/customers/search", "").await, "empty"),
        (
            app.post_raw("/api/customers/search", r#"{"limit":5}"#)
                .await,
            "query",
        ),
        (
            app.post_raw("/api/customers/search", r#"{"query":42}"#)
                .await,
            "Malformed JSON",
        ),
        (
            app.post_raw("/api/customers/search", r#"[1,2]"#).await,
            "Malformed JSON",
        ),
    ];
    for (res, needle) in cases {
        assert_eq!(res.status(), 400);
        let body: Value = res.json().await.unwrap();
        let msg = body["error"].as_str().unwrap();
        assert!(msg.contains(needle), "{msg:?} should mention {needle:?}");
    }
}

#[tokio::test]
async fn a_huge_body_is_refused_and_the_server_carries_on() {
    let app = spawn_app().await;
    let huge = json!({ "query": "x".repeat(200_000) }).to_string();
    let res = app.post_raw("/api/customers/search", huge).await;
    assert_eq!(res.status(), 413);
    assert_eq!(labels(app.search("Acme Corp", 1).await).await.len(), 1);
}

#[tokio::test]
async fn injection_attempts_are_just_text() {
    let app = spawn_app().await;
    for q in [
        "'; DELETE account; --",
        "acme\"; REMOVE TABLE account; \"",
        "$query",
        "<script>alert(1)</script>",
        "\u{0}\u{1}acme",
    ] {
        let res = app.search(q, 5).await;
        assert!(
            res.status() == 200 || res.status() == 400,
            "{q:?} → {}",
            res.status()
        );
    }
    // The accounts are all still there.
    assert_eq!(labels(app.search("Acme", 5).await).await.len(), 3);
}
