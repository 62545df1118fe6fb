//! Company & overview: the business overview, from the company profile and the CRM.

use super::draft::Draft;
use crate::answers::evidence::CitedCompany;
use crate::answers::{Answer, Evidence};
use app::domain::StepKey;

/// 🏢 The business overview: the company profile's basics, then the CRM record.
pub fn overview(ev: &Evidence) -> Answer {
    let a = &ev.account;
    let mut d = Draft::new(format!("🏢 {} — business overview", a.name));
    let company = ev.company();
    if !company.is_empty() {
        for (line, source) in CitedCompany::of(&company).lines() {
            d.cited(line, source);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::StepData;
    use crate::answers::fixtures::*;

    #[test]
    fn the_overview_cites_the_profile_then_the_crm() {
        reads(
            overview(&acme()),
            &["Wikidata", "CRM"],
            "\
🏢 Acme Corp — business overview
Acme Corp builds payment and treasury software for finance teams. [1]
• Founded: 2014 [1]
• Employees: ~520 [1]
• Headquarters: New York City [1]
• From your CRM: FinTech · ~510 employees · New York, USA [2]",
        );
    }

    #[test]
    fn without_a_profile_the_overview_says_what_was_searched() {
        reads(
            overview(&bare()),
            &["CRM"],
            "\
🏢 Acme Corp — business overview
• I found no company profile for Acme Corp (searched Wikidata (2026-11-20)). I won't guess.
• From your CRM: FinTech · ~510 employees · New York, USA [1]",
        );
    }

    #[test]
    fn a_failed_profile_search_is_said_with_its_reason() {
        let ev = with(
            acme(),
            StepKey::Company,
            StepData::Failed("Wikidata: timed out".into()),
        );
        reads(
            overview(&ev),
            &["CRM"],
            "\
🏢 Acme Corp — business overview
• I found no company profile for Acme Corp (the search failed: Wikidata: timed out). I won't guess.
• From your CRM: FinTech · ~510 employees · New York, USA [1]",
        );
    }

    #[test]
    fn each_company_fact_cites_the_source_it_came_from() {
        use crate::findings::{Collected, CompanyFacts, Findings};
        let found = Findings {
            data: Collected::Company {
                company: vec![
                    CompanyFacts {
                        founded: Some(2014),
                        src: 0,
                        ..CompanyFacts::default()
                    },
                    CompanyFacts {
                        description: Some("Payments for finance teams.".into()),
                        founded: Some(1999),
                        headquarters: Some("New York City".into()),
                        src: 1,
                        ..CompanyFacts::default()
                    },
                ],
            },
            sources: vec![source("Wikidata"), source("Website")],
        };
        let ev = with(acme(), StepKey::Company, StepData::Found(found));
        reads(
            overview(&ev),
            &["Website", "Wikidata", "CRM"],
            "\
🏢 Acme Corp — business overview
Payments for finance teams. [1]
• Founded: 2014 [2]
• Headquarters: New York City [1]
• From your CRM: FinTech · ~510 employees · New York, USA [3]",
        );
    }
}
