//! What a language model is given: the collected facts as a numbered list (`F1`, `F2`, …),
//! each with its source — all it may cite — and the request around them.

use crate::analysts::{Evidence, Question};
use crate::answers::evidence::CitedCompany;
use crate::answers::phrases::tech_label;
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

/// Every fact in `ev`, in a stable order: the CRM record, the company profile, news, open
/// roles, technologies, contacts, then the rep's own company.
pub fn numbered(ev: &Evidence) -> Vec<Fact> {
    let a = &ev.account;
    let mut out = vec![Fact {
        text: format!(
            "{} ({}) is a {} company with {} employees in {} (CRM record).",
            a.name,
            a.domain,
            a.industry,
            a.size_label(),
            a.location
        ),
        source: ev.crm.clone(),
    }];
    out.extend(company_facts(ev));
    out.extend(found_facts(ev));
    out.extend(vendor_facts(ev));
    out
}

fn fact(text: String, source: &SourceRef) -> Fact {
    Fact {
        text,
        source: source.clone(),
    }
}

/// The company profile, merged over its sources, each field cited to the source it came
/// from.
fn company_facts(ev: &Evidence) -> Vec<Fact> {
    let c = CitedCompany::of(&ev.company());
    [
        c.description
            .map(|(d, s)| fact(format!("Description: {d}"), s)),
        c.founded.map(|(y, s)| fact(format!("Founded in {y}."), s)),
        c.employees
            .map(|(n, s)| fact(format!("About {n} employees."), s)),
        c.headquarters
            .map(|(hq, s)| fact(format!("Headquarters: {hq}."), s)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The news, open roles, technologies and contacts, each cited to its own source.
fn found_facts(ev: &Evidence) -> Vec<Fact> {
    let mut out = Vec::new();
    for n in ev.news() {
        let kind = if n.fact.funding {
            "Funding news"
        } else {
            "News"
        };
        let text = format!("{kind} ({}): {}", n.fact.date, n.fact.title);
        out.push(fact(text, n.source));
    }
    for j in ev.jobs() {
        let f = j.fact;
        let text = format!(
            "Open role: {} ({}, {}), posted {}",
            f.title, f.department, f.location, f.posted
        );
        out.push(fact(text, j.source));
    }
    for t in ev.tech() {
        let text = format!("Uses {} ({}).", tech_label(t.fact), t.fact.category);
        out.push(fact(text, t.source));
    }
    for c in ev.contacts() {
        let f = c.fact;
        let note = f
            .note
            .as_deref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default();
        out.push(fact(
            format!("Contact: {}, {}{note}", f.name, f.title),
            c.source,
        ));
    }
    out
}

/// The rep's own company: its products, proof points and competitors.
fn vendor_facts(ev: &Evidence) -> Vec<Fact> {
    let Some((v, src)) = ev.vendor() else {
        return Vec::new();
    };
    let products = v.products.iter().map(|p| {
        format!(
            "The rep's company {} sells {}: {}",
            v.name, p.name, p.description
        )
    });
    let proof = v.proof_points.iter().map(|p| {
        format!(
            "{} customer {} ({}): {}",
            v.name, p.customer, p.industry, p.result
        )
    });
    let competitors = v
        .competitors
        .iter()
        .map(|c| format!("Against competitor {}: {}", c.name, c.angle));
    products
        .chain(proof)
        .chain(competitors)
        .map(|text| fact(text, src))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn every_fact_is_numbered_with_its_source() {
        let listed: Vec<String> = numbered(&acme())
            .iter()
            .map(|f| format!("{} | {}", f.text, f.source.name))
            .collect();
        assert_eq!(
            listed.join("\n"),
            "\
Acme Corp (acmecorp.com) is a FinTech company with ~510 employees in New York, USA (CRM record). | CRM
Description: Acme Corp builds payment and treasury software for finance teams. | Wikidata
Founded in 2014. | Wikidata
About 520 employees. | Wikidata
Headquarters: New York City. | Wikidata
Funding news (2026-11-19): Acme Corp raises $50M Series C to fund European expansion | Google News
News (2026-11-03): Acme Corp opens a Berlin office | Google News
Open role: Senior IAM Engineer (Security, New York, USA), posted 2026-11-17 | Greenhouse
Open role: Payments Platform Engineer (Engineering, Remote), posted 3 days ago | Greenhouse
Uses AWS (Cloud). | Website scan
Uses Azure AD (partial rollout) (Identity). | Website scan
Contact: Dana Whitfield, Chief Information Security Officer — joined from Palo Alto Networks 2 months ago | Apollo
Contact: Priya Raman, Director of Engineering | Apollo
The rep's company Keyfort sells Keyfort Workforce Identity: Single sign-on and MFA for every employee app. | Vendor profile
The rep's company Keyfort sells Keyfort Privileged Access: Just-in-time admin access for cloud consoles. | Vendor profile
Keyfort customer Harbor Health (Healthcare): Passed HIPAA audit with automated access reviews. | Vendor profile
Keyfort customer Northbeam Payments (FinTech): 60% fewer access tickets. | Vendor profile
Against competitor Microsoft Entra ID: Neutral identity layer across clouds; no lock-in. | Vendor profile"
        );
    }

    #[test]
    fn with_nothing_found_only_the_crm_record_is_listed() {
        let facts = numbered(&bare());
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].source.name, "CRM");
    }

    #[test]
    fn the_request_lists_the_facts_and_what_is_missing() {
        let ev = failed();
        let facts = numbered(&ev);
        let body = prompt(&Question::new(app::domain::Intent::Risks), &ev, &facts);
        let user = body["messages"][1]["content"].as_str().unwrap();
        assert!(
            user.starts_with("Rep: not given.\nAccount: Acme Corp (acmecorp.com).\n"),
            "{user}"
        );
        assert!(
            user.contains(".\nNot available: tech stack, contacts.\n\nFacts:\n[F1] Acme Corp"),
            "{user}"
        );
        assert!(user.ends_with(&format!(
            "[F{}] {}\n",
            facts.len(),
            facts[facts.len() - 1].text
        )));
        assert_eq!(body["stream"], true);
    }
}
