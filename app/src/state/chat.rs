//! The chat's reactive state: the view folded from session events, plus what the input is
//! doing. Every change from the server goes through [`ChatContext::absorb`], which applies
//! events exactly once and in order, and fetches whatever is missing.

use crate::api::chat::{
    ask_question, chat_events, choose_account, research_domain, retry_research, send_message,
    set_persona,
};
use crate::domain::{ActionKind, Applied, ChatView, Feed, SessionEvent};
use crate::error::AppError;
use crate::ports::PersonaChange;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A request that failed and can be made again with Retry.
#[derive(Clone, Debug, PartialEq)]
pub enum Failed {
    /// A typed message (also put back in the input).
    Send(String),
    /// A button press: what it does and its label.
    Act(ActionKind, String),
}

/// Shared by every component of the chat page.
#[derive(Clone, Copy)]
pub struct ChatContext {
    pub view: RwSignal<ChatView>,
    /// A request from the input or a button is in flight.
    pub busy: RwSignal<bool>,
    /// The last error to show under the input.
    pub error: RwSignal<Option<String>>,
    /// True while live updates arrive: the socket is connected and the view caught up.
    pub online: RwSignal<bool>,
    /// Was ever live on this page (so "Reconnecting…", not "Offline", when it drops).
    pub ever_online: RwSignal<bool>,
    /// The buttons the rep has pressed, by label: their "new" badge is gone.
    pub opened: RwSignal<Vec<String>>,
    /// The buttons (`run:action id`) seen waiting for their data on this page: when the data
    /// lands they say "new", also if they were drawn again meanwhile (folded away).
    pub waited: RwSignal<Vec<String>>,
    /// A button was pressed: focus goes to the answer it brings.
    pub focus_answer: RwSignal<bool>,
    /// The rep typed or pressed something on this page: its answer is scrolled to.
    pub awaiting_answer: RwSignal<bool>,
    /// The messages that arrived while the rep read further up ("↓ N new"), oldest first.
    pub unseen: RwSignal<Vec<String>>,
    /// The last request, when it failed in a way a retry can fix (see [`ChatContext::retry`]).
    pub failed: RwSignal<Option<Failed>>,
    /// The text in the input, kept across a failed send so nothing is lost.
    pub draft: RwSignal<String>,
    /// The newest value of the session's live feed.
    pub feed: RwSignal<Feed>,
    /// A fetch of missed events is in flight.
    syncing: RwSignal<bool>,
}

impl ChatContext {
    pub fn new(view: ChatView) -> Self {
        Self {
            view: RwSignal::new(view),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            online: RwSignal::new(false),
            ever_online: RwSignal::new(false),
            opened: RwSignal::new(Vec::new()),
            waited: RwSignal::new(Vec::new()),
            focus_answer: RwSignal::new(false),
            awaiting_answer: RwSignal::new(false),
            unseen: RwSignal::new(Vec::new()),
            failed: RwSignal::new(None),
            draft: RwSignal::new(typed_before_hydration()),
            feed: RwSignal::new(Feed::default()),
            syncing: RwSignal::new(false),
        }
    }

    /// Keep the view caught up with the live feed (browser only: effects do not run on the
    /// server). Events the feed carries are folded in directly; a gap is fetched — unless a
    /// call of ours is in flight, whose answer usually carries exactly the missing events.
    pub fn follow_feed(&self) {
        let this = *self;
        Effect::new(move |_| {
            let feed = this.feed.get();
            let busy = this.busy.get();
            // Re-checked when a fetch ends, so a feed that moved on meanwhile is caught up.
            if this.syncing.get() {
                return;
            }
            let seq = this.view.with_untracked(|v| v.seq);
            if feed.seq <= seq {
                return;
            }
            match feed.events_after(seq) {
                Some(events) => this.absorb(&events),
                None if busy => {}
                None => this.resync(),
            }
        });
    }

    pub fn provide(self) {
        provide_context(self);
    }

    /// Whether a fetch of missed events is in flight.
    pub fn is_syncing(&self) -> bool {
        self.syncing.get_untracked()
    }

    pub fn session_id(&self) -> String {
        self.view.with_untracked(|v| v.session_id.clone())
    }

    /// Fold committed events into the view; on a gap, fetch the missing ones.
    pub fn absorb(&self, events: &[SessionEvent]) {
        let mut sorted: Vec<&SessionEvent> = events.iter().collect();
        sorted.sort_by_key(|e| e.seq);
        let outcome = self
            .view
            .try_update(|v| v.apply_all(sorted))
            .unwrap_or(Applied::Applied);
        if outcome == Applied::Gap {
            self.resync();
        }
    }

