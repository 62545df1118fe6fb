use super::*;
use crate::book::import::{ReadOptions, Rows, read};
use app::domain::crm::Provenance;

fn from() -> Provenanced {
    Provenanced {
        crm: Crm::Salesforce,
        origin: CrmOrigin {
            label: "Salesforce export (accounts.csv)".into(),
            provenance: Provenance::Export,
            updated_at: 1_000,
        },
    }
}

fn rows(csv: &str) -> Vec<AccountRow> {
    match read(csv.as_bytes(), &ReadOptions::default()).unwrap().rows {
        Rows::Accounts(a) => a,
        Rows::Opportunities(_) => panic!("opportunities"),
    }
}

fn entries(plan: &Plan) -> Vec<BookEntry> {
    plan.accounts.iter().map(BookEntry::from_doc).collect()
}

const FILE: &str =
    "Account Name,Website,Account ID\nGlobex,globex.com,001A\nSoylent,soylent.com,001B\n";

#[test]
fn a_new_file_creates_and_the_same_file_again_changes_nothing() {
    let first = plan_accounts(&rows(FILE), &Identities::new(&[]), &from());
    assert_eq!((first.created, first.updated, first.unchanged), (2, 0, 0));
    let keys: Vec<_> = first.accounts.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["globex-com", "soylent-com"]);
    let book = entries(&first);
    let again = plan_accounts(&rows(FILE), &Identities::new(&book), &from());
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));
    assert!(again.accounts.is_empty(), "nothing is written");
}

#[test]
fn a_changed_row_updates_the_account_it_names_by_crm_id() {
    let book = entries(&plan_accounts(&rows(FILE), &Identities::new(&[]), &from()));
    let changed = "Account Name,Website,Account ID\nGlobex Corp,globex.io,001A\n";
    let plan = plan_accounts(&rows(changed), &Identities::new(&book), &from());
    assert_eq!((plan.created, plan.updated), (0, 1));
    assert_eq!(
        plan.accounts[0].key, "globex-com",
        "same account, new domain"
    );
    assert_eq!(plan.accounts[0].domain, "globex.io");
}

#[test]
fn without_a_crm_id_the_domain_then_the_name_find_the_account() {
    let book = entries(&plan_accounts(&rows(FILE), &Identities::new(&[]), &from()));
    let by_domain = "Account Name,Website\nGlobex Industries,globex.com\nSoylent,\n";
    let plan = plan_accounts(&rows(by_domain), &Identities::new(&book), &from());
    assert_eq!((plan.created, plan.updated), (0, 2));
    let keys: Vec<_> = plan.accounts.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["globex-com", "soylent-com"]);
}

#[test]
fn the_later_of_two_rows_for_one_domain_wins_and_the_summary_says_so() {
    let file = "Account Name,Website\nAcme Nordic,acme.se\nAcme Nordic AB,https://www.acme.se/\n";
    let plan = plan_accounts(&rows(file), &Identities::new(&[]), &from());
    assert_eq!(plan.created, 1);
    assert_eq!(plan.accounts[0].name, "Acme Nordic AB");
    assert_eq!(
        plan.duplicates,
        [RowProblem {
            row: 2,
            column: "Website".into(),
            reason: "same domain (acme.se) as row 3, which wins".into(),
        }]
    );
}

#[test]
fn an_imported_account_replaces_the_demo_account_with_its_domain() {
    let demo = BookEntry {
        account: app::domain::AccountSummary {
            id: "acme-corp".into(),
            name: "Acme Corp".into(),
            domain: "acmecorp.com".into(),
            industry: "FinTech".into(),
            employees: 500,
            location: "New York, USA".into(),
            origin: Origin::Demo,
        },
        crm_id: None,
        hash: None,
    };
    let book = [demo];
    let plan = plan_accounts(
        &rows("Account Name,Website\nAcme Corp,acmecorp.com\n"),
        &Identities::new(&book),
        &from(),
    );
    assert_eq!(
        plan.created, 1,
        "a demo account is never updated by an import"
    );
    assert_eq!(plan.accounts[0].key, "acmecorp-com");
    assert_eq!(plan.accounts[0].origin, Origin::Crm);
    assert_eq!(plan.remove, ["acme-corp"]);
}

#[test]
fn keys_stay_unique_when_names_collide() {
    let plan = plan_accounts(
        &rows("Account Name,Account ID\nAcme,1\nAcme,2\n"),
        &Identities::new(&[]),
        &from(),
    );
    let keys: Vec<_> = plan.accounts.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["acme", "acme-2"]);
}

#[test]
fn opportunities_join_their_account_by_name_and_unknown_accounts_are_rejected() {
    let book = entries(&plan_accounts(&rows(FILE), &Identities::new(&[]), &from()));
    let file = "Opportunity Name,Account Name,Stage,Amount,Close Date,Type,Opportunity ID\n\
                Globex renewal,Globex,Negotiation,\"$240,000.00\",01/15/2027,Renewal,006A\n\
                Ghost deal,Nobody Inc,Prospecting,10,01/15/2027,New Business,006B\n";
    let opps = match read(file.as_bytes(), &ReadOptions::default()).unwrap().rows {
        Rows::Opportunities(o) => o,
        Rows::Accounts(_) => panic!("accounts"),
    };
    let plan = plan_opportunities(&opps, &book, &HashMap::new(), &from());
    assert_eq!(plan.created, 1);
    let o = &plan.opportunities[0];
    assert_eq!(o.account, "globex-com");
    assert_eq!(o.opportunity.close_date.as_deref(), Some("2027-01-15"));
    assert_eq!(o.opportunity.amount, Some(240_000.0));
    assert_eq!(
        plan.rejected,
        [RowProblem {
            row: 3,
            column: "Account Name".into(),
            reason: "no account “Nobody Inc” in your book (import the accounts first)".into(),
        }]
    );
    let stored = HashMap::from([(o.key.clone(), o.hash.clone())]);
    let again = plan_opportunities(&opps, &book, &stored, &from());
    assert_eq!((again.created, again.unchanged), (0, 1));
}
