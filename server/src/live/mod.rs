//! The live path from a committed event to the browser: one LIVE SELECT on `event` per
//! process ([`follow`]) moves each open session's leptos_ws signal forward ([`feeds`]).

mod feeds;
mod follow;

pub use feeds::{FeedHub, Following, Watch};
pub use follow::follow_events;
