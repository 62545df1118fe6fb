//! The chat a rep would choose, as the server says it: runs that say when they are done and
//! how long they took, thanks, "what about X", "Did you mean…?", and the summary written
//! again for a role chosen after the run ended.

use crate::helpers::{TestApp, spawn_app};
use serde_json::{Value, json};

async fn send(app: &TestApp, sid: &str, text: &str) -> Vec<Value> {
    let res = app
        .server_fn("send", &[("session_id", sid), ("text", text)])
        .await;
    assert_eq!(res.status(), 200, "{text}");
    res.json().await.unwrap()
}

/// The messages `events` add.
fn added(events: &[Value]) -> Vec<&Value> {
    events
        .iter()
        .filter(|e| e["change"]["type"] == "message_added")
        .map(|e| &e["change"]["message"])
        .collect()
}

/// A chat whose research on `customer` has ended: its session id and run id.
async fn researched(app: &TestApp, customer: &str) -> (String, String) {
    let res = app.start_intelligence(customer, None).await;
    assert_eq!(res.status(), 202);
    let body: Value = res.json().await.unwrap();
    let rid = body["executionId"].as_str().unwrap().to_string();
    app.wait_for_run(&rid).await;
    (body["chatSessionId"].as_str().unwrap().to_string(), rid)
}

#[tokio::test]
async fn the_line_above_the_card_says_the_run_is_done_and_how_long_it_took() {
    let app = spawn_app().await;
    let (sid, rid) = researched(&app, "acme-corp").await;
    let events = app.events_since(&sid, 0).await;
    let revised: Vec<&Value> = events
        .iter()
        .filter(|e| {
            e["change"]["type"] == "message_revised"
                && e["change"]["id"] == format!("msg-{rid}-started")
        })
        .collect();
    assert_eq!(revised.len(), 1, "revised once, when the run ended");
    let text = revised[0]["change"]["text"].as_str().unwrap();
    assert!(text.starts_with("✅ Deep research finished in "), "{text}");
    assert!(!text.contains('🔄'));
    // The view the page renders has nothing still "in progress" once the run is done.
    let view = &app.load_chat().await["view"];
    let all = crate::helpers::texts(view).join("\n");
    assert!(!all.contains('🔄'), "{all}");
    assert!(all.contains("Deep research finished"), "{all}");
    let run = &view["runs"][0];
    assert!(run["took_ms"].as_u64().is_some(), "{run}");
}

#[tokio::test]
async fn thanks_get_a_short_answer_not_the_help_text() {
    let app = spawn_app().await;
    let (sid, _) = researched(&app, "acme-corp").await;
    let events = send(&app, &sid, "thanks!").await;
    let reply = added(&events).last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        reply.starts_with("You're welcome — good luck with Acme Corp!"),
        "{reply}"
    );
    assert!(!reply.contains("Here's what I can do"), "{reply}");
}

#[tokio::test]
async fn what_about_another_account_switches_to_it() {
    let app = spawn_app().await;
    let (sid, _) = researched(&app, "acme-corp").await;
    let events = send(&app, &sid, "what about Acme Industries?").await;
    let said: Vec<&str> = added(&events)
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        said[0], "what about Acme Industries?",
        "the rep's own words"
    );
    assert!(
        said[1].starts_with("Perfect! Researching Acme Industries for your meeting."),
        "{said:?}"
    );
    assert!(events.iter().any(|e| e["change"]["type"] == "run_started"));
    // A question about the current account's data is still a question.
    let events = send(&app, &sid, "what about their hiring?").await;
    let reply = added(&events).last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reply.contains("Acme Industries"), "{reply}");
    assert!(!reply.starts_with("Perfect! Researching"), "{reply}");
}

#[tokio::test]
async fn an_unplaced_message_gets_best_guesses_as_buttons() {
    let app = spawn_app().await;
    let (sid, _) = researched(&app, "acme-corp").await;
    let events = send(&app, &sid, "blorp the frobnicator").await;
    let reply = *added(&events).last().unwrap();
    assert_eq!(
        reply["text"],
        "I'm not sure what you mean by “blorp the frobnicator”. Did you mean…?"
    );
    let labels: Vec<&str> = reply["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "Create my meeting prep one-pager",
            "What's new with them?",
            "Who should I talk to?"
        ]
    );
    // A website is always a company, mid-thread too.
    let events = send(&app, &sid, "stripe.com").await;
    let text = added(&events).last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.starts_with("stripe.com is not in your accounts"),
        "{text}"
    );
    // Hostile and huge input is quoted short and inert.
    let events = send(
        &app,
        &sid,
        &format!("<script>{}</script>", "z".repeat(1_500)),
    )
    .await;
    let text = added(&events).last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.chars().count() < 160, "{text}");
}

