//! What a typed message is: a persona said in words ("I'm the AE"), a company to search
//! for ("Help me prepare for my meeting with Globex"), a question about the current account,
//! or something only the help text can answer.

use super::Chat;
use crate::store::sessions::SessionRow;
use app::domain::intent::parse_question;
use app::domain::persona::parse_persona;
use app::domain::query::{CompanyQuery, extract_company};
use app::domain::{Intent, Question, SessionEvent};
use app::error::AppError;

impl Chat {
    /// Answer a typed message (already cleaned) in `session`.
    pub(super) async fn typed(
        &self,
        session: &SessionRow,
        text: String,
    ) -> Result<Vec<SessionEvent>, AppError> {
        let context = self.store.session_context(&session.sid).await?;
        let company = extract_company(&text);
        let names_company = company != CompanyQuery::Missing;
        // The account the message names, if it is one we know ("meeting with Globex").
        let named = self.named_account(&company);
        // "I'm the AE", "it's a renewal meeting": the persona, said in words. Remembered; it
        // is the answer unless the message also names an account ("prep for a renewal with
        // Acme").
        if let (role, purpose) = parse_persona(&text)
            && (role.is_some() || purpose.is_some())
        {
            let answer = self.state_persona(session, role, purpose).await?;
            if named.is_none() {
                return self.exchange(session, text, answer).await;
            }
        }
        // Naming an account other than the current one searches for it; the old thread stays.
        let switching = named.is_some_and(|id| context.account_id.as_deref() != Some(id.as_str()));
        let question = if switching {
            None
        } else {
            self.understand(&text, context.last_intent).await
        };
        match question {
            // "Switch to Globex": search for the account named.
            Some(q) if q.intent == Intent::SwitchAccount && names_company => {}
            Some(q) => return Ok(self.ask_in(session, text, q).await?.events),
            None if context.account_id.is_some() && !names_company => {
                let q = Question::new(Intent::Help);
                return Ok(self.ask_in(session, text, q).await?.events);
            }
            None => {}
        }
        let reply = self.matches_reply(&text);
        self.exchange(session, text, reply).await
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
