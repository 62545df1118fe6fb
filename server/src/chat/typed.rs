//! What a typed message is: a persona said in words ("I'm the AE"), a company to search
//! for ("Help me prepare for my meeting with Globex"), a question about the current account,
//! or something only the help text can answer.

use super::{Chat, message_id};
use crate::answers::help as say_help;
use crate::store::sessions::SessionRow;
use app::domain::intent::small_talk::is_thanks;
use app::domain::intent::{guesses, parse_question};
use app::domain::persona::parse_persona;
use app::domain::query::{CompanyQuery, extract_company, mentions_meeting, turns_to};
use app::domain::{Action, ChatMessage, Intent, Question, SessionEvent};
use app::error::AppError;

impl Chat {
    /// Answer a typed message (already cleaned) in `session`.
    pub(super) async fn typed(
        &self,
        session: &SessionRow,
        text: String,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        // "What about Acme Industries?": another account, named after "what about".
        let turned = turns_to(&text).filter(|_| parse_question(&text, None).is_none());
        let company = match &turned {
            Some(name) => CompanyQuery::Name(name.clone()),
            None => extract_company(&text),
        };
        let names_company = company != CompanyQuery::Missing;
        // The account the message names, if it is one we know ("meeting with Globex").
        let named = self.named_account(&company);
        // "I'm the AE", "it's a renewal meeting": the persona, said in words. Remembered; it
        // is the answer unless the message also names an account ("prep for a renewal with
        // Acme").
        if let (role, purpose) = parse_persona(&text)
            && (role.is_some() || purpose.is_some())
        {
            let mut answer = self.state_persona(session, role, purpose).await?;
            if named.is_none() {
                let revised = self.revise_summary(session, &mut answer).await?;
                return self.exchange_revising(session, text, answer, revised).await;
            }
        }
        // Naming an account other than the current one searches for it; the old thread stays.
        let switching = named
            .as_deref()
            .is_some_and(|id| context.account_id.as_deref() != Some(id));
        let question = if switching {
            None
        } else {
            self.understand(&text, context.last_intent).await
        };
        match question {
            // "Switch to Globex": search for the account named.
            Some(q) if q.intent == Intent::SwitchAccount && names_company => {}
            Some(q) => return Ok(self.ask_in(session, text, q).await?.events),
            None if is_thanks(&text) => {
                let reply = self.thanks_reply(context.account_id.as_deref());
                return self.exchange(session, text, reply).await;
            }
            // Mid-thread, a bare phrase that names no account and no meeting is not a
            // company (a website always is).
            None if context.account_id.is_some()
                && (!names_company
                    || (matches!(company, CompanyQuery::Name(_))
                        && named.is_none()
                        && turned.is_none()
                        && !mentions_meeting(&text))) =>
            {
                let reply = self.did_you_mean(&text, context.account_id.as_deref());
                return self.exchange(session, text, reply).await;
            }
            None => {}
        }
        // "What about Initech?" naming one account exactly: switch to it at once.
        if switching
            && turned.is_some()
            && let Some(account) = named
                .as_deref()
                .and_then(|id| self.book.get(id))
                .filter(|a| {
                    turned
                        .as_deref()
                        .is_some_and(|n| a.name.eq_ignore_ascii_case(n))
                })
        {
            return Ok(self
                .start_research(session, &account, Some(text))
                .await?
                .events());
        }
        let reply = self.matches_reply(&text, &company);
        self.exchange(session, text, reply).await
    }

    /// "Thanks!": a short answer, and what else there is.
    fn thanks_reply(&self, account_id: Option<&str>) -> ChatMessage {
        let account = account_id.and_then(|id| self.book.get(id));
        let text = say_help::thanks(account.as_ref().map(|a| a.name.as_str()));
        ChatMessage::assistant(message_id(), text, crate::now_ms())
    }

    /// A message the rules could not place: the best guesses, as buttons.
    fn did_you_mean(&self, text: &str, account_id: Option<&str>) -> ChatMessage {
        let actions: Vec<Action> = guesses(text)
            .into_iter()
            .map(|intent| {
                let action = Action::ask(intent.suggestion(), intent);
                match account_id {
                    Some(id) => action.about(id),
                    None => action,
                }
            })
            .collect();
        ChatMessage::assistant(message_id(), say_help::did_you_mean(text), crate::now_ms())
            .with_actions(actions)
    }

    /// What a typed message asks: the rules first, then the classifier if there is one
    /// (only for messages that name no company).
    pub(super) async fn understand(&self, text: &str, last: Option<Intent>) -> Option<Question> {
        if let Some(q) = parse_question(text, last) {
            return Some(q);
        }
        if extract_company(text) != CompanyQuery::Missing {
            return None;
        }
        let classifier = self.classifier.as_ref()?;
        let intent = classifier.classify(text).await?;
        tracing::info!(
            intent = intent.action_name(),
            "question placed by the classifier"
        );
        Some(Question::new(intent))
    }

    /// The id of the best match for the company a message names, if any.
    fn named_account(&self, company: &CompanyQuery) -> Option<String> {
        match company {
            CompanyQuery::Name(n) | CompanyQuery::Domain(n) => {
                self.book.search(n, 1).first().map(|a| a.id.clone())
            }
            CompanyQuery::Missing => None,
        }
    }
}
