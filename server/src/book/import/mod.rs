//! Reading a CRM export: bytes → text → records → typed rows, each bad row rejected with
//! its number, column and reason while the rest go on. Pure: no store, no clock.
//!
//! Row numbers are the ones a spreadsheet shows: the header is row 1, the first record row
//! 2 (a quoted newline stays inside its row; blank lines are not rows).

pub mod columns;
pub mod decode;
pub mod values;

pub use app::domain::import::RowProblem;
use chrono::NaiveDate;
use columns::{ColumnUse, Crm, Field, FileKind};
use std::collections::HashMap;

/// The most columns a file may have (CRM exports have dozens).
pub const MAX_COLUMNS: usize = 500;

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file has column names but no rows.")]
    NoRows,
    #[error("This is not a CSV text file (it holds binary data). Export the report as CSV.")]
    Binary,
    #[error("The file has {0} columns; a CRM export has at most 500.")]
    TooManyColumns(usize),
    #[error(
        "No column holds the {what} (looked for {looked_for}). Map one on the Accounts page or rename the header."
    )]
    NoNameColumn {
        what: &'static str,
        looked_for: &'static str,
        /// The file's columns as read, for the rep to map.
        columns: Vec<ColumnUse>,
        kind: FileKind,
    },
    #[error("The file could not be read as CSV: {0}")]
    Malformed(String),
}

/// An account (a Salesforce account, a HubSpot company) as the file gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountRow {
    pub row: usize,
    pub crm_id: Option<String>,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub employees: Option<u32>,
    pub revenue: Option<f64>,
    pub owner: Option<String>,
    pub kind: Option<String>,
    pub lifecycle: Option<String>,
    /// Known contacts (a HubSpot sync has them; an export does not).
    pub contacts: Vec<app::domain::crm::CrmContact>,
}

impl AccountRow {
    /// `City, State, Country` with the empty parts left out.
    pub fn location(&self) -> String {
        [&self.city, &self.state, &self.country]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An opportunity (a HubSpot deal) as the file gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct OpportunityRow {
    pub row: usize,
    pub crm_id: Option<String>,
    pub name: String,
    pub account_name: Option<String>,
    pub account_crm_id: Option<String>,
    pub stage: Option<String>,
    pub amount: Option<f64>,
    pub close_date: Option<NaiveDate>,
    pub kind: Option<String>,
    pub owner: Option<String>,
}

/// The rows of a file, by what the file lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Rows {
    Accounts(Vec<AccountRow>),
    Opportunities(Vec<OpportunityRow>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Accounts(r) => r.len(),
            Rows::Opportunities(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A file read.
#[derive(Clone, Debug)]
pub struct ParsedFile {
    pub crm: Crm,
    pub kind: FileKind,
    pub encoding: decode::Encoding,
    pub delimiter: u8,
    pub columns: Vec<ColumnUse>,
    pub rows: Rows,
    pub rejected: Vec<RowProblem>,
    /// Record rows read (kept and rejected), blank lines not counted.
    pub total: usize,
}

/// What the rep chose: which CRM (None: tell from the headers) and column overrides
/// (header → field, or None to ignore the column).
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub crm: Option<Crm>,
    pub mapping: HashMap<String, Option<Field>>,
}

/// Read a whole export.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<ParsedFile, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    let (text, encoding) = decode::decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(ImportError::Empty),
            Some(Err(e)) => return Err(ImportError::Malformed(e.to_string())),
            Some(Ok(r)) if is_blank(&r) => continue,
            Some(Ok(r)) => break r,
        }
    };
    if header.len() > MAX_COLUMNS {
        return Err(ImportError::TooManyColumns(header.len()));
    }
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let (crm, kind) = columns::detect(&headers, options.crm);
    let columns = columns::map_columns(&headers, kind, &options.mapping);
    let position = |f: Field| columns.iter().position(|c| c.field == Some(f));
    if position(Field::Name).is_none() {
        let (what, looked_for) = match kind {
            FileKind::Accounts => ("account name", "Account Name, Company name, Name"),
            FileKind::Opportunities => ("opportunity name", "Opportunity Name, Deal Name, Name"),
        };
        return Err(ImportError::NoNameColumn {
            what,
            looked_for,
            columns,
            kind,
        });
    }
    let mut out = Collecting {
        rejected: Vec::new(),
        accounts: Vec::new(),
        opportunities: Vec::new(),
    };
    let mut row = 1;
    let mut total = 0;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                row += 1;
                total += 1;
                out.reject(row, "", format!("could not be read ({e})"));
                continue;
            }
        };
        if is_blank(&record) {
            continue;
        }
        row += 1;
        total += 1;
        if record.len() > headers.len() {
            out.reject(
                row,
                "",
                format!(
                    "has {} cells but the header has {} (a quote may be missing)",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let cells = Cells {
            record: &record,
            columns: &columns,
        };
        match kind {
            FileKind::Accounts => match account(row, &cells) {
                Ok(a) => out.accounts.push(a),
                Err((column, reason)) => out.reject(row, &column, reason),
            },
            FileKind::Opportunities => match opportunity(row, &cells) {
                Ok(o) => out.opportunities.push(o),
                Err((column, reason)) => out.reject(row, &column, reason),
            },
        }
    }
    if total == 0 {
        return Err(ImportError::NoRows);
    }
    let rows = match kind {
        FileKind::Accounts => Rows::Accounts(out.accounts),
        FileKind::Opportunities => Rows::Opportunities(out.opportunities),
    };
    Ok(ParsedFile {
        crm,
        kind,
        encoding,
        delimiter,
        rejected: out.rejected,
        columns,
        rows,
        total,
    })
}

struct Collecting {
    rejected: Vec<RowProblem>,
    accounts: Vec<AccountRow>,
    opportunities: Vec<OpportunityRow>,
}

impl Collecting {
    fn reject(&mut self, row: usize, column: &str, reason: String) {
        self.rejected.push(RowProblem {
            row,
            column: column.to_string(),
            reason,
        });
    }
}

/// `,`, `;` or tab: whichever the header line has most of, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 {
        return b',';
    }
    [b',', b';', b'\t'][best]
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// One record's cells by field.
struct Cells<'a> {
    record: &'a csv::StringRecord,
    columns: &'a [ColumnUse],
}

