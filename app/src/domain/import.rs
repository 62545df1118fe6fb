//! A CRM import as the Accounts page and the API show it: what each column was read as,
//! what the rows will do (preview) or did, the rows rejected and why, and its progress.

use serde::{Deserialize, Serialize};

/// What a column holds. In an opportunities file `Name`, `CrmId` and `Kind` are the
/// opportunity's; the account it belongs to is `AccountName` / `AccountCrmId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Website,
    Industry,
    City,
    State,
    Country,
    Employees,
    Revenue,
    Owner,
    Kind,
    Lifecycle,
    CrmId,
    AccountName,
    AccountCrmId,
    Stage,
    Amount,
    CloseDate,
}

impl Field {
    /// Every field, in the order the mapping lists them.
    pub const ALL: [Field; 17] = [
        Field::Name,
        Field::Website,
        Field::Industry,
        Field::City,
        Field::State,
        Field::Country,
        Field::Employees,
        Field::Revenue,
        Field::Owner,
        Field::Kind,
        Field::Lifecycle,
        Field::CrmId,
        Field::AccountName,
        Field::AccountCrmId,
        Field::Stage,
        Field::Amount,
        Field::CloseDate,
    ];

    /// What the rep reads in the mapping.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Website => "Website",
            Field::Industry => "Industry",
            Field::City => "City",
            Field::State => "State / region",
            Field::Country => "Country",
            Field::Employees => "Employees",
            Field::Revenue => "Annual revenue",
            Field::Owner => "Owner",
            Field::Kind => "Type",
            Field::Lifecycle => "Lifecycle stage",
            Field::CrmId => "CRM id",
            Field::AccountName => "Account name",
            Field::AccountCrmId => "Account CRM id",
            Field::Stage => "Stage",
            Field::Amount => "Amount",
            Field::CloseDate => "Close date",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Website => "website",
            Field::Industry => "industry",
            Field::City => "city",
            Field::State => "state",
            Field::Country => "country",
            Field::Employees => "employees",
            Field::Revenue => "revenue",
            Field::Owner => "owner",
            Field::Kind => "kind",
            Field::Lifecycle => "lifecycle",
            Field::CrmId => "crm_id",
            Field::AccountName => "account_name",
            Field::AccountCrmId => "account_crm_id",
            Field::Stage => "stage",
            Field::Amount => "amount",
            Field::CloseDate => "close_date",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Where an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Read and planned, nothing written (a preview).
    Previewed,
    Running,
    Done,
    Failed,
    /// The server stopped while it ran: every row written is whole; run it again.
    Interrupted,
}

/// A row left out, with where and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub reason: String,
}

/// What one column was read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnView {
    pub header: String,
    /// The field's name (`name`, `website` …), None when the column is ignored.
    pub field: Option<String>,
    /// Why it is ignored, when not for lack of a match.
    pub note: Option<String>,
}

/// What a row does to the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowChange {
    Create,
    Update,
    Unchanged,
}

/// One row of the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row: usize,
    pub change: RowChange,
    pub name: String,
    /// The domain, or the account an opportunity belongs to.
    pub detail: String,
}

/// An import: its plan, progress and outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub import_id: String,
    pub status: ImportStatus,
    /// `Salesforce export (accounts.csv)`.
    pub source: String,
    /// `accounts` or `opportunities`.
    pub kind: String,
    /// How the file was read: `UTF-8`, `Windows-1252` …
    pub encoding: String,
    pub columns: Vec<ColumnView>,
    /// Rows read (kept and rejected).
    pub total: usize,
    /// Rows to write, and how many of them are written.
    pub planned: usize,
    pub written: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<RowProblem>,
    /// Rows another row of the same file replaced (same CRM id or domain: the later wins).
    pub duplicates: Vec<RowProblem>,
    /// The first rows, as they will be written.
    pub preview: Vec<PreviewRow>,
    pub error: Option<String>,
}

impl ImportReport {
    /// Written share in percent, for the progress bar.
    pub fn percent(&self) -> u8 {
        if self.planned == 0 {
            return if self.status == ImportStatus::Done {
                100
            } else {
                0
            };
        }
        ((self.written.min(self.planned) * 100) / self.planned) as u8
    }

    /// One line for the end of an import: `995 accounts imported: 990 new, 5 updated …`.
    pub fn summary_line(&self) -> String {
        let what = if self.kind == "opportunities" {
            "opportunities"
        } else {
            "accounts"
        };
        let mut parts = vec![
            format!("{} new", self.created),
            format!("{} updated", self.updated),
            format!("{} unchanged", self.unchanged),
        ];
        if !self.rejected.is_empty() {
            parts.push(format!("{} rejected", self.rejected.len()));
        }
        if !self.duplicates.is_empty() {
            parts.push(format!("{} replaced by a later row", self.duplicates.len()));
        }
        format!("{} {what} read: {}.", self.total, parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> ImportReport {
        ImportReport {
            import_id: "i-1".into(),
            status: ImportStatus::Running,
            source: "Salesforce export (accounts.csv)".into(),
            kind: "accounts".into(),
            encoding: "UTF-8".into(),
            columns: vec![],
            total: 1000,
            planned: 995,
            written: 500,
            created: 990,
            updated: 5,
            unchanged: 0,
            rejected: vec![RowProblem {
                row: 7,
                column: "Website".into(),
                reason: "“localhost” is not a public domain.".into(),
            }],
            duplicates: vec![],
            preview: vec![],
            error: None,
        }
    }

    #[test]
    fn progress_and_summary_read_as_the_rep_expects() {
        let r = report();
        assert_eq!(r.percent(), 50);
        assert_eq!(
            r.summary_line(),
            "1000 accounts read: 990 new, 5 updated, 0 unchanged, 1 rejected."
        );
    }
}
