//! A real SurrealDB server process (`surreal start`, from the test-only binary `make test`
//! builds) for the tests that run Dossier against a remote database over `ws://`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(crate) struct SurrealServer {
    child: Child,
    pub(crate) port: u16,
    /// `memory`, or `surrealkv://…` to keep the data across a restart.
    storage: String,
    log: PathBuf,
}

impl SurrealServer {
    /// Start one on a free port with `storage`, logging into `dir`.
    pub(crate) async fn start(dir: &Path, storage: &str) -> Self {
        let port = crate::crash::free_port();
        let log = dir.join("surrealdb.log");
        let server = SurrealServer {
            child: spawn(&binary(), port, storage, &log),
            port,
            storage: storage.to_string(),
            log,
        };
        server.wait_up().await;
        server
    }

    /// The URL Dossier connects to.
    pub(crate) fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// Stop it (SIGKILL) and start it again on the same port and data.
    pub(crate) async fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.child = spawn(&binary(), self.port, &self.storage, &self.log);
        self.wait_up().await;
    }

    async fn wait_up(&self) {
        let health = format!("http://127.0.0.1:{}/health", self.port);
        for _ in 0..600 {
            if reqwest::get(&health).await.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("SurrealDB did not come up; see {}", self.log.display());
    }

    /// Settings that point Dossier at it.
    pub(crate) fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DOSSIER_DB", self.url()),
            ("DOSSIER_DB_USER", "root".into()),
            ("DOSSIER_DB_PASS", "root".into()),
        ]
    }
}

impl Drop for SurrealServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(bin: &str, port: u16, storage: &str, log: &Path) -> Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    Command::new(bin)
        .args(["start", "--user", "root", "--pass", "root", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .arg(storage)
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("SurrealDB starts")
}

/// The test server binary (`SURREALDB_TEST_SERVER`, else the workspace's debug build).
fn binary() -> String {
    let bin = std::env::var("SURREALDB_TEST_SERVER").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/debug/surrealdb-test-server"
        )
        .into()
    });
    assert!(
        Path::new(&bin).exists(),
        "{bin} is missing: build it with `cargo build -p surrealdb-test-server`"
    );
    bin
}
