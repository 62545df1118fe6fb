//! What every answer says about itself: its script policy, framing, sniffing, referrer and
//! caching.

use crate::helpers::spawn_app;

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_nothing_personal_is_cached() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let script_src: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("script-src "))
        .expect("a script-src directive")
        .split_whitespace()
        .collect();
    assert_eq!(script_src[..2], ["'self'", "'wasm-unsafe-eval'"], "{csp}");
    assert_eq!(script_src.len(), 3, "only ours and the nonce: {csp}");
    assert!(script_src[2].starts_with("'nonce-"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    assert!(nonce.len() >= 16, "{nonce}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(h["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    let scripts = html.matches("<script").count();
    let with_nonce = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(scripts > 0);
    assert!(
        with_nonce >= scripts,
        "every inline script carries the nonce: {with_nonce} of {scripts}"
    );

    // A second page load has a new nonce.
    let again = app.client.get(app.url("/")).send().await.unwrap();
    assert!(
        !again.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(&nonce)
    );

    // API answers and the sign-in page: no-store, and a policy that runs nothing.
    for path in ["/api/me", "/api/chats", "/signin"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff", "{path}");
        assert!(
            res.headers().contains_key("content-security-policy"),
            "{path}"
        );
    }
    let api = app.client.get(app.url("/api/me")).send().await.unwrap();
    assert!(
        api.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'none'")
    );
}
