//! The chat's server functions: what the rep sees after typing or clicking, and that a
//! session belongs to its visitor.

use crate::helpers::{spawn_app, texts};
use serde_json::Value;

async fn send(app: &crate::helpers::TestApp, sid: &str, text: &str) -> reqwest::Response {
    app.server_fn("send", &[("session_id", sid), ("text", text)])
        .await
}

async fn last_reply(res: reqwest::Response) -> Value {
    assert_eq!(res.status(), 200);
    let events: Vec<Value> = res.json().await.unwrap();
    events.last().unwrap()["change"]["message"].clone()
}

#[tokio::test]
async fn typing_a_meeting_request_offers_the_matches() {
    let app = spawn_app().await;
    let sid = app.load_chat().await["view"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply =
        last_reply(send(&app, &sid, "Help me prepare for my meeting with Acme").await).await;
    assert_eq!(
        reply["text"],
        "Found 3 customers matching \"Acme\":\n\
         Which customer are you meeting with?\n\
         (Demo data — import your own accounts on the Accounts page.)"
    );
    let labels: Vec<&str> = reply["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "Acme Corp (acmecorp.com) - FinTech");
    assert_eq!(labels.len(), 3);

    let reply = last_reply(send(&app, &sid, "meeting w/ Acme tomorrow").await).await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .starts_with("Found 3 customers matching \"Acme\":")
    );
    let reply = last_reply(send(&app, &sid, "acmecorp.com").await).await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .starts_with("Found 1 customer matching \"acmecorp.com\":")
    );
    assert_eq!(
        reply["actions"].as_array().unwrap().len(),
        1,
        "already in the book: no offer"
    );
}

#[tokio::test]
async fn no_match_and_no_company_get_clear_answers() {
    let app = spawn_app().await;
    let sid = app.load_chat().await["view"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = last_reply(send(&app, &sid, "prep me for Zzyzx Unlimited").await).await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .starts_with("I couldn't find a customer matching \"Zzyzx Unlimited\"")
    );
    assert_eq!(reply["actions"][0]["label"], "Search again");
    let reply = last_reply(send(&app, &sid, "Help me prepare for my meeting").await).await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .starts_with("Which company is your meeting with?")
    );
}

