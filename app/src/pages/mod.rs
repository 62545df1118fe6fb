//! Routed pages.

pub mod access_page;
pub mod accounts_page;
pub mod chat_page;
pub mod deck_page;
pub mod prep_page;
pub mod preps_page;
pub mod settings_page;
pub mod shared_page;
