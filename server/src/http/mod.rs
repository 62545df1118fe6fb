//! HTTP surfaces besides the Leptos pages: the JSON API.

pub mod api;
pub mod api_error;
