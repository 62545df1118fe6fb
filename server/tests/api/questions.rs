//! Questions over the JSON API and the chat: cache → research run → targeted live query,
//! sources and citations, actions by role and data, pending data, multi-turn.

use crate::helpers::*;
use serde_json::{Value, json};
use std::time::Duration;

fn labels(answer: &Value) -> Vec<String> {
    answer["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_string())
        .collect()
}

/// Every `[n]` in the content points at one of the answer's sources, and every source has
/// the seeds' shape.
fn assert_cited(answer: &Value) {
    let content = answer["content"].as_str().unwrap();
    let sources = answer["sources"].as_array().unwrap();
    for s in sources {
        assert!(s["name"].is_string() && s["confidence"].is_number(), "{s}");
        assert!(s["lastUpdated"].as_str().unwrap().len() >= 10, "{s}");
    }
    let re = regex::Regex::new(r"\[(\d+)\]").unwrap();
    let cited: Vec<usize> = re
        .captures_iter(content)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert!(!cited.is_empty(), "no citation in {content}");
    for n in cited {
        assert!(
            n >= 1 && n <= sources.len(),
            "[{n}] with {} sources",
            sources.len()
        );
    }
}

/// Job boards on loopback: Greenhouse has Globex's board, every other provider finds
/// nothing (404). Returns the mock and an app whose sources all point at it.
async fn loopback_app(cache: bool) -> (wiremock::MockServer, TestApp) {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let mock = MockServer::start().await;
    Mock::given(path("/v1/boards/globex/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "jobs": [{"id": 1, "title": "Site Reliability Engineer", "updated_at": "2026-11-18T10:00:00-05:00",
                      "location": {"name": "Berlin"}, "absolute_url": "https://boards.greenhouse.io/globex/jobs/1",
                      "departments": [{"name": "Engineering"}]}],
            "meta": {"total": 1}
        })))
        .mount(&mock)
        .await;
    let base = mock.uri();
    let app = spawn_app_with(|s| {
        s.cache.enabled = cache;
        s.cache.profile = Duration::ZERO;
        keyless_sources_at(s, &base);
    })
    .await;
    (mock, app)
}

async fn paths(mock: &wiremock::MockServer) -> Vec<String> {
    mock.received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_string())
        .collect()
}

#[tokio::test]
async fn a_question_queries_only_its_sources_live_then_comes_from_the_cache() {
    let (mock, app) = loopback_app(true).await;
    let sid = app.new_session().await;

    // No research yet: a targeted live query of the hiring sources only.
    let answer = app.answer(&sid, "globex", "Who are they hiring?").await;
    let content = answer["content"].as_str().unwrap();
    assert!(content.contains("Site Reliability Engineer"), "{content}");
    assert_eq!(answer["sources"][0]["name"], "Greenhouse");
    assert_eq!(
        answer["sources"][0]["url"]
            .as_str()
            .map(|u| u.contains("globex")),
        Some(true)
    );
    assert_cited(&answer);
    let asked = paths(&mock).await;
    assert!(
        asked.iter().any(|p| p == "/v1/boards/globex/jobs"),
        "{asked:?}"
    );
    assert!(
        asked.iter().any(|p| p.starts_with("/v0/postings/")),
        "Lever asked: {asked:?}"
    );
    assert!(
        asked.iter().all(|p| p.starts_with("/v1/boards/")
            || p.starts_with("/v0/postings/")
            || p.starts_with("/posting-api/")),
        "only job boards were asked: {asked:?}"
    );
    // The chat shows "🔍 Analyzing their hiring…", then the answer in its place.
    let events = app.events_since(&sid, 0).await;
    let placeholder = events
        .iter()
        .find(|e| {
            e["change"]["type"] == "message_added" && e["change"]["message"]["role"] == "Assistant"
        })
        .unwrap();
    assert_eq!(
        placeholder["change"]["message"]["text"],
        "🔍 Analyzing their hiring…"
    );
    let revised = events
        .iter()
        .find(|e| e["change"]["type"] == "message_revised")
        .expect("the answer replaces the placeholder");
    assert_eq!(
        revised["change"]["id"],
        placeholder["change"]["message"]["id"]
    );
    assert_eq!(revised["change"]["text"], answer["content"]);

    // Asked again: from the cache, no provider is called.
    let before = paths(&mock).await.len();
    let again = app.answer(&sid, "globex", "any open roles?").await;
    assert_eq!(again["content"], answer["content"]);
    assert_eq!(paths(&mock).await.len(), before, "answered from the cache");
    // Answered at once: no placeholder this time.
    let events = app.events_since(&sid, 0).await;
    let placeholders = events
        .iter()
        .filter(|e| {
            e["change"]["message"]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("🔍"))
        })
        .count();
    assert_eq!(placeholders, 1);
}

