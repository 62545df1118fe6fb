//! Accounts and sign-in over HTTP: the first account owns the workspace, invites, sessions
//! per device, sign-out, tokens, the sign-in limit, and bad input.

use crate::helpers::spawn_server;
use serde_json::{Value, json};
use server::config::SignupMode;
use std::net::SocketAddr;

/// A browser: its own cookie jar.
struct Device {
    base: String,
    http: reqwest::Client,
}

impl Device {
    fn new(addr: &SocketAddr) -> Self {
        Self {
            base: format!("http://{addr}"),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
        }
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    async fn sign_up(&self, name: &str, email: &str, invite: Option<&str>) -> reqwest::Response {
        let mut body = json!({"name": name, "email": email, "password": "correct horse 1"});
        if let Some(code) = invite {
            body["invite"] = json!(code);
        }
        self.post("/api/auth/signup", body).await
    }

    async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post(
            "/api/auth/signin",
            json!({"email": email, "password": password}),
        )
        .await
    }

    async fn me(&self) -> (u16, Value) {
        let res = self.get("/api/me").await;
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

/// A fresh server without accounts, signing up as `mode` says.
async fn server_with(mode: SignupMode) -> SocketAddr {
    spawn_server(|s| s.signup = mode).await
}

fn url(addr: &SocketAddr, path: &str) -> String {
    format!("http://{addr}{path}")
}

/// The invite code in an invite link.
fn code(invite: &Value) -> String {
    invite["url"]
        .as_str()
        .unwrap()
        .rsplit_once("invite=")
        .unwrap()
        .1
        .to_string()
}

#[tokio::test]
async fn the_first_account_owns_the_workspace_and_invites_the_next() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    let res = laptop
        .sign_up("Dana Whitfield", "Dana@Acme.com", None)
        .await;
    assert_eq!(res.status(), 201);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("dossier_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http: no Secure flag");
    let (status, me) = laptop.me().await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "dana@acme.com");
    assert_eq!(me["owner"], true);

    // The next visitor needs an invite.
    let stranger = Device::new(&app);
    let res = stranger.sign_up("Sam", "sam@acme.com", None).await;
    assert_eq!(res.status(), 403);
    let why: Value = res.json().await.unwrap();
    assert!(why["error"].as_str().unwrap().contains("invite"), "{why}");
    assert_eq!(stranger.me().await.0, 401);

    let invite: Value = laptop
        .post("/api/invites", json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        invite["url"].as_str().unwrap().contains("/signup?invite="),
        "{invite}"
    );
    assert!(
        invite["expiresAt"].as_str().unwrap().ends_with('Z'),
        "{invite}"
    );
    let res = stranger
        .sign_up("Sam", "sam@acme.com", Some(&code(&invite)))
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(stranger.me().await.1["owner"], false);

    // One use only; a forged code is no invite.
    let third = Device::new(&app);
    for forged in [
        code(&invite),
        "0".repeat(64),
        "../../etc".into(),
        String::new(),
    ] {
        let res = third.sign_up("Lee", "lee@acme.com", Some(&forged)).await;
        assert_eq!(res.status(), 403, "{forged:?}");
    }
    assert_eq!(third.me().await.0, 401);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    assert_eq!(
        laptop.sign_up("Dana", "dana@acme.com", None).await.status(),
        201
    );
    let phone = Device::new(&app);
    let wrong = phone.sign_in("dana@acme.com", "not the password").await;
    assert_eq!(wrong.status(), 401);
    let wrong: Value = wrong.json().await.unwrap();
    let unknown = phone.sign_in("nobody@acme.com", "correct horse 1").await;
    assert_eq!(unknown.status(), 401);
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"], "Wrong email or password.");
    assert_eq!(phone.me().await.0, 401);

    let ok = phone.sign_in(" DANA@acme.com ", "correct horse 1").await;
    assert_eq!(ok.status(), 200);
    assert_eq!(phone.me().await.1["email"], "dana@acme.com");
    assert_eq!(laptop.me().await.0, 200, "each device has its own session");
}

#[tokio::test]
async fn signing_out_ends_this_device_or_every_device() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    laptop.sign_up("Dana", "dana@acme.com", None).await;
    let phone = Device::new(&app);
    let tablet = Device::new(&app);
    phone.sign_in("dana@acme.com", "correct horse 1").await;
    tablet.sign_in("dana@acme.com", "correct horse 1").await;

    let res = phone.post("/api/auth/signout", json!({})).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(phone.me().await.0, 401);
    assert_eq!(laptop.me().await.0, 200, "the other devices stay signed in");

    tablet
        .post("/api/auth/signout", json!({"everywhere": true}))
        .await;
    assert_eq!(tablet.me().await.0, 401);
    assert_eq!(laptop.me().await.0, 401, "everywhere means every device");
}

