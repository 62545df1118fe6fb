//! The rep's role and meeting purpose: asked at the start of a prep (skippable), remembered
//! per user, changeable any time.

use super::{Chat, message_id};
use crate::answers::persona as say;
use crate::own_company::OwnCompany;
use crate::store::sessions::SessionRow;
use app::domain::actions::{next_actions, persona_actions};
use app::domain::{
    Action, ActionKind, Change, ChatMessage, Intent, MeetingPurpose, Persona, RepRole,
};
use app::error::AppError;
use app::ports::PersonaChange;
use std::sync::Arc;

/// Who is asking: the rep's role and purpose, and the company they sell for.
pub(super) struct Rep {
    pub persona: Persona,
    pub company: Arc<OwnCompany>,
}

impl Chat {
    /// The rep `owner` (None: nobody's — no persona, the server's company).
    pub(super) async fn rep(&self, owner: Option<&str>) -> Result<Rep, AppError> {
        let persona = match owner {
            Some(o) => self.store.persona(o).await?,
            None => Persona::default(),
        };
        Ok(Rep {
            persona,
            company: self.companies.of_owner(owner).await?,
        })
    }

    /// The message that asks for the role and purpose, or says what is known.
    /// `running`: a research run has just started (the prompt says "while that runs").
    pub(super) fn persona_prompt(&self, persona: &Persona, running: bool, now: i64) -> ChatMessage {
        let message = ChatMessage::assistant(message_id(), say::prompt(persona, running), now);
        if persona.should_ask() {
            message.with_actions(persona_actions(persona))
        } else {
            message.with_actions(vec![change_button()])
        }
    }

    /// Apply a persona change and answer it.
    pub async fn change_persona(
        &self,
        session: &SessionRow,
        change: PersonaChange,
    ) -> Result<ChatMessage, AppError> {
        let mut persona = self.store.persona(&session.owner).await?;
        let now = crate::now_ms();
        let got = match change {
            PersonaChange::Role { role } => {
                persona.role = Some(role);
                persona.skipped = false;
                say::got_role(role)
            }
            PersonaChange::Purpose { purpose } => {
                persona.purpose = Some(purpose);
                persona.suggested = false;
                persona.skipped = false;
                say::got_purpose(purpose)
            }
            PersonaChange::Skip => {
                persona.skipped = true;
                say::skipped()
            }
            PersonaChange::Change => {
                let text = say::change(&persona);
                return Ok(ChatMessage::assistant(message_id(), text, now)
                    .with_actions(persona_actions(&Persona::default())));
            }
        };
        self.store.save_persona(&session.owner, &persona).await?;
        let text = match change {
            PersonaChange::Skip => got,
            _ => say::next(&got, &persona),
        };
        let actions = if change == PersonaChange::Skip {
            vec![change_button()]
        } else if persona.should_ask() {
            persona_actions(&persona)
        } else {
            // Both known: suggest what fits them for the current account.
            self.suggestions(session, &persona).await?
        };
        Ok(ChatMessage::assistant(message_id(), text, now).with_actions(actions))
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

    /// The persona changed: the current account's latest summary, written again with the
    /// rep's angle as it is now, and `answer` saying so. No revision while its run is still
    /// going (it reads the persona when it writes the summary) or without a finished run.
    pub(super) async fn revise_summary(
        &self,
        session: &SessionRow,
        answer: &mut ChatMessage,
    ) -> Result<Option<Change>, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        let Some(account) = context.account_id.and_then(|id| self.book.get(&id)) else {
            return Ok(None);
        };
        let Some(run) = self.latest_run_about(session, &account).await? else {
            return Ok(None);
        };
        if run.is_running() {
            return Ok(None);
        }
        let persona = self.store.persona(&session.owner).await?;
        let revised = self
            .orchestrator
            .summary_for(&run, &account, &persona)
            .await?;
        if revised.is_some() {
            answer.text.push_str(say::SUMMARY_REVISED);
        }
        Ok(revised)
    }

    /// The next-step buttons for the session's current account, fitted to `persona` and to
    /// what its research found so far.
    async fn suggestions(
        &self,
        session: &SessionRow,
        persona: &Persona,
    ) -> Result<Vec<Action>, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        let Some(account) = context.account_id.and_then(|id| self.book.get(&id)) else {
            return Ok(vec![]);
        };
        let run = self.latest_run_about(session, &account).await?;
        let lookup = self
            .lookup_for(
                &account,
                Rep {
                    persona: *persona,
                    company: self.companies.of(&session.owner).await?,
                },
                Intent::MainInsights,
                run.as_ref(),
            )
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

fn change_button() -> Action {
    Action::new(
        "change_persona",
        say::CHANGE_LABEL,
        ActionKind::ChangePersona,
    )
}
