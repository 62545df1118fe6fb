//! The chat's components, one public component per file.

pub mod action_buttons;
pub mod chat_header;
pub mod chat_input;
pub mod chat_shell;
pub mod message_bubble;
pub mod message_list;
pub mod message_text;
pub mod progress_card;
pub mod source_badges;
