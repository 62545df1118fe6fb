//! `spawn_app()` and one helper per endpoint.

use serde_json::{Value, json};
use server::config::{DelayRange, Settings};
use server::startup::Application;
use std::net::SocketAddr;
use std::time::Duration;

/// A signed-in user's view of a server: its client carries the user's session cookie.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    /// The session cookie's value.
    pub session: String,
    /// The user's email (empty when only the session is known).
    pub email: String,
}

/// A client that does not follow redirects (to read a form's `303`).
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Every test user's password.
pub const PASSWORD: &str = "correct horse 1";

/// Only the keyless network providers, every one at `base` (a loopback server), with no
/// retries and a short timeout; the demo data set off.
pub fn keyless_sources_at(s: &mut Settings, base: &str) {
    // As `DOSSIER_SOURCES=network`: for every account, demo ones included.
    s.sources.chosen = true;
    s.sources.demo = false;
    s.sources.network = true;
    s.sources.website_allow_private = true;
    for p in [
        &mut s.sources.greenhouse,
        &mut s.sources.lever,
        &mut s.sources.ashby,
        &mut s.sources.gnews_rss,
        &mut s.sources.wikidata,
        &mut s.sources.wikipedia,
        &mut s.sources.website,
    ] {
        p.base_url = base.to_string();
        p.retries = 0;
        p.timeout = Duration::from_secs(2);
    }
}

/// A fresh app: port 0, `mem://`, fast demo steps, open sign-up; seen by a new user.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// [`spawn_app`] with settings changed by `tweak`.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    TestApp::signed_up(spawn_server(tweak).await).await
}

/// A fresh server with no account yet (open sign-up unless `tweak` says otherwise).
pub async fn spawn_server(tweak: impl FnOnce(&mut Settings)) -> SocketAddr {
    spawn_server_and_store(tweak).await.0
}

/// [`spawn_server`], with its database (to count what requests left behind).
pub async fn spawn_server_and_store(
    tweak: impl FnOnce(&mut Settings),
) -> (SocketAddr, server::store::Store) {
    // Logs only on request: TEST_LOG=1 cargo test
    if std::env::var_os("TEST_LOG").is_some() {
        server::telemetry::init();
    }
    let mut settings = Settings {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        db_url: "mem://".into(),
        demo_delay: DelayRange {
            min_ms: 10,
            max_ms: 60,
        },
        site_root: std::env::temp_dir().display().to_string(),
        signup: server::config::SignupMode::Open,
        ..Settings::default()
    };
    tweak(&mut settings);
    let app = Application::build(settings).await.expect("app builds");
    let addr = app.address();
    let store = app.store().clone();
    tokio::spawn(app.run_until_stopped());
    (addr, store)
}

/// [`spawn_app_with`], with the server's live feeds (to count them).
pub async fn spawn_app_and_feeds(
    tweak: impl FnOnce(&mut Settings),
) -> (TestApp, server::live::FeedHub) {
    let mut settings = Settings {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        db_url: "mem://".into(),
        site_root: std::env::temp_dir().display().to_string(),
        signup: server::config::SignupMode::Open,
        ..Settings::default()
    };
    tweak(&mut settings);
    let app = Application::build(settings).await.expect("app builds");
    let (addr, feeds) = (app.address(), app.feeds());
    tokio::spawn(app.run_until_stopped());
    (TestApp::signed_up(addr).await, feeds)
}

/// The session cookie's value a sign-up or sign-in answer sets.
fn session_of(res: &reqwest::Response) -> String {
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    cookie
        .split(';')
        .next()
        .and_then(|kv| kv.strip_prefix("dossier_session="))
        .unwrap()
        .to_string()
}

