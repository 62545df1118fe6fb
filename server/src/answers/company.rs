//! Company & overview: the business overview, from the company profile and the CRM.

use super::draft::Draft;
use crate::analysts::{Answer, Evidence};
use crate::findings::merged_company;
use app::domain::StepKey;

/// 🏢 The business overview: the company profile's basics, then the CRM record.
pub fn overview(ev: &Evidence) -> Answer {
    let a = &ev.account;
    let mut d = Draft::new(format!("🏢 {} — business overview", a.name));
    let company = ev.company();
    if let Some(first) = company.first() {
        let facts: Vec<_> = company.iter().map(|c| c.fact.clone()).collect();
        let c = merged_company(&facts);
        let src = first.source;
        if let Some(desc) = &c.description {
            d.cited(desc, src);
        }
        if let Some(y) = c.founded {
            d.cited(format!("• Founded: {y}"), src);
        }
        if let Some(n) = c.employees {
            d.cited(format!("• Employees: ~{n}"), src);
        }
        if let Some(hq) = &c.headquarters {
            d.cited(format!("• Headquarters: {hq}"), src);
        }
    } else {
        d.gap(ev, StepKey::Company, "company profile");
    }
    d.cited(
        format!(
            "• From your CRM: {} · {} employees · {}",
            a.industry,
            a.size_label(),
            a.location
        ),
        &ev.crm,
    );
    d.finish()
}
