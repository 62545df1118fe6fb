//! The chat as the browser shows it: a fold of the session's events. The server builds it
//! for the first render; the browser keeps it current from the live feed.

use super::{Change, ChatMessage, RunView, SessionEvent};
use serde::{Deserialize, Serialize};

/// Everything the chat page renders.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatView {
    pub session_id: String,
    /// The last event folded in.
    pub seq: u64,
    pub messages: Vec<ChatMessage>,
    pub runs: Vec<RunView>,
}

/// What [`ChatView::apply`] did with an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Applied,
    /// Already folded in (seq ≤ view.seq): ignored.
    Duplicate,
    /// Events are missing before this one: fetch them first.
    Gap,
}

impl ChatView {
    pub fn new(session_id: impl Into<String>) -> Self {
        Self {
            session_id: session_id.into(),
            ..Self::default()
        }
    }

    /// Fold one event in, exactly once and in order.
    pub fn apply(&mut self, event: &SessionEvent) -> Applied {
        if event.seq <= self.seq {
            return Applied::Duplicate;
        }
        if event.seq != self.seq + 1 {
            return Applied::Gap;
        }
        self.seq = event.seq;
        match &event.change {
            Change::MessageAdded { message } => self.messages.push(message.clone()),
            Change::RunStarted { run } => self.runs.push(run.clone()),
            Change::StepChanged {
                run_id,
                step,
                status,
                detail,
            } => {
                if let Some(run) = self.run_mut(run_id) {
                    run.move_step(*step, *status, detail.clone());
                }
            }
            Change::RunFinished { run_id, status } => {
                if let Some(run) = self.run_mut(run_id) {
                    run.status = *status;
                }
            }
        }
        Applied::Applied
    }

    /// Fold a batch in; stops at the first gap and says so.
    pub fn apply_all<'a>(&mut self, events: impl IntoIterator<Item = &'a SessionEvent>) -> Applied {
        for e in events {
            if self.apply(e) == Applied::Gap {
                return Applied::Gap;
            }
        }
        Applied::Applied
    }

    pub fn run(&self, id: &str) -> Option<&RunView> {
        self.runs.iter().find(|r| r.id == id)
    }

    fn run_mut(&mut self, id: &str) -> Option<&mut RunView> {
        self.runs.iter_mut().find(|r| r.id == id)
    }
}

/// The value of a session's live signal: the newest seq, and the newest event itself so a
/// browser that is exactly one behind needs no fetch. Small on purpose: the browser fetches
/// whatever it missed from the database.
///
/// The event travels as a JSON string so that every JSON patch of the signal replaces whole
/// fields: a patch applies to any earlier value, even after one was lost on the way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub seq: u64,
    pub latest: String,
}

impl Feed {
    pub fn of(event: &SessionEvent) -> Self {
        Self {
            seq: event.seq,
            latest: serde_json::to_string(event).unwrap_or_default(),
        }
    }

    /// The newest event, if it came through intact.
    pub fn event(&self) -> Option<SessionEvent> {
        serde_json::from_str::<SessionEvent>(&self.latest)
            .ok()
            .filter(|e| e.seq == self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{RunStatus, StepKey, StepStatus};

    fn ev(seq: u64, change: Change) -> SessionEvent {
        SessionEvent {
            seq,
            at_ms: seq as i64,
            change,
        }
    }

    fn msg(seq: u64, text: &str) -> SessionEvent {
        ev(
            seq,
            Change::MessageAdded {
                message: ChatMessage::assistant(format!("m{seq}"), text, 0),
            },
        )
    }

    #[test]
    fn events_fold_in_order_once() {
        let mut v = ChatView::new("s");
        assert_eq!(v.apply(&msg(1, "a")), Applied::Applied);
        assert_eq!(v.apply(&msg(1, "a")), Applied::Duplicate);
        assert_eq!(v.apply(&msg(3, "c")), Applied::Gap);
        assert_eq!(v.apply(&msg(2, "b")), Applied::Applied);
        assert_eq!(v.apply(&msg(3, "c")), Applied::Applied);
        let texts: Vec<_> = v.messages.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        assert_eq!(v.seq, 3);
    }

    #[test]
    fn step_changes_update_the_run() {
        let mut v = ChatView::new("s");
        let run = RunView::new("r", "acme-corp", "Acme Corp", 1000);
        v.apply(&ev(1, Change::RunStarted { run }));
        v.apply(&ev(
            2,
            Change::StepChanged {
                run_id: "r".into(),
                step: StepKey::Hiring,
                status: StepStatus::Running,
                detail: None,
            },
        ));
        v.apply(&ev(
            3,
            Change::RunFinished {
                run_id: "r".into(),
                status: RunStatus::Partial,
            },
        ));
        let r = v.run("r").unwrap();
        assert_eq!(r.step(StepKey::Hiring).unwrap().status, StepStatus::Running);
        assert_eq!(r.status, RunStatus::Partial);
    }

    #[test]
    fn a_feed_carries_its_event() {
        let e = msg(7, "hello");
        let feed = Feed::of(&e);
        assert_eq!(feed.seq, 7);
        assert_eq!(feed.event(), Some(e));
        let broken = Feed {
            seq: 8,
            latest: "{not json".into(),
        };
        assert_eq!(broken.event(), None);
    }

    #[test]
    fn a_batch_stops_at_a_gap() {
        let mut v = ChatView::new("s");
        let batch = [msg(1, "a"), msg(3, "c")];
        assert_eq!(v.apply_all(&batch), Applied::Gap);
        assert_eq!(v.seq, 1);
    }
}
