//! Integration tests: the real server on port 0 with an in-memory SurrealDB, driven over
//! real HTTP and the real leptos_ws websocket.

mod auth;
mod book;
mod cache;
mod cluster;
mod conversation;
mod crash;
mod crash_promises;
mod devices;
mod durability;
mod floods;
mod follower;
mod forms;
mod headers;
mod helpers;
mod hubspot;
mod import_crash;
mod limits;
mod live_socket;
mod live_updates;
mod llm;
mod preps;
mod promises;
mod questions;
mod research;
mod search;
mod sessions;
mod settings;
mod sharing;
mod smtp_server;
mod surreal_server;
