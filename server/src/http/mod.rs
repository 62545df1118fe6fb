//! HTTP: the router and the state its handlers share, the JSON API ([`api`] for the chat,
//! [`accounts`] for the book, [`auth`] for accounts and sign-in; their bodies in [`dto`];
//! [`preps`] and [`sharing`] for the one-pager and what leaves Dossier, the read-only
//! [`share_page`]), the plain forms (sign-in, the chat box, settings, the prep's buttons)
//! and the server-function adapter.

pub mod accounts;
pub mod api;
pub mod api_error;
pub mod auth;
pub mod auth_forms;
pub mod chat_form;
pub mod dto;
pub mod flood;
pub mod guard;
pub mod headers;
pub mod identity;
pub mod live_socket;
pub mod prep_forms;
pub mod preps;
mod router;
pub mod server_fns;
pub mod settings_forms;
pub mod share_page;
pub mod sharing;

pub use router::{AppState, build_router};