#[tokio::test]
async fn with_the_cache_off_a_question_is_answered_from_the_finished_run() {
    let (mock, app) = loopback_app(false).await;
    let start = app.start_intelligence("globex", None).await;
    let body: Value = start.json().await.unwrap();
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    app.wait_for_run(body["executionId"].as_str().unwrap())
        .await;
    let before = paths(&mock).await.len();
    let answer = app.answer(&sid, "globex", "What jobs are open?").await;
    assert!(
        answer["content"]
            .as_str()
            .unwrap()
            .contains("Site Reliability Engineer")
    );
    assert_eq!(
        paths(&mock).await.len(),
        before,
        "the run's data, no new call"
    );
}

#[tokio::test]
async fn a_question_after_the_run_asks_a_failed_source_again() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    // Greenhouse is down while the research runs: the hiring step fails.
    let mock = MockServer::start().await;
    Mock::given(path("/v1/boards/globex/jobs"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&mock)
        .await;
    let base = mock.uri();
    let app = spawn_app_with(|s| keyless_sources_at(s, &base)).await;
    let start = app.start_intelligence("globex", None).await;
    let body: Value = start.json().await.unwrap();
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    let run = app
        .wait_for_run(body["executionId"].as_str().unwrap())
        .await;
    let hiring = run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "hiring")
        .unwrap();
    assert_eq!(hiring["status"], "failed", "{hiring}");

    // It is back: the rep's question asks it again instead of repeating the failure.
    mock.reset().await;
    Mock::given(path("/v1/boards/globex/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "jobs": [{"id": 7, "title": "Platform Engineer", "updated_at": "2026-11-20T10:00:00Z",
                      "location": {"name": "Lisbon"}, "absolute_url": "https://boards.greenhouse.io/globex/jobs/7",
                      "departments": [{"name": "Engineering"}]}],
            "meta": {"total": 1}
        })))
        .mount(&mock)
        .await;
    let answer = app.answer(&sid, "globex", "Who are they hiring?").await;
    let content = answer["content"].as_str().unwrap();
    assert!(content.contains("Platform Engineer"), "{content}");
    assert_eq!(answer["sources"][0]["name"], "Greenhouse");
    let asked = paths(&mock).await;
    assert!(
        asked.iter().any(|p| p == "/v1/boards/globex/jobs"),
        "Greenhouse asked again: {asked:?}"
    );
    assert!(
        asked.iter().all(|p| p.starts_with("/v1/boards/")
            || p.starts_with("/v0/postings/")
            || p.starts_with("/posting-api/")),
        "only the failed step's sources were asked again: {asked:?}"
    );
}

