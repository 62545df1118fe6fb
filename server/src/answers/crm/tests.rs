use super::*;
use app::domain::crm::{Crm, CrmContact, CrmOrigin};

fn origin(label: &str) -> CrmOrigin {
    CrmOrigin {
        label: label.into(),
        provenance: Provenance::Export,
        // 2026-12-01T12:00:00Z
        updated_at: 1_796_126_400_000,
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn globex() -> CrmFacts {
    CrmFacts {
        account: AccountSummary {
            id: "globex-com".into(),
            name: "Globex Corporation".into(),
            domain: "globex.com".into(),
            industry: "Manufacturing".into(),
            employees: 12_000,
            location: "Springfield, OR, United States".into(),
            origin: Origin::Crm,
        },
        record: Some(CrmRecord {
            crm: Crm::Salesforce,
            origin: origin("Salesforce export (accounts.csv)"),
            crm_id: Some("001A".into()),
            owner: Some("Dana Whitfield".into()),
            kind: Some("Customer - Direct".into()),
            lifecycle: None,
            revenue: Some(1_200_000_000.0),
            contacts: vec![CrmContact {
                name: "Hank Scorpio".into(),
                title: Some("CEO".into()),
                email: None,
            }],
        }),
        opportunities: vec![
            Opportunity {
                name: "Globex - Plant Analytics".into(),
                stage: Some("Prospecting".into()),
                amount: Some(90_000.0),
                close_date: Some("2027-06-30".into()),
                kind: Some("New Business".into()),
                owner: None,
                origin: origin("Salesforce export (opportunities.csv)"),
            },
            Opportunity {
                name: "Globex - Renewal 2027".into(),
                stage: Some("Negotiation/Review".into()),
                amount: Some(240_000.0),
                close_date: Some("2027-01-15".into()),
                kind: Some("Renewal".into()),
                owner: None,
                origin: origin("Salesforce export (opportunities.csv)"),
            },
            Opportunity {
                name: "Globex - 2025 deal".into(),
                stage: Some("Closed Won".into()),
                amount: Some(1.0),
                close_date: Some("2025-01-15".into()),
                kind: None,
                owner: None,
                origin: origin("Salesforce export (opportunities.csv)"),
            },
        ],
        added_at: None,
    }
}

#[test]
fn the_overview_shows_what_the_crm_says_each_line_citing_its_file() {
    let (lines, sources) = overview_lines(&globex(), today());
    assert_eq!(
        lines.join("\n"),
        "\
• Industry: Manufacturing [1]
• Size: ~12,000 employees [1]
• Location: Springfield, OR, United States [1]
• Website: https://globex.com [1]
• Account owner: Dana Whitfield [1]
• Type: Customer - Direct [1]
• Annual revenue: 1,200,000,000 [1]
• Known contacts: Hank Scorpio (CEO) [1]
• Open opportunity: Globex - Renewal 2027 · Negotiation/Review · 240,000 · closes Jan 15, 2027 [2]
• Open opportunity: Globex - Plant Analytics · Prospecting · 90,000 · closes Jun 30, 2027 [2]
• Next renewal: Jan 15, 2027 (in 44 days) — Globex - Renewal 2027 [2]"
    );
    let names: Vec<_> = sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Salesforce export (accounts.csv)",
            "Salesforce export (opportunities.csv)"
        ]
    );
    assert_eq!(sources[0].last_updated, "2026-12-01");
    assert_eq!(sources[0].confidence, 0.9);
}

#[test]
fn a_renewal_within_ninety_days_makes_the_meeting_a_renewal() {
    let (purpose, why) = globex().suggested_purpose(today()).unwrap();
    assert_eq!(purpose, MeetingPurpose::Renewal);
    assert_eq!(
        why,
        "your CRM shows the renewal “Globex - Renewal 2027” closing Jan 15, 2027 (in 44 days)"
    );
}

#[test]
fn an_early_new_business_opportunity_makes_it_discovery() {
    let mut f = globex();
    f.opportunities.retain(|o| !o.is_renewal());
    let (purpose, why) = f.suggested_purpose(today()).unwrap();
    assert_eq!(purpose, MeetingPurpose::TechnicalDiscovery);
    assert_eq!(
        why,
        "your CRM shows “Globex - Plant Analytics” open at an early stage (Prospecting)"
    );
    f.opportunities.clear();
    assert_eq!(f.suggested_purpose(today()), None);
}

#[test]
fn a_renewal_further_out_suggests_nothing_by_itself() {
    let mut f = globex();
    f.opportunities.retain(|o| o.is_renewal());
    f.opportunities[0].close_date = Some("2027-06-01".into());
    assert_eq!(f.suggested_purpose(today()), None);
}

#[test]
fn demo_and_added_accounts_say_where_they_came_from() {
    let mut f = globex();
    f.record = None;
    f.opportunities.clear();
    f.account.origin = Origin::Demo;
    f.added_at = Some(1_796_126_400_000);
    let s = f.source();
    assert_eq!(
        (s.name.as_str(), s.confidence, s.last_updated.as_str()),
        ("CRM record (demo data)", 0.5, "2026-12-01")
    );
    f.account.origin = Origin::Web;
    assert_eq!(f.source().name, "Added by you");
    let (lines, _) = overview_lines(&f, today());
    assert_eq!(
        lines.last().map(String::as_str),
        Some("• Not in your CRM: you added it by its website"),
        "a single source needs no markers"
    );
}

#[test]
fn amounts_read_with_grouping() {
    assert_eq!(amount(240_000.0), "240,000");
    assert_eq!(amount(1250.5), "1,250.50");
    assert_eq!(amount(-1000.0), "-1,000");
}
