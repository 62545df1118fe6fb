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
}

impl AccountSummary {
    /// The label of the button that picks this account: `Acme Corp (acmecorp.com) - FinTech`.
    pub fn choice_label(&self) -> String {
        format!("{} ({}) - {}", self.name, self.domain, self.industry)
    }

    /// The company's website as a link.
    pub fn website(&self) -> String {
        format!("https://{}", self.domain)
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
        }
    }

    #[test]
    fn choice_label_is_name_domain_industry() {
        assert_eq!(acme().choice_label(), "Acme Corp (acmecorp.com) - FinTech");
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
