//! Accounts as the rep sees them in a search result or an overview.

use serde::{Deserialize, Serialize};

/// The stored facts about a customer account that search and the quick overview need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// Stable id, e.g. `acme-corp`.
    pub id: String,
    pub name: String,
    /// Bare domain, lower case, e.g. `acmecorp.com`.
    pub domain: String,
    pub industry: String,
    pub employees: u32,
    /// City and country, e.g. `New York, USA`.
    pub location: String,
    /// Where the account came from: the demo data set, a CRM, or the rep.
    #[serde(default)]
    pub origin: Origin,
}

/// Where an account came from. Demo accounts are researched from the demo data set and
/// marked as demo data; the rest are the rep's own book of business.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The fictional demo data set a new install starts with.
    #[default]
    Demo,
    /// A CRM export or a CRM sync.
    Crm,
    /// Added by the rep from a domain ("Research stripe.com").
    Web,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Demo => "demo",
            Origin::Crm => "crm",
            Origin::Web => "web",
        }
    }

    pub fn is_demo(self) -> bool {
        self == Origin::Demo
    }
}

/// What holds an account: the account itself, or a record built around one (shared or not).
pub trait HoldsAccount {
    fn account(&self) -> &AccountSummary;
}

impl HoldsAccount for AccountSummary {
    fn account(&self) -> &AccountSummary {
        self
    }
}

impl<T: HoldsAccount> HoldsAccount for std::sync::Arc<T> {
    fn account(&self) -> &AccountSummary {
        (**self).account()
    }
}

impl AccountSummary {
    /// The label of the button that picks this account: `Acme Corp (acmecorp.com) - FinTech`
    /// (the parts the account has).
    pub fn choice_label(&self) -> String {
        let mut label = self.name.clone();
        if !self.domain.is_empty() {
            label.push_str(&format!(" ({})", self.domain));
        }
        if !self.industry.is_empty() {
            label.push_str(&format!(" - {}", self.industry));
        }
        label
    }

    /// The company's website as a link, if its domain is known.
    pub fn website(&self) -> Option<String> {
        (!self.domain.is_empty()).then(|| format!("https://{}", self.domain))
    }

    /// What research caches are keyed by: the domain, or the account id when there is none.
    pub fn research_scope(&self) -> String {
        if self.domain.is_empty() {
            format!("account:{}", self.id)
        } else {
            self.domain.clone()
        }
    }

    /// A rounded head count for prose: `~500`, `~1,200`.
    pub fn size_label(&self) -> String {
        let n = self.employees;
        let rounded = match n {
            0..=99 => n,
            100..=999 => (n + 5) / 10 * 10,
            _ => (n + 50) / 100 * 100,
        };
        format!("~{}", group_thousands(rounded))
    }
}

/// `12345` → `12,345`.
pub fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> AccountSummary {
        AccountSummary {
            id: "acme-corp".into(),
            name: "Acme Corp".into(),
            domain: "acmecorp.com".into(),
            industry: "FinTech".into(),
            employees: 512,
            location: "New York, USA".into(),
            origin: Origin::Demo,
        }
    }

    #[test]
    fn choice_label_is_name_domain_industry() {
        assert_eq!(acme().choice_label(), "Acme Corp (acmecorp.com) - FinTech");
    }

    #[test]
    fn an_account_without_a_website_or_industry_labels_what_it_has() {
        let mut a = acme();
        a.domain.clear();
        a.industry.clear();
        assert_eq!(a.choice_label(), "Acme Corp");
        assert_eq!(a.website(), None);
        assert_eq!(a.research_scope(), "account:acme-corp");
    }

    #[test]
    fn size_label_rounds_for_prose() {
        let mut a = acme();
        assert_eq!(a.size_label(), "~510");
        a.employees = 12_345;
        assert_eq!(a.size_label(), "~12,300");
        a.employees = 42;
        assert_eq!(a.size_label(), "~42");
    }
}
