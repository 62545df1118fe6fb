//! Durability: the real server binary is killed with SIGKILL at random moments while runs
//! are in flight, and restarted on the same database: the embedded on-disk one, or a real
//! SurrealDB server reached over `ws://` (which stays up). Every run must finish with
//! exactly one outcome per step, and a client that stays connected across the restarts
//! must converge to the database's events with nothing lost or duplicated.

use crate::follower::Follower;
use crate::helpers::TestApp;
use crate::live_updates::assert_gapless;
use crate::surreal_server::SurrealServer;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const RUNS: usize = 24;
const ROUNDS: usize = 8;

pub(crate) struct ServerProcess {
    pub(crate) child: Child,
    pub(crate) dir: PathBuf,
    pub(crate) port: u16,
    pub(crate) env: Vec<(&'static str, String)>,
}

impl ServerProcess {
    /// Start the server binary on a free port with `env`, logging into `dir`, and wait
    /// until it answers its health check.
    pub(crate) async fn spawn(dir: &Path, env: Vec<(&'static str, String)>) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        let port = free_port();
        let server = ServerProcess {
            child: Self::start(dir, port, &env),
            dir: dir.to_path_buf(),
            port,
            env,
        };
        server.wait_healthy().await;
        server
    }

    /// The address it listens on.
    pub(crate) fn addr(&self) -> std::net::SocketAddr {
        format!("127.0.0.1:{}", self.port).parse().unwrap()
    }

    /// How many times its log says `line`.
    pub(crate) fn log_count(&self, line: &str) -> usize {
        std::fs::read_to_string(self.dir.join("server.log"))
            .unwrap_or_default()
            .matches(line)
            .count()
    }

    pub(crate) fn start(dir: &Path, port: u16, env: &[(&'static str, String)]) -> Child {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .unwrap();
        Command::new(env!("CARGO_BIN_EXE_server"))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", dir)
            .env("DOSSIER_DEMO_DELAY_MS", "100-700")
            .env("DOSSIER_CACHE", "off")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("RUST_LOG", "info")
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("the server binary starts")
    }

    pub(crate) async fn wait_healthy(&self) {
        let url = format!("http://127.0.0.1:{}/api/health", self.port);
        for _ in 0..600 {
            if let Ok(r) = reqwest::get(&url).await
                && r.status() == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server did not become healthy; log:\n{}", self.log_tail());
    }

    pub(crate) fn kill9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().unwrap();
    }

    pub(crate) fn restart(&mut self) {
        self.child = Self::start(&self.dir, self.port, &self.env);
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn finished_runs(events: &[Value]) -> usize {
    events
        .iter()
        .filter(|e| e["change"]["type"] == "run_finished")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_survive_kill_9_and_a_connected_client_converges() {
    let dir = scratch_dir();
    let db = format!("surrealkv://{}/db", dir.display());
    crash_scenario(dir, vec![("DOSSIER_DB", db)]).await;
}

/// The same against a real SurrealDB server over `ws://`, which outlives every crash of
/// ours. Runs are taken over when their lease lapses (1 s here), since another live
/// process could hold them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the SurrealDB test server binary: `make test` builds it and runs this"]
async fn runs_survive_kill_9_on_a_remote_surrealdb() {
    let dir = scratch_dir();
    let surreal = SurrealServer::start(&dir, "memory").await;
    let mut env = surreal.env();
    env.push(("DOSSIER_LEASE_MS", "1000".into()));
    crash_scenario(dir, env).await;
    drop(surreal);
}

/// Start research on each of `accounts` in chat `sid`; the runs' ids.
pub(crate) async fn start_runs(app: &TestApp, sid: &str, accounts: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for account in accounts {
        let res = app
            .post_json(
                "/api/intelligence/customer",
                json!({ "customerId": account, "chatSessionId": sid }),
            )
            .await;
        assert_eq!(res.status(), 202, "start {account}");
        let body: Value = res.json().await.unwrap();
        ids.push(body["executionId"].as_str().unwrap().to_string());
    }
    ids
}

/// Every run in `run_ids` finished once, every step moved running → done|failed exactly
/// once, and no message was posted twice, in the chat's `db_events`.
pub(crate) async fn assert_each_run_done_once(
    app: &TestApp,
    run_ids: &[String],
    db_events: &[Value],
) {
    // Every run finished once, and every step moved running → done|failed exactly once.
    let mut moves: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut finished: HashMap<String, usize> = HashMap::new();
    let mut message_ids = HashSet::new();
    for e in db_events {
        let c = &e["change"];
        match c["type"].as_str().unwrap() {
            "step_changed" => moves
                .entry((
                    c["run_id"].as_str().unwrap().into(),
                    c["step"].as_str().unwrap().into(),
                ))
                .or_default()
                .push(c["status"].as_str().unwrap().into()),
            "run_finished" => {
                *finished
                    .entry(c["run_id"].as_str().unwrap().into())
                    .or_default() += 1
            }
            "message_added" => {
                let id = c["message"]["id"].as_str().unwrap().to_string();
                assert!(message_ids.insert(id.clone()), "message {id} posted twice");
            }
            _ => {}
        }
    }
    for rid in run_ids {
        assert_eq!(
            finished.get(rid),
            Some(&1),
            "run {rid} finished exactly once"
        );
        let run: Value = app.get_run(rid).await.json().await.unwrap();
        assert_ne!(run["status"], "running", "{run}");
        let steps = run["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 7);
        for step in steps {
            let key = step["key"].as_str().unwrap().to_string();
            let status = step["status"].as_str().unwrap();
            assert!(
                status == "done" || status == "failed",
                "{rid}/{key} is {status}"
            );
            let seen = &moves[&(rid.clone(), key.clone())];
            assert_eq!(
                seen,
                &vec!["running".to_string(), status.to_string()],
                "{rid}/{key}: each transition exactly once"
            );
        }
    }
}

pub(crate) fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-crash-{}", server::random_id(6)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn crash_scenario(dir: PathBuf, env: Vec<(&'static str, String)>) {
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::rng().random());
    eprintln!("crash test seed {seed} (rerun with CRASH_SEED={seed})");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut server = ServerProcess::spawn(&dir, env).await;
    let app = TestApp::signed_up(server.addr()).await;
    let snapshot = app.load_chat().await;
    let sid = snapshot["view"]["session_id"].as_str().unwrap().to_string();
    let feed = snapshot["feed"].as_str().unwrap().to_string();
    let follower = Follower::connect(&app, &sid, &feed, vec![]).await;
    let watcher = {
        let app = TestApp::new(app.addr, app.session.clone());
        let mut follower = follower;
        tokio::spawn(async move {
            follower
                .follow_through_crashes(&app, |e| finished_runs(e) >= RUNS, Duration::from_secs(60))
                .await;
            follower
        })
    };

    let accounts: Vec<String> = server::demo::demo_accounts()
        .into_iter()
        .map(|a| a.id)
        .take(RUNS)
        .collect();
    let mut run_ids = Vec::new();
    let per_round = RUNS.div_ceil(ROUNDS);
    for round in 0..ROUNDS {
        let these: Vec<String> = accounts
            .iter()
            .skip(round * per_round)
            .take(per_round)
            .cloned()
            .collect();
        run_ids.extend(start_runs(&app, &sid, &these).await);
        // Let the runs get somewhere (or nowhere), then pull the plug.
        tokio::time::sleep(Duration::from_millis(rng.random_range(0..900))).await;
        server.kill9();
        server.restart();
        server.wait_healthy().await;
    }
    assert_eq!(run_ids.len(), RUNS);

    let follower = tokio::time::timeout(Duration::from_secs(120), watcher)
        .await
        .unwrap_or_else(|_| panic!("runs did not all finish; log:\n{}", server.log_tail()))
        .unwrap_or_else(|e| panic!("follower failed: {e}; log:\n{}", server.log_tail()));

    // The client converged to exactly the database's events, once each, in order.
    let db_events = app.events_since(&sid, 0).await;
    assert_gapless(&db_events);
    assert_eq!(follower.events, db_events, "the client converged");

    assert_each_run_done_once(&app, &run_ids, &db_events).await;
    // Embedded: taken over at start; remote: taken over when the lease lapsed.
    let resumed = server.log_count("resuming a run left by a stopped process")
        + server.log_count("taking a run whose lease lapsed");
    eprintln!(
        "crash test: {RUNS} runs, {ROUNDS} kill -9s, {resumed} resumptions, {} reconnects, {} events ({} via feed, {} via fetch)",
        follower.reconnects,
        db_events.len(),
        follower.via_feed,
        follower.via_fetch
    );
    assert!(
        resumed > 0,
        "some runs were in flight at a kill and resumed"
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A step whose process dies every time it runs (as a panic in it would) is not resumed
/// forever: found running a third time after a crash, it fails with the reason, and the run
/// ends saying what it lacks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_that_keeps_dying_fails_after_three_attempts() {
    let dir = scratch_dir();
    let env = vec![
        ("DOSSIER_DB", format!("surrealkv://{}/db", dir.display())),
        ("DOSSIER_DEMO_DELAY_MS", "20000".to_string()),
        ("DOSSIER_SIGNUP", "open".to_string()),
        // A lease the restarted process could not take at once is retried within 0.5 s.
        ("DOSSIER_LEASE_MS", "1500".to_string()),
    ];
    let mut server = ServerProcess::spawn(&dir, env).await;
    let app = TestApp::signed_up(server.addr()).await;
    let res = app.start_intelligence("acme-corp", None).await;
    assert_eq!(res.status(), 202);
    let body: Value = res.json().await.unwrap();
    let rid = body["executionId"].as_str().unwrap().to_string();
    // Attempts 1 to 3 die mid-step.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        server.kill9();
        server.restart();
        server.wait_healthy().await;
    }
    let run = app.wait_for_run(&rid).await;
    assert_eq!(run["status"], "failed", "{run}");
    for step in run["steps"].as_array().unwrap() {
        if step["key"] == "vendor" {
            assert_eq!(
                step["status"], "done",
                "the rep's own company needs no search"
            );
            continue;
        }
        if step["key"] == "analysis" {
            continue;
        }
        assert_eq!(step["status"], "failed", "{step}");
        assert_eq!(step["detail"], "stopped after 3 attempts", "{step}");
    }
}
