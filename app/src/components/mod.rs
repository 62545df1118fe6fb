//! The UI's components, one public component per file: the chat's, and the Accounts page's
//! (book summary, import panel, preview, progress, summary, problem rows).

pub mod action_buttons;
pub mod book_summary;
pub mod chat_header;
pub mod chat_input;
pub mod chat_shell;
#[cfg(feature = "hydrate")]
mod follow_newest;
pub mod import_panel;
pub mod import_preview;
pub mod import_progress;
pub mod import_summary;
pub mod message_bubble;
pub mod message_list;
pub mod message_text;
pub mod pin_button;
pub mod problem_rows;
pub mod progress_card;
pub mod share_panel;
pub mod source_badges;
