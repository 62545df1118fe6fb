//! Pure domain types and rules: no Leptos, no IO. Compiled for the server and the browser alike.

pub mod access;
pub mod account;
pub mod actions;
pub mod chat;
pub mod chat_list;
pub mod citation;
pub mod crm;
pub mod event;
pub mod import;
pub mod intent;
pub mod live_actions;
pub mod one_pager;
pub mod persona;
pub mod query;
pub mod run;
pub mod search;
pub mod settings;
pub mod sharing;
pub mod view;

pub use account::{AccountSummary, HoldsAccount, Origin};
pub use chat::{Action, ActionKind, ChatMessage, Role, SourceRef, Topic};
pub use event::{Change, SessionEvent};
pub use intent::{Intent, Question};
pub use persona::{MeetingPurpose, Persona, RepRole};
pub use run::{RunStatus, RunView, StepKey, StepStatus, StepView};
pub use view::{Applied, ChatView, Feed};
