//! The rep's settings: their role and usual meeting purpose, the company they sell for, and
//! what the settings page shows (with their API tokens). The page's forms and the JSON API
//! change them through here.

use crate::auth::Auth;
use crate::own_company::{Companies, text};
use crate::sources::iso_date_from_ms;
use crate::store::users::UserRow;
use crate::store::{Store, StoreError};
use app::domain::settings::{
    CompanyText, ConnectionsView, SettingsProblem, SettingsView, TokenEntry,
};
use app::domain::sharing::{notion_page_id, webhook_ok};
use app::domain::{MeetingPurpose, Persona, RepRole};
use app::error::AppError;
use app::ports::{SettingsService, Visitor};
use std::sync::Arc;

/// Why a settings change was refused.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{}", .0.text())]
    Problem(SettingsProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SettingsError {
    /// The problem as the settings page names it.
    pub fn problem(&self) -> SettingsProblem {
        match self {
            Self::Problem(p) => *p,
            Self::Store(e) => {
                tracing::error!(error = %e, "settings store failed");
                SettingsProblem::Unavailable
            }
        }
    }
}

/// Each rep's settings.
pub struct RepSettings {
    store: Store,
    auth: Arc<Auth>,
    companies: Arc<Companies>,
    /// What a Slack webhook URL must start with (`DOSSIER_SLACK_WEBHOOK_PREFIX`).
    slack_prefix: String,
    /// Seals the Notion token and the Slack webhook before they are stored.
    vault: Arc<crate::vault::Vault>,
}

impl RepSettings {
    pub fn new(
        store: Store,
        auth: Arc<Auth>,
        companies: Arc<Companies>,
        slack_prefix: String,
        vault: Arc<crate::vault::Vault>,
    ) -> Self {
        Self {
            store,
            auth,
            companies,
            slack_prefix,
            vault,
        }
    }

    /// What the settings page shows `user`.
    pub async fn view(&self, user: &UserRow) -> Result<SettingsView, SettingsError> {
        let persona = self.store.persona(&user.uid).await?;
        let company = self.companies.of(&user.uid).await?;
        let connections = self.store.connections(&user.uid).await?;
        let tokens = match self.auth.tokens(user).await {
            Ok(t) => t,
            Err(crate::auth::AuthError::Store(e)) => return Err(e.into()),
            Err(_) => Vec::new(),
        };
        Ok(SettingsView {
            name: user.name.clone(),
            email: user.email.clone(),
            role: persona.role,
            // A purpose the CRM suggested for one account is not the rep's usual one.
            purpose: persona.purpose.filter(|_| !persona.suggested),
            company: text::to_text(&company.profile),
            company_origin: company.origin.clone(),
            company_own: company.own,
            tokens: tokens
                .into_iter()
                .map(|t| TokenEntry {
                    id: t.tid,
                    name: t.name,
                    created: iso_date_from_ms(t.created_at),
                    last_used: t.last_used.map(iso_date_from_ms),
                })
                .collect(),
            connections: ConnectionsView {
                notion_since: connections
                    .notion_token
                    .as_ref()
                    .and(connections.notion_at)
                    .map(iso_date_from_ms),
                notion_page: connections.notion_parent.clone(),
                slack_since: connections
                    .slack_webhook
                    .as_ref()
                    .and(connections.slack_at)
                    .map(iso_date_from_ms),
            },
        })
    }

    /// Keep the rep's Notion integration token and the page new preps go under (its link
    /// or id, as pasted).
    pub async fn save_notion(
        &self,
        uid: &str,
        token: &str,
        page: &str,
    ) -> Result<(), SettingsError> {
        let token = token.trim();
        if !(20..=500).contains(&token.len()) || !token.chars().all(|c| c.is_ascii_graphic()) {
            return Err(SettingsError::Problem(SettingsProblem::NotionToken));
        }
        let page =
            notion_page_id(page).ok_or(SettingsError::Problem(SettingsProblem::NotionPage))?;
        Ok(self
            .store
            .save_notion(
                uid,
                Some((
                    &self
                        .vault
                        .seal(token, &crate::store::connections::notion_context(uid)),
                    &page,
                )),
                crate::now_ms(),
            )
            .await?)
    }

    /// Keep the rep's Slack incoming-webhook URL.
    pub async fn save_slack(&self, uid: &str, webhook: &str) -> Result<(), SettingsError> {
        let webhook = webhook.trim();
        if !webhook_ok(webhook, &self.slack_prefix) {
            return Err(SettingsError::Problem(SettingsProblem::SlackWebhook));
        }
        Ok(self
            .store
            .save_slack(
                uid,
                Some(
                    &self
                        .vault
                        .seal(webhook, &crate::store::connections::slack_context(uid)),
                ),
                crate::now_ms(),
            )
            .await?)
    }

    /// Forget the rep's Notion token and page.
    pub async fn remove_notion(&self, uid: &str) -> Result<(), SettingsError> {
        Ok(self.store.save_notion(uid, None, crate::now_ms()).await?)
    }

    /// Forget the rep's Slack webhook.
    pub async fn remove_slack(&self, uid: &str) -> Result<(), SettingsError> {
        Ok(self.store.save_slack(uid, None, crate::now_ms()).await?)
    }

    /// The rep's role and usual meeting purpose, as the settings form names them (`""`:
    /// not set). Chosen here, the purpose is the rep's own: the CRM no longer suggests one.
    pub async fn set_persona(
        &self,
        uid: &str,
        role: &str,
        purpose: &str,
    ) -> Result<Persona, SettingsError> {
        let role = choice(role, RepRole::parse)?;
        let purpose = choice(purpose, MeetingPurpose::parse)?;
        let persona = Persona {
            role,
            purpose,
            skipped: false,
            suggested: false,
        };
        self.store.save_persona(uid, &persona).await?;
        Ok(persona)
    }

    /// Keep the company the form describes as the rep's own.
    pub async fn save_company(&self, uid: &str, form: &CompanyText) -> Result<(), SettingsError> {
        let profile = text::from_text(form).map_err(SettingsError::Problem)?;
        Ok(self.companies.save(uid, &profile).await?)
    }

    /// Back to the server's company.
    pub async fn reset_company(&self, uid: &str) -> Result<(), SettingsError> {
        Ok(self.companies.reset(uid).await?)
    }
}

/// One of the form's choices: empty is "not set", anything not on the list is refused.
fn choice<T>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, SettingsError> {
    match value.trim() {
        "" => Ok(None),
        v => parse(v)
            .map(Some)
            .ok_or(SettingsError::Problem(SettingsProblem::BadChoice)),
    }
}

#[async_trait::async_trait]
impl SettingsService for RepSettings {
    async fn settings(&self, visitor: &Visitor) -> Result<SettingsView, AppError> {
        let user = self
            .store
            .user(&visitor.0)
            .await?
            .ok_or_else(|| AppError::NotFound("No such user.".into()))?;
        self.view(&user).await.map_err(|e| match e {
            SettingsError::Store(e) => e.into(),
            SettingsError::Problem(p) => AppError::BadInput(p.text()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_one_of_the_list_or_nothing() {
        assert_eq!(choice("", RepRole::parse).unwrap(), None);
        assert_eq!(
            choice(" account_executive ", RepRole::parse).unwrap(),
            Some(RepRole::AccountExecutive)
        );
        for bad in ["AE", "<script>", &"x".repeat(10_000)] {
            assert_eq!(
                choice(bad, MeetingPurpose::parse).unwrap_err().problem(),
                SettingsProblem::BadChoice
            );
        }
    }
}
