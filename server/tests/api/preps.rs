//! The meeting-prep one-pager over the API: pin answers, generate (its progress in the chat),
//! read it back as JSON, PDF (read with poppler's `pdftotext`), deck PDF and Markdown;
//! versions and what changed; one version when asked twice at once; a kill -9 while it is
//! being made; another rep's prep is 404; bad requests get clear errors.

use crate::crash_promises::{shown, start_server, until_shown};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::live_updates::choose;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A chat whose research on `customer` has ended.
pub(crate) async fn researched(app: &TestApp, customer: &str) -> String {
    let res = app.start_intelligence(customer, None).await;
    assert_eq!(res.status(), 202);
    let body: Value = res.json().await.unwrap();
    app.wait_for_run(body["executionId"].as_str().unwrap())
        .await;
    body["chatSessionId"].as_str().unwrap().to_string()
}

/// `POST /api/preps`: the prep's id.
pub(crate) async fn generate(app: &TestApp, sid: &str) -> String {
    let res = app
        .post_json("/api/preps", json!({ "chatSessionId": sid }))
        .await;
    assert_eq!(res.status(), 202);
    let body: Value = res.json().await.unwrap();
    body["prepId"].as_str().unwrap().to_string()
}

/// The prep's JSON once version `n` is made.
pub(crate) async fn version(app: &TestApp, pid: &str, n: u64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let res = app.get(&format!("/api/preps/{pid}")).await;
        if res.status() == 200 {
            let body: Value = res.json().await.unwrap();
            if body["version"].as_u64() == Some(n) {
                return body;
            }
        }
        assert!(Instant::now() < deadline, "version {n} of {pid} never came");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The text of each page of `pdf`, read by `pdftotext`, whitespace folded.
pub(crate) fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("dossier-prep-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prep.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; `make test` installs it)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// The ids of the chat's answers that carry sources (what "📋 Add to meeting prep" pins).
pub(crate) async fn answers_with_sources(app: &TestApp, sid: &str) -> Vec<(String, String)> {
    shown(&app.events_since(sid, 0).await)
        .into_iter()
        .filter(|m| m.sources > 0 && !m.id.starts_with("msg-prep-"))
        .map(|m| (m.id, m.text))
        .collect()
}

#[tokio::test]
async fn a_prep_is_made_in_the_chat_and_read_back_as_json_pdf_deck_and_markdown() {
    let app = spawn_app().await;
    let sid = researched(&app, "acme-corp").await;
    app.answer(&sid, "acme-corp", "Who are they hiring?").await;

    // Pinning needs the prep: the first one-pager makes it.
    let pid = generate(&app, &sid).await;
    let first = version(&app, &pid, 1).await;
    assert_eq!(first["latestVersion"], 1);
    assert_eq!(first["chatSessionId"], sid);

    // The chat showed the progress in the seed's words, then the one-pager.
    let messages = shown(&app.events_since(&sid, 0).await);
    let progress = messages
        .iter()
        .find(|m| m.first == "📄 Generating Meeting Prep for Acme Corp…")
        .expect("the progress message");
    assert!(
        progress
            .text
            .starts_with("📄 Generated Meeting Prep for Acme Corp\n🎯 Personalized for: "),
        "{}",
        progress.text
    );
    assert!(
        progress.text.contains("Keyfort positioning"),
        "{}",
        progress.text
    );
    assert!(
        progress
            .text
            .contains("\n✅ Including: recent funding news"),
        "{}",
        progress.text
    );
    let one_pager = messages
        .iter()
        .find(|m| m.first.starts_with("📄 Meeting prep — Acme Corp"))
        .expect("the one-pager in the chat");
    assert!(one_pager.sources > 0);
    assert_eq!(
        one_pager.actions,
        [
            "Open the one-pager",
            "PDF",
            "Slide deck",
            "Deck as PDF",
            "Markdown",
            "Notion page for collaboration",
            "Email summary to send ahead"
        ]
    );

    // Pin two answers, then make it again: version 2 carries them, cited.
    let answers = answers_with_sources(&app, &sid).await;
    assert!(answers.len() >= 2, "{answers:?}");
    for (id, _) in answers.iter().rev().take(2) {
        let res = app
            .post_json(
                &format!("/api/preps/{pid}/items"),
                json!({ "messageId": id }),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    // Pinned twice is pinned once.
    let again = app
        .post_json(
            &format!("/api/preps/{pid}/items"),
            json!({ "messageId": answers.last().unwrap().0 }),
        )
        .await;
    assert_eq!(again.status(), 201);
    assert_eq!(
        generate(&app, &sid).await,
        pid,
        "one prep per chat and account"
    );
    let doc = version(&app, &pid, 2).await;
    assert_eq!(doc["items"].as_array().unwrap().len(), 2);
    let sections: Vec<&str> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "Executive summary",
            "Key signals",
            "People to meet",
            "Your angle",
            "Questions to ask",
            "Risks and watch-outs",
            "Next steps",
            "Pinned from the chat",
        ]
    );
    let sources = doc["sources"].as_array().unwrap();
    for s in doc["sections"].as_array().unwrap() {
        for l in s["lines"].as_array().unwrap() {
            for c in l["cites"].as_array().unwrap() {
                let n = c.as_u64().unwrap() as usize;
                assert!((1..=sources.len()).contains(&n), "{l}");
            }
            if l["kind"] == "fact" {
                assert!(
                    !l["cites"].as_array().unwrap().is_empty(),
                    "an uncited fact: {l}"
                );
            }
        }
    }
    assert_eq!(doc["newSince"]["version"], 1);
    // The first version is still there.
    let v1 = app.get(&format!("/api/preps/{pid}?version=1")).await;
    assert_eq!(v1.status(), 200);
    assert_eq!(v1.json::<Value>().await.unwrap()["version"], 1);

    // The PDF: real text, every section and the sources, at most two pages, small.
    let res = app.get(&format!("/api/preps/{pid}.pdf")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.len() <= 300 * 1024, "{} bytes", pdf.len());
    let pages = pdf_pages(&pdf);
    assert!(pages.len() <= 2, "{} pages", pages.len());
    let all = pages.join(" ");
    for h in &sections {
        assert!(all.contains(h), "{h} missing from the PDF");
    }
    assert!(all.contains("Sources"));
    for s in sources {
        assert!(all.contains(s["name"].as_str().unwrap()), "{s}");
    }

    // The deck: a slide a section, then the sources.
    let res = app.get(&format!("/api/preps/{pid}/slides.pdf")).await;
    assert_eq!(res.status(), 200);
    let slides = pdf_pages(&res.bytes().await.unwrap());
    assert_eq!(slides.len(), sections.len() + 1);
    for (slide, h) in slides.iter().zip(&sections) {
        assert!(slide.contains(h), "{h}: {slide}");
    }

    // Markdown.
    let res = app.get(&format!("/api/preps/{pid}.md")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    let md = res.text().await.unwrap();
    assert!(md.starts_with("# Meeting prep — Acme Corp\n"), "{md}");
    assert!(md.contains("\n## Sources\n"));

    // The list.
    let list: Value = app.get("/api/preps").await.json().await.unwrap();
    assert_eq!(list[0]["prepId"], pid);
    assert_eq!(list[0]["version"], 2);
    assert_eq!(list[0]["items"], 2);

    // Unpin: gone, and a second time there is nothing to remove.
    let item = doc["items"][0]["itemId"].as_str().unwrap().to_string();
    for status in [204, 404] {
        let del = app
            .client
            .delete(app.url(&format!("/api/preps/{pid}/items/{item}")))
            .send()
            .await
            .unwrap();
        assert_eq!(del.status(), status);
    }

    // "What changed since my last prep?" answers from the versions.
    let changed = app
        .answer(&sid, "acme-corp", "what changed since my last prep?")
        .await;
    let content = changed["content"].as_str().unwrap();
    assert!(
        content.starts_with("Nothing has changed since your prep of ")
            || content.starts_with("🆕 New since your prep of "),
        "{content}"
    );

    // Another rep sees none of it.
    let other = app.other_user().await;
    for path in [
        format!("/api/preps/{pid}"),
        format!("/api/preps/{pid}.pdf"),
        format!("/api/preps/{pid}.md"),
        format!("/api/preps/{pid}/slides.pdf"),
    ] {
        assert_eq!(other.get(&path).await.status(), 404, "{path}");
    }
    let res = other
        .post_json(
            &format!("/api/preps/{pid}/items"),
            json!({ "messageId": answers[0].0 }),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = other
        .post_json("/api/preps", json!({ "chatSessionId": sid }))
        .await;
    assert_eq!(res.status(), 404);
    let list: Value = other.get("/api/preps").await.json().await.unwrap();
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn asked_twice_at_once_it_makes_one_version() {
    // Research slow enough that both requests come while the first is still being made
    // (it waits for the run).
    let app = spawn_app_with(|s| {
        s.demo_delay = server::config::DelayRange {
            min_ms: 400,
            max_ms: 500,
        }
    })
    .await;
    let sid = app.new_session().await;
    choose(&app, &sid, "globex").await;
    let (a, b) = tokio::join!(
        app.post_json("/api/preps", json!({ "chatSessionId": sid })),
        app.post_json("/api/preps", json!({ "chatSessionId": sid })),
    );
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (202, 202));
    let a: Value = a.json().await.unwrap();
    let b: Value = b.json().await.unwrap();
    assert_eq!(a["prepId"], b["prepId"]);
    let pid = a["prepId"].as_str().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.get(&format!("/api/preps/{pid}")).await.status() != 200 {
        let texts: Vec<String> = shown(&app.events_since(&sid, 0).await)
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert!(
            Instant::now() < deadline,
            "no version 1: {:#?}",
            &texts[texts.len().saturating_sub(3)..]
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let doc: Value = app
        .get(&format!("/api/preps/{pid}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(doc["latestVersion"], 1);
    let made = shown(&app.events_since(&sid, 0).await)
        .iter()
        .filter(|m| m.first.starts_with("📄 Meeting prep — "))
        .count();
    assert_eq!(made, 1);
}

#[tokio::test]
async fn typed_in_the_chat_it_waits_for_the_research_then_shows_the_one_pager() {
    let app = spawn_app().await;
    let sid = app.new_session().await;
    choose(&app, &sid, "initech").await;
    // Asked while the run is on: the answer is the one-pager, once the run is done.
    let answer = app
        .answer(&sid, "initech", "Create my meeting prep one-pager")
        .await;
    let content = answer["content"].as_str().unwrap();
    assert!(
        content.starts_with("📄 Meeting prep — Initech"),
        "{content}"
    );
    let runs: Vec<Value> = app.load_chat().await["view"]["runs"]
        .as_array()
        .unwrap()
        .clone();
    assert!(runs.iter().all(|r| r["status"] != "running"), "{runs:?}");
    // Initech's news source is down in the demo data: said, once, not dressed as a fact.
    assert!(content.contains("Not in yet"), "{content}");
}

#[tokio::test]
async fn bad_prep_requests_get_clear_errors() {
    let app = spawn_app().await;
    let empty = app.new_session().await;
    let cases: Vec<(&str, reqwest::Body, u16, &str)> = vec![
        ("/api/preps", "".into(), 400, "empty"),
        ("/api/preps", "{".into(), 400, "Malformed JSON"),
        ("/api/preps", "[]".into(), 400, "Malformed JSON"),
        (
            "/api/preps",
            r#"{"chatSessionId": 7}"#.into(),
            400,
            "Malformed JSON",
        ),
        (
            "/api/preps",
            r#"{"chatSessionId": "s-1", "x": 1}"#.into(),
            400,
            "unknown field",
        ),
        (
            "/api/preps",
            r#"{"chatSessionId": "s-nope"}"#.into(),
            404,
            "No chat session",
        ),
        (
            "/api/preps",
            r#"{"chatSessionId": "../../etc"}"#.into(),
            404,
            "No chat session",
        ),
        (
            "/api/preps",
            format!(r#"{{"chatSessionId": "{}"}}"#, "a".repeat(20_000)).into(),
            413,
            "",
        ),
    ];
    for (path, body, status, says) in cases {
        let res = app.post_raw(path, body).await;
        assert_eq!(res.status().as_u16(), status, "{path} {says}");
        if !says.is_empty() {
            let text = res.text().await.unwrap();
            assert!(text.contains(says), "{text}");
        }
    }
    let res = app
        .post_json("/api/preps", json!({ "chatSessionId": empty }))
        .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("pick one"));
    for path in [
        "/api/preps/prep-nope",
        "/api/preps/prep-nope.pdf",
        "/api/preps/prep-nope.exe",
        "/api/preps/..%2F..%2Fetc",
        "/api/preps/prep-nope/slides.pdf",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
    let res = app.get("/api/preps/prep-nope?version=abc").await;
    assert_eq!(res.status(), 400);
    let res = app
        .post_json("/api/preps/prep-nope/items", json!({ "messageId": "m-1" }))
        .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_pager_promised_before_a_kill_9_is_made_after_the_restart() {
    // Slow research: the one-pager waits for it, so the kill lands while it is owed.
    let (mut server, app) = start_server(vec![("DOSSIER_DEMO_DELAY_MS", "3000".into())]).await;
    let sid = app.new_session().await;
    choose(&app, &sid, "acme-corp").await;
    let res = app
        .post_json("/api/preps", json!({ "chatSessionId": sid }))
        .await;
    assert_eq!(res.status(), 202);
    let pid = res.json::<Value>().await.unwrap()["prepId"]
        .as_str()
        .unwrap()
        .to_string();
    server.kill9();
    server.restart();
    server.wait_healthy().await;
    let messages = until_shown(&app, &sid, 60, "the one-pager after the restart", |m| {
        m.iter()
            .any(|m| m.first.starts_with("📄 Meeting prep — Acme Corp"))
    })
    .await;
    let made = messages
        .iter()
        .filter(|m| m.first.starts_with("📄 Meeting prep — "))
        .count();
    assert_eq!(made, 1, "made once");
    let doc = version(&app, &pid, 1).await;
    assert_eq!(doc["latestVersion"], 1);
}

#[tokio::test]
async fn without_javascript_pin_move_and_remove_are_plain_forms() {
    let app = spawn_app().await;
    let sid = researched(&app, "acme-corp").await;
    let answers = answers_with_sources(&app, &sid).await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = format!("dossier_session={}", app.session);
    let post = |path: String, form: Vec<(&'static str, String)>| {
        no_redirects
            .post(app.url(&path))
            .header("cookie", cookie.clone())
            .form(&form)
            .send()
    };
    for (id, _) in answers.iter().take(2) {
        let res = post(
            "/prep/pin".into(),
            vec![("session_id", sid.clone()), ("message_id", id.clone())],
        )
        .await
        .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            format!("/?chat={sid}#message-{id}").as_str()
        );
    }
    let pid = generate(&app, &sid).await;
    version(&app, &pid, 1).await;
    assert_eq!(pinned(&app, &pid).await, 2);
    // The page lists them in order; "↓" on the first makes it second.
    let page = app.get(&format!("/preps/{pid}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let first_form = html
        .find("/items/")
        .expect("the items' forms are in the page");
    let item = &html[first_form + 7..];
    let item: String = item.chars().take_while(|c| *c != '/').collect();
    let res = post(
        format!("/preps/{pid}/items/{item}/move"),
        vec![("dir", "down".into())],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    let res = post(format!("/preps/{pid}/items/{item}/remove"), vec![])
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(pinned(&app, &pid).await, 1);
    // Another rep's form does nothing to it.
    let left = pinned_ids(&app, &pid).await.remove(0);
    let other = app.other_user().await;
    let res = no_redirects
        .post(app.url(&format!("/preps/{pid}/items/{left}/remove")))
        .header("cookie", format!("dossier_session={}", other.session))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(pinned(&app, &pid).await, 1);
}

/// The ids of the items pinned to `pid` (it needs no one-pager yet: read from the page's
/// forms).
async fn pinned_ids(app: &TestApp, pid: &str) -> Vec<String> {
    let html = app
        .get(&format!("/preps/{pid}"))
        .await
        .text()
        .await
        .unwrap();
    let mut ids: Vec<String> = html
        .match_indices(&format!("/preps/{pid}/items/"))
        .map(|(i, m)| {
            html[i + m.len()..]
                .chars()
                .take_while(|c| *c != '/')
                .collect()
        })
        .collect();
    ids.dedup();
    ids
}

async fn pinned(app: &TestApp, pid: &str) -> u64 {
    let list: Value = app.get("/api/preps").await.json().await.unwrap();
    assert_eq!(list[0]["prepId"], pid);
    list[0]["items"].as_u64().unwrap()
}
