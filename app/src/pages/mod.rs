//! Routed pages.

pub mod chat_page;
