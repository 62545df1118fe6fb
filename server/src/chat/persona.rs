//! The rep's role and meeting purpose: asked at the start of a prep (skippable), remembered
//! per user, changeable any time.

use super::{Chat, message_id};
use crate::store::sessions::SessionRow;
use app::domain::actions::{next_actions, persona_actions};
use app::domain::{Action, ActionKind, ChatMessage, Intent, MeetingPurpose, Persona, RepRole};
use app::error::AppError;
use app::ports::PersonaChange;

impl Chat {
    /// The message that asks for the role and purpose, or says what is known.
    pub(super) fn persona_prompt(&self, persona: &Persona, now: i64) -> ChatMessage {
        if persona.should_ask() {
            let known = persona
                .describe()
                .map(|d| format!(" (so far: {d})"))
                .unwrap_or_default();
            return ChatMessage::assistant(
                message_id(),
                format!(
                    "While that runs, let's get specific about your meeting{known}:\n\
                     • Your role today?\n\
                     • What's the meeting purpose?\n\
                     Both tailor my answers and suggestions — or skip."
                ),
                now,
            )
            .with_actions(persona_actions(persona));
        }
        let text = match persona.describe() {
            Some(d) => format!("Preparing as {d}."),
            None => "Preparing without a role or purpose — answers stay general.".into(),
        };
        ChatMessage::assistant(message_id(), text, now).with_actions(vec![change_button()])
    }

    /// Apply a persona change and answer it.
    pub async fn change_persona(
        &self,
        session: &SessionRow,
        change: PersonaChange,
    ) -> Result<ChatMessage, AppError> {
        let mut persona = self.store.persona(&session.owner).await?;
        let now = crate::now_ms();
        let text = match change {
            PersonaChange::Role { role } => {
                persona.role = Some(role);
                persona.skipped = false;
                format!("Got it — you're the {}.", role.label())
            }
            PersonaChange::Purpose { purpose } => {
                persona.purpose = Some(purpose);
                persona.skipped = false;
                format!("Got it — this is {}.", purpose.phrase())
            }
            PersonaChange::Skip => {
                persona.skipped = true;
                "No problem — I'll keep answers general. Tell me your role any time.".to_string()
            }
            PersonaChange::Change => {
                let open = Persona::default();
                return Ok(ChatMessage::assistant(
                    message_id(),
                    match persona.describe() {
                        Some(d) => format!("You're set as {d}. Pick a new role or purpose:"),
                        None => "Pick your role and the meeting's purpose:".into(),
                    },
                    now,
                )
                .with_actions(persona_actions(&open)));
            }
        };
        self.store.save_persona(&session.owner, &persona).await?;
        if change == PersonaChange::Skip {
            return Ok(
                ChatMessage::assistant(message_id(), text, now).with_actions(vec![change_button()])
            );
        }
        if persona.should_ask() {
            return Ok(ChatMessage::assistant(
                message_id(),
                format!(
                    "{text} {}",
                    if persona.purpose.is_none() {
                        "And the meeting's purpose?"
                    } else {
                        "And your role?"
                    }
                ),
                now,
            )
            .with_actions(persona_actions(&persona)));
        }
        // Both known: suggest what fits them for the current account.
        let actions = self.suggestions(session, &persona).await?;
        Ok(ChatMessage::assistant(
            message_id(),
            format!(
                "{text} I'll tailor answers and suggestions for {}.",
                persona.describe().unwrap_or_default()
            ),
            now,
        )
        .with_actions(actions))
    }

    /// The rep stated a role and/or purpose in words: apply both, answer once.
    pub(super) async fn state_persona(
        &self,
        session: &SessionRow,
        role: Option<RepRole>,
        purpose: Option<MeetingPurpose>,
    ) -> Result<ChatMessage, AppError> {
        let mut answer = None;
        if let Some(role) = role {
            answer = Some(
                self.change_persona(session, PersonaChange::Role { role })
                    .await?,
            );
        }
        if let Some(purpose) = purpose {
            answer = Some(
                self.change_persona(session, PersonaChange::Purpose { purpose })
                    .await?,
            );
        }
        answer.ok_or_else(|| AppError::BadInput("No role or purpose given.".into()))
    }

    /// The next-step buttons for the session's current account, fitted to `persona` and to
    /// what its research found so far.
    async fn suggestions(
        &self,
        session: &SessionRow,
        persona: &Persona,
    ) -> Result<Vec<Action>, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        let Some(account) = context
            .account_id
            .and_then(|id| self.accounts.get(&id).cloned())
        else {
            return Ok(vec![]);
        };
        let run = self.latest_run_about(session, &account).await?;
        let lookup = self
            .lookup_for(&account, *persona, Intent::MainInsights, run.as_ref())
            .await?;
        let run_live = run.filter(|r| r.is_running()).map(|r| r.rid);
        let mut actions: Vec<Action> =
            next_actions(persona, &lookup.signals(), None, run_live.as_deref())
                .into_iter()
                .map(|a| a.about(&account.id))
                .collect();
        actions.push(change_button());
        Ok(actions)
    }
}

/// What the rep "said" by pressing a persona button.
pub(super) fn said(change: PersonaChange) -> String {
    match change {
        PersonaChange::Role { role } => format!("I'm the {}", role.label()),
        PersonaChange::Purpose { purpose } => purpose.label().to_string(),
        PersonaChange::Skip => "Skip".into(),
        PersonaChange::Change => "Change role or purpose".into(),
    }
}

fn change_button() -> Action {
    Action::new(
        "change_persona",
        "Change role or purpose",
        ActionKind::ChangePersona,
    )
}
