//! Session events: every change to a chat, numbered by a per-session `seq` that only grows.
//! The database stores them; the browser folds them into a [`super::ChatView`].

use super::{Action, ChatMessage, RunStatus, RunView, SourceRef, StepKey, StepStatus};
use serde::{Deserialize, Serialize};

/// One committed change to a chat session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionEvent {
    /// 1, 2, 3, … within the session, without gaps.
    pub seq: u64,
    pub at_ms: i64,
    pub change: Change,
}

/// What changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    MessageAdded {
        message: ChatMessage,
    },
    /// A message's content replaced: an answer streaming in, or its final, checked form.
    MessageRevised {
        id: String,
        text: String,
        #[serde(default)]
        sources: Vec<SourceRef>,
        #[serde(default)]
        actions: Vec<Action>,
        /// More revisions follow (the answer is still streaming).
        #[serde(default)]
        streaming: bool,
    },
    RunStarted {
        run: RunView,
    },
    StepChanged {
        run_id: String,
        step: StepKey,
        status: StepStatus,
        #[serde(default)]
        detail: Option<String>,
    },
    RunFinished {
        run_id: String,
        status: RunStatus,
    },
}