impl TestApp {
    /// The server at `addr` seen by the holder of `session` (a session cookie's value).
    pub fn new(addr: SocketAddr, session: String) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::COOKIE,
            format!("dossier_session={session}").parse().unwrap(),
        );
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        Self {
            addr,
            client,
            session,
            email: String::new(),
        }
    }

    /// The server at `addr` seen by a user who just signed up (the first one owns it;
    /// later ones need open sign-up).
    pub async fn signed_up(addr: SocketAddr) -> Self {
        let email = format!("rep-{}@dossier.test", server::random_id(6));
        let res = reqwest::Client::new()
            .post(format!("http://{addr}/api/auth/signup"))
            .json(&json!({"name": "Test Rep", "email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "sign-up: {:?}", res.text().await);
        let session = session_of(&res);
        TestApp {
            email,
            ..TestApp::new(addr, session)
        }
    }

    /// Post a settings form as a browser would (same-site, no redirects followed).
    pub async fn settings_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        no_redirects()
            .post(self.url(path))
            .header("cookie", format!("dossier_session={}", self.session))
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// The same user signed in on another device (a session of its own).
    pub async fn same_user_elsewhere(&self) -> TestApp {
        let res = reqwest::Client::new()
            .post(self.url("/api/auth/signin"))
            .json(&json!({"email": self.email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "sign-in: {:?}", res.text().await);
        let session = session_of(&res);
        assert_ne!(session, self.session, "every device has its own session");
        TestApp {
            email: self.email.clone(),
            ..TestApp::new(self.addr, session)
        }
    }

    /// `GET /api/chats`.
    pub async fn chats(&self) -> Value {
        let res = self
            .client
            .get(self.url("/api/chats"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }

    /// The same server, seen by another user.
    pub async fn other_user(&self) -> TestApp {
        TestApp::signed_up(self.addr).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn post_json(&self, path: &str, body: Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn search(&self, query: &str, limit: usize) -> reqwest::Response {
        self.post_json(
            "/api/customers/search",
            json!({ "query": query, "limit": limit }),
        )
        .await
    }

    pub async fn start_intelligence(
        &self,
        customer_id: &str,
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut body = json!({ "customerId": customer_id });
        if let Some(s) = session {
            body["chatSessionId"] = json!(s);
        }
        self.post_json("/api/intelligence/customer", body).await
    }

    /// `GET path` as this visitor.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_run(&self, id: &str) -> reqwest::Response {
        self.client
            .get(self.url(&format!("/api/runs/{id}")))
            .send()
            .await
            .unwrap()
    }

    /// Call a UI server function (URL-encoded arguments, JSON result).
    pub async fn server_fn(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/chat/{endpoint}")))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Ask a question through the JSON API.
    pub async fn question(
        &self,
        sid: &str,
        customer_id: &str,
        question: &str,
    ) -> reqwest::Response {
        self.post_json(
            "/api/chat/question",
            json!({ "question": question, "customerId": customer_id, "chatSessionId": sid }),
        )
        .await
    }

    /// Ask and expect an answer: `{content, actions, sources}`.
    pub async fn answer(&self, sid: &str, customer_id: &str, question: &str) -> Value {
        let res = self.question(sid, customer_id, question).await;
        assert_eq!(res.status(), 200, "{question}");
        res.json().await.unwrap()
    }

    /// Set the rep's role or purpose (`{"kind": "role", "role": "account_executive"}`).
    pub async fn set_persona(&self, sid: &str, change: Value) -> reqwest::Response {
        self.post_json(
            "/api/chat/persona",
            json!({ "session_id": sid, "change": change }),
        )
        .await
    }

    /// A new chat session's id.
    pub async fn new_session(&self) -> String {
        self.load_chat().await["view"]["session_id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// A new chat of the visitor's (the chat box's "New chat"); its id.
    pub async fn new_chat(&self) -> String {
        let res = self.server_fn("new", &[]).await;
        assert_eq!(res.status(), 200);
        let snapshot: Value = res.json().await.unwrap();
        snapshot["view"]["session_id"].as_str().unwrap().to_string()
    }

    /// The visitor's chat snapshot: `{view, feed}`.
    pub async fn load_chat(&self) -> Value {
        let res = self.server_fn("load", &[]).await;
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }

    pub async fn events_since(&self, sid: &str, after: u64) -> Vec<Value> {
        let after = after.to_string();
        let res = self
            .server_fn("events", &[("session_id", sid), ("after_seq", &after)])
            .await;
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }

    /// Like [`TestApp::events_since`], but `None` while the server is unreachable.
    pub async fn try_events_since(&self, sid: &str, after: u64) -> Option<Vec<Value>> {
        let after = after.to_string();
        let res = self
            .client
            .post(self.url("/api/chat/events"))
            .form(&[("session_id", sid), ("after_seq", after.as_str())])
            .send()
            .await
            .ok()?;
        if res.status() != 200 {
            return None;
        }
        res.json().await.ok()
    }

    /// Start research on `customer_id` in a new chat and wait for the run to finish.
    pub async fn research_to_end(&self, customer_id: &str) -> Value {
        let res = self.start_intelligence(customer_id, None).await;
        assert_eq!(res.status(), 202);
        let body: Value = res.json().await.unwrap();
        self.wait_for_run(body["executionId"].as_str().unwrap())
            .await
    }

    /// Poll `GET /api/runs/{id}` until the run is no longer running.
    pub async fn wait_for_run(&self, id: &str) -> Value {
        for _ in 0..400 {
            let run: Value = self.get_run(id).await.json().await.unwrap();
            if run["status"] != "running" {
                return run;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("run {id} did not finish");
    }
}

/// The messages' texts in a chat view.
pub fn texts(view: &Value) -> Vec<String> {
    view["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

impl TestApp {
    /// `POST /api/accounts/import` with a CSV body; `query` is the query string.
    pub async fn import_csv(
        &self,
        query: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/accounts/import{query}")))
            .header("content-type", "text/csv")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// Import and expect `200`: the import's report.
    pub async fn imported(&self, file_name: &str, body: &[u8]) -> Value {
        let res = self
            .import_csv(&format!("?filename={file_name}"), body.to_vec())
            .await;
        assert_eq!(res.status(), 200, "import of {file_name}");
        res.json().await.unwrap()
    }

    /// `GET /api/accounts`: `(total, demo)`.
    pub async fn book_counts(&self) -> (u64, u64) {
        let counts: Value = self
            .client
            .get(self.url("/api/accounts"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (
            counts["total"].as_u64().unwrap(),
            counts["demo"].as_u64().unwrap(),
        )
    }

    /// `GET /api/accounts/imports/{id}`: the import's report.
    pub async fn import_report(&self, id: &str) -> Value {
        self.client
            .get(self.url(&format!("/api/accounts/imports/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The visitor's chat message whose text contains `text` (the first such).
    pub async fn message_containing(&self, text: &str) -> Value {
        let snapshot = self.load_chat().await;
        snapshot["view"]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["text"].as_str().unwrap_or("").contains(text))
            .unwrap_or_else(|| panic!("no message with {text:?} in {snapshot}"))
            .clone()
    }

    pub async fn add_account(&self, body: Value) -> reqwest::Response {
        self.post_json("/api/accounts", body).await
    }

    /// The messages of the chat the visitor is in.
    pub async fn chat_texts(&self) -> Vec<String> {
        texts(&self.load_chat().await["view"])
    }
}

/// A CRM export fixture from the parser's tests.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/src/book/import/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
