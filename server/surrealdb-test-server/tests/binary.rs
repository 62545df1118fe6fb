//! The binary the `ws://` tests start (`target/debug/surrealdb-test-server`). Having an
//! integration test here makes `cargo test` build it in the same invocation as Dossier's own
//! tests, so `surrealdb-core` and its dependencies compile once, with one feature set.

use std::process::Command;

#[test]
fn the_test_server_is_a_surrealdb_server_of_the_pinned_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_surrealdb-test-server"))
        .arg("version")
        .output()
        .expect("the test server runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "exit {:?}: {text}", out.status);
    assert!(text.contains("3.3.5"), "unexpected version: {text}");
}
