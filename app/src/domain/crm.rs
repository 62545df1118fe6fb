//! What the rep's CRM says about an account: its record (owner, type, lifecycle stage),
//! its opportunities and its known contacts, and where each came from.

use serde::{Deserialize, Serialize};

/// The CRM a record came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Crm {
    Salesforce,
    Hubspot,
}

impl Crm {
    pub fn label(self) -> &'static str {
        match self {
            Crm::Salesforce => "Salesforce",
            Crm::Hubspot => "HubSpot",
        }
    }
}

/// How a record reached Dossier, which sets how far its facts are trusted: a live sync
/// is the CRM as it is now, an export as it was when exported, a domain typed by the rep
/// only what the rep gave, the demo data set nothing real.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    Sync,
    Export,
    Rep,
    Demo,
}

impl Provenance {
    pub fn confidence(self) -> f32 {
        match self {
            Provenance::Sync => 0.95,
            Provenance::Export => 0.9,
            Provenance::Rep => 0.7,
            Provenance::Demo => 0.5,
        }
    }
}

/// Where a CRM fact came from, as its citation shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrmOrigin {
    /// `Salesforce export (accounts.csv)`, `HubSpot`.
    pub label: String,
    pub provenance: Provenance,
    /// When it was imported or synced (ms since the epoch).
    pub updated_at: i64,
}

/// A CRM contact at the account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrmContact {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// The account's CRM record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrmRecord {
    pub crm: Crm,
    pub origin: CrmOrigin,
    #[serde(default)]
    pub crm_id: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    /// Salesforce `Type` (`Customer - Direct`, `Prospect`).
    #[serde(default)]
    pub kind: Option<String>,
    /// HubSpot `Lifecycle Stage` (`Customer`, `Opportunity`).
    #[serde(default)]
    pub lifecycle: Option<String>,
    #[serde(default)]
    pub revenue: Option<f64>,
    #[serde(default)]
    pub contacts: Vec<CrmContact>,
}

/// An opportunity (a HubSpot deal) on the account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    pub name: String,
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub amount: Option<f64>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub close_date: Option<String>,
    /// `Renewal`, `New Business`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    pub origin: CrmOrigin,
}

impl Opportunity {
    /// Still to be won or lost: its stage does not say closed.
    pub fn is_open(&self) -> bool {
        let stage = self.stage.as_deref().unwrap_or("").to_lowercase();
        !stage.replace([' ', '_', '-'], "").starts_with("closed")
    }

    /// A renewal, by its type or its name.
    pub fn is_renewal(&self) -> bool {
        let says = |s: &Option<String>| {
            s.as_deref()
                .is_some_and(|t| t.to_lowercase().contains("renewal"))
        };
        says(&self.kind) || self.name.to_lowercase().contains("renewal")
    }

    /// In an early stage (prospecting, qualification, discovery, first meeting).
    pub fn is_early(&self) -> bool {
        let stage = self.stage.as_deref().unwrap_or("").to_lowercase();
        [
            "prospect",
            "qualif",
            "discovery",
            "appointment",
            "needs analysis",
            "lead",
        ]
        .iter()
        .any(|s| stage.contains(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opp(name: &str, stage: &str, kind: &str) -> Opportunity {
        Opportunity {
            name: name.into(),
            stage: Some(stage.into()),
            amount: None,
            close_date: None,
            kind: Some(kind.into()),
            owner: None,
            origin: CrmOrigin {
                label: "HubSpot".into(),
                provenance: Provenance::Sync,
                updated_at: 0,
            },
        }
    }

    #[test]
    fn closed_stages_in_either_crm_are_not_open() {
        assert!(!opp("a", "Closed Won", "").is_open());
        assert!(!opp("a", "closedlost", "").is_open());
        assert!(!opp("a", "Closed - Lost", "").is_open());
        assert!(opp("a", "Negotiation/Review", "").is_open());
    }

    #[test]
    fn renewals_and_early_stages_are_recognised() {
        assert!(opp("Globex 2027", "Proposal", "Renewal").is_renewal());
        assert!(opp("Globex - Renewal", "Proposal", "").is_renewal());
        assert!(!opp("Globex pilot", "Proposal", "New Business").is_renewal());
        assert!(opp("x", "Prospecting", "").is_early());
        assert!(opp("x", "Appointment Scheduled", "").is_early());
        assert!(!opp("x", "Contract Sent", "").is_early());
    }
}
