//! Answers owed through the JSON API: a question asked while the run is still collecting
//! what it needs waits for it and gets the real answer, or — past the wait — says
//! `pending` with the id to fetch the answer from once it is posted.

use crate::helpers::*;
use crate::live_updates::choose;
use serde_json::Value;
use std::time::Duration;

/// A chat with a run on Acme under way (each demo step taking `min..max` ms).
async fn collecting(min_ms: u64, max_ms: u64, wait: Duration) -> (TestApp, String) {
    let app = spawn_app_with(move |s| {
        s.demo_delay = server::config::DelayRange { min_ms, max_ms };
        s.question_wait = wait;
    })
    .await;
    let sid = app.new_session().await;
    choose(&app, &sid, "acme-corp").await;
    (app, sid)
}

#[tokio::test]
async fn a_question_about_data_still_being_collected_gets_the_real_answer() {
    let (app, sid) = collecting(600, 800, Duration::from_secs(20)).await;
    let answer = app
        .answer(&sid, "acme-corp", "What's their technology stack?")
        .await;
    let content = answer["content"].as_str().unwrap();
    assert!(
        content.starts_with("✅ Now that it's in — their technology stack"),
        "{content}"
    );
    assert!(content.contains("AWS"), "{content}");
    assert_eq!(answer["pending"], false);
    assert!(answer.get("answerId").is_none());
    assert!(
        !answer["sources"].as_array().unwrap().is_empty(),
        "{answer}"
    );
    // The chat shows the promise, then the answer, once.
    let texts = app.chat_texts().await;
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.starts_with("⏳ Still collecting"))
            .count(),
        1,
        "{texts:?}"
    );
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.starts_with("✅ Now that it's in"))
            .count(),
        1,
        "{texts:?}"
    );
}

#[tokio::test]
async fn past_the_wait_the_answer_is_pending_and_fetched_when_posted() {
    let (app, sid) = collecting(1_500, 1_800, Duration::from_millis(50)).await;
    let answer = app
        .answer(&sid, "acme-corp", "What's their technology stack?")
        .await;
    assert_eq!(answer["pending"], true, "{answer}");
    assert_eq!(
        answer["content"],
        "⏳ Still collecting tech stack for Acme Corp — I'll answer here as soon as it lands."
    );
    let id = answer["answerId"].as_str().unwrap().to_string();
    let path = format!("/api/chat/answers/{id}?chatSessionId={sid}");

    let res = app.get(&path).await;
    assert_eq!(res.status(), 202);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["pending"], true, "{body}");
    assert_eq!(body["answerId"], id.as_str());
    assert!(body.get("content").is_none());

    // Someone else's chat, a made-up id, a missing or unknown parameter: refused.
    let other = app.other_user().await;
    assert_eq!(other.get(&path).await.status(), 404);
    for bad in [
        format!("/api/chat/answers/m-w-nothing?chatSessionId={sid}"),
        format!("/api/chat/answers/m-abc?chatSessionId={sid}"),
        format!(
            "/api/chat/answers/{}?chatSessionId={sid}",
            "m-w-".repeat(2_000)
        ),
        format!("/api/chat/answers/{id}?chatSessionId=s-nope"),
    ] {
        assert_eq!(app.get(&bad).await.status(), 404, "{bad}");
    }
    for bad in [
        format!("/api/chat/answers/{id}"),
        format!("/api/chat/answers/{id}?chatSessionId={sid}&x=1"),
    ] {
        let res = app.get(&bad).await;
        assert_eq!(res.status(), 400, "{bad}");
        let body: Value = res.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().contains("chatSessionId"));
    }

    // Once the tech step lands, the same address has the answer, with its sources.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let body = loop {
        let res = app.get(&path).await;
        if res.status() == 200 {
            break res.json::<Value>().await.unwrap();
        }
        assert_eq!(res.status(), 202);
        assert!(std::time::Instant::now() < deadline, "never posted");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(body["pending"], false);
    let content = body["content"].as_str().unwrap();
    assert!(content.starts_with("✅ Now that it's in"), "{content}");
    assert!(!body["sources"].as_array().unwrap().is_empty(), "{body}");
    assert!(app.chat_texts().await.iter().any(|t| t == content));
}
