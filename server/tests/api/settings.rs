//! The settings page's forms, as a browser without JavaScript posts them: the rep's role and
//! usual purpose, their own company (and what it changes in research and answers), API
//! tokens, invites and the password.

use crate::helpers::{PASSWORD, TestApp, no_redirects, spawn_app, texts};
use serde_json::Value;

const BRIGHTWAVE: [(&str, &str); 5] = [
    ("name", "Brightwave"),
    ("domain", "https://www.brightwave.example/"),
    (
        "products",
        "Brightwave Ledger | Reconciliation for payment platforms | payments, salesforce\n\
         Brightwave Alerts | Anomaly alerts on money movement | fraud",
    ),
    (
        "wins",
        "Tidewater Bank | FinTech | Closed the books 4 days sooner",
    ),
    (
        "competitors",
        "Segment | segment | Warehouse-native: no per-event pricing",
    ),
];

impl TestApp {
    /// The settings page's HTML, as the server renders it.
    async fn settings_page(&self) -> String {
        let res = self.client.get(self.url("/settings")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        res.text().await.unwrap()
    }

    /// What the settings page shows (its server function).
    async fn settings(&self) -> Value {
        let res = self
            .client
            .post(self.url("/api/settings/load"))
            .form(&[] as &[(&str, &str)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }
}

fn location(res: &reqwest::Response) -> &str {
    res.headers()["location"].to_str().unwrap()
}

#[tokio::test]
async fn two_reps_selling_different_products_get_different_angles_for_the_same_account() {
    let keyfort = spawn_app().await;
    let brightwave = keyfort.other_user().await;
    let res = brightwave
        .settings_form("/settings/company", &BRIGHTWAVE)
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/settings?saved=company");
    let shown = brightwave.settings().await;
    assert_eq!(shown["company_own"], true);
    assert_eq!(shown["company_origin"], "your settings");
    assert_eq!(shown["company"]["domain"], "brightwave.example");
    assert!(shown["company"]["products"].as_str().unwrap().starts_with(
        "Brightwave Ledger | Reconciliation for payment platforms | payments, salesforce"
    ));
    // The other rep still sells the server's company.
    let theirs = keyfort.settings().await;
    assert_eq!(theirs["company_own"], false);
    assert_eq!(theirs["company"]["name"], "Keyfort");

    // The same account prepared by each — researched by the first, from the shared profile
    // for the second: each summary pitches the rep's own products.
    let summary = |app: &TestApp| {
        let app = TestApp::new(app.addr, app.session.clone());
        async move {
            let chat = app.load_chat().await;
            texts(&chat["view"])
                .into_iter()
                .find(|t| t.contains("research summary"))
                .expect("a summary")
        }
    };
    let run = keyfort.research_to_end("acme-corp").await;
    assert_eq!(run["status"], "completed", "{run}");
    let k = summary(&keyfort).await;
    assert!(k.contains("🎯 Your angle (selling Keyfort):"), "{k}");
    assert!(k.contains("Pitch Keyfort"), "{k}");
    let res = brightwave.start_intelligence("acme-corp", None).await;
    assert_eq!(
        res.status(),
        200,
        "answered from the profile the first run left"
    );
    let b = summary(&brightwave).await;
    assert!(b.contains("🎯 Your angle (selling Brightwave):"), "{b}");
    assert!(
        b.contains("Pitch Brightwave Ledger: they are hiring a Payments Platform Engineer"),
        "{b}"
    );
    assert!(
        b.contains("They run Segment — your edge: Warehouse-native: no per-event pricing"),
        "{b}"
    );
    assert!(!b.contains("Keyfort"), "{b}");

    // A question about fit answers from each rep's own company, and cites it.
    let sid_k = keyfort.new_session().await;
    let sid_b = brightwave.new_session().await;
    let fit_k = keyfort
        .answer(&sid_k, "acme-corp", "what should I pitch?")
        .await;
    let fit_b = brightwave
        .answer(&sid_b, "acme-corp", "what should I pitch?")
        .await;
    let (text_k, text_b) = (fit_k["content"].to_string(), fit_b["content"].to_string());
    assert!(text_k.contains("Keyfort Workforce Identity"), "{text_k}");
    assert!(text_b.contains("Brightwave Ledger"), "{text_b}");
    assert!(text_b.contains("Tidewater Bank"), "{text_b}");
    assert!(!text_b.contains("Keyfort"), "{text_b}");
    let cited: Vec<String> = fit_b["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        cited.contains(&"Brightwave (your settings)".to_string()),
        "{cited:?}"
    );

    // Back to the server's company: the next answer pitches Keyfort again.
    let res = brightwave
        .settings_form("/settings/company/reset", &[])
        .await;
    assert_eq!(location(&res), "/settings?saved=reset");
    let again = brightwave
        .answer(&sid_b, "acme-corp", "what should I pitch?")
        .await;
    assert!(
        again["content"]
            .to_string()
            .contains("Keyfort Workforce Identity")
    );
}

#[tokio::test]
async fn the_role_and_purpose_set_in_settings_shape_every_prep() {
    let app = spawn_app().await;
    let res = app
        .settings_form(
            "/settings/profile",
            &[("role", "account_executive"), ("purpose", "expansion")],
        )
        .await;
    assert_eq!(location(&res), "/settings?saved=profile");
    let shown = app.settings().await;
    assert_eq!(shown["role"], "account_executive");
    assert_eq!(shown["purpose"], "expansion");
    let run = app.research_to_end("acme-corp").await;
    assert_eq!(run["status"], "completed");
    let all = texts(&app.load_chat().await["view"]).join("\n");
    assert!(
        all.contains("Preparing as AE · expansion opportunity."),
        "{all}"
    );
    assert!(
        !all.contains("• Your role today?"),
        "not asked again: {all}"
    );
    assert!(
        all.contains("🎯 Your angle (AE · expansion opportunity, selling Keyfort):"),
        "{all}"
    );
    // Cleared: the chat asks again at the next prep.
    app.settings_form("/settings/profile", &[("role", ""), ("purpose", "")])
        .await;
    let shown = app.settings().await;
    assert_eq!(shown["role"], Value::Null);
}

#[tokio::test]
async fn bad_settings_are_refused_with_the_reason_and_change_nothing() {
    let app = spawn_app().await;
    let before = app.settings().await;
    let company = |products: &'static str| {
        let mut form = BRIGHTWAVE.to_vec();
        form[2] = ("products", products);
        form
    };
    let long_field = format!("Ledger | {}", "x".repeat(1_001));
    let long_field: &'static str = Box::leak(long_field.into_boxed_str());
    let many = Box::leak("Ledger\n".repeat(101).into_boxed_str());
    for (form, error) in [
        (company(""), "error=no-products"),
        (
            company("Ledger\n | nameless"),
            "error=line-name&section=products&line=2",
        ),
        (
            company(long_field),
            "error=long-field&section=products&line=1",
        ),
        (company(many), "error=many-lines&section=products"),
        (
            vec![("name", "  "), ("products", "Ledger")],
            "error=company-name",
        ),
        (vec![], "error=company-name"),
    ] {
        let res = app.settings_form("/settings/company", &form).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/settings?{error}"));
    }
    for (role, purpose) in [("admin", ""), ("", "<script>"), ("AE", "renewal")] {
        let res = app
            .settings_form("/settings/profile", &[("role", role), ("purpose", purpose)])
            .await;
        assert_eq!(location(&res), "/settings?error=choice");
    }
    assert_eq!(app.settings().await, before, "nothing changed");

    // Not form-encoded, or far too big: a 4xx, nothing changed.
    let res = no_redirects()
        .post(app.url("/settings/company"))
        .header("cookie", format!("dossier_session={}", app.session))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let res = no_redirects()
        .post(app.url("/settings/profile"))
        .header("cookie", format!("dossier_session={}", app.session))
        .header("content-type", "application/json")
        .body(r#"{"role":"account_executive"}"#)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());

    // Cross-site: refused. Signed out: sent to sign in. Either way nothing changed.
    let res = no_redirects()
        .post(app.url("/settings/company"))
        .header("cookie", format!("dossier_session={}", app.session))
        .header("sec-fetch-site", "cross-site")
        .form(&BRIGHTWAVE)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = no_redirects()
        .post(app.url("/settings/company"))
        .form(&BRIGHTWAVE)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/signin");
    let res = no_redirects()
        .post(app.url("/settings/company"))
        .header("cookie", "dossier_session=forged")
        .form(&BRIGHTWAVE)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/signin");
    assert_eq!(app.settings().await, before, "nothing changed");

    // Hostile text is kept as text: the page escapes it, answers quote it.
    let hostile = [
        ("name", "<img src=x onerror=alert(1)>"),
        (
            "products",
            "</textarea><script>alert(1)</script> | \u{202E}evil | iam",
        ),
    ];
    let res = app.settings_form("/settings/company", &hostile).await;
    assert_eq!(location(&res), "/settings?saved=company");
    let page = app.settings_page().await;
    assert!(!page.contains("<script>alert(1)"), "escaped on the page");
    assert!(!page.contains("<img src=x"), "escaped on the page");
    assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !page.contains('\u{202E}'),
        "no text-direction override kept"
    );
}

#[tokio::test]
async fn tokens_are_shown_once_work_and_are_revoked_from_the_settings_page() {
    let app = spawn_app().await;
    let res = app
        .settings_form("/settings/tokens", &[("name", "CRM <sync> script")])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let page = res.text().await.unwrap();
    assert!(page.contains("CRM &lt;sync&gt; script"), "{page}");
    let token = page
        .split("value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    assert!(token.starts_with("dsr_"), "{token}");
    let me = |token: String| {
        let url = app.url("/api/me");
        async move {
            reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(me(token.clone()).await, 200);

    let shown = app.settings().await;
    let listed = shown["tokens"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "CRM <sync> script");
    assert_eq!(listed[0]["last_used"].as_str().map(str::len), Some(10));
    assert!(!shown.to_string().contains(&token), "never shown again");
    let page = app.settings_page().await;
    assert!(!page.contains(&token), "never shown again");

    // A token cannot make tokens or invites, or change the password.
    for path in ["/settings/tokens", "/settings/invite", "/settings/password"] {
        let res = no_redirects()
            .post(app.url(path))
            .bearer_auth(&token)
            .form(&[("name", "more"), ("current", PASSWORD), ("password", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    // No name, or a huge one: refused.
    for name in ["", "   ", &"n".repeat(10_000)] {
        let res = app
            .settings_form("/settings/tokens", &[("name", name)])
            .await;
        assert_eq!(location(&res), "/settings?error=token-name");
    }

    let id = listed[0]["id"].as_str().unwrap();
    let res = app
        .settings_form("/settings/tokens/revoke", &[("id", id)])
        .await;
    assert_eq!(location(&res), "/settings?saved=revoked");
    assert_eq!(me(token).await, 401);
    assert_eq!(app.settings().await["tokens"], serde_json::json!([]));
    // An id that is not one of the rep's tokens changes nothing.
    let res = app
        .settings_form("/settings/tokens/revoke", &[("id", "tok<script>")])
        .await;
    assert_eq!(location(&res), "/settings?saved=revoked");
}

#[tokio::test]
async fn the_password_changes_from_the_settings_page_and_other_devices_sign_out() {
    let app = spawn_app().await;
    let phone = app.same_user_elsewhere().await;
    let res = app
        .settings_form(
            "/settings/password",
            &[("current", "wrong one"), ("password", "a new password 2")],
        )
        .await;
    assert_eq!(location(&res), "/settings?error=wrong-password");
    let res = app
        .settings_form(
            "/settings/password",
            &[("current", PASSWORD), ("password", "short")],
        )
        .await;
    assert_eq!(location(&res), "/settings?error=new-password");
    assert_eq!(
        phone
            .client
            .get(phone.url("/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "nothing changed yet"
    );
    let res = app
        .settings_form(
            "/settings/password",
            &[("current", PASSWORD), ("password", "a new password 2")],
        )
        .await;
    assert_eq!(location(&res), "/settings?saved=password");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("dossier_session="), "{cookie}");
    assert_eq!(
        phone
            .client
            .get(phone.url("/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "the other device is signed out"
    );

    // An invite link, shown once (from the session the change gave this device).
    let session = cookie["dossier_session=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let app = TestApp::new(app.addr, session);
    let res = app.settings_form("/settings/invite", &[]).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("/signup?invite="), "{page}");
}

#[tokio::test]
async fn chats_and_the_persona_from_before_sign_in_go_to_the_first_account() {
    use app::domain::{MeetingPurpose, Persona, RepRole};
    use server::store::sessions::SessionRow;
    let (addr, store) = crate::helpers::spawn_server_and_store(|_| {}).await;
    // Two visitor cookies from the days before sign-in; the second chatted last.
    for (i, visitor) in ["a".repeat(32), "b".repeat(32)].into_iter().enumerate() {
        store
            .create_session(&SessionRow {
                sid: format!("s-old{i}"),
                owner: visitor.clone(),
                feed: format!("feed-old{i}"),
                created_at: 1_000 + i as i64,
            })
            .await
            .unwrap();
        let role = [RepRole::SalesEngineer, RepRole::CustomerSuccess][i];
        let persona = Persona {
            role: Some(role),
            purpose: Some(MeetingPurpose::Renewal),
            ..Persona::default()
        };
        store.save_persona(&visitor, &persona).await.unwrap();
    }
    let owner = TestApp::signed_up(addr).await;
    let chats = owner.chats().await;
    assert_eq!(chats.as_array().unwrap().len(), 2, "{chats}");
    let shown = owner.settings().await;
    assert_eq!(
        shown["role"], "customer_success",
        "the newest chat's visitor"
    );
    assert_eq!(shown["purpose"], "renewal");
    // The next account gets nothing of it.
    let next = owner.other_user().await;
    assert_eq!(next.chats().await, serde_json::json!([]));
    assert_eq!(next.settings().await["role"], Value::Null);
}
