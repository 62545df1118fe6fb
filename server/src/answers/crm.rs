//! What the rep's CRM says, as the chat shows it: the account's source (the CRM export or
//! sync it came from, the demo data set, or the rep), the CRM lines of the quick overview
//! (owner, type, open opportunities, the next renewal, known contacts), and the meeting
//! purpose the opportunities suggest. Pure: the facts and today's date in, text out.

use app::domain::crm::{CrmRecord, Opportunity, Provenance};
use app::domain::{AccountSummary, MeetingPurpose, Origin, SourceRef};
use chrono::{DateTime, NaiveDate};

/// Everything the CRM knows about one account.
#[derive(Clone, Debug, PartialEq)]
pub struct CrmFacts {
    pub account: AccountSummary,
    pub record: Option<CrmRecord>,
    pub opportunities: Vec<Opportunity>,
    /// When the account entered the book (the demo load, the rep adding it), for accounts
    /// without a CRM record.
    pub added_at: Option<i64>,
}

/// `2026-12-02` for a time in ms.
pub fn day(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The UTC day of a time in ms.
pub fn today(now_ms: i64) -> NaiveDate {
    DateTime::from_timestamp_millis(now_ms)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// `Jan 15, 2027`.
fn long_day(d: NaiveDate) -> String {
    d.format("%b %-d, %Y").to_string()
}

/// `240,000` or `1,250.50`.
pub fn amount(a: f64) -> String {
    let whole = a.trunc().abs() as u64;
    let cents = ((a.abs() - a.abs().trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    if a < 0.0 { format!("-{out}") } else { out }
}

impl CrmFacts {
    /// The source of the account's own facts.
    pub fn source(&self) -> SourceRef {
        let url = self.account.website();
        match (&self.record, self.account.origin) {
            (Some(r), _) => SourceRef {
                name: r.origin.label.clone(),
                confidence: r.origin.provenance.confidence(),
                last_updated: day(r.origin.updated_at),
                fetched_at_ms: Some(r.origin.updated_at),
                url,
            },
            (None, Origin::Web) => SourceRef {
                name: "Added by you".into(),
                confidence: Provenance::Rep.confidence(),
                last_updated: self.added_at.map(day).unwrap_or_default(),
                fetched_at_ms: self.added_at,
                url,
            },
            (None, _) => SourceRef {
                name: "CRM record (demo data)".into(),
                confidence: Provenance::Demo.confidence(),
                last_updated: self.added_at.map(day).unwrap_or_default(),
                fetched_at_ms: self.added_at,
                url,
            },
        }
    }

    /// The account's source, then each distinct source of its opportunities.
    pub fn sources(&self) -> Vec<SourceRef> {
        let mut out = vec![self.source()];
        for o in &self.opportunities {
            if !out.iter().any(|s| s.name == o.origin.label) {
                out.push(SourceRef {
                    name: o.origin.label.clone(),
                    confidence: o.origin.provenance.confidence(),
                    last_updated: day(o.origin.updated_at),
                    fetched_at_ms: Some(o.origin.updated_at),
                    url: None,
                });
            }
        }
        out
    }

    /// The open opportunities, soonest close first (undated last).
    pub fn open_opportunities(&self) -> Vec<&Opportunity> {
        let mut open: Vec<&Opportunity> =
            self.opportunities.iter().filter(|o| o.is_open()).collect();
        open.sort_by_key(|o| (o.close_date.is_none(), o.close_date.clone()));
        open
    }

    /// The soonest open renewal with a close date on or after `today`.
    pub fn next_renewal(&self, today: NaiveDate) -> Option<(&Opportunity, NaiveDate)> {
        self.open_opportunities()
            .into_iter()
            .filter(|o| o.is_renewal())
            .filter_map(|o| Some((o, parse_day(o.close_date.as_deref())?)))
            .find(|(_, d)| *d >= today)
    }

    /// The overview's lines about the account (without markers).
    pub fn account_lines(&self) -> Vec<String> {
        let a = &self.account;
        let mut lines = Vec::new();
        if !a.industry.is_empty() {
            lines.push(format!("• Industry: {}", a.industry));
        }
        if a.employees > 0 {
            lines.push(format!("• Size: {} employees", a.size_label()));
        }
        if !a.location.is_empty() {
            lines.push(format!("• Location: {}", a.location));
        }
        if let Some(w) = a.website() {
            lines.push(format!("• Website: {w}"));
        }
        if let Some(r) = &self.record {
            if let Some(owner) = &r.owner {
                lines.push(format!("• Account owner: {owner}"));
            }
            if let Some(kind) = &r.kind {
                lines.push(format!("• Type: {kind}"));
            }
            if let Some(stage) = &r.lifecycle {
                lines.push(format!("• Lifecycle stage: {stage}"));
            }
            if let Some(revenue) = r.revenue {
                lines.push(format!("• Annual revenue: {}", amount(revenue)));
            }
            if !r.contacts.is_empty() {
                let names: Vec<String> = r
                    .contacts
                    .iter()
                    .take(5)
                    .map(|c| match &c.title {
                        Some(t) => format!("{} ({t})", c.name),
                        None => c.name.clone(),
                    })
                    .collect();
                lines.push(format!("• Known contacts: {}", names.join(", ")));
            }
        }
        if self.record.is_none() && a.origin == Origin::Web {
            lines.push("• Not in your CRM: you added it by its website".into());
        }
        lines
    }

    /// The overview's lines about open opportunities and the next renewal.
    pub fn opportunity_lines(&self, today: NaiveDate) -> Vec<(String, &str)> {
        let mut lines = Vec::new();
        for o in self.open_opportunities().into_iter().take(5) {
            let mut parts = vec![o.name.clone()];
            if let Some(s) = &o.stage {
                parts.push(s.clone());
            }
            if let Some(a) = o.amount {
                parts.push(amount(a));
            }
            if let Some(d) = o.close_date.as_deref().and_then(|d| parse_day(Some(d))) {
                parts.push(format!("closes {}", long_day(d)));
            }
            lines.push((
                format!("• Open opportunity: {}", parts.join(" · ")),
                o.origin.label.as_str(),
            ));
        }
        if let Some((o, d)) = self.next_renewal(today) {
            let days = (d - today).num_days();
            lines.push((
                format!(
                    "• Next renewal: {} (in {days} day{}) — {}",
                    long_day(d),
                    if days == 1 { "" } else { "s" },
                    o.name
                ),
                o.origin.label.as_str(),
            ));
        }
        lines
    }

    /// The meeting purpose the opportunities suggest, and why, in the rep's words: a
    /// renewal closing within 90 days → renewal; an open early-stage new-business
    /// opportunity → discovery.
    pub fn suggested_purpose(&self, today: NaiveDate) -> Option<(MeetingPurpose, String)> {
        if let Some((o, d)) = self.next_renewal(today)
            && (d - today).num_days() <= 90
        {
            return Some((
                MeetingPurpose::Renewal,
                format!(
                    "your CRM shows the renewal “{}” closing {} (in {} days)",
                    o.name,
                    long_day(d),
                    (d - today).num_days()
                ),
            ));
        }
        let early = self
            .open_opportunities()
            .into_iter()
            .find(|o| o.is_early() && !o.is_renewal())?;
        Some((
            MeetingPurpose::TechnicalDiscovery,
            format!(
                "your CRM shows “{}” open at an early stage ({})",
                early.name,
                early.stage.as_deref().unwrap_or("no stage")
            ),
        ))
    }
}

fn parse_day(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

/// The quick overview's body lines, each with its marker when there is more than one
/// source, and the sources they cite.
pub fn overview_lines(facts: &CrmFacts, today: NaiveDate) -> (Vec<String>, Vec<SourceRef>) {
    let sources = facts.sources();
    let marked = sources.len() > 1;
    let mut lines: Vec<String> = facts
        .account_lines()
        .into_iter()
        .map(|l| if marked { format!("{l} [1]") } else { l })
        .collect();
    for (line, label) in facts.opportunity_lines(today) {
        let n = sources.iter().position(|s| s.name == label).unwrap_or(0) + 1;
        lines.push(if marked {
            format!("{line} [{n}]")
        } else {
            line
        });
    }
    (lines, sources)
}

#[cfg(test)]
mod tests;
