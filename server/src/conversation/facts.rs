//! The collected facts as a numbered list (`F1`, `F2`, …), each with its source: what a
//! language model is given, and all it may cite.

use super::evidence::Evidence;
use crate::research::report::{merged_company, tech_label};
use app::domain::SourceRef;

#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub text: String,
    pub source: SourceRef,
}

/// Every fact in `ev`, in a stable order.
pub fn numbered(ev: &Evidence) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut push = |text: String, source: &SourceRef| {
        out.push(Fact {
            text,
            source: source.clone(),
        })
    };
    let a = &ev.account;
    push(
        format!(
            "{} ({}) is a {} company with {} employees in {} (CRM record).",
            a.name,
            a.domain,
            a.industry,
            a.size_label(),
            a.location
        ),
        &ev.crm,
    );
    let company = ev.company();
    if let Some(first) = company.first() {
        let c = merged_company(&company.iter().map(|c| c.fact.clone()).collect::<Vec<_>>());
        if let Some(d) = c.description {
            push(format!("Description: {d}"), first.source);
        }
        if let Some(y) = c.founded {
            push(format!("Founded in {y}."), first.source);
        }
        if let Some(n) = c.employees {
            push(format!("About {n} employees."), first.source);
        }
        if let Some(hq) = c.headquarters {
            push(format!("Headquarters: {hq}."), first.source);
        }
    }
    for n in ev.news() {
        let kind = if n.fact.funding {
            "Funding news"
        } else {
            "News"
        };
        push(
            format!("{kind} ({}): {}", n.fact.date, n.fact.title),
            n.source,
        );
    }
    for j in ev.jobs() {
        let f = j.fact;
        push(
            format!(
                "Open role: {} ({}, {}), posted {}",
                f.title, f.department, f.location, f.posted
            ),
            j.source,
        );
    }
    for t in ev.tech() {
        push(
            format!("Uses {} ({}).", tech_label(t.fact), t.fact.category),
            t.source,
        );
    }
    for c in ev.contacts() {
        let f = c.fact;
        let note = f
            .note
            .as_deref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default();
        push(format!("Contact: {}, {}{note}", f.name, f.title), c.source);
    }
    if let Some((v, src)) = ev.vendor() {
        for p in &v.products {
            push(
                format!(
                    "The rep's company {} sells {}: {}",
                    v.name, p.name, p.description
                ),
                src,
            );
        }
        for p in &v.proof_points {
            push(
                format!(
                    "{} customer {} ({}): {}",
                    v.name, p.customer, p.industry, p.result
                ),
                src,
            );
        }
        for c in &v.competitors {
            push(format!("Against competitor {}: {}", c.name, c.angle), src);
        }
    }
    out
}
