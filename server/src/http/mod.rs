//! HTTP surfaces besides the Leptos pages: the JSON API and the server-function adapter.

pub mod api;
pub mod api_error;
pub mod server_fns;
