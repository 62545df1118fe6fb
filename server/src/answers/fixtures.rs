//! Test data for the wording tests: Acme Corp as the research would find it, one source a
//! step, and the rep's company (Keyfort). Built here, so no test needs a database or HTTP.

use crate::answers::{Answer, Evidence, StepData};
use crate::findings::{
    Collected, CompanyFacts, Contact, Findings, Job, NewsItem, Tech, VendorProfile,
};
use app::domain::Question;
use app::domain::{AccountSummary, Intent, MeetingPurpose, Persona, RepRole, SourceRef, StepKey};
use serde_json::json;

/// A source record: `Google News` at `https://google-news.example`.
pub fn source(name: &str) -> SourceRef {
    SourceRef {
        name: name.into(),
        confidence: 0.9,
        last_updated: "2026-11-20".into(),
        url: Some(format!(
            "https://{}.example",
            name.to_lowercase().replace(' ', "-")
        )),
        fetched_at_ms: None,
    }
}

/// A fixture written as the JSON the cache stores.
pub fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("a well-formed fixture")
}

/// The CRM's account record.
pub fn account() -> AccountSummary {
    from_json(json!({
        "id": "acme-corp", "name": "Acme Corp", "domain": "acmecorp.com",
        "industry": "FinTech", "employees": 512, "location": "New York, USA"
    }))
}

/// The demo's Acme Corp, as the demo CRM has it.
pub fn demo_acme() -> AccountSummary {
    crate::demo::demo_accounts()
        .into_iter()
        .find(|a| a.id == "acme-corp")
        .expect("the demo has Acme")
}

/// The source each step's facts come from.
pub fn source_of(step: StepKey) -> SourceRef {
    source(match step {
        StepKey::Vendor => "Vendor profile",
        StepKey::News => "Google News",
        StepKey::Hiring => "Greenhouse",
        StepKey::Company => "Wikidata",
        StepKey::Tech => "Website scan",
        StepKey::Contacts => "Apollo",
        StepKey::Analysis => "Analysis",
    })
}

/// A funding round and another headline.
pub fn news() -> Vec<NewsItem> {
    from_json(json!([
        {"title": "Acme Corp raises $50M Series C to fund European expansion",
         "date": "2026-11-19", "funding": true, "url": "https://news.example/1"},
        {"title": "Acme Corp opens a Berlin office",
         "date": "2026-11-03", "funding": false, "url": "https://news.example/2"},
    ]))
}

/// An identity role and another.
pub fn jobs() -> Vec<Job> {
    from_json(json!([
        {"title": "Senior IAM Engineer", "department": "Security",
         "location": "New York, USA", "posted": "2026-11-17"},
        {"title": "Payments Platform Engineer", "department": "Engineering",
         "location": "Remote", "posted": "3 days ago"},
    ]))
}

/// A cloud and a competitor's identity product.
pub fn tech() -> Vec<Tech> {
    from_json(json!([
        {"name": "AWS", "category": "Cloud"},
        {"name": "Azure AD", "category": "Identity", "note": "partial rollout"},
    ]))
}

/// A new security leader and an engineering director.
pub fn people() -> Vec<Contact> {
    from_json(json!([
        {"name": "Dana Whitfield", "title": "Chief Information Security Officer",
         "note": "joined from Palo Alto Networks 2 months ago"},
        {"name": "Priya Raman", "title": "Director of Engineering"},
    ]))
}

/// One source's company basics.
pub fn company() -> Vec<CompanyFacts> {
    from_json(json!([{
        "description": "Acme Corp builds payment and treasury software for finance teams.",
        "founded": 2014, "employees": 520, "headquarters": "New York City",
        "industry": "Financial technology"
    }]))
}

/// The rep's company: two products, two proof points, one competitor.
pub fn vendor() -> VendorProfile {
    from_json(json!({
        "name": "Keyfort", "domain": "keyfort.example",
        "products": [
            {"name": "Keyfort Workforce Identity",
             "description": "Single sign-on and MFA for every employee app.",
             "fits": ["iam", "identity", "azure ad"]},
            {"name": "Keyfort Privileged Access",
             "description": "Just-in-time admin access for cloud consoles.",
             "fits": ["aws"]},
        ],
        "proof_points": [
            {"customer": "Harbor Health", "industry": "Healthcare",
             "result": "Passed HIPAA audit with automated access reviews."},
            {"customer": "Northbeam Payments", "industry": "FinTech",
             "result": "60% fewer access tickets."},
        ],
        "competitors": [
            {"name": "Microsoft Entra ID", "detect": ["azure ad", "entra"],
             "angle": "Neutral identity layer across clouds; no lock-in."},
        ],
    }))
}

