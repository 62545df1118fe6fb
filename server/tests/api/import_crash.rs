//! An import killed with SIGKILL halfway leaves the book as before or with whole rows only
//! (batches are transactions), says it was interrupted, and runs again to the end.

use crate::crash::{ServerProcess, scratch_dir};
use crate::helpers::TestApp;
use serde_json::Value;
use std::time::Duration;

const ROWS: usize = 40_000;

fn export() -> String {
    let mut csv =
        String::from("Account Name,Website,Industry,Billing City,Employees,Account ID\r\n");
    for i in 1..=ROWS {
        csv.push_str(&format!(
            "Crashco {i},crashco{i}.com,Software,Austin,{i},C{i}\r\n"
        ));
    }
    csv
}

async fn own_accounts(app: &TestApp) -> u64 {
    let (total, demo) = app.book_counts().await;
    total - demo
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_halfway_keeps_whole_rows_and_runs_again() {
    let dir = scratch_dir();
    let env = vec![(
        "DOSSIER_DB",
        format!("surrealkv://{}", dir.join("db").display()),
    )];
    let mut server = ServerProcess::spawn(&dir, env).await;
    let app = TestApp::signed_up(server.addr()).await;
    let file = export();

    let preview: Value = app
        .import_csv("?preview=true", file.clone())
        .await
        .json()
        .await
        .unwrap();
    let id = preview["importId"].as_str().unwrap().to_string();
    assert_eq!(preview["planned"], ROWS);
    let importing = {
        let app = TestApp::new(app.addr, app.session.clone());
        let (file, id) = (file.clone(), id.clone());
        // The connection dies with the server: the result is an error, and that is expected.
        tokio::spawn(async move {
            app.client
                .post(app.url(&format!("/api/accounts/import?importId={id}")))
                .header("content-type", "text/csv")
                .body(file)
                .send()
                .await
        })
    };
    // Kill it once some batches are in and before the last.
    let mut written = 0;
    for _ in 0..2_000 {
        let res = app
            .client
            .get(app.url(&format!("/api/accounts/imports/{id}")))
            .send()
            .await;
        if let Ok(r) = res
            && r.status() == 200
        {
            let report: Value = r.json().await.unwrap();
            written = report["written"].as_u64().unwrap_or(0);
            if written >= 2_000 {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        written > 0 && (written as usize) < ROWS,
        "killed at {written}"
    );
    server.kill9();
    let _ = importing.await;

    server.restart();
    server.wait_healthy().await;
    let report = app.import_report(&id).await;
    assert_eq!(report["status"], "interrupted", "{report}");
    let kept = own_accounts(&app).await;
    assert_eq!(kept % 1_000, 0, "whole batches only: {kept}");
    assert!(
        kept >= written,
        "every batch reported written is kept ({kept} < {written})"
    );
    // Every account kept is whole: its fields are the row's.
    for i in [1, 500, 999, kept as usize] {
        if i == 0 || i > kept as usize {
            continue;
        }
        let hits: Value = app
            .search(&format!("crashco{i}.com"), 1)
            .await
            .json()
            .await
            .unwrap();
        let a = &hits[0];
        assert_eq!(a["name"], format!("Crashco {i}"), "{hits}");
        assert_eq!(a["industry"], "Software");
        assert_eq!(a["location"], "Austin");
        assert_eq!(a["employees"], i);
    }

    let again: Value = app.import_csv("", file).await.json().await.unwrap();
    assert_eq!(again["status"], "done", "{again}");
    assert_eq!(again["unchanged"].as_u64().unwrap(), kept);
    assert_eq!(again["created"].as_u64().unwrap(), ROWS as u64 - kept);
    assert_eq!(own_accounts(&app).await, ROWS as u64);
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}
