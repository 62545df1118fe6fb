//! Which column holds what: the headers of Salesforce (report labels and Data Loader API
//! names) and HubSpot exports, recognised without any mapping; a rep's own mapping wins.

pub use app::domain::crm::Crm;
pub use app::domain::import::Field;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Whether a file lists accounts (companies) or opportunities (deals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Accounts,
    Opportunities,
}

/// A header reduced for matching: lower case, letters and digits only.
fn key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Headers that only an opportunities / deals export has.
const OPPORTUNITY_HEADERS: &[&str] = &[
    "opportunityname",
    "dealname",
    "stagename",
    "stage",
    "dealstage",
    "closedate",
    "opportunityid",
];

/// Headers that only HubSpot writes.
const HUBSPOT_HEADERS: &[&str] = &[
    "recordid",
    "companyname",
    "companydomainname",
    "dealname",
    "dealstage",
    "countryregion",
    "stateregion",
    "companyowner",
    "dealowner",
    "associatedcompany",
    "lifecyclestage",
    "numberofemployees",
];

/// What the file looks like from its headers.
pub fn detect(headers: &[String], hint: Option<Crm>) -> (Crm, FileKind) {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let kind = if keys
        .iter()
        .any(|k| OPPORTUNITY_HEADERS.contains(&k.as_str()))
    {
        FileKind::Opportunities
    } else {
        FileKind::Accounts
    };
    let crm = hint.unwrap_or_else(|| {
        if keys.iter().any(|k| HUBSPOT_HEADERS.contains(&k.as_str())) {
            Crm::Hubspot
        } else {
            Crm::Salesforce
        }
    });
    (crm, kind)
}

/// The field a header names in a file of `kind`, if we know it.
pub fn recognise(header: &str, kind: FileKind) -> Option<Field> {
    let k = key(header);
    let common = match k.as_str() {
        "website" | "websiteurl" | "companydomainname" | "domain" | "domainname" | "url" => {
            Some(Field::Website)
        }
        "industry" => Some(Field::Industry),
        "billingcity" | "city" | "shippingcity" => Some(Field::City),
        "billingstateprovince" | "billingstate" | "stateregion" | "state" | "stateprovince" => {
            Some(Field::State)
        }
        "billingcountry" | "countryregion" | "country" | "shippingcountry" => Some(Field::Country),
        "employees" | "numberofemployees" => Some(Field::Employees),
        "annualrevenue" | "revenue" => Some(Field::Revenue),
        "accountowner" | "companyowner" | "opportunityowner" | "dealowner" | "owner"
        | "ownername" | "hubspotowner" => Some(Field::Owner),
        "type" | "accounttype" | "opportunitytype" | "dealtype" => Some(Field::Kind),
        "lifecyclestage" => Some(Field::Lifecycle),
        "stage" | "stagename" | "dealstage" => Some(Field::Stage),
        "amount" | "dealamount" => Some(Field::Amount),
        "closedate" => Some(Field::CloseDate),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match (kind, k.as_str()) {
        (FileKind::Accounts, "accountname" | "companyname" | "name") => Some(Field::Name),
        (FileKind::Accounts, "accountid" | "recordid" | "id" | "companyid") => Some(Field::CrmId),
        (FileKind::Opportunities, "opportunityname" | "dealname" | "name") => Some(Field::Name),
        (FileKind::Opportunities, "opportunityid" | "recordid" | "id" | "dealid") => {
            Some(Field::CrmId)
        }
        (
            FileKind::Opportunities,
            "accountname"
            | "associatedcompany"
            | "associatedcompanyname"
            | "companyname"
            | "company",
        ) => Some(Field::AccountName),
        (
            FileKind::Opportunities,
            "accountid" | "associatedcompanyid" | "associatedcompanyids" | "companyid",
        ) => Some(Field::AccountCrmId),
        _ => None,
    }
}

/// One column as the import reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnUse {
    pub header: String,
    /// None: ignored.
    pub field: Option<Field>,
    /// Why it is ignored, when it is not for lack of a match ("same as column 2").
    pub note: Option<String>,
}

