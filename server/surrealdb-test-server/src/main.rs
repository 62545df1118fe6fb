//! A real SurrealDB server, exactly as the official `surreal` binary starts one, for the
//! tests that run Dossier against a remote database over `ws://`.

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
