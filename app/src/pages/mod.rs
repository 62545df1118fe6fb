//! Routed pages.

pub mod accounts_page;
pub mod chat_page;
