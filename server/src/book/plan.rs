//! What an import will do to the book: for each row, the account (or opportunity) it
//! creates or updates, or that it leaves unchanged; rows a later row of the same file
//! replaces; demo accounts an imported one replaces. Pure: the book's identities in,
//! documents out.
//!
//! An account is the same account when it has the same CRM id, else the same domain,
//! else the same name. Demo accounts never match: an imported account with a demo
//! account's domain replaces it (the rep's data is never mixed into the demo set).

use super::import::{AccountRow, OpportunityRow, columns::Crm};
use crate::store::accounts::{AccountDoc, BookEntry, OpportunityDoc};
use app::domain::Origin;
use app::domain::crm::{CrmOrigin, CrmRecord, Opportunity};
use app::domain::import::{PreviewRow, RowChange, RowProblem};
use app::domain::search::normalise;
use std::collections::{HashMap, HashSet};

/// How many rows the preview lists.
pub const PREVIEW_ROWS: usize = 20;

/// The book as an import sees it.
pub struct Identities<'a> {
    by_crm_id: HashMap<&'a str, &'a BookEntry>,
    by_domain: HashMap<&'a str, &'a BookEntry>,
    by_name: HashMap<String, &'a BookEntry>,
    demo_by_domain: HashMap<&'a str, &'a str>,
    keys: HashSet<&'a str>,
}

impl<'a> Identities<'a> {
    pub fn new(entries: impl IntoIterator<Item = &'a BookEntry>) -> Self {
        let mut ids = Identities {
            by_crm_id: HashMap::new(),
            by_domain: HashMap::new(),
            by_name: HashMap::new(),
            demo_by_domain: HashMap::new(),
            keys: HashSet::new(),
        };
        for e in entries {
            ids.keys.insert(&e.account.id);
            if e.account.origin.is_demo() {
                if !e.account.domain.is_empty() {
                    ids.demo_by_domain.insert(&e.account.domain, &e.account.id);
                }
                continue;
            }
            if let Some(id) = &e.crm_id {
                ids.by_crm_id.insert(id, e);
            }
            if !e.account.domain.is_empty() {
                ids.by_domain.insert(&e.account.domain, e);
            }
            ids.by_name.entry(normalise(&e.account.name)).or_insert(e);
        }
        ids
    }

    fn existing(&self, row: &AccountRow) -> Option<&'a BookEntry> {
        row.crm_id
            .as_deref()
            .and_then(|id| self.by_crm_id.get(id))
            .or_else(|| row.domain.as_deref().and_then(|d| self.by_domain.get(d)))
            .or_else(|| self.by_name.get(&normalise(&row.name)))
            .copied()
    }
}

/// Where the rows came from.
#[derive(Clone, Debug)]
pub struct Provenanced {
    pub crm: Crm,
    pub origin: CrmOrigin,
}

/// An import's writes.
#[derive(Debug, Default)]
pub struct Plan {
    pub accounts: Vec<AccountDoc>,
    pub opportunities: Vec<OpportunityDoc>,
    /// Demo accounts to remove (an imported account took their domain).
    pub remove: Vec<String>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<RowProblem>,
    pub duplicates: Vec<RowProblem>,
    pub preview: Vec<PreviewRow>,
}

impl Plan {
    fn count(&mut self, change: RowChange, row: usize, name: &str, detail: &str) {
        match change {
            RowChange::Create => self.created += 1,
            RowChange::Update => self.updated += 1,
            RowChange::Unchanged => self.unchanged += 1,
        }
        if self.preview.len() < PREVIEW_ROWS {
            self.preview.push(PreviewRow {
                row,
                change,
                name: name.to_string(),
                detail: detail.to_string(),
            });
        }
    }
}