#[tokio::test]
async fn a_session_cookie_must_be_one_we_issued() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    let res = laptop.sign_up("Dana", "dana@acme.com", None).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    let value = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("dossier_session=")
        .to_string();
    let with = |v: String| {
        let me = url(&app, "/api/me");
        async move {
            reqwest::Client::new()
                .get(me)
                .header("cookie", format!("dossier_session={v}"))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(with(value.clone()).await, 200);
    let mut tampered = value.clone().into_bytes();
    tampered[0] = if tampered[0] == b'a' { b'b' } else { b'a' };
    assert_eq!(with(String::from_utf8(tampered).unwrap()).await, 401);
    assert_eq!(with("x".repeat(10_000)).await, 401);
    assert_eq!(with("'; DELETE auth_session; --".into()).await, 401);
    assert_eq!(with(value).await, 200, "the real session is untouched");
}

#[tokio::test]
async fn tokens_open_the_api_until_revoked() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    laptop.sign_up("Dana", "dana@acme.com", None).await;
    let res = laptop
        .post("/api/tokens", json!({"name": "CRM sync script"}))
        .await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let token = created["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("dsr_"), "{token}");

    let script = reqwest::Client::new();
    let me = |t: String| {
        let script = script.clone();
        let me = url(&app, "/api/me");
        async move {
            script
                .get(me)
                .header("authorization", format!("Bearer {t}"))
                .send()
                .await
                .unwrap()
        }
    };
    let res = me(token.clone()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["email"], "dana@acme.com");

    // A token cannot make another token, an invite, or a new password.
    for (path, body) in [
        ("/api/tokens", json!({"name": "another"})),
        ("/api/invites", json!({})),
        (
            "/api/auth/password",
            json!({"currentPassword": "correct horse 1", "newPassword": "x".repeat(12)}),
        ),
    ] {
        let res = script
            .post(url(&app, path))
            .header("authorization", format!("Bearer {token}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    let listed: Value = laptop.get("/api/tokens").await.json().await.unwrap();
    assert_eq!(listed[0]["name"], "CRM sync script");
    assert!(
        !listed.to_string().contains(&token[4..]),
        "the secret is shown once only"
    );

    let id = created["id"].as_str().unwrap();
    let path = format!("/api/tokens/{id}");
    let revoke = laptop.http.delete(url(&app, &path)).send().await.unwrap();
    assert_eq!(revoke.status(), 204);
    assert_eq!(me(token.clone()).await.status(), 401);
    let again = laptop.http.delete(url(&app, &path)).send().await.unwrap();
    assert_eq!(again.status(), 404);
    assert_eq!(me("dsr_".to_string() + &"0".repeat(64)).await.status(), 401);
}

#[tokio::test]
async fn the_eleventh_sign_in_attempt_in_15_minutes_waits() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    laptop.sign_up("Dana", "dana@acme.com", None).await;
    let guesser = Device::new(&app);
    for _ in 0..10 {
        let res = guesser.sign_in("dana@acme.com", "guess guess").await;
        assert_eq!(res.status(), 401);
    }
    let res = guesser.sign_in("dana@acme.com", "correct horse 1").await;
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    assert_eq!(guesser.me().await.0, 401);
}

#[tokio::test]
async fn bad_sign_up_input_gets_a_clear_error_and_creates_nothing() {
    let app = server_with(SignupMode::Open).await;
    let d = Device::new(&app);
    let cases = [
        (
            json!({"name": "", "email": "a@acme.com", "password": "correct horse 1"}),
            400,
        ),
        (
            json!({"name": "n".repeat(10_000), "email": "a@acme.com", "password": "correct horse 1"}),
            400,
        ),
        (
            json!({"name": "Dana", "email": "not an email", "password": "correct horse 1"}),
            400,
        ),
        (
            json!({"name": "Dana", "email": "a@acme.com", "password": "short"}),
            400,
        ),
        (json!({"name": "Dana", "email": "a@acme.com"}), 400),
        (
            json!({"name": "Dana", "email": "a@acme.com", "password": "correct horse 1", "role": "admin"}),
            400,
        ),
        (
            json!({"name": "Dana", "email": "a@acme.com", "password": "x".repeat(1 << 20)}),
            413,
        ),
    ];
    for (body, status) in cases {
        let res = d.post("/api/auth/signup", body.clone()).await;
        assert_eq!(
            res.status().as_u16(),
            status,
            "{}",
            &body.to_string()[..80.min(body.to_string().len())]
        );
    }
    let res = d
        .http
        .post(url(&app, "/api/auth/signup"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(d.me().await.0, 401, "nothing was created");

    // Unicode and emoji are names; an email is one account whatever its case.
    assert_eq!(
        d.sign_up("李小龍 🚀", "li@acme.com", None).await.status(),
        201
    );
    let twin = Device::new(&app);
    let res = twin.sign_up("Li", "LI@ACME.COM", None).await;
    assert_eq!(res.status(), 409);
    assert_eq!(d.me().await.1["name"], "李小龍 🚀");
}

#[tokio::test]
async fn changing_the_password_signs_out_the_other_devices() {
    let app = server_with(SignupMode::Invite).await;
    let laptop = Device::new(&app);
    laptop.sign_up("Dana", "dana@acme.com", None).await;
    let phone = Device::new(&app);
    phone.sign_in("dana@acme.com", "correct horse 1").await;
    let wrong = laptop
        .post(
            "/api/auth/password",
            json!({"currentPassword": "nope nope", "newPassword": "battery staple 2"}),
        )
        .await;
    assert_eq!(wrong.status(), 401);
    let ok = laptop
        .post(
            "/api/auth/password",
            json!({"currentPassword": "correct horse 1", "newPassword": "battery staple 2"}),
        )
        .await;
    assert_eq!(ok.status(), 200);
    assert_eq!(laptop.me().await.0, 200, "this device has a new session");
    assert_eq!(phone.me().await.0, 401);
    let other = Device::new(&app);
    assert_eq!(
        other
            .sign_in("dana@acme.com", "correct horse 1")
            .await
            .status(),
        401
    );
    assert_eq!(
        other
            .sign_in("dana@acme.com", "battery staple 2")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn closed_sign_up_takes_the_owner_only() {
    let app = server_with(SignupMode::Closed).await;
    let owner = Device::new(&app);
    assert_eq!(
        owner.sign_up("Dana", "dana@acme.com", None).await.status(),
        201
    );
    let invite: Value = owner
        .post("/api/invites", json!({}))
        .await
        .json()
        .await
        .unwrap();
    let next = Device::new(&app);
    let res = next
        .sign_up("Sam", "sam@acme.com", Some(&code(&invite)))
        .await;
    assert_eq!(res.status(), 403);
}

/// How many rows `table` holds.
async fn rows(store: &server::store::Store, table: &str) -> usize {
    let mut res = store
        .db()
        .query(format!("SELECT VALUE id FROM {table}"))
        .await
        .unwrap();
    let ids: Vec<Value> = res.take(0).unwrap();
    ids.len()
}

#[tokio::test]
async fn a_visitor_who_is_not_signed_in_creates_nothing() {
    let (addr, store) = crate::helpers::spawn_server_and_store(|_| {}).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // A fresh install sends the first visitor to create the owner's account.
    let res = client.get(url(&addr, "/")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/signup");
    assert!(res.headers().get("set-cookie").is_none());
    // An uptime monitor, a crawler: 5,000 cookie-less page loads.
    let owner = Device::new(&addr);
    owner.sign_up("Dana", "dana@acme.com", None).await;
    let chats_before = rows(&store, "chat_session").await;
    let sessions_before = rows(&store, "auth_session").await;
    let loads = futures::future::join_all((0..5_000).map(|_| {
        let client = client.clone();
        let page = url(&addr, "/");
        async move { client.get(page).send().await.unwrap() }
    }))
    .await;
    for res in &loads {
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/signin");
        assert!(res.headers().get("set-cookie").is_none());
    }
    assert_eq!(rows(&store, "chat_session").await, chats_before);
    assert_eq!(rows(&store, "auth_session").await, sessions_before);
    assert_eq!(rows(&store, "event").await, 0);
}

#[tokio::test]
async fn every_other_api_route_wants_a_session_or_a_token() {
    let addr = server_with(SignupMode::Invite).await;
    let client = reqwest::Client::new();
    let json = serde_json::json!({});
    for (method, path) in [
        ("POST", "/api/customers/search"),
        ("POST", "/api/intelligence/customer"),
        ("GET", "/api/runs/run-1"),
        ("POST", "/api/chat/question"),
        ("GET", "/api/accounts"),
        ("POST", "/api/accounts"),
        ("POST", "/api/accounts/import"),
        ("GET", "/api/accounts/imports/imp-1"),
        ("DELETE", "/api/accounts/demo"),
        ("POST", "/api/accounts/sync"),
        ("GET", "/api/me"),
        ("POST", "/api/invites"),
        ("POST", "/api/tokens"),
        ("DELETE", "/api/tokens/tok1"),
        ("POST", "/api/chat/load"),
        ("POST", "/api/chat/send"),
        ("GET", "/api/leptos_ws_websocket"),
        ("GET", "/api/no-such-route"),
    ] {
        let req = client.request(method.parse().unwrap(), url(&addr, path));
        let res = req
            .json(&json)
            .header("authorization", "Bearer dsr_forged")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{method} {path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "Sign in first.", "{method} {path}");
    }
    let health = client.get(url(&addr, "/api/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn the_sign_in_forms_work_as_plain_form_posts() {
    let addr = server_with(SignupMode::Invite).await;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = |path: &str, fields: &[(&str, &str)]| {
        browser
            .post(url(&addr, path))
            .header("origin", format!("http://{addr}"))
            .form(fields)
    };
    let res = form(
        "/auth/signup",
        &[
            ("name", "Dana"),
            ("email", "dana@acme.com"),
            ("password", "correct horse 1"),
            ("invite", ""),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/");
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("dossier_session=")
    );

    let res = form(
        "/auth/signin",
        &[("email", "dana@acme.com"), ("password", "nope nope")],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/signin?error=wrong");
    assert!(res.headers().get("set-cookie").is_none());

    let res = form(
        "/auth/signup",
        &[
            ("name", "Sam"),
            ("email", "sam@acme.com"),
            ("password", "correct horse 1"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(res.headers()["location"], "/signup?error=invite-needed");

    let res = form(
        "/auth/signin",
        &[("email", "dana@acme.com"), ("password", "correct horse 1")],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(res.headers()["location"], "/");
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let res = form("/auth/signout", &[])
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/signin");
    let me = browser
        .get(url(&addr, "/api/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
}

#[tokio::test]
async fn another_site_cannot_post_for_a_signed_in_browser() {
    let app = crate::helpers::spawn_app().await;
    let evil = app
        .client
        .post(app.url("/api/intelligence/customer"))
        .header("origin", "https://evil.example")
        .json(&json!({"customerId": "acme-corp"}))
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let framed = app
        .client
        .post(app.url("/auth/signout"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("everywhere", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(framed.status(), 403);
    let me = app.client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(me.status(), 200, "still signed in: nothing changed");
}

#[tokio::test]
async fn the_json_api_takes_only_json() {
    let app = crate::helpers::spawn_app().await;
    for (path, ct) in [
        ("/api/customers/search", "text/plain"),
        ("/api/accounts", "application/x-www-form-urlencoded"),
        ("/api/tokens", "text/csv"),
    ] {
        let res = app
            .client
            .post(app.url(path))
            .header("content-type", ct)
            .body(r#"{"query":"acme"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 415, "{path} {ct}");
    }
}

#[tokio::test]
async fn first_visitors_at_once_make_exactly_one_owner() {
    for mode in [SignupMode::Open, SignupMode::Invite] {
        let addr = server_with(mode).await;
        let devices: Vec<Device> = (0..5).map(|_| Device::new(&addr)).collect();
        let emails: Vec<String> = (0..5).map(|i| format!("rep{i}@acme.com")).collect();
        let statuses = futures::future::join_all(
            devices
                .iter()
                .zip(&emails)
                .map(|(d, email)| d.sign_up("Rep", email, None)),
        )
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect::<Vec<_>>();
        let mut owners = 0;
        for d in &devices {
            let (status, me) = d.me().await;
            if status == 200 && me["owner"] == true {
                owners += 1;
            }
        }
        assert_eq!(owners, 1, "{mode:?}: {statuses:?}");
        let created = statuses.iter().filter(|s| **s == 201).count();
        match mode {
            SignupMode::Open => assert_eq!(created, 5, "{statuses:?}"),
            _ => assert_eq!(created, 1, "{statuses:?}"),
        }
    }
}
