//! Server functions the UI calls. Each is a few lines: find the caller, call the service.

pub mod accounts;
pub mod chat;
pub mod preps;
pub mod settings;
