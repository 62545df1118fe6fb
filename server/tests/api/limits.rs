//! Every body has a limit, and a body over it is a 413 that changes nothing.

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_server_function_takes_at_most_32_kb() {
    let app = spawn_app().await;
    let sid = app.new_session().await;
    let before = app.events_since(&sid, 0).await.len();
    let huge = "x".repeat(100 * 1024);
    let res = app
        .server_fn("send", &[("session_id", sid.as_str()), ("text", &huge)])
        .await;
    assert_eq!(res.status(), 413);
    assert_eq!(
        app.events_since(&sid, 0).await.len(),
        before,
        "nothing written"
    );
    // The longest message there is, in 4-byte characters, still fits.
    let longest = "🚀".repeat(2_000);
    let res = app
        .server_fn("send", &[("session_id", sid.as_str()), ("text", &longest)])
        .await;
    assert_eq!(res.status(), 200);
}