#[tokio::test]
async fn answers_fit_the_role_and_the_data_and_deep_dives_cite_their_sources() {
    let app = spawn_app().await;
    let body = app.research_to_end("acme-corp").await;
    let sid = body["chatSessionId"].as_str().unwrap().to_string();

    // No role yet: general actions; data-driven ones from what was found.
    let tech = app
        .answer(&sid, "acme-corp", "What's their technology stack?")
        .await;
    let content = tech["content"].as_str().unwrap();
    assert!(
        content.contains("Identity: Azure AD (partial rollout)"),
        "{content}"
    );
    assert_cited(&tech);
    let acts = labels(&tech);
    for want in [
        "funding_talking_points",
        "hiring_outreach",
        "explore_contacts",
        "main_insights",
    ] {
        assert!(acts.contains(&want.to_string()), "{want} missing: {acts:?}");
    }
    let ciso = tech["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "new_executive")
        .expect("a new executive was found");
    assert_eq!(ciso["label"], "Who's the new CISO?");

    // An Account Executive gets product fit, competitive positioning and ROI.
    let res = app
        .set_persona(&sid, json!({"kind": "role", "role": "account_executive"}))
        .await;
    assert_eq!(res.status(), 200);
    let fit = app.answer(&sid, "acme-corp", "What products fit?").await;
    let content = fit["content"].as_str().unwrap();
    assert!(
        content.contains("Primary opportunity: Keyfort Workforce Identity"),
        "{content}"
    );
    assert!(
        content.contains("Incumbent: Azure AD (partial rollout)"),
        "{content}"
    );
    assert!(
        content.contains("Northbeam Payments (FinTech)"),
        "{content}"
    );
    assert_cited(&fit);
    let acts = labels(&fit);
    assert!(
        acts.contains(&"show_competitive_angle".to_string()),
        "{acts:?}"
    );
    assert!(acts.contains(&"calculate_roi".to_string()), "{acts:?}");
    assert!(
        !acts.contains(&"assess_risks".to_string()) || acts.contains(&"main_insights".to_string())
    );

    // The funding deep dive: why it matters, conversation starters, similar wins.
    let funding = app
        .answer(&sid, "acme-corp", "Tell me more about the funding")
        .await;
    let content = funding["content"].as_str().unwrap();
    assert!(content.contains("$50M Series C"), "{content}");
    assert!(
        content.contains("Why this matters for your Keyfort conversation (AE)"),
        "{content}"
    );
    assert!(content.contains("Conversation starters"), "{content}");
    assert!(
        content.contains("Similar Keyfort customer wins"),
        "{content}"
    );
    assert_cited(&funding);

    // A Customer Success Manager gets risk, expansion and success metrics instead.
    app.set_persona(&sid, json!({"kind": "role", "role": "customer_success"}))
        .await;
    let risks = app.answer(&sid, "acme-corp", "any risks?").await;
    let acts = labels(&risks);
    assert!(acts.contains(&"find_expansion".to_string()), "{acts:?}");
    assert!(
        acts.contains(&"define_success_metrics".to_string()),
        "{acts:?}"
    );
    assert!(!acts.contains(&"calculate_roi".to_string()), "{acts:?}");
    let content = risks["content"].as_str().unwrap();
    assert!(content.contains("New leader: Dana Whitfield"), "{content}");

    // "and their CISO?" narrows to the CISO.
    let ciso = app.answer(&sid, "acme-corp", "and their CISO?").await;
    let content = ciso["content"].as_str().unwrap();
    assert!(
        content.contains("Dana Whitfield — Chief Information Security Officer"),
        "{content}"
    );
    assert!(!content.contains("Tom Becker"), "{content}");

    // A role nobody has is said so — "CTO" does not match a "Director".
    let cto = app.answer(&sid, "acme-corp", "who is the CTO?").await;
    let content = cto["content"].as_str().unwrap();
    assert!(
        content.contains("I found no CTO among the 4 people I have"),
        "{content}"
    );
}

#[tokio::test]
async fn when_nothing_was_found_the_answer_says_what_was_searched() {
    let app = spawn_app().await;
    // Vandelay's sources all time out in the demo data.
    let body = app.research_to_end("vandelay-industries").await;
    let sid = body["chatSessionId"].as_str().unwrap().to_string();
    let answer = app
        .answer(&sid, "vandelay-industries", "Who are they hiring?")
        .await;
    let content = answer["content"].as_str().unwrap();
    assert!(
        content.contains("I found no open roles for Vandelay Industries"),
        "{content}"
    );
    assert!(content.contains("the search failed:"), "{content}");
    assert!(content.contains("I won't guess"), "{content}");
    assert!(answer["sources"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_question_about_pending_data_is_answered_when_it_lands() {
    let app = spawn_app_with(|s| {
        s.demo_delay = server::config::DelayRange {
            min_ms: 700,
            max_ms: 900,
        };
    })
    .await;
    let sid = app.new_session().await;
    let res = app
        .server_fn(
            "choose",
            &[("session_id", &sid), ("account_id", "acme-corp")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .server_fn(
            "send",
            &[
                ("session_id", &sid),
                ("text", "What's their technology stack?"),
            ],
        )
        .await;
    let events: Vec<Value> = res.json().await.unwrap();
    let reply = events.last().unwrap()["change"]["message"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        reply,
        "⏳ Still collecting tech stack for Acme Corp — I'll answer here as soon as it lands."
    );
    // When the tech step lands, the answer follows in the chat.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let texts = texts(&app.load_chat().await["view"]);
        if let Some(t) = texts
            .iter()
            .find(|t| t.starts_with("✅ Now that it's in — their technology stack"))
        {
            assert!(t.contains("AWS"), "{t}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no deferred answer: {texts:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Exactly one deferred answer, also once the whole run has finished.
    let run = app.load_chat().await["view"]["runs"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.wait_for_run(&run).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let texts = texts(&app.load_chat().await["view"]);
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.starts_with("✅ Now that it's in"))
            .count(),
        1
    );
}

#[tokio::test]
async fn the_session_remembers_the_account_and_the_last_question_and_keeps_old_threads() {
    let app = spawn_app().await;
    let sid = app.new_session().await;
    let send = |text: &'static str| {
        let (app, sid) = (&app, sid.clone());
        async move {
            let res = app
                .server_fn("send", &[("session_id", &sid), ("text", text)])
                .await;
            assert_eq!(res.status(), 200, "{text}");
            let events: Vec<Value> = res.json().await.unwrap();
            events.last().unwrap()["change"]["message"]["text"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    // Before any account: questions ask for one.
    assert!(
        send("what's their tech stack?")
            .await
            .starts_with("Pick an account first")
    );
    let body = app.start_intelligence("acme-corp", Some(&sid)).await;
    let body: Value = body.json().await.unwrap();
    app.wait_for_run(body["executionId"].as_str().unwrap())
        .await;
    assert!(
        send("what's their tech stack?")
            .await
            .starts_with("🛠 Acme Corp technology stack")
    );
    assert!(
        send("what about their hiring?")
            .await
            .starts_with("💼 Hiring at Acme Corp")
    );
    assert!(
        send("tell me more")
            .await
            .starts_with("💼 Hiring at Acme Corp"),
        "follow-up"
    );
    // A meeting request for another company searches for it.
    assert!(
        send("Help me prepare for my meeting with Globex")
            .await
            .starts_with("Found")
    );
    let body = app.start_intelligence("globex", Some(&sid)).await;
    let body: Value = body.json().await.unwrap();
    app.wait_for_run(body["executionId"].as_str().unwrap())
        .await;
    let globex = send("who are the decision makers").await;
    assert!(
        globex.starts_with("👥 Decision makers at Globex"),
        "{globex}"
    );
    // The Acme thread is still there.
    let texts = texts(&app.load_chat().await["view"]);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("🛠 Acme Corp technology stack"))
    );
    // A button in the Acme thread still asks about Acme.
    let press = |account: &'static str| {
        let (app, sid) = (&app, sid.clone());
        async move {
            app.post_json(
                "/api/chat/ask",
                json!({"session_id": sid, "label": "What technology do they use?",
                       "intent": "technology", "focus": null, "account_id": account}),
            )
            .await
        }
    };
    let res = press("acme-corp").await;
    assert_eq!(res.status(), 200);
    let events: Vec<Value> = res.json().await.unwrap();
    let text = events.last().unwrap()["change"]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.starts_with("🛠 Acme Corp technology stack"), "{text}");
    assert_eq!(press("no-such-account").await.status(), 404);
    assert!(send("help").await.starts_with("Here's what I can do"));
    // The persona, said in words.
    let said = send("I'm the sales engineer and this is a technical discovery").await;
    assert!(
        said.ends_with("I'll tailor answers and suggestions for SE · technical discovery."),
        "{said}"
    );
    // Said together with an account, the account is searched (the purpose is remembered).
    let found = send("prep me for a renewal meeting with Initech").await;
    assert!(found.starts_with("Found"), "{found}");
}

#[tokio::test]
async fn bad_question_requests_get_clear_errors() {
    let app = spawn_app().await;
    let sid = app.new_session().await;
    let status = |res: reqwest::Response| res.status().as_u16();
    assert_eq!(status(app.question(&sid, "acme-corp", "").await), 400);
    assert_eq!(status(app.question(&sid, "acme-corp", "   ").await), 400);
    assert_eq!(
        status(app.question(&sid, "acme-corp", &"x".repeat(3_000)).await),
        400
    );
    assert_eq!(
        status(app.question(&sid, "no-such-account", "tech?").await),
        404
    );
    assert_eq!(
        status(app.question("s-nope", "acme-corp", "tech?").await),
        404
    );
    assert_eq!(
        status(
            app.other_user()
                .await
                .question(&sid, "acme-corp", "tech?")
                .await
        ),
        404
    );
    assert_eq!(
        status(app.post_raw("/api/chat/question", "{not json").await),
        400
    );
    assert_eq!(
        status(
            app.post_json(
                "/api/chat/question",
                json!({"question": "tech?", "customerId": "acme-corp"})
            )
            .await
        ),
        400,
        "chatSessionId is required"
    );
    assert_eq!(
        status(app.post_json("/api/chat/question",
            json!({"question": "tech?", "customerId": "acme-corp", "chatSessionId": sid, "admin": true})).await),
        400
    );
    assert_eq!(
        status(app.post_raw("/api/chat/question", "x".repeat(20_000)).await),
        413
    );
    // Hostile text is a question like any other: answered, never executed or echoed as markup.
    let answer = app
        .answer(&sid, "acme-corp", "<script>alert(1)</script>")
        .await;
    assert!(
        answer["content"]
            .as_str()
            .unwrap()
            .starts_with("Here's what I can do")
    );
    let answer = app
        .answer(&sid, "acme-corp", "'; DROP TABLE event; -- tech stack")
        .await;
    assert!(
        answer["content"]
            .as_str()
            .unwrap()
            .contains("technology stack")
    );
    // Bad persona and question buttons are refused with a reason.
    assert_eq!(
        status(
            app.set_persona(&sid, json!({"kind": "role", "role": "ceo"}))
                .await
        ),
        400
    );
    assert_eq!(
        status(
            app.post_json(
                "/api/chat/ask",
                json!({"session_id": sid, "label": "", "intent": "help", "focus": null})
            )
            .await
        ),
        400
    );
}