type CellError = (String, String);

impl Cells<'_> {
    /// The header of the column holding `field`.
    fn header(&self, field: Field) -> String {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.header.clone())
            .unwrap_or_else(|| field.label().to_string())
    }

    fn raw(&self, field: Field) -> &str {
        self.columns
            .iter()
            .position(|c| c.field == Some(field))
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
    }

    /// A cell through `read`, its error tagged with the column.
    fn get<T>(
        &self,
        field: Field,
        read: impl Fn(&str) -> Result<Option<T>, String>,
    ) -> Result<Option<T>, CellError> {
        read(self.raw(field)).map_err(|reason| (self.header(field), reason))
    }

    fn text(&self, field: Field, max: usize) -> Result<Option<String>, CellError> {
        self.get(field, |c| values::text(c, max))
    }
}

fn account(row: usize, cells: &Cells) -> Result<AccountRow, CellError> {
    let name = cells
        .text(Field::Name, values::MAX_NAME_CHARS)?
        .ok_or_else(|| (cells.header(Field::Name), "is empty".to_string()))?;
    let domain = cells.get(Field::Website, |c| {
        if c.trim().is_empty() {
            Ok(None)
        } else {
            crate::book::domain::registrable_domain(c).map(Some)
        }
    })?;
    Ok(AccountRow {
        row,
        crm_id: cells.text(Field::CrmId, values::MAX_NAME_CHARS)?,
        name,
        domain,
        industry: cells.text(Field::Industry, values::MAX_NAME_CHARS)?,
        city: cells.text(Field::City, values::MAX_NAME_CHARS)?,
        state: cells.text(Field::State, values::MAX_NAME_CHARS)?,
        country: cells.text(Field::Country, values::MAX_NAME_CHARS)?,
        employees: cells.get(Field::Employees, values::count)?,
        revenue: cells.get(Field::Revenue, values::money)?,
        owner: cells.text(Field::Owner, values::MAX_NAME_CHARS)?,
        kind: cells.text(Field::Kind, values::MAX_NAME_CHARS)?,
        lifecycle: cells.text(Field::Lifecycle, values::MAX_NAME_CHARS)?,
        contacts: Vec::new(),
    })
}

fn opportunity(row: usize, cells: &Cells) -> Result<OpportunityRow, CellError> {
    let name = cells
        .text(Field::Name, values::MAX_NAME_CHARS)?
        .ok_or_else(|| (cells.header(Field::Name), "is empty".to_string()))?;
    let account_name = cells.text(Field::AccountName, values::MAX_NAME_CHARS)?;
    let account_crm_id = cells.text(Field::AccountCrmId, values::MAX_NAME_CHARS)?;
    if account_name.is_none() && account_crm_id.is_none() {
        return Err((
            cells.header(Field::AccountName),
            "is empty: the opportunity belongs to no account".into(),
        ));
    }
    Ok(OpportunityRow {
        row,
        crm_id: cells.text(Field::CrmId, values::MAX_NAME_CHARS)?,
        name,
        account_name,
        account_crm_id,
        stage: cells.text(Field::Stage, values::MAX_NAME_CHARS)?,
        amount: cells.get(Field::Amount, values::money)?,
        close_date: cells.get(Field::CloseDate, values::date)?,
        kind: cells.text(Field::Kind, values::MAX_NAME_CHARS)?,
        owner: cells.text(Field::Owner, values::MAX_NAME_CHARS)?,
    })
}

#[cfg(test)]
mod tests;
