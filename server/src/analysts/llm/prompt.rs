//! What a language model is given: the collected facts as a numbered list (`F1`, `F2`, …),
//! each with its source — all it may cite — and the request around them.

use crate::analysts::{Evidence, Question};
use crate::answers::phrases::tech_label;
use crate::findings::merged_company;
use app::domain::SourceRef;
use serde_json::json;

/// One fact the model may cite, with the record it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The fact in one sentence.
    pub text: String,
    /// Where it came from; `[Fn]` in the model's text becomes this source's marker.
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

/// The Chat Completions request for `q` (its `model` still to be set): the rules, the rep,
/// the account, what is missing, and the numbered `facts`.
pub fn prompt(q: &Question, ev: &Evidence, facts: &[Fact]) -> serde_json::Value {
    let persona = ev.persona.describe().unwrap_or_else(|| "not given".into());
    let mut listed = String::new();
    for (i, f) in facts.iter().enumerate() {
        listed.push_str(&format!("[F{}] {}\n", i + 1, f.text));
    }
    let missing: Vec<String> = ev.missing().iter().map(|k| k.noun().to_string()).collect();
    let focus = q
        .focus
        .as_deref()
        .map(|f| format!(" (about the {f})"))
        .unwrap_or_default();
    json!({
        "model": "",
        "stream": true,
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content":
                "You are Dossier, a meeting-prep assistant for a sales rep. Use ONLY the numbered \
                 facts you are given. End every sentence with the ids of the facts it relies on, \
                 in square brackets before the full stop, like [F2] or [F1][F3]. Never state \
                 anything the facts don't support and never invent ids. Be brief: at most eight \
                 short sentences or bullets. Tailor the advice to the rep's role and meeting."},
            {"role": "user", "content": format!(
                "Rep: {persona}.\nAccount: {} ({}).\nQuestion: {}{focus}.\nNot available: {}.\n\nFacts:\n{listed}",
                ev.account.name, ev.account.domain, q.intent.area(),
                if missing.is_empty() { "nothing".to_string() } else { missing.join(", ") })},
        ],
    })
}
