//! Client-side state shared by the chat's components.

pub mod chat;
pub mod import;
pub mod scroll;
