//! Accounts: loaded once from the demo set on first start, read whole at start-up.

use super::{Store, StoreError, decode};
use app::domain::AccountSummary;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct AccountRow {
    key: String,
    name: String,
    domain: String,
    industry: String,
    employees: u32,
    location: String,
}

impl AccountRow {
    fn into_summary(self) -> AccountSummary {
        AccountSummary {
            id: self.key,
            name: self.name,
            domain: self.domain,
            industry: self.industry,
            employees: self.employees,
            location: self.location,
        }
    }
}

impl Store {
    /// Load `accounts` unless the demo data was loaded before. Returns how many were added.
    pub async fn seed_accounts(&self, accounts: &[AccountSummary]) -> Result<usize, StoreError> {
        let mut res = self
            .db
            .query("SELECT VALUE done FROM type::record('meta', 'demo_seed')")
            .await?;
        let done: Vec<serde_json::Value> = res.take(0)?;
        if done.first().and_then(|v| v.as_bool()) == Some(true) {
            return Ok(0);
        }
        for chunk in accounts.chunks(500) {
            let rows = serde_json::to_value(chunk)?;
            self.db
                .query(
                    "FOR $a IN $rows { UPSERT type::record('account', $a.id) CONTENT { \
                     key: $a.id, name: $a.name, domain: $a.domain, industry: $a.industry, \
                     employees: $a.employees, location: $a.location }; }",
                )
                .bind(json!({ "rows": rows }))
                .await?
                .check()?;
        }
        self.db
            .query("UPSERT type::record('meta', 'demo_seed') CONTENT { done: true, count: $n }")
            .bind(json!({ "n": accounts.len() }))
            .await?
            .check()?;
        Ok(accounts.len())
    }

    /// Every account.
    pub async fn all_accounts(&self) -> Result<Vec<AccountSummary>, StoreError> {
        let mut res = self
            .db
            .query("SELECT key, name, domain, industry, employees, location FROM account")
            .await?;
        let rows: Vec<AccountRow> = decode(res.take(0)?)?;
        Ok(rows.into_iter().map(AccountRow::into_summary).collect())
    }
}
