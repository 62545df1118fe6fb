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
            Change::MessageRevised {
                id,
                text,
                sources,
                actions,
                streaming,
            } => {
                if let Some(m) = self.messages.iter_mut().find(|m| &m.id == id) {
                    m.text = text.clone();
                    m.sources = sources.clone();
                    m.actions = actions.clone();
                    m.streaming = *streaming;
                    m.revision += 1;
                }
            }
            Change::RunStarted { run } => {
                let mut run = run.clone();
                run.started_at_ms = event.at_ms;
                self.runs.push(run);
            }
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
                    run.took_ms = Some(event.at_ms.saturating_sub(run.started_at_ms).max(0) as u64);
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

    pub fn message(&self, id: &str) -> Option<&ChatMessage> {
        self.messages.iter().find(|m| m.id == id)
    }

    pub fn run(&self, id: &str) -> Option<&RunView> {
        self.runs.iter().find(|r| r.id == id)
    }

    fn run_mut(&mut self, id: &str) -> Option<&mut RunView> {
        self.runs.iter_mut().find(|r| r.id == id)
    }
}

/// The value of a session's live signal: the newest seq and the most recent events (up to
/// [`Feed::WINDOW`]), so a browser a few events behind needs no fetch. Small on purpose: a
/// browser further behind fetches what it missed from the database.
///
/// The events travel as one JSON string so that every JSON patch of the signal replaces whole
/// fields: a patch applies to any earlier value, even after one was lost on the way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub seq: u64,
    /// JSON array of [`SessionEvent`], oldest first, ending at `seq`.
    pub recent: String,
}

impl Feed {
    /// How many recent events a feed carries.
    pub const WINDOW: usize = 6;

    /// A feed of `events` (any order; the newest [`Feed::WINDOW`] are kept).
    pub fn of(events: &[SessionEvent]) -> Self {
        let mut recent: Vec<&SessionEvent> = events.iter().collect();
        recent.sort_by_key(|e| e.seq);
        recent.dedup_by_key(|e| e.seq);
        let start = recent.len().saturating_sub(Self::WINDOW);
        let recent = &recent[start..];
        Self {
            seq: recent.last().map_or(0, |e| e.seq),
            recent: serde_json::to_string(recent).unwrap_or_default(),
        }
    }

    /// The recent events, if they came through intact.
    pub fn events(&self) -> Vec<SessionEvent> {
        serde_json::from_str::<Vec<SessionEvent>>(&self.recent).unwrap_or_default()
    }

    /// The events a view at `seq` needs, if this feed holds all of them.
    pub fn events_after(&self, seq: u64) -> Option<Vec<SessionEvent>> {
        if self.seq <= seq {
            return Some(Vec::new());
        }
        let needed: Vec<SessionEvent> = self.events().into_iter().filter(|e| e.seq > seq).collect();
        let complete = needed.len() as u64 == self.seq - seq
            && needed.iter().zip(seq + 1..).all(|(e, s)| e.seq == s);
        complete.then_some(needed)
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
        assert_eq!(
            r.took_ms,
            Some(2),
            "from RunStarted at 1 to RunFinished at 3"
        );
    }

    #[test]
    fn a_feed_carries_the_recent_events() {
        let events: Vec<SessionEvent> = (1..=9).map(|i| msg(i, "x")).collect();
        let feed = Feed::of(&events);
        assert_eq!(feed.seq, 9);
        assert_eq!(feed.events().len(), Feed::WINDOW);
        assert_eq!(feed.events_after(5).unwrap().len(), 4);
        assert_eq!(feed.events_after(9).unwrap().len(), 0);
        assert_eq!(feed.events_after(2), None, "too far behind: fetch");
        let broken = Feed {
            seq: 8,
            recent: "{not json".into(),
        };
        assert_eq!(broken.events_after(7), None);
    }

    #[test]
    fn a_revision_replaces_the_message_content() {
        let mut v = ChatView::new("s");
        v.apply(&msg(1, "🔍 Analyzing their technology stack…"));
        v.apply(&ev(
            2,
            Change::MessageRevised {
                id: "m1".into(),
                text: "AWS [1]".into(),
                sources: vec![],
                actions: vec![],
                streaming: false,
            },
        ));
        assert_eq!(v.messages[0].text, "AWS [1]");
        assert_eq!(v.messages[0].revision, 1);
        assert!(!v.messages[0].streaming);
    }

    #[test]
    fn a_batch_stops_at_a_gap() {
        let mut v = ChatView::new("s");
        let batch = [msg(1, "a"), msg(3, "c")];
        assert_eq!(v.apply_all(&batch), Applied::Gap);
        assert_eq!(v.seq, 1);
    }
}
