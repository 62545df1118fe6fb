//! The parser over fixture files written like real Salesforce and HubSpot exports.

use super::columns::{Crm, Field, FileKind};
use super::*;

fn read_default(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    read(bytes, &ReadOptions::default())
}

fn accounts(p: &ParsedFile) -> &[AccountRow] {
    match &p.rows {
        Rows::Accounts(a) => a,
        Rows::Opportunities(_) => panic!("read as opportunities"),
    }
}

fn opportunities(p: &ParsedFile) -> &[OpportunityRow] {
    match &p.rows {
        Rows::Opportunities(o) => o,
        Rows::Accounts(_) => panic!("read as accounts"),
    }
}

fn reasons(p: &ParsedFile) -> Vec<(usize, &str, &str)> {
    p.rejected
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.reason.as_str()))
        .collect()
}

#[test]
fn a_salesforce_accounts_report_reads_with_every_quirk() {
    let p = read_default(include_bytes!("fixtures/salesforce_accounts.csv")).unwrap();
    assert_eq!((p.crm, p.kind), (Crm::Salesforce, FileKind::Accounts));
    assert_eq!(p.total, 11, "the blank line is not a row");
    let a = accounts(&p);
    let globex = &a[0];
    assert_eq!(globex.row, 2);
    assert_eq!(globex.name, "Globex Corporation");
    assert_eq!(globex.domain.as_deref(), Some("globex.com"));
    assert_eq!(globex.employees, Some(12_000));
    assert_eq!(globex.revenue, Some(1_200_000_000.0));
    assert_eq!(globex.owner.as_deref(), Some("Dana Whitfield"));
    assert_eq!(globex.kind.as_deref(), Some("Customer - Direct"));
    assert_eq!(globex.crm_id.as_deref(), Some("0015g00000AbCdEAAV"));
    assert_eq!(globex.location(), "Springfield, OR, United States");
    assert_eq!(
        a[1].name, "Soylent, Inc.",
        "a quoted comma stays in the name"
    );
    assert_eq!(
        a[2].name, "Umbrella \"Bio\" Labs",
        "doubled quotes are one quote"
    );
    assert_eq!(
        a[2].domain, None,
        "an empty website is no domain, not an error"
    );
    let formula = a
        .iter()
        .find(|r| r.crm_id.as_deref() == Some("0015g00000AbCdLAAV"));
    assert_eq!(
        formula.map(|r| r.name.as_str()),
        Some("=HYPERLINK(\"http://evil.example\",\"click\")"),
        "a formula is kept as text"
    );
    assert!(a.iter().any(|r| r.name == "<script>alert(1)</script> Ltd"));
    let multi = a.iter().find(|r| r.name == "Multi-line Holdings").unwrap();
    assert_eq!(multi.industry.as_deref(), Some("Finance (Private Equity)"));
    assert_eq!(
        multi.row, 11,
        "rows are records, header row 1, blank lines skipped"
    );
    assert_eq!(
        reasons(&p),
        [
            (6, "Employees", "“lots” is not a number"),
            (7, "Website", "“localhost” is not a public domain."),
            (12, "Account Name", "is empty"),
        ]
    );
    assert_eq!(a.len(), 8);
}

#[test]
fn a_salesforce_opportunities_report_reads() {
    let p = read_default(include_bytes!("fixtures/salesforce_opportunities.csv")).unwrap();
    assert_eq!((p.crm, p.kind), (Crm::Salesforce, FileKind::Opportunities));
    let o = opportunities(&p);
    assert_eq!(o[0].name, "Globex - Renewal 2027");
    assert_eq!(o[0].account_name.as_deref(), Some("Globex Corporation"));
    assert_eq!(o[0].stage.as_deref(), Some("Negotiation/Review"));
    assert_eq!(o[0].amount, Some(240_000.0));
    assert_eq!(o[0].close_date, NaiveDate::from_ymd_opt(2027, 1, 15));
    assert_eq!(o[0].kind.as_deref(), Some("Renewal"));
    assert_eq!(o[0].crm_id.as_deref(), Some("0065g00000XyZaAAAV"));
    assert_eq!(
        reasons(&p),
        [(5, "Close Date", "“13/45/2026” is not a date")]
    );
}

#[test]
fn a_european_hubspot_export_in_windows_1252_with_semicolons_reads() {
    let p = read_default(include_bytes!("fixtures/hubspot_companies_cp1252.csv")).unwrap();
    assert_eq!((p.crm, p.kind), (Crm::Hubspot, FileKind::Accounts));
    assert_eq!(p.delimiter, b';');
    assert_eq!(p.encoding, decode::Encoding::Windows1252);
    let a = accounts(&p);
    assert_eq!(a[0].name, "Müller Präzision GmbH");
    assert_eq!(a[0].employees, Some(1200));
    assert_eq!(a[0].lifecycle.as_deref(), Some("Customer"));
    assert_eq!(a[0].crm_id.as_deref(), Some("9001"));
    assert_eq!(a[1].domain.as_deref(), Some("sgl-logistique.fr"));
    assert_eq!(a[2].location(), "Malmö, Sweden");
    assert!(p.rejected.is_empty());
    let create_date = p.columns.iter().find(|c| c.header == "Create Date");
    assert_eq!(
        create_date.and_then(|c| c.field),
        None,
        "unknown columns are ignored"
    );
}

