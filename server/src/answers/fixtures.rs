//! Test data for the wording tests: Acme Corp as the research would find it, one source a
//! step, and the rep's company (Keyfort). Built here, so no test needs a database or HTTP.

use crate::analysts::{Answer, Evidence, Question, StepData};
use crate::findings::{
    Collected, CompanyFacts, Competitor, Contact, Findings, Job, NewsItem, Product, ProofPoint,
    Tech, VendorProfile,
};
use app::domain::{AccountSummary, Intent, MeetingPurpose, Persona, RepRole, SourceRef, StepKey};

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

/// The CRM's account record.
pub fn account() -> AccountSummary {
    AccountSummary {
        id: "acme-corp".into(),
        name: "Acme Corp".into(),
        domain: "acmecorp.com".into(),
        industry: "FinTech".into(),
        employees: 512,
        location: "New York, USA".into(),
    }
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

pub fn news() -> Vec<NewsItem> {
    let item = |title: &str, date: &str, funding: bool| NewsItem {
        title: title.into(),
        date: date.into(),
        funding,
        url: format!("https://news.example/{date}"),
        publisher: None,
        src: 0,
    };
    vec![
        item(
            "Acme Corp raises $50M Series C to fund European expansion",
            "2026-11-19",
            true,
        ),
        item("Acme Corp opens a Berlin office", "2026-11-03", false),
    ]
}

pub fn jobs() -> Vec<Job> {
    let job = |title: &str, department: &str, location: &str, posted: &str| Job {
        title: title.into(),
        department: department.into(),
        location: location.into(),
        posted: posted.into(),
        url: None,
        src: 0,
    };
    vec![
        job(
            "Senior IAM Engineer",
            "Security",
            "New York, USA",
            "2026-11-17",
        ),
        job(
            "Payments Platform Engineer",
            "Engineering",
            "Remote",
            "3 days ago",
        ),
    ]
}

pub fn tech() -> Vec<Tech> {
    let tech = |name: &str, category: &str, note: Option<&str>| Tech {
        name: name.into(),
        category: category.into(),
        note: note.map(Into::into),
        src: 0,
    };
    vec![
        tech("AWS", "Cloud", None),
        tech("Azure AD", "Identity", Some("partial rollout")),
    ]
}

pub fn people() -> Vec<Contact> {
    let person = |name: &str, title: &str, note: Option<&str>| Contact {
        name: name.into(),
        title: title.into(),
        note: note.map(Into::into),
        url: None,
        src: 0,
    };
    vec![
        person(
            "Dana Whitfield",
            "Chief Information Security Officer",
            Some("joined from Palo Alto Networks 2 months ago"),
        ),
        person("Priya Raman", "Director of Engineering", None),
    ]
}

pub fn company() -> Vec<CompanyFacts> {
    vec![CompanyFacts {
        description: Some(
            "Acme Corp builds payment and treasury software for finance teams.".into(),
        ),
        founded: Some(2014),
        employees: Some(520),
        headquarters: Some("New York City".into()),
        industry: Some("Financial technology".into()),
        website: None,
        src: 0,
    }]
}

/// The rep's company.
pub fn vendor() -> VendorProfile {
    let product = |name: &str, description: &str, fits: &[&str]| Product {
        name: name.into(),
        description: description.into(),
        fits: fits.iter().map(|s| s.to_string()).collect(),
    };
    VendorProfile {
        name: "Keyfort".into(),
        domain: "keyfort.example".into(),
        products: vec![
            product(
                "Keyfort Workforce Identity",
                "Single sign-on and MFA for every employee app.",
                &["iam", "identity", "azure ad"],
            ),
            product(
                "Keyfort Privileged Access",
                "Just-in-time admin access for cloud consoles.",
                &["aws"],
            ),
        ],
        proof_points: vec![
            ProofPoint {
                customer: "Harbor Health".into(),
                industry: "Healthcare".into(),
                result: "Passed HIPAA audit with automated access reviews.".into(),
            },
            ProofPoint {
                customer: "Northbeam Payments".into(),
                industry: "FinTech".into(),
                result: "60% fewer access tickets.".into(),
            },
        ],
        competitors: vec![Competitor {
            name: "Microsoft Entra ID".into(),
            detect: vec!["azure ad".into(), "entra".into()],
            angle: "Neutral identity layer across clouds; no lock-in.".into(),
        }],
    }
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
pub const STEPS: [StepKey; 6] = [
    StepKey::Vendor,
    StepKey::News,
    StepKey::Hiring,
    StepKey::Company,
    StepKey::Tech,
    StepKey::Contacts,
];

/// Everything found about Acme, for a rep who said nothing about themselves.
pub fn acme() -> Evidence {
    Evidence {
        account: account(),
        persona: Persona::default(),
        crm: source("CRM"),
        steps: STEPS
            .into_iter()
            .map(|k| (k, found(k, collected(k))))
            .collect(),
    }
}

/// Every source answered, and none found anything.
pub fn bare() -> Evidence {
    let mut ev = acme();
    ev.steps = STEPS.into_iter().map(|k| (k, nothing(k))).collect();
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