    /// Fetch the events after the view's seq from the server and fold them in. One fetch at
    /// a time; when it ends, the feed follower checks again.
    pub fn resync(&self) {
        if self.syncing.get_untracked() {
            return;
        }
        self.syncing.set(true);
        let this = *self;
        spawn_local(async move {
            let after = this.view.with_untracked(|v| v.seq);
            match chat_events(this.session_id(), after).await {
                Ok(events) => this.absorb(&events),
                Err(e) => {
                    leptos::logging::warn!("resync failed: {e}");
                    // Back off before the follower tries again.
                    #[cfg(feature = "hydrate")]
                    gloo_timers::future::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
            // Wakes the feed follower, which fetches again if the view is still behind.
            this.syncing.set(false);
        });
    }

    /// Send what the rep typed. On failure the text goes back into the input.
    pub fn send(&self, text: String) {
        let this = *self;
        let failed = Failed::Send(text.clone());
        this.run(failed, async move {
            send_message(this.session_id(), text).await
        });
    }

    /// Make the failed request again.
    pub fn retry(&self) {
        match self.failed.get_untracked() {
            Some(Failed::Send(text)) => {
                self.draft.set(String::new());
                self.send(text);
            }
            Some(Failed::Act(action, label)) => self.act(action, label),
            None => {}
        }
    }

    /// Do what a button says; `label` is the button's text (the rep's side of the chat).
    pub fn act(&self, action: ActionKind, label: String) {
        let this = *self;
        let failed = Failed::Act(action.clone(), label.clone());
        this.opened.update(|o| {
            if !o.contains(&label) {
                o.push(label.clone());
            }
        });
        this.focus_answer
            .set(!matches!(action, ActionKind::SearchAgain));
        let retry_persona = failed.clone();
        let persona = move |change: PersonaChange| {
            this.run(retry_persona.clone(), async move {
                set_persona(this.session_id(), change).await
            })
        };
        match action {
            ActionKind::SelectCustomer { account_id } => this.run(failed.clone(), async move {
                choose_account(this.session_id(), account_id).await
            }),
            ActionKind::Explore { topic } => this.run(failed.clone(), async move {
                ask_question(this.session_id(), label, topic.intent(), None, None).await
            }),
            ActionKind::Ask {
                intent,
                focus,
                account_id,
            } => this.run(failed.clone(), async move {
                ask_question(this.session_id(), label, intent, focus, account_id).await
            }),
            ActionKind::SetRole { role } => persona(PersonaChange::Role { role }),
            ActionKind::SetPurpose { purpose } => persona(PersonaChange::Purpose { purpose }),
            ActionKind::SkipPersona => persona(PersonaChange::Skip),
            ActionKind::ChangePersona => persona(PersonaChange::Change),
            ActionKind::SearchAgain => focus_input(),
            ActionKind::ResearchDomain { domain } => this.run(failed.clone(), async move {
                research_domain(this.session_id(), domain).await
            }),
            ActionKind::Retry { run_id, step } => this.run(failed.clone(), async move {
                retry_research(this.session_id(), run_id, step).await
            }),
            // Drawn as a link (see `ActionButtons`): nothing to ask the server.
            ActionKind::OpenPrep { .. } => {}
        }
    }

    /// Make a call; `failed` is what Retry makes again if it does not get through.
    fn run(
        &self,
        failed: Failed,
        call: impl std::future::Future<Output = Result<Vec<SessionEvent>, AppError>> + 'static,
    ) {
        let this = *self;
        this.busy.set(true);
        this.awaiting_answer.set(true);
        this.error.set(None);
        this.failed.set(None);
        spawn_local(async move {
            match call.await {
                Ok(events) => this.absorb(&events),
                Err(e) => {
                    if let Failed::Send(text) = &failed {
                        this.draft.set(text.clone());
                    }
                    // Only what a retry can fix gets a Retry button.
                    if matches!(
                        e,
                        AppError::Transport(_) | AppError::Unavailable | AppError::Internal
                    ) {
                        leptos::logging::warn!("request failed: {e:?}");
                        this.failed.set(Some(failed));
                    }
                    this.error.set(Some(e.to_string()));
                }
            }
            // Wakes the feed follower, which folds in whatever arrived meanwhile.
            this.busy.set(false);
        });
    }
}

/// The chat context provided by the page.
pub fn use_chat() -> ChatContext {
    expect_context::<ChatContext>()
}

/// The id of the chat input, for focus and labels.
pub const INPUT_ID: &str = "chat-input";

fn focus_input() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(el) = leptos::prelude::document().get_element_by_id(INPUT_ID)
            && let Ok(input) = el.dyn_into::<leptos::web_sys::HtmlElement>()
        {
            let _ = input.focus();
        }
    }
}

/// What the rep typed into the server-rendered message box before the WASM took over (the
/// box is bound to the draft from here on, so that text must become the draft, not vanish).
fn typed_before_hydration() -> String {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        leptos::prelude::document()
            .get_element_by_id(INPUT_ID)
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}
