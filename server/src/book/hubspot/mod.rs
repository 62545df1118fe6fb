//! The HubSpot sync: companies, deals and contacts read through the CRM v3 API
//! ([`client`]) and written into the book like an import (companies upserted by their
//! HubSpot id, deals joined to their associated company, contacts to theirs), on demand
//! and every `DOSSIER_HUBSPOT_SYNC_MINS`.

pub mod client;

use super::Book;
use super::domain::registrable_domain;
use super::import::values;
use super::import::{AccountRow, OpportunityRow};
use super::plan::Provenanced;
use super::sync::Synced;
use crate::sources::{ProviderConfig, SourceError};
use app::domain::crm::{Crm, CrmContact, CrmOrigin, Provenance};
use client::{Client, Object};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// HubSpot's limit for private apps: 100 requests in 10 seconds.
pub const REQUESTS_PER_10_S: u32 = 100;

const COMPANY_PROPERTIES: &[&str] = &[
    "name",
    "domain",
    "industry",
    "city",
    "state",
    "country",
    "numberofemployees",
    "annualrevenue",
    "hubspot_owner_id",
    "lifecyclestage",
];
const DEAL_PROPERTIES: &[&str] = &[
    "dealname",
    "dealstage",
    "amount",
    "closedate",
    "pipeline",
    "dealtype",
    "hubspot_owner_id",
];
const CONTACT_PROPERTIES: &[&str] = &["firstname", "lastname", "jobtitle", "email"];

/// Why a sync did not run.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("HubSpot is not connected: set DOSSIER_HUBSPOT_TOKEN to a private-app token.")]
    NotConnected,
    #[error("HubSpot: {0}")]
    Api(#[from] SourceError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// The connection to one HubSpot portal.
#[derive(Clone)]
pub struct HubSpot {
    client: Client,
}

impl HubSpot {
    /// The connection `config` describes (None without a token).
    pub fn from_config(config: &ProviderConfig, user_agent: &str) -> Option<Self> {
        let token = config.key.as_deref()?;
        Some(Self {
            client: Client::new(config, token, user_agent, REQUESTS_PER_10_S),
        })
    }

    /// Read everything and write it into `book`.
    pub async fn sync(&self, book: &Book) -> Result<Synced, SyncError> {
        let owners: HashMap<String, String> = self
            .client
            .owners()
            .await?
            .into_iter()
            .filter_map(|o| Some((o.id.clone(), o.display()?)))
            .collect();
        let companies = self
            .client
            .objects("companies", COMPANY_PROPERTIES, false)
            .await?;
        let deals = self.client.objects("deals", DEAL_PROPERTIES, true).await?;
        let contacts = self
            .client
            .objects("contacts", CONTACT_PROPERTIES, true)
            .await?;
        let mut by_company: HashMap<String, Vec<CrmContact>> = HashMap::new();
        for c in &contacts {
            if let Some(contact) = contact(c) {
                for company in c.companies() {
                    by_company
                        .entry(company.to_string())
                        .or_default()
                        .push(contact.clone());
                }
            }
        }
        let accounts: Vec<AccountRow> = companies
            .iter()
            .enumerate()
            .filter_map(|(i, c)| account(i + 1, c, &owners, &mut by_company))
            .collect();
        let opportunities: Vec<OpportunityRow> = deals
            .iter()
            .enumerate()
            .filter_map(|(i, d)| deal(i + 1, d, &owners))
            .collect();
        let from = Provenanced {
            crm: Crm::Hubspot,
            origin: CrmOrigin {
                label: "HubSpot".into(),
                provenance: Provenance::Sync,
                updated_at: crate::now_ms(),
            },
        };
        let synced = book.apply_sync(accounts, opportunities, &from).await?;
        tracing::info!(
            companies = companies.len(),
            deals = deals.len(),
            contacts = contacts.len(),
            created = synced.accounts.created,
            updated = synced.accounts.updated,
            "HubSpot synced"
        );
        Ok(synced)
    }

    /// Sync now, then every `every`.
    pub fn spawn_every(self, book: Arc<Book>, every: Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = self.sync(&book).await {
                    tracing::warn!(error = %e, "HubSpot sync failed; trying again at the next interval");
                }
            }
        });
    }
}

/// A HubSpot company as a book row (None without a name).
fn account(
    row: usize,
    c: &Object,
    owners: &HashMap<String, String>,
    contacts: &mut HashMap<String, Vec<CrmContact>>,
) -> Option<AccountRow> {
    let text = |name: &str| {
        c.prop(name)
            .and_then(|v| values::text(v, values::MAX_NAME_CHARS).ok().flatten())
    };
    let name = text("name")?;
    let domain = c.prop("domain").and_then(|d| match registrable_domain(d) {
        Ok(d) => Some(d),
        Err(why) => {
            tracing::warn!(company = %c.id, why, "HubSpot company domain left out");
            None
        }
    });
    Some(AccountRow {
        row,
        crm_id: Some(c.id.clone()),
        name,
        domain,
        industry: text("industry").map(|i| readable(&i)),
        city: text("city"),
        state: text("state"),
        country: text("country"),
        employees: c
            .prop("numberofemployees")
            .and_then(|n| values::count(n).ok().flatten()),
        revenue: c
            .prop("annualrevenue")
            .and_then(|n| values::money(n).ok().flatten()),
        owner: c
            .prop("hubspot_owner_id")
            .and_then(|id| owners.get(id).cloned()),
        kind: None,
        lifecycle: text("lifecyclestage").map(|s| readable(&s)),
        contacts: contacts.remove(&c.id).unwrap_or_default(),
    })
}

/// A HubSpot deal as an opportunity on its first associated company.
fn deal(row: usize, d: &Object, owners: &HashMap<String, String>) -> Option<OpportunityRow> {
    let name = d
        .prop("dealname")
        .and_then(|v| values::text(v, values::MAX_NAME_CHARS).ok().flatten())?;
    let company = d.companies().first().map(|c| c.to_string())?;
    Some(OpportunityRow {
        row,
        crm_id: Some(d.id.clone()),
        name,
        account_name: None,
        account_crm_id: Some(company),
        stage: d.prop("dealstage").map(readable),
        amount: d
            .prop("amount")
            .and_then(|a| values::money(a).ok().flatten()),
        close_date: d
            .prop("closedate")
            .and_then(|c| values::date(c).ok().flatten()),
        kind: d.prop("dealtype").map(readable),
        owner: d
            .prop("hubspot_owner_id")
            .and_then(|id| owners.get(id).cloned()),
    })
}

fn contact(c: &Object) -> Option<CrmContact> {
    let name = [c.prop("firstname"), c.prop("lastname")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = values::text(&name, values::MAX_NAME_CHARS).ok().flatten()?;
    Some(CrmContact {
        name,
        title: c.prop("jobtitle").map(str::to_string),
        email: c.prop("email").map(str::to_string),
    })
}

/// HubSpot's internal values as words: `closedwon` stays, `COMPUTER_SOFTWARE` →
/// `Computer software`, `newbusiness` stays, `salesqualifiedlead` stays.
fn readable(value: &str) -> String {
    if value.contains('_') || value.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
        let lower = value.replace('_', " ").to_lowercase();
        let mut chars = lower.chars();
        match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hubspot_enum_values_read_as_words() {
        assert_eq!(readable("COMPUTER_SOFTWARE"), "Computer software");
        assert_eq!(readable("closedwon"), "closedwon");
        assert_eq!(readable("Customer"), "Customer");
    }
}
