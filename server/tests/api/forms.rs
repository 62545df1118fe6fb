//! The chat's message box as a plain form post: what a message typed before the WASM
//! arrives, or without JavaScript, goes through.

use crate::helpers::{no_redirects, spawn_app};

#[tokio::test]
async fn a_message_posted_as_a_form_is_answered_in_the_chat() {
    let app = spawn_app().await;
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let post = |sid: String, text: &'static str, session: String| {
        let url = app.url("/chat/send");
        async move {
            no_redirects()
                .post(url)
                .header("cookie", format!("dossier_session={session}"))
                .form(&[("session_id", sid.as_str()), ("text", text)])
                .send()
                .await
                .unwrap()
        }
    };
    let res = post(sid.clone(), "meeting with Acme", app.session.clone()).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/?chat={sid}").as_str());
    let events = app.events_since(&sid, 0).await.to_vec();
    let text = serde_json::Value::Array(events).to_string();
    assert!(text.contains("meeting with Acme"), "{text}");
    assert!(text.contains("Found 3 customers matching"), "{text}");

    // Nothing to send: back to the chat with the reason, nothing written.
    let before = app.events_since(&sid, 0).await.len();
    let res = post(sid.clone(), "   ", app.session.clone()).await;
    assert_eq!(
        res.headers()["location"],
        format!("/?chat={sid}&error=empty").as_str()
    );
    assert_eq!(app.events_since(&sid, 0).await.len(), before);

    // Another rep cannot post into this chat.
    let stranger = app.other_user().await;
    let res = post(sid.clone(), "hello", stranger.session.clone()).await;
    assert_eq!(res.headers()["location"], "/");
    assert_eq!(app.events_since(&sid, 0).await.len(), before);

    // Signed out: to sign in, nothing written.
    let res = no_redirects()
        .post(app.url("/chat/send"))
        .form(&[("session_id", sid.as_str()), ("text", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/signin");
    assert_eq!(app.events_since(&sid, 0).await.len(), before);
}