#[tokio::test]
async fn a_role_chosen_after_the_run_rewrites_the_summarys_angle() {
    let app = spawn_app().await;
    let (sid, rid) = researched(&app, "acme-corp").await;
    let summary_id = format!("msg-{rid}-summary");
    let summary = |events: &[Value]| -> Option<String> {
        events
            .iter()
            .rev()
            .find_map(|e| match e["change"]["type"].as_str() {
                Some("message_added") if e["change"]["message"]["id"] == summary_id => {
                    e["change"]["message"]["text"].as_str().map(str::to_string)
                }
                Some("message_revised") if e["change"]["id"] == summary_id => {
                    e["change"]["text"].as_str().map(str::to_string)
                }
                _ => None,
            })
    };
    let before = summary(&app.events_since(&sid, 0).await).unwrap();
    assert!(!before.contains("🎯 Your angle (AE"), "{before}");
    let res = app
        .set_persona(&sid, json!({ "kind": "role", "role": "account_executive" }))
        .await;
    assert_eq!(res.status(), 200);
    let events: Vec<Value> = res.json().await.unwrap();
    let after = summary(&events).expect("the summary is revised with the answer");
    assert!(after.contains("🎯 Your angle (AE"), "{after}");
    let answer = added(&events).last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(answer.contains("re-written the summary above"), "{answer}");
    // Typed in words, the purpose revises it again.
    let events = send(&app, &sid, "it's a renewal meeting").await;
    let again = summary(&events).expect("revised again");
    assert!(again.contains("renewal"), "{again}");
}

#[tokio::test]
async fn retry_asks_again_only_what_failed_and_keeps_what_was_found() {
    let app = spawn_app().await;
    // Initech's news source is down in the demo data; its other steps find things.
    let (sid, rid) = researched(&app, "initech").await;
    let before = app.events_since(&sid, 0).await;
    let summary = before
        .iter()
        .find(|e| e["change"]["message"]["id"] == format!("msg-{rid}-summary"))
        .unwrap();
    let retry = summary["change"]["message"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["label"] == "Retry what failed")
        .expect("a Retry button under the summary")
        .clone();
    assert_eq!(retry["action"]["kind"], "retry");
    let res = app
        .post_json(
            "/api/chat/retry",
            json!({ "session_id": sid, "run_id": rid, "step": null }),
        )
        .await;
    assert_eq!(res.status(), 200);
    let events: Vec<Value> = res.json().await.unwrap();
    assert_eq!(added(&events)[0]["text"], "Retry news & funding");
    let started = events
        .iter()
        .find(|e| e["change"]["type"] == "run_started")
        .unwrap();
    let again = started["change"]["run"]["id"].as_str().unwrap().to_string();
    let statuses: Vec<(&str, &str)> = started["change"]["run"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["key"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("vendor", "done"),
            ("news", "pending"),
            ("hiring", "done"),
            ("company", "done"),
            ("tech", "done"),
            ("contacts", "done"),
            ("analysis", "pending")
        ]
    );
    let run = app.wait_for_run(&again).await;
    // Only the failed step was asked again: no other step moved in the new run.
    let moved: Vec<String> = app
        .events_since(&sid, 0)
        .await
        .iter()
        .filter(|e| e["change"]["type"] == "step_changed" && e["change"]["run_id"] == again)
        .map(|e| e["change"]["step"].as_str().unwrap().to_string())
        .collect();
    assert!(
        moved.iter().all(|s| s == "news" || s == "analysis"),
        "{moved:?}"
    );
    assert!(moved.iter().any(|s| s == "news"));
    // What was found before is in the new summary (hiring, tech), and news is still down.
    assert_eq!(run["status"], "partial", "{run}");
    let all = crate::helpers::texts(&app.load_chat().await["view"]).join("\n");
    let new_summary = all.rsplit("🧠 Initech — research summary").next().unwrap();
    assert!(
        new_summary.contains("open role") || new_summary.contains("Stack"),
        "{new_summary}"
    );
    // A run still going, or someone else's, cannot be retried.
    let res = app
        .post_json(
            "/api/chat/retry",
            json!({ "session_id": sid, "run_id": "run-nope", "step": null }),
        )
        .await;
    assert_eq!(res.status(), 404);
}