/// FNV-1a over `parts`, as hex: stable across builds and runs.
fn digest(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn account_digest(r: &AccountRow) -> String {
    let employees = r.employees.map(|n| n.to_string()).unwrap_or_default();
    let revenue = r.revenue.map(|n| n.to_string()).unwrap_or_default();
    let contacts: Vec<String> = r
        .contacts
        .iter()
        .map(|c| format!("{}|{}|{}", c.name, opt(&c.title), opt(&c.email)))
        .collect();
    digest(&[
        &contacts.join(";"),
        &r.name,
        opt(&r.domain),
        opt(&r.industry),
        &r.location(),
        &employees,
        &revenue,
        opt(&r.crm_id),
        opt(&r.owner),
        opt(&r.kind),
        opt(&r.lifecycle),
    ])
}

/// A record key from a name or domain: `acme-com`, `globex-corporation`.
fn slug(text: &str) -> String {
    let s: String = normalise(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(60)
        .collect();
    if s.is_empty() { "account".into() } else { s }
}

/// A key no account has: `base`, else `base-2`, `base-3` …
fn free_key(base: &str, taken: &mut HashSet<String>, book: &Identities) -> String {
    let mut key = base.to_string();
    let mut n = 2;
    while taken.contains(&key) || book.keys.contains(key.as_str()) {
        key = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(key.clone());
    key
}

/// The accounts a file's rows write.
pub fn plan_accounts(rows: &[AccountRow], book: &Identities, from: &Provenanced) -> Plan {
    let mut plan = Plan::default();
    // Which row each account key / CRM id / domain was last given by.
    let mut last_for: HashMap<String, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        for id in [
            r.crm_id.as_ref().map(|c| format!("id:{c}")),
            r.domain.as_ref().map(|d| format!("domain:{d}")),
        ]
        .into_iter()
        .flatten()
        {
            last_for.insert(id, i);
        }
    }
    let mut taken = HashSet::new();
    let mut removed = HashSet::new();
    for (i, r) in rows.iter().enumerate() {
        let later = [
            r.crm_id
                .as_ref()
                .map(|c| (format!("id:{c}"), "CRM id", c.clone())),
            r.domain
                .as_ref()
                .map(|d| (format!("domain:{d}"), "domain", d.clone())),
        ]
        .into_iter()
        .flatten()
        .find_map(|(id, what, value)| {
            let last = last_for[&id];
            (last != i).then(|| (rows[last].row, what, value))
        });
        if let Some((by, what, value)) = later {
            plan.duplicates.push(RowProblem {
                row: r.row,
                column: if what == "domain" {
                    "Website"
                } else {
                    "CRM id"
                }
                .into(),
                reason: format!("same {what} ({value}) as row {by}, which wins"),
            });
            continue;
        }
        let hash = account_digest(r);
        let existing = book.existing(r);
        let change = match existing {
            None => RowChange::Create,
            Some(e) if e.hash.as_deref() == Some(hash.as_str()) => RowChange::Unchanged,
            Some(_) => RowChange::Update,
        };
        plan.count(change, r.row, &r.name, opt(&r.domain));
        if change == RowChange::Unchanged {
            continue;
        }
        let key = match existing {
            Some(e) => e.account.id.clone(),
            None => free_key(
                &slug(r.domain.as_deref().unwrap_or(&r.name)),
                &mut taken,
                book,
            ),
        };
        if let Some(d) = &r.domain
            && let Some(demo) = book.demo_by_domain.get(d.as_str())
            && removed.insert(demo.to_string())
        {
            plan.remove.push(demo.to_string());
        }
        plan.accounts.push(AccountDoc {
            key,
            name: r.name.clone(),
            domain: r.domain.clone().unwrap_or_default(),
            industry: r.industry.clone().unwrap_or_default(),
            employees: r.employees.unwrap_or(0),
            location: r.location(),
            origin: Origin::Crm,
            crm: Some(CrmRecord {
                crm: from.crm,
                origin: from.origin.clone(),
                crm_id: r.crm_id.clone(),
                owner: r.owner.clone(),
                kind: r.kind.clone(),
                lifecycle: r.lifecycle.clone(),
                revenue: r.revenue,
                contacts: r.contacts.clone(),
            }),
            hash: Some(hash),
            added_at: None,
        });
    }
    plan
}

/// The opportunities a file's rows write, each on an account already in the book.
pub fn plan_opportunities<'a>(
    rows: &[OpportunityRow],
    entries: impl IntoIterator<Item = &'a BookEntry>,
    stored: &HashMap<String, String>,
    from: &Provenanced,
) -> Plan {
    let mut by_crm_id: HashMap<&str, &BookEntry> = HashMap::new();
    let mut by_name: HashMap<String, &BookEntry> = HashMap::new();
    for e in entries.into_iter().filter(|e| !e.account.origin.is_demo()) {
        if let Some(id) = &e.crm_id {
            by_crm_id.insert(id, e);
        }
        by_name.entry(normalise(&e.account.name)).or_insert(e);
    }
    let mut plan = Plan::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut docs: Vec<(usize, OpportunityDoc, RowChange)> = Vec::new();
    for r in rows {
        let entry = r
            .account_crm_id
            .as_deref()
            .and_then(|id| by_crm_id.get(id))
            .or_else(|| {
                r.account_name
                    .as_ref()
                    .and_then(|n| by_name.get(&normalise(n)))
            });
        let Some(entry) = entry else {
            let named = r
                .account_name
                .clone()
                .or_else(|| r.account_crm_id.clone())
                .unwrap_or_default();
            plan.rejected.push(RowProblem {
                row: r.row,
                column: "Account Name".into(),
                reason: format!("no account “{named}” in your book (import the accounts first)"),
            });
            continue;
        };
        let key = match &r.crm_id {
            Some(id) => format!("o-{}", slug(id)),
            None => format!("{}--{}", entry.account.id, slug(&r.name)),
        };
        let close = r.close_date.map(|d| d.format("%Y-%m-%d").to_string());
        let amount = r.amount.map(|a| a.to_string()).unwrap_or_default();
        let hash = digest(&[
            &entry.account.id,
            &r.name,
            opt(&r.stage),
            &amount,
            close.as_deref().unwrap_or(""),
            opt(&r.kind),
            opt(&r.owner),
        ]);
        let change = match stored.get(&key) {
            None => RowChange::Create,
            Some(h) if *h == hash => RowChange::Unchanged,
            Some(_) => RowChange::Update,
        };
        let doc = OpportunityDoc {
            key: key.clone(),
            account: entry.account.id.clone(),
            hash,
            crm_id: r.crm_id.clone(),
            opportunity: Opportunity {
                name: r.name.clone(),
                stage: r.stage.clone(),
                amount: r.amount,
                close_date: close,
                kind: r.kind.clone(),
                owner: r.owner.clone(),
                origin: from.origin.clone(),
            },
        };
        if let Some(&earlier) = seen.get(&key) {
            let (row, _, _) = &docs[earlier];
            plan.duplicates.push(RowProblem {
                row: *row,
                column: "Opportunity ID".into(),
                reason: format!("same opportunity as row {}, which wins", r.row),
            });
            docs[earlier] = (r.row, doc, change);
            continue;
        }
        seen.insert(key, docs.len());
        docs.push((r.row, doc, change));
    }
    for (row, doc, change) in docs {
        let detail = doc.account.clone();
        plan.count(change, row, &doc.opportunity.name, &detail);
        if change != RowChange::Unchanged {
            plan.opportunities.push(doc);
        }
    }
    plan.duplicates.sort_by_key(|d| d.row);
    plan
}

#[cfg(test)]
mod tests;