#[test]
fn hubspot_deals_read_with_european_amounts() {
    let p = read_default(include_bytes!("fixtures/hubspot_deals.csv")).unwrap();
    assert_eq!((p.crm, p.kind), (Crm::Hubspot, FileKind::Opportunities));
    let o = opportunities(&p);
    assert_eq!(o[0].amount, Some(1_200_000.0));
    assert_eq!(o[0].account_name.as_deref(), Some("Müller Präzision GmbH"));
    assert_eq!(o[0].close_date, NaiveDate::from_ymd_opt(2027, 2, 1));
    assert_eq!(o[1].amount, Some(45_000.0));
    assert_eq!(
        reasons(&p),
        [(
            4,
            "Associated Company",
            "is empty: the opportunity belongs to no account"
        )]
    );
}

#[test]
fn a_data_loader_export_reads_by_api_names() {
    let p = read_default(include_bytes!(
        "fixtures/salesforce_dataloader_accounts.csv"
    ))
    .unwrap();
    let a = accounts(&p);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].crm_id.as_deref(), Some("001000000000001AAA"));
    assert_eq!(a[0].revenue, Some(250_000_000.0));
    assert_eq!(a[1].location(), "Los Angeles, CA, USA");
}

#[test]
fn empty_and_header_only_files_say_so() {
    assert_eq!(read_default(b"").unwrap_err(), ImportError::Empty);
    assert_eq!(read_default(b"\r\n\r\n  ").unwrap_err(), ImportError::Empty);
    assert_eq!(
        read_default(b"\xEF\xBB\xBFAccount Name,Website\r\n").unwrap_err(),
        ImportError::NoRows
    );
    assert_eq!(
        read_default(b"Account Name,Website\r\n,\r\n\r\n").unwrap_err(),
        ImportError::NoRows
    );
}

#[test]
fn a_file_without_a_name_column_names_what_was_looked_for() {
    let err = read_default(b"Firma,Webseite\nAcme,acme.com\n").unwrap_err();
    let ImportError::NoNameColumn { columns, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(columns.len(), 2, "the columns come back for the rep to map");
    assert_eq!(
        err.to_string(),
        "No column holds the account name (looked for Account Name, Company name, Name). \
         Map one on the Accounts page or rename the header."
    );
    let mapped = read(
        b"Firma,Webseite\nAcme,acme.com\n",
        &ReadOptions {
            crm: None,
            mapping: HashMap::from([
                ("Firma".into(), Some(Field::Name)),
                ("Webseite".into(), Some(Field::Website)),
            ]),
        },
    )
    .unwrap();
    assert_eq!(accounts(&mapped)[0].domain.as_deref(), Some("acme.com"));
}

#[test]
fn a_million_columns_is_refused_before_any_row_is_read() {
    let header = vec!["c"; 1_000_000].join(",");
    let err = read_default(format!("{header}\n1\n").as_bytes()).unwrap_err();
    assert_eq!(err, ImportError::TooManyColumns(1_000_000));
}

#[test]
fn huge_cells_and_extra_cells_reject_their_row_only() {
    let huge = "x".repeat(100_000);
    let file =
        format!("Account Name,Website\n{huge},big.com\nAcme,acme.com,extra\nGood Co,good.co\n");
    let p = read_default(file.as_bytes()).unwrap();
    assert_eq!(accounts(&p).len(), 1);
    assert_eq!(
        reasons(&p),
        [
            (2, "Account Name", "is 100000 characters long (at most 200)"),
            (
                3,
                "",
                "has 3 cells but the header has 2 (a quote may be missing)"
            ),
        ]
    );
}

#[test]
fn an_unclosed_quote_keeps_the_rest_as_one_cell_not_a_crash() {
    let p = read_default(b"Account Name,Website\n\"Acme,acme.com\nBeta,beta.com\n").unwrap();
    // The quote swallows the rest of the file into one name, which is then too long or
    // odd, but never panics; the rep sees one row.
    assert_eq!(p.total, 1);
}

#[test]
fn rows_shorter_than_the_header_read_their_missing_cells_as_empty() {
    let p = read_default(b"Account Name,Website,Industry\nAcme,acme.com\n").unwrap();
    assert_eq!(accounts(&p)[0].industry, None);
}

#[test]
fn tabs_are_sniffed_too() {
    let p = read_default(b"Account Name\tWebsite\nAcme, Inc.\tacme.com\n").unwrap();
    assert_eq!(p.delimiter, b'\t');
    assert_eq!(accounts(&p)[0].name, "Acme, Inc.");
}
