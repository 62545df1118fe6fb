//! Pure domain types and rules: no Leptos, no IO. Compiled for the server and the browser alike.

pub mod account;
pub mod chat;
pub mod event;
pub mod query;
pub mod run;
pub mod search;
pub mod view;

pub use account::AccountSummary;
pub use chat::{Action, ActionKind, ChatMessage, Role, SourceRef, Topic};
pub use event::{Change, SessionEvent};
pub use run::{RunStatus, RunView, StepKey, StepStatus, StepView};
pub use view::{Applied, ChatView, Feed};