#[tokio::test]
async fn picking_an_account_answers_at_once_and_starts_research() {
    let app = spawn_app().await;
    let sid = app.load_chat().await["view"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .server_fn(
            "choose",
            &[("session_id", &sid), ("account_id", "acme-corp")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let events: Vec<Value> = res.json().await.unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["change"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "message_added",
            "message_added",
            "message_added",
            "run_started",
            "message_added",
            "message_added"
        ]
    );
    // A rep with no persona is asked for one (skippable): 3 roles, 4 purposes, Skip.
    let prompt = &events[5]["change"]["message"];
    assert!(
        prompt["text"]
            .as_str()
            .unwrap()
            .starts_with("While that runs, let's get specific about your meeting"),
        "{prompt}"
    );
    assert_eq!(prompt["actions"].as_array().unwrap().len(), 8);
    assert_eq!(
        events[1]["change"]["message"]["text"],
        "Perfect! Researching Acme Corp for your meeting.\n\
         I can see you're representing Keyfort. Let me gather some intelligence…"
    );
    let overview = events[2]["change"]["message"]["text"].as_str().unwrap();
    assert!(overview.contains("Industry: FinTech") && overview.contains("Size: ~500 employees"));
    let overview_buttons: Vec<&str> = events[2]["change"]["message"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap())
        .collect();
    // The seed's four, and "Wait for complete analysis" while the run is on.
    assert_eq!(overview_buttons.len(), 5, "{overview_buttons:?}");
    assert_eq!(overview_buttons[4], "Wait for complete analysis");
    let run_id = events[3]["change"]["run"]["id"].as_str().unwrap();
    app.wait_for_run(run_id).await;

    // Reload: the same chat comes back from the database, with the finished run.
    let snapshot = app.load_chat().await;
    assert_eq!(snapshot["view"]["session_id"], sid.as_str());
    let all = texts(&snapshot["view"]).join("\n");
    assert!(all.contains("🧠 Acme Corp — research summary"), "{all}");
    assert_eq!(snapshot["view"]["runs"][0]["status"], "completed");
}

#[tokio::test]
async fn bad_chat_input_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let sid = app.load_chat().await["view"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    for text in ["", "   ", &"x".repeat(2_001)] {
        let res = send(&app, &sid, text).await;
        assert_eq!(res.status(), 400, "text of {} chars", text.len());
    }
    let res = app.server_fn("send", &[("session_id", &sid)]).await;
    assert_eq!(res.status(), 400, "missing text");
    assert!(app.events_since(&sid, 0).await.is_empty());
    // Hostile text is stored and shown as text.
    let hostile = "<img src=x onerror=alert(1)> '; DELETE event; --";
    assert_eq!(send(&app, &sid, hostile).await.status(), 200);
    let events = app.events_since(&sid, 0).await;
    assert_eq!(events[0]["change"]["message"]["text"], hostile);
}

#[tokio::test]
async fn another_browser_cannot_read_or_write_the_chat() {
    let app = spawn_app().await;
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    assert_eq!(send(&app, &sid, "acme").await.status(), 200);
    let stranger = app.other_user().await;
    assert_eq!(
        stranger
            .server_fn("events", &[("session_id", &sid), ("after_seq", "0")])
            .await
            .status(),
        404
    );
    assert_eq!(send(&stranger, &sid, "acme").await.status(), 404);
    assert_eq!(
        stranger
            .server_fn(
                "choose",
                &[("session_id", &sid), ("account_id", "acme-corp")]
            )
            .await
            .status(),
        404
    );
    // The stranger's own chat is separate and gets a different feed.
    let theirs = stranger.load_chat().await;
    assert_ne!(theirs["view"]["session_id"], sid.as_str());
    assert_ne!(theirs["feed"], snapshot["feed"]);
    assert!(texts(&theirs["view"]).is_empty());
}

#[tokio::test]
async fn exploration_buttons_answer_from_the_run_and_never_guess() {
    let app = spawn_app().await;
    let sid = app.load_chat().await["view"]["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    // The overview's buttons: "Who should I talk to?", "What's new with them?".
    let explore = |topic: &'static str| {
        let (app, sid) = (&app, sid.clone());
        let label = match topic {
            "contacts" => "Who should I talk to?",
            _ => "What's new with them?",
        };
        async move {
            last_reply(
                app.post_json(
                    "/api/chat/ask",
                    serde_json::json!({"session_id": sid, "label": label, "intent": topic}),
                )
                .await,
            )
            .await
        }
    };

    let reply = explore("contacts").await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .starts_with("Pick an account first: tell me who you're meeting"),
        "{reply}"
    );

    for account in ["acme-corp", "initech"] {
        let res = app
            .server_fn("choose", &[("session_id", &sid), ("account_id", account)])
            .await;
        let events: Vec<Value> = res.json().await.unwrap();
        app.wait_for_run(events[3]["change"]["run"]["id"].as_str().unwrap())
            .await;
        if account == "acme-corp" {
            let reply = explore("contacts").await;
            let text = reply["text"].as_str().unwrap();
            assert!(
                text.starts_with("👥 Decision makers at Acme Corp"),
                "{text}"
            );
            assert!(
                text.contains("Chief Information Security Officer"),
                "{text}"
            );
            assert_eq!(reply["sources"][0]["name"], "Demo contacts directory");
        }
    }
    // The newest run is Initech's, whose news source failed: the question asks it again
    // ("🔍 Analyzing…"); still down, the answer says so and does not guess.
    let reply = explore("news").await;
    assert_eq!(reply["text"], "🔍 Analyzing their news…");
    let id = reply["id"].as_str().unwrap().to_string();
    let shown = crate::crash_promises::until_shown(&app, &sid, 30, "the news answer", |m| {
        m.iter().any(|m| m.id == id && m.finals > 0)
    })
    .await;
    let answer = shown.iter().find(|m| m.id == id).unwrap();
    let text = &answer.text;
    assert!(
        text.contains(
            "I found no recent news for Initech (the search failed: the news source (Demo news feed) is down right now)"
        ) && text.contains("I won't guess"),
        "{text}"
    );
    assert_eq!(answer.sources, 0);
    let events = app.events_since(&sid, 0).await;
    let asked: Vec<&str> = events
        .iter()
        .filter(|e| e["change"]["message"]["role"] == "User")
        .filter_map(|e| e["change"]["message"]["text"].as_str())
        .collect();
    assert!(
        asked.contains(&"Who should I talk to?") && asked.contains(&"What's new with them?"),
        "{asked:?}"
    );
}