/// What the research collected for `step` at Acme.
pub fn collected(step: StepKey) -> Collected {
    match step {
        StepKey::Vendor => Collected::Vendor { vendor: vendor() },
        StepKey::News => Collected::News { items: news() },
        StepKey::Hiring => Collected::Hiring { jobs: jobs() },
        StepKey::Company => Collected::Company { company: company() },
        StepKey::Tech => Collected::Tech { tech: tech() },
        StepKey::Contacts | StepKey::Analysis => Collected::Contacts { people: people() },
    }
}

/// `step` found `data`, from the step's source.
pub fn found(step: StepKey, data: Collected) -> StepData {
    StepData::Found(Findings::from_source(data, source_of(step)))
}

/// `step`'s source answered with nothing.
pub fn nothing(step: StepKey) -> StepData {
    found(step, Collected::empty(step).expect("a collection step"))
}

/// The steps that collect facts, in the order of a run.
pub fn steps() -> impl Iterator<Item = StepKey> {
    StepKey::ALL.into_iter().filter(|k| *k != StepKey::Analysis)
}

/// Everything found about Acme, for a rep who said nothing about themselves.
pub fn acme() -> Evidence {
    Evidence {
        account: account(),
        persona: Persona::default(),
        crm: source("CRM"),
        steps: steps().map(|k| (k, found(k, collected(k)))).collect(),
    }
}

/// Every source answered, and none found anything.
pub fn bare() -> Evidence {
    let mut ev = acme();
    ev.steps = steps().map(|k| (k, nothing(k))).collect();
    ev
}

/// `ev` with `step`'s data replaced.
pub fn with(mut ev: Evidence, step: StepKey, data: StepData) -> Evidence {
    for (k, d) in &mut ev.steps {
        if *k == step {
            *d = data.clone();
        }
    }
    ev
}

/// Acme, with the findings of `data`'s step replaced by `data`.
pub fn acme_with(data: Collected) -> Evidence {
    let step = match &data {
        Collected::Vendor { .. } => StepKey::Vendor,
        Collected::News { .. } => StepKey::News,
        Collected::Hiring { .. } => StepKey::Hiring,
        Collected::Company { .. } => StepKey::Company,
        Collected::Tech { .. } => StepKey::Tech,
        Collected::Contacts { .. } => StepKey::Contacts,
    };
    with(acme(), step, found(step, data))
}

/// `ev` for a rep with this role and meeting purpose.
pub fn as_rep(
    mut ev: Evidence,
    role: Option<RepRole>,
    purpose: Option<MeetingPurpose>,
) -> Evidence {
    ev.persona = Persona {
        role,
        purpose,
        skipped: false,
        suggested: false,
    };
    ev
}

/// Acme with the tech scan failed and the contacts still being collected.
pub fn failed() -> Evidence {
    let ev = with(
        acme(),
        StepKey::Tech,
        StepData::Failed("Website scan: HTTP 503".into()),
    );
    with(ev, StepKey::Contacts, StepData::Pending)
}

/// Acme, but the rep's company context came back empty.
pub fn without_vendor() -> Evidence {
    with(acme(), StepKey::Vendor, nothing(StepKey::Vendor))
}

/// The answer to `intent` about `ev`, composed from the templates.
pub fn ask(ev: &Evidence, intent: Intent) -> Answer {
    super::compose(&Question::new(intent), ev)
}

/// The names of the sources an answer cites, in the order of their numbers.
pub fn cited(a: &Answer) -> Vec<&str> {
    a.sources.iter().map(|s| s.name.as_str()).collect()
}

/// Assert the rep reads `text`, citing the sources named `sources` (`[1]` first).
#[track_caller]
pub fn reads(a: Answer, sources: &[&str], text: &str) {
    assert_eq!(a.text, text);
    assert_eq!(cited(&a), sources);
}
