//! Sharing a prep over real protocols: a read-only link opened signed out (and 404 after
//! revoke and after expiry), the customer-safe send-ahead draft, the one-pager emailed to a
//! colleague through a loopback SMTP server (PDF attached), Slack Block Kit to a loopback
//! webhook, Notion blocks to a loopback Notion API (a 429 retried) — each send recorded on
//! the prep, failures in plain words with a retry, secrets never shown back.

use crate::helpers::{TestApp, no_redirects, spawn_app_with, spawn_server_and_store};
use crate::preps::{generate, pdf_pages, researched, version};
use crate::smtp_server::SmtpServer;
use serde_json::{Value, json};
use server::config::Settings;
use std::time::{Duration, Instant};
use wiremock::matchers::{header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A chat about Acme with its first one-pager made: (chat, prep).
async fn made_prep(app: &TestApp) -> (String, String) {
    let sid = researched(app, "acme-corp").await;
    let pid = generate(app, &sid).await;
    version(app, &pid, 1).await;
    (sid, pid)
}

/// The prep's JSON.
async fn prep(app: &TestApp, pid: &str) -> Value {
    let res = app.get(&format!("/api/preps/{pid}")).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// The send `send_id` once it is no longer sending.
async fn settled(app: &TestApp, pid: &str, send_id: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let p = prep(app, pid).await;
        let send = p["sends"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["sendId"] == send_id)
            .cloned()
            .expect("the send is on the prep");
        if send["status"] != "sending" {
            return send;
        }
        assert!(Instant::now() < deadline, "send {send_id} never ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The send `send_id` once it ended: failed, its reason saying each of `words`.
async fn failed_saying(app: &TestApp, pid: &str, send_id: &str, words: &[&str]) {
    let send = settled(app, pid, send_id).await;
    assert_eq!(send["status"], "failed", "{send}");
    let reason = send["reason"].as_str().unwrap_or("");
    for w in words {
        assert!(reason.contains(w), "{w:?} in {reason:?}");
    }
}

/// `POST /api/preps/{id}/send`: the send's id (202).
async fn send(app: &TestApp, pid: &str, body: Value) -> String {
    let res = app.post_json(&format!("/api/preps/{pid}/send"), body).await;
    assert_eq!(res.status(), 202, "{:?}", res.text().await);
    let sent: Value = res.json().await.unwrap();
    assert_eq!(sent["status"], "sending");
    sent["sendId"].as_str().unwrap().to_string()
}

/// Ask `question` in chat `sid` and pin the rep's message to prep `pid`.
async fn pin_question(app: &TestApp, sid: &str, pid: &str, question: &str) {
    app.question(sid, "acme-corp", question).await;
    let events = app.events_since(sid, 0).await;
    let mine = events
        .iter()
        .filter_map(|e| e["change"]["message"].as_object())
        .find(|m| m["text"].as_str().is_some_and(|t| t.contains(question)))
        .map(|m| m["id"].as_str().unwrap().to_string())
        .expect("the question is in the chat");
    let r = app
        .post_json(
            &format!("/api/preps/{pid}/items"),
            json!({ "messageId": mine }),
        )
        .await;
    assert_eq!(r.status(), 201);
}

/// Every line of the one-pager's internal sections (what a customer must never read).
fn internal_lines(p: &Value) -> Vec<String> {
    p["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            ["summary", "signals", "people", "angle", "risks"].contains(&s["key"].as_str().unwrap())
        })
        .flat_map(|s| s["lines"].as_array().unwrap().clone())
        .map(|l| l["text"].as_str().unwrap().to_string())
        .filter(|t| t.len() > 12)
        .collect()
}

#[tokio::test]
async fn a_link_opens_that_prep_signed_out_shows_its_version_and_is_404_after_revoke() {
    let app = spawn_app_with(|_| {}).await;
    let (sid, pid) = made_prep(&app).await;
    let res = app.post_raw(&format!("/api/preps/{pid}/share"), "").await;
    assert_eq!(res.status(), 201);
    let link: Value = res.json().await.unwrap();
    let url = link["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with(&format!("http://{}/share/", app.addr)),
        "{url}"
    );
    let expires =
        chrono::DateTime::parse_from_rfc3339(link["expiresAt"].as_str().unwrap()).unwrap();
    let days = (expires.timestamp_millis() - server::now_ms()) / 86_400_000;
    assert!((13..=14).contains(&days), "the default is 14 days: {days}");

    // Signed out: the prep, and nothing else.
    let stranger = no_redirects();
    let res = stranger.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert!(
        res.headers().get("set-cookie").is_none(),
        "opening a link signs nobody in"
    );
    let page = res.text().await.unwrap();
    assert!(page.contains("Meeting prep — Acme Corp"));
    assert!(page.contains("Executive summary") && page.contains("Sources"));
    assert!(page.contains("Shared by Test Rep, read-only"));
    assert!(!page.contains("<script"), "no script on a shared page");
    assert!(!page.contains(&sid), "the chat is not reachable from it");
    assert!(!page.contains("Your pinned items") && !page.contains("Share and send"));
    // Its PDF, read back.
    let pdf = stranger.get(format!("{url}.pdf")).send().await.unwrap();
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let text = pdf_pages(&pdf.bytes().await.unwrap()).join(" ");
    assert!(text.contains("Acme Corp"), "{text}");
    // The link opens nothing else: holding it, the stranger still reaches no chat, no API.
    for path in [
        "/",
        "/chats",
        &format!("/api/preps/{pid}"),
        &format!("/preps/{pid}"),
    ] {
        let r = stranger.get(app.url(path)).send().await.unwrap();
        assert!(
            r.status() == 303 || r.status() == 401,
            "{path}: {}",
            r.status()
        );
    }

    // A newer version: the old link still shows version 1, and says so.
    generate(&app, &sid).await;
    version(&app, &pid, 2).await;
    let page = stranger
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("This is version 1: Test Rep has made a newer one since."),
        "{page}"
    );
    let shares = prep(&app, &pid).await["shareLinks"].clone();
    assert_eq!(shares.as_array().unwrap().len(), 1);
    assert!(
        !shares.to_string().contains(url.rsplit('/').next().unwrap()),
        "the token is never shown again"
    );

    // Another rep can neither share nor revoke it.
    let other = app.other_user().await;
    assert_eq!(
        other
            .post_raw(&format!("/api/preps/{pid}/share"), "")
            .await
            .status(),
        404
    );
    let r = other
        .client
        .delete(other.url(&format!("/api/preps/{pid}/share")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(stranger.get(&url).send().await.unwrap().status(), 200);

    // Revoked: 404, PDF too.
    let r = app
        .client
        .delete(app.url(&format!("/api/preps/{pid}/share")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let gone = stranger.get(&url).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    assert!(gone.text().await.unwrap().contains("ask for a new one"));
    assert_eq!(
        stranger
            .get(format!("{url}.pdf"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Hostile text pinned from the chat is shown as text on a shared page.
    let hostile = "What about <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))?";
    pin_question(&app, &sid, &pid, hostile).await;
    generate(&app, &sid).await;
    version(&app, &pid, 3).await;
    let link: Value = app
        .post_raw(&format!("/api/preps/{pid}/share"), "")
        .await
        .json()
        .await
        .unwrap();
    let page = stranger
        .get(link["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the pinned text is there, escaped"
    );
    assert!(
        !page.contains("<script") && !page.contains("<img"),
        "and inert"
    );
    assert!(!page.contains("href=\"javascript:"));

    // Made-up, hostile and huge tokens: 404, never a 500.
    for token in [
        "x".to_string(),
        "0".repeat(64),
        server::random_id(32),
        "%2e%2e%2fapi%2fpreps".into(),
        "<script>".into(),
        "a".repeat(5_000),
        format!("dsr_{}", server::random_id(32)),
    ] {
        let r = stranger
            .get(app.url(&format!("/share/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{token}");
    }
}

#[tokio::test]
async fn a_link_stops_working_when_it_expires_and_bad_lifetimes_are_refused() {
    let app = spawn_app_with(|s: &mut Settings| {
        s.sharing.share_for = Duration::from_millis(1_500);
    })
    .await;
    let (_, pid) = made_prep(&app).await;
    let res = app.post_raw(&format!("/api/preps/{pid}/share"), "").await;
    assert_eq!(res.status(), 201);
    let link: Value = res.json().await.unwrap();
    let url = link["url"].as_str().unwrap();
    assert_eq!(reqwest::get(url).await.unwrap().status(), 200);
    let expires =
        chrono::DateTime::parse_from_rfc3339(link["expiresAt"].as_str().unwrap()).unwrap();
    let wait = (expires.timestamp_millis() - server::now_ms() + 1_100).max(0) as u64;
    tokio::time::sleep(Duration::from_millis(wait)).await;
    assert_eq!(reqwest::get(url).await.unwrap().status(), 404);
    assert_eq!(prep(&app, &pid).await["shareLinks"], json!([]));

    // The rep may choose 1 to 90 days; anything else is a clear 400.
    let ok = app
        .post_json(
            &format!("/api/preps/{pid}/share"),
            json!({ "expiresInDays": 90 }),
        )
        .await;
    assert_eq!(ok.status(), 201);
    for bad in [
        json!({ "expiresInDays": 0 }),
        json!({ "expiresInDays": 91 }),
        json!({ "expiresInDays": "soon" }),
        json!({ "expiresInDays": -1 }),
        json!({ "forever": true }),
    ] {
        let r = app
            .post_json(&format!("/api/preps/{pid}/share"), bad.clone())
            .await;
        assert_eq!(r.status(), 400, "{bad}");
        let e: Value = r.json().await.unwrap();
        assert!(!e["error"].as_str().unwrap().is_empty());
    }
    let r = app
        .post_raw(&format!("/api/preps/{pid}/share"), "{not json")
        .await;
    assert_eq!(r.status(), 400);
    // A prep that is not there, or has no one-pager yet.
    assert_eq!(
        app.post_raw("/api/preps/prep-nope/share", "")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn the_send_ahead_draft_is_customer_safe_and_opens_as_an_unsent_email() {
    let app = spawn_app_with(|_| {}).await;
    let (_, pid) = made_prep(&app).await;
    let p = prep(&app, &pid).await;
    let res = app.get(&format!("/api/preps/{pid}/email.eml")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "message/rfc822");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".eml")
    );
    let eml = res.bytes().await.unwrap();
    let mail = mailparse::parse_mail(&eml).unwrap();
    use mailparse::MailHeaderMap;
    assert_eq!(
        mail.headers.get_first_value("X-Unsent").as_deref(),
        Some("1")
    );
    assert!(
        mail.headers.get_first_value("To").is_none(),
        "the rep adds the attendees"
    );
    assert!(
        mail.headers
            .get_first_value("From")
            .unwrap()
            .contains(&app.email)
    );
    let subject = mail.headers.get_first_value("Subject").unwrap();
    assert!(
        subject.starts_with("Ahead of our meeting — Acme Corp"),
        "{subject}"
    );
    let body = mail.get_body().unwrap();
    for part in [
        "Agenda",
        "What I hope to learn",
        "What I'll bring",
        "Test Rep",
    ] {
        assert!(body.contains(part), "{part} in {body}");
    }
    let internal = internal_lines(&p);
    assert!(
        internal.len() > 5,
        "the prep has internal lines to keep out"
    );
    for line in &internal {
        assert!(
            !body.contains(line.as_str()),
            "internal line in the draft: {line}"
        );
    }
    for s in p["sources"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        assert!(!body.contains(name), "a source is named: {name}");
    }
    // The same note as a mailto: draft on the prep page's data.
    let page = app
        .get(&format!("/preps/{pid}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("mailto:?subject=Ahead%20of%20our%20meeting"),
        "the page offers the draft"
    );
    // Another rep's prep: 404.
    let other = app.other_user().await;
    assert_eq!(
        other
            .get(&format!("/api/preps/{pid}/email.eml"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_colleague_gets_the_one_pager_with_its_pdf_and_the_rep_gets_the_send_ahead_note() {
    let smtp = SmtpServer::start().await;
    smtp.refuse
        .lock()
        .unwrap()
        .insert("nobody@dossier.test".into(), "no such user here".into());
    let url = smtp.url();
    let app = spawn_app_with(move |s: &mut Settings| {
        s.sharing.smtp_url = Some(url);
        s.sharing.smtp_from = Some("Dossier <dossier@example.com>".into());
    })
    .await;
    let (_, pid) = made_prep(&app).await;
    let p = prep(&app, &pid).await;

    let id = send(
        &app,
        &pid,
        json!({ "channel": "email", "to": "sam@dossier.test" }),
    )
    .await;
    let done = settled(&app, &pid, &id).await;
    assert_eq!(done["status"], "delivered", "{done}");
    assert_eq!(done["to"], "sam@dossier.test");
    assert_eq!(done["version"], 1);
    let got = smtp.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["sam@dossier.test".to_string()]);
    assert_eq!(got[0].from, "dossier@example.com");
    let mail = mailparse::parse_mail(&got[0].data).unwrap();
    use mailparse::MailHeaderMap;
    assert!(
        mail.headers
            .get_first_value("Subject")
            .unwrap()
            .contains("Meeting prep — Acme Corp")
    );
    assert!(
        mail.headers
            .get_first_value("Reply-To")
            .unwrap()
            .contains(&app.email)
    );
    assert!(
        mail.headers
            .get_first_value("From")
            .unwrap()
            .contains("Test Rep via Dossier")
    );
    let mut html = None;
    let mut pdf = None;
    let mut parts = vec![&mail];
    while let Some(part) = parts.pop() {
        parts.extend(part.subparts.iter());
        match part.ctype.mimetype.as_str() {
            "text/html" => html = Some(part.get_body().unwrap()),
            "application/pdf" => pdf = Some(part.get_body_raw().unwrap()),
            _ => {}
        }
    }
    let html = html.expect("an HTML body");
    for s in p["sections"].as_array().unwrap() {
        assert!(
            html.contains(s["heading"].as_str().unwrap()),
            "{}",
            s["heading"]
        );
    }
    let pdf = pdf.expect("the PDF attached");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf_pages(&pdf).join(" ").contains("Acme Corp"));

    // The send-ahead note, to the rep to forward: none of the internal sections.
    let id = send(&app, &pid, json!({ "channel": "email" })).await;
    assert_eq!(settled(&app, &pid, &id).await["status"], "delivered");
    let got = smtp.messages();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].to, vec![app.email.clone()]);
    let note = mailparse::parse_mail(&got[1].data)
        .unwrap()
        .get_body()
        .unwrap();
    assert!(note.contains("Agenda"));
    for line in internal_lines(&p) {
        assert!(
            !note.contains(line.as_str()),
            "internal line in the note: {line}"
        );
    }

    // An address the server refuses: recorded with the server's reason; nothing lost.
    let id = send(
        &app,
        &pid,
        json!({ "channel": "email", "to": "nobody@dossier.test" }),
    )
    .await;
    failed_saying(&app, &pid, &id, &["refused", "no such user here"]).await;
    // A busy server (451), then Retry: delivered.
    smtp.refuse.lock().unwrap().clear();
    *smtp.busy.lock().unwrap() = 1;
    let id2 = send(
        &app,
        &pid,
        json!({ "channel": "email", "to": "lee@dossier.test" }),
    )
    .await;
    failed_saying(&app, &pid, &id2, &["busy"]).await;
    let r = app
        .post_raw(&format!("/api/preps/{pid}/sends/{id2}/retry"), "")
        .await;
    assert_eq!(r.status(), 202);
    let again = settled(&app, &pid, &id2).await;
    assert_eq!(again["status"], "delivered", "{again}");
    assert_eq!(again["attempts"], 2);
    // A delivered send is not sent twice by Retry.
    assert_eq!(
        app.post_raw(&format!("/api/preps/{pid}/sends/{id2}/retry"), "")
            .await
            .status(),
        400
    );

    // The one-pager holds internal notes: a customer's address is refused, a member's is not.
    let r = app
        .post_json(
            &format!("/api/preps/{pid}/send"),
            json!({ "channel": "email", "to": "cfo@acmecorp.com" }),
        )
        .await;
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"].as_str().unwrap().contains("only to colleagues"),
        "{e}"
    );
    let member = app.other_user().await;
    let id = send(
        &app,
        &pid,
        json!({ "channel": "email", "to": member.email }),
    )
    .await;
    assert_eq!(settled(&app, &pid, &id).await["status"], "delivered");

    // Bad input: a clear 400, nothing sent.
    let before = smtp.messages().len();
    for bad in [
        json!({ "channel": "email", "to": "sam@example.com\r\nBcc: all@example.com" }),
        json!({ "channel": "email", "to": "not an address" }),
        json!({ "channel": "email", "to": "a@b.c, d@e.f" }),
        json!({ "channel": "email", "to": format!("{}@example.com", "a".repeat(10_000)) }),
        json!({ "channel": "fax" }),
        json!({ "channel": "slack", "to": "sam@example.com" }),
        json!({ "to": "sam@example.com" }),
        json!({ "channel": "email", "cc": "x@y.z" }),
    ] {
        let r = app
            .post_json(&format!("/api/preps/{pid}/send"), bad.clone())
            .await;
        assert_eq!(r.status(), 400, "{bad}");
    }
    assert_eq!(
        app.post_raw(&format!("/api/preps/{pid}/send"), "")
            .await
            .status(),
        400
    );
    assert_eq!(
        app.post_raw(&format!("/api/preps/{pid}/send"), "[1,2")
            .await
            .status(),
        400
    );
    let other = app.other_user().await;
    let r = other
        .post_json(
            &format!("/api/preps/{pid}/send"),
            json!({ "channel": "email" }),
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(smtp.messages().len(), before);
}

#[tokio::test]
async fn without_a_mail_server_email_is_refused_in_plain_words() {
    let app = spawn_app_with(|_| {}).await;
    let (_, pid) = made_prep(&app).await;
    let r = app
        .post_json(
            &format!("/api/preps/{pid}/send"),
            json!({ "channel": "email", "to": "sam@example.com" }),
        )
        .await;
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert!(e["error"].as_str().unwrap().contains("DOSSIER_SMTP_URL"));
    for channel in ["slack", "notion"] {
        let r = app
            .post_json(
                &format!("/api/preps/{pid}/send"),
                json!({ "channel": channel }),
            )
            .await;
        assert_eq!(r.status(), 400, "{channel} needs its settings first");
        let e: Value = r.json().await.unwrap();
        assert!(e["error"].as_str().unwrap().contains("Settings"));
    }
}

/// Slack's own checks of a webhook message, as far as they are written down.
fn valid_block_kit(body: &Value) {
    let blocks = body["blocks"].as_array().expect("blocks");
    assert!(
        !blocks.is_empty() && blocks.len() <= 50,
        "{} blocks",
        blocks.len()
    );
    assert!(body["text"].is_string(), "a notification text");
    for b in blocks {
        let kind = b["type"].as_str().unwrap();
        assert!(
            ["header", "section", "context", "divider"].contains(&kind),
            "{kind}"
        );
        let mut texts: Vec<&Value> = Vec::new();
        if let Some(t) = b.get("text") {
            texts.push(t);
        }
        if let Some(e) = b["elements"].as_array() {
            assert!(e.len() <= 10, "a context holds at most 10 elements");
            texts.extend(e.iter());
        }
        for t in texts {
            let tt = t["type"].as_str().unwrap();
            let s = t["text"].as_str().unwrap();
            assert!(!s.is_empty());
            match kind {
                "header" => {
                    assert_eq!(tt, "plain_text");
                    assert!(s.chars().count() <= 150);
                }
                _ => {
                    assert!(tt == "plain_text" || tt == "mrkdwn");
                    assert!(s.chars().count() <= 3_000);
                }
            }
        }
    }
}

#[tokio::test]
async fn slack_gets_valid_block_kit_failures_are_recorded_and_the_webhook_is_never_shown() {
    let slack = MockServer::start().await;
    let prefix = format!("{}/services/", slack.uri());
    let for_app = prefix.clone();
    let app = spawn_app_with(move |s: &mut Settings| {
        s.sharing.slack_prefix = for_app;
        s.sharing.slack.backoff = Duration::from_millis(10);
    })
    .await;
    let (sid, pid) = made_prep(&app).await;
    // Hostile text pinned from the chat: it must stay text in Slack.
    let hostile = "What about <!channel> *urgent* <https://evil.example|click> @here?";
    pin_question(&app, &sid, &pid, hostile).await;
    generate(&app, &sid).await;
    version(&app, &pid, 2).await;

    // A webhook outside the prefix is refused; the right one is saved and never shown.
    let secret = "T000/B000/XXXXsecretXXXX";
    let r = app
        .settings_form(
            "/settings/slack",
            &[("webhook", "http://169.254.169.254/latest")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/settings?error=slack-webhook");
    let r = app
        .settings_form(
            "/settings/slack",
            &[("webhook", &format!("{prefix}{secret}"))],
        )
        .await;
    assert_eq!(r.headers()["location"], "/settings?saved=slack");
    let settings = app.get("/settings").await.text().await.unwrap();
    assert!(settings.contains("A webhook is saved since"));
    assert!(
        !settings.contains("XXXXsecretXXXX"),
        "the webhook is never shown back"
    );

    // 429 once (with Retry-After), then ok.
    Mock::given(method("POST"))
        .and(path(format!("/services/{secret}")))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&slack)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/services/{secret}")))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&slack)
        .await;
    let id = send(&app, &pid, json!({ "channel": "slack" })).await;
    let done = settled(&app, &pid, &id).await;
    assert_eq!(done["status"], "delivered", "{done}");
    assert!(done["to"].is_null());
    let got: Vec<Request> = slack.received_requests().await.unwrap();
    assert_eq!(got.len(), 2, "the 429 was retried once");
    let body: Value = serde_json::from_slice(&got[1].body).unwrap();
    valid_block_kit(&body);
    assert!(
        body["blocks"][0]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("Acme Corp")
    );
    // The pinned question arrives as plain text: no mention, no link, no bold.
    let blocks = body["blocks"].as_array().unwrap();
    let carrying: Vec<&Value> = blocks
        .iter()
        .filter(|b| {
            b["text"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("!channel"))
        })
        .collect();
    assert!(!carrying.is_empty());
    for b in carrying {
        assert_eq!(b["text"]["type"], "plain_text", "{b}");
    }
    for b in blocks.iter().filter(|b| b["text"]["type"] == "mrkdwn") {
        assert!(!b["text"]["text"].as_str().unwrap().contains("<!"), "{b}");
    }

    // The webhook is gone in Slack (404 no_service): a plain reason and Retry.
    slack.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(404).set_body_string("no_service"))
        .mount(&slack)
        .await;
    let id = send(&app, &pid, json!({ "channel": "slack" })).await;
    failed_saying(&app, &pid, &id, &["paste a new one in Settings"]).await;
    let json = prep(&app, &pid).await.to_string();
    assert!(
        !json.contains("XXXXsecretXXXX"),
        "the webhook is in no answer"
    );

    // Removed in settings: a send is refused at once.
    let r = app.settings_form("/settings/slack/remove", &[]).await;
    assert_eq!(r.headers()["location"], "/settings?saved=slack-off");
    let r = app
        .post_json(
            &format!("/api/preps/{pid}/send"),
            json!({ "channel": "slack" }),
        )
        .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn notion_gets_a_page_of_blocks_within_its_limits_and_a_429_is_retried() {
    let notion = MockServer::start().await;
    let api = notion.uri();
    let app = spawn_app_with(move |s: &mut Settings| {
        s.sharing.notion.base_url = api;
        s.sharing.notion.backoff = Duration::from_millis(10);
    })
    .await;
    let (_, pid) = made_prep(&app).await;
    let token = "ntn_test_integration_token_123456";
    let page = "https://www.notion.so/acme/Team-Preps-0f3c1e2a9b8d4c7ea6f51234567890ab";
    let r = app
        .settings_form(
            "/settings/notion",
            &[("token", token), ("page", "not a page")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/settings?error=notion-page");
    let r = app
        .settings_form("/settings/notion", &[("token", "short"), ("page", page)])
        .await;
    assert_eq!(r.headers()["location"], "/settings?error=notion-token");
    let r = app
        .settings_form("/settings/notion", &[("token", token), ("page", page)])
        .await;
    assert_eq!(r.headers()["location"], "/settings?saved=notion");
    let settings = app.get("/settings").await.text().await.unwrap();
    assert!(settings.contains("0f3c1e2a-9b8d-4c7e-a6f5-1234567890ab"));
    assert!(!settings.contains(token), "the token is never shown back");

    let created = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    Mock::given(method("POST"))
        .and(path("/v1/pages"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&notion)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/pages"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .and(header("notion-version", "2022-06-28"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "page", "id": created, "url": "https://www.notion.so/Meeting-prep-aaaaaaaa"
        })))
        .mount(&notion)
        .await;
    Mock::given(method("PATCH"))
        .and(path_regex(r"^/v1/blocks/[0-9a-f-]+/children$"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "object": "list", "results": [] })),
        )
        .mount(&notion)
        .await;
    let id = send(&app, &pid, json!({ "channel": "notion" })).await;
    let done = settled(&app, &pid, &id).await;
    assert_eq!(done["status"], "delivered", "{done}");
    assert_eq!(done["link"], "https://www.notion.so/Meeting-prep-aaaaaaaa");
    let got = notion.received_requests().await.unwrap();
    assert_eq!(got[0].method.as_str(), "POST");
    assert_eq!(got[1].method.as_str(), "POST", "the 429 was retried");
    let body: Value = serde_json::from_slice(&got[1].body).unwrap();
    assert_eq!(
        body["parent"]["page_id"],
        "0f3c1e2a-9b8d-4c7e-a6f5-1234567890ab"
    );
    assert_eq!(
        body["properties"]["title"]["title"][0]["text"]["content"],
        "Meeting prep — Acme Corp"
    );
    let mut blocks: Vec<Value> = body["children"].as_array().unwrap().clone();
    for r in &got[2..] {
        let more: Value = serde_json::from_slice(&r.body).unwrap();
        blocks.extend(more["children"].as_array().unwrap().iter().cloned());
    }
    for r in &got[1..] {
        let b: Value = serde_json::from_slice(&r.body).unwrap();
        assert!(b["children"].as_array().unwrap().len() <= 100);
    }
    let p = prep(&app, &pid).await;
    let headings: Vec<String> = blocks
        .iter()
        .filter(|b| b["type"] == "heading_2")
        .map(|b| {
            b["heading_2"]["rich_text"][0]["text"]["content"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for s in p["sections"].as_array().unwrap() {
        assert!(headings.contains(&s["heading"].as_str().unwrap().to_string()));
    }
    for b in &blocks {
        let kind = b["type"].as_str().unwrap();
        for t in b[kind]["rich_text"].as_array().unwrap() {
            assert!(t["text"]["content"].as_str().unwrap().chars().count() <= 2_000);
        }
    }
    assert!(!p.to_string().contains(token), "the token is in no answer");

    // A refused token: a plain reason, then Retry once it is fixed.
    notion.reset().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"object":"error","status":401,"code":"unauthorized"})),
        )
        .up_to_n_times(1)
        .mount(&notion)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/pages"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "id": created, "url": "https://www.notion.so/x" })),
        )
        .mount(&notion)
        .await;
    let id = send(&app, &pid, json!({ "channel": "notion" })).await;
    failed_saying(&app, &pid, &id, &["integration token"]).await;
    let r = app
        .post_raw(&format!("/api/preps/{pid}/sends/{id}/retry"), "")
        .await;
    assert_eq!(r.status(), 202);
    assert_eq!(settled(&app, &pid, &id).await["status"], "delivered");
}

#[tokio::test]
async fn notion_blocks_past_a_hundred_go_in_batches_of_a_hundred() {
    let notion = MockServer::start().await;
    let created = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    Mock::given(method("POST"))
        .and(path("/v1/pages"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "id": created, "url": "https://www.notion.so/p" })),
        )
        .mount(&notion)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("/v1/blocks/{created}/children")))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&notion)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("/v1/blocks/{created}/children")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "results": [] })))
        .mount(&notion)
        .await;
    let config = server::sources::ProviderConfig {
        backoff: Duration::from_millis(10),
        ..server::sources::ProviderConfig::new(&notion.uri())
    };
    let client = server::sharing::notion::Notion::new(&config, "dossier-test");
    let blocks: Vec<Value> = (0..250)
        .map(|i| json!({ "object": "block", "type": "paragraph", "paragraph": { "rich_text": server::prep::notion::rich(&format!("line {i}")) } }))
        .collect();
    let url = client
        .create_page(
            "ntn_x",
            "0f3c1e2a-9b8d-4c7e-a6f5-1234567890ab",
            "Big",
            blocks,
        )
        .await
        .unwrap();
    assert_eq!(url, "https://www.notion.so/p");
    let got = notion.received_requests().await.unwrap();
    let sizes: Vec<(String, usize)> = got
        .iter()
        .map(|r| {
            let b: Value = serde_json::from_slice(&r.body).unwrap();
            (
                r.method.to_string(),
                b["children"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        sizes,
        vec![
            ("POST".into(), 100),
            ("PATCH".into(), 100),
            ("PATCH".into(), 100),
            ("PATCH".into(), 50)
        ],
        "the first PATCH was answered 429 and sent again"
    );
    // In order: line 0 first, line 249 last.
    let last: Value = serde_json::from_slice(&got.last().unwrap().body).unwrap();
    assert_eq!(
        last["children"][49]["paragraph"]["rich_text"][0]["text"]["content"],
        "line 249"
    );
}

#[tokio::test]
async fn a_send_left_by_a_dead_process_is_delivered_by_the_next() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let (addr, store) = spawn_server_and_store(move |s: &mut Settings| {
        s.sharing.smtp_url = Some(url);
        s.sharing.smtp_from = Some("dossier@example.com".into());
        s.lease = Duration::from_millis(600);
    })
    .await;
    let app = TestApp::signed_up(addr).await;
    let (_, pid) = made_prep(&app).await;
    let owner = store.prep(&pid).await.unwrap().unwrap().owner;
    // What a process that died right after answering 202 leaves: a send, held, lapsing.
    let row = server::store::sends::SendRow {
        send_id: "send-left-behind".into(),
        pid: pid.clone(),
        owner,
        channel: app::domain::sharing::Channel::Email,
        what: app::domain::sharing::SendWhat::OnePager,
        to: Some("sam@example.com".into()),
        version: 1,
        status: app::domain::sharing::SendStatus::Sending,
        reason: None,
        link: None,
        requested_at: server::now_ms(),
        finished_at: None,
        attempts: 1,
        holder: "a-process-that-died".into(),
        lease_until: server::now_ms() + 300,
    };
    // And one that processes died on three times already (it may have arrived): not again.
    let tried = server::store::sends::SendRow {
        send_id: "send-tried-thrice".into(),
        attempts: 3,
        ..row.clone()
    };
    store.create_send(&row).await.unwrap();
    store.create_send(&tried).await.unwrap();
    let done = settled(&app, &pid, "send-left-behind").await;
    assert_eq!(done["status"], "delivered", "{done}");
    assert_eq!(done["attempts"], 2);
    failed_saying(&app, &pid, "send-tried-thrice", &["it may have arrived"]).await;
    assert_eq!(
        smtp.messages().len(),
        1,
        "delivered once, the other not again"
    );
    // Retry is the rep's call: then it goes.
    let r = app
        .post_raw(
            &format!("/api/preps/{pid}/sends/send-tried-thrice/retry"),
            "",
        )
        .await;
    assert_eq!(r.status(), 202);
    assert_eq!(
        settled(&app, &pid, "send-tried-thrice").await["status"],
        "delivered"
    );
    assert_eq!(smtp.messages().len(), 2);
}

#[tokio::test]
async fn sends_are_flood_limited_and_connections_need_the_signed_in_browser() {
    let app = spawn_app_with(|s: &mut Settings| s.floods.sends_per_min = 2).await;
    let (_, pid) = made_prep(&app).await;
    for _ in 0..2 {
        let r = app.post_raw(&format!("/api/preps/{pid}/share"), "").await;
        assert_eq!(r.status(), 201);
    }
    let r = app.post_raw(&format!("/api/preps/{pid}/share"), "").await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let e: Value = r.json().await.unwrap();
    assert!(
        e["error"]
            .as_str()
            .unwrap()
            .starts_with("Too many sends in a minute")
    );

    // An API token may send, but may not point the rep's sends somewhere else.
    let res = app
        .post_json("/api/tokens", json!({ "name": "script" }))
        .await;
    assert_eq!(res.status(), 201);
    let token: Value = res.json().await.unwrap();
    let r = no_redirects()
        .post(app.url("/settings/slack"))
        .bearer_auth(token["token"].as_str().unwrap())
        .header("sec-fetch-site", "same-origin")
        .form(&[("webhook", "https://hooks.slack.com/services/T/B/attacker")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let settings = app.get("/settings").await.text().await.unwrap();
    assert!(!settings.contains("A webhook is saved"));
}

#[tokio::test]
async fn the_notion_token_and_the_slack_webhook_are_sealed_at_rest() {
    let (addr, store) = spawn_server_and_store(|_| {}).await;
    let app = TestApp::signed_up(addr).await;
    let me: Value = app.get("/api/me").await.json().await.unwrap();
    let uid = me["id"].as_str().unwrap();
    let token = "ntn_sealed_integration_token_abcdef";
    let hook = "https://hooks.slack.com/services/T1/B1/sealedwebhooksecret";
    let page = "0f3c1e2a9b8d4c7ea6f51234567890ab";
    let r = app
        .settings_form("/settings/notion", &[("token", token), ("page", page)])
        .await;
    assert_eq!(r.headers()["location"], "/settings?saved=notion");
    let r = app
        .settings_form("/settings/slack", &[("webhook", hook)])
        .await;
    assert_eq!(r.headers()["location"], "/settings?saved=slack");
    // What the database holds: neither secret, only their sealed forms.
    let kept = store.connections(uid).await.unwrap();
    let (t, w) = (kept.notion_token.unwrap(), kept.slack_webhook.unwrap());
    let hex = |s: &str| s.bytes().map(|b| format!("{b:02x}")).collect::<String>();
    for (sealed, plain) in [(&t, token), (&w, hook)] {
        assert!(sealed.starts_with("sealed1:"), "{sealed}");
        assert!(
            !sealed.contains(plain) && !sealed.contains(&hex(plain)),
            "not the secret, nor its hex"
        );
        // A nonce and a tag besides: 28 bytes longer than the secret.
        assert_eq!(sealed.len(), "sealed1:".len() + 2 * (plain.len() + 28));
    }
    // Saved again, sealed afresh (a new nonce): never the same stored value twice.
    app.settings_form("/settings/slack", &[("webhook", hook)])
        .await;
    let again = store.connections(uid).await.unwrap().slack_webhook.unwrap();
    assert_ne!(again, w);
    assert_eq!(
        kept.notion_parent.as_deref(),
        Some("0f3c1e2a-9b8d-4c7e-a6f5-1234567890ab")
    );
    // Removed: gone from the database.
    app.settings_form("/settings/notion/remove", &[]).await;
    app.settings_form("/settings/slack/remove", &[]).await;
    let kept = store.connections(uid).await.unwrap();
    assert!(
        kept.notion_token.is_none() && kept.slack_webhook.is_none() && kept.notion_parent.is_none()
    );
}

#[tokio::test]
async fn a_prep_keeps_its_twenty_newest_links_and_an_address_gets_a_few_pdfs_a_minute() {
    let app = spawn_app_with(|s: &mut Settings| s.floods.sends_per_min = 1_000).await;
    let (_, pid) = made_prep(&app).await;
    let mut urls = Vec::new();
    for _ in 0..21 {
        let link: Value = app
            .post_raw(&format!("/api/preps/{pid}/share"), "")
            .await
            .json()
            .await
            .unwrap();
        urls.push(link["url"].as_str().unwrap().to_string());
    }
    assert_eq!(
        prep(&app, &pid).await["shareLinks"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
    assert_eq!(
        reqwest::get(&urls[0]).await.unwrap().status(),
        404,
        "the oldest went"
    );
    for url in &urls[1..] {
        assert_eq!(reqwest::get(url).await.unwrap().status(), 200);
    }
    // PDFs drawn for one signed-out address: a few a minute, then 429 with Retry-After.
    let pdf = format!("{}.pdf", urls[20]);
    let mut codes = Vec::new();
    for _ in 0..32 {
        codes.push(reqwest::get(&pdf).await.unwrap().status().as_u16());
    }
    assert!(codes[..30].iter().all(|c| *c == 200), "{codes:?}");
    let over = reqwest::get(&pdf).await.unwrap();
    assert_eq!(over.status(), 429);
    assert!(over.headers().contains_key("retry-after"));
    // The page itself is cheap and stays open.
    assert_eq!(reqwest::get(&urls[20]).await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_slack_or_notion_timeout_or_5xx_is_not_sent_twice() {
    let slack = MockServer::start().await;
    let notion = MockServer::start().await;
    let (prefix, api) = (format!("{}/services/", slack.uri()), notion.uri());
    let app = spawn_app_with(move |s: &mut Settings| {
        s.sharing.slack_prefix = prefix;
        s.sharing.slack.backoff = Duration::from_millis(10);
        s.sharing.notion.base_url = api;
        s.sharing.notion.backoff = Duration::from_millis(10);
        s.sharing.notion.timeout = Duration::from_millis(500);
    })
    .await;
    let (_, pid) = made_prep(&app).await;
    let hook = format!("{}/services/T/B/X", slack.uri());
    app.settings_form("/settings/slack", &[("webhook", &hook)])
        .await;
    app.settings_form(
        "/settings/notion",
        &[
            ("token", "ntn_test_integration_token_123456"),
            ("page", "0f3c1e2a9b8d4c7ea6f51234567890ab"),
        ],
    )
    .await;
    // Slack answers 500 (it may have posted): one request, then the rep decides.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&slack)
        .await;
    let id = send(&app, &pid, json!({ "channel": "slack" })).await;
    failed_saying(&app, &pid, &id, &["Press Retry"]).await;
    assert_eq!(
        slack.received_requests().await.unwrap().len(),
        1,
        "not posted twice"
    );
    // Notion doesn't answer in time (the page may have been made): one request.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&notion)
        .await;
    let id = send(&app, &pid, json!({ "channel": "notion" })).await;
    failed_saying(&app, &pid, &id, &["didn't answer in time"]).await;
    assert_eq!(
        notion.received_requests().await.unwrap().len(),
        1,
        "no second page"
    );
}