/// Each header's field: the rep's mapping first (`"ignore"` drops a column), then the
/// recognised names. A field claimed twice keeps its first column.
pub fn map_columns(
    headers: &[String],
    kind: FileKind,
    overrides: &HashMap<String, Option<Field>>,
) -> Vec<ColumnUse> {
    let mut taken: HashMap<Field, usize> = HashMap::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let wanted = match overrides.get(header.trim()) {
                Some(choice) => *choice,
                None => recognise(header, kind),
            };
            let (field, note) = match wanted {
                Some(f) => match taken.get(&f) {
                    Some(first) => (
                        None,
                        Some(format!(
                            "{} is already read from column {}",
                            f.label(),
                            first + 1
                        )),
                    ),
                    None => {
                        taken.insert(f, i);
                        (Some(f), None)
                    }
                },
                None => (None, None),
            };
            ColumnUse {
                header: header.clone(),
                field,
                note,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn salesforce_and_hubspot_files_are_told_apart() {
        let sf_accounts = headers("Account Name,Website,Billing City,Account Owner,Account ID");
        assert_eq!(
            detect(&sf_accounts, None),
            (Crm::Salesforce, FileKind::Accounts)
        );
        let sf_opps = headers("Opportunity Name,Account Name,Stage,Amount,Close Date");
        assert_eq!(
            detect(&sf_opps, None),
            (Crm::Salesforce, FileKind::Opportunities)
        );
        let hs = headers("Record ID,Company name,Company Domain Name,Lifecycle Stage");
        assert_eq!(detect(&hs, None), (Crm::Hubspot, FileKind::Accounts));
        let deals = headers("Record ID,Deal Name,Deal Stage,Amount,Associated Company");
        assert_eq!(
            detect(&deals, None),
            (Crm::Hubspot, FileKind::Opportunities)
        );
        assert_eq!(
            detect(&hs, Some(Crm::Salesforce)),
            (Crm::Salesforce, FileKind::Accounts)
        );
    }

    #[test]
    fn data_loader_api_names_are_recognised_too() {
        let h =
            headers("Id,Name,Website,BillingCity,BillingCountry,NumberOfEmployees,AnnualRevenue");
        let fields: Vec<_> = map_columns(&h, FileKind::Accounts, &HashMap::new())
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(
            fields,
            [
                Some(Field::CrmId),
                Some(Field::Name),
                Some(Field::Website),
                Some(Field::City),
                Some(Field::Country),
                Some(Field::Employees),
                Some(Field::Revenue)
            ]
        );
    }

    #[test]
    fn account_name_is_the_account_in_an_opportunities_file() {
        assert_eq!(
            recognise("Account Name", FileKind::Opportunities),
            Some(Field::AccountName)
        );
        assert_eq!(
            recognise("Account Name", FileKind::Accounts),
            Some(Field::Name)
        );
        assert_eq!(
            recognise("Billing State/Province", FileKind::Accounts),
            Some(Field::State)
        );
    }

    #[test]
    fn a_duplicate_header_keeps_its_first_column_and_says_so() {
        let h = headers("Account Name,Website,Account Name");
        let cols = map_columns(&h, FileKind::Accounts, &HashMap::new());
        assert_eq!(cols[0].field, Some(Field::Name));
        assert_eq!(cols[2].field, None);
        assert_eq!(
            cols[2].note.as_deref(),
            Some("Name is already read from column 1")
        );
    }

    #[test]
    fn the_reps_mapping_wins() {
        let h = headers("Firma,Webseite,Account Owner");
        let overrides = HashMap::from([
            ("Firma".to_string(), Some(Field::Name)),
            ("Webseite".to_string(), Some(Field::Website)),
            ("Account Owner".to_string(), None),
        ]);
        let cols = map_columns(&h, FileKind::Accounts, &overrides);
        let fields: Vec<_> = cols.iter().map(|c| c.field).collect();
        assert_eq!(fields, [Some(Field::Name), Some(Field::Website), None]);
    }
}
