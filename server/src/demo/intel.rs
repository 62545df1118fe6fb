//! What the demo research source finds about an account: news and funding, job postings,
//! the company profile and tech stack, and contacts. Acme Corp carries the seeds' signals;
//! every other account gets plausible generated ones. Some accounts' sources fail.

use super::accounts::{INITECH, VANDELAY, mix};
use crate::findings::{Contact, Job, NewsItem, Tech};
use app::domain::{AccountSummary, StepKey};
use serde::{Deserialize, Serialize};

/// Everything the demo source knows about one account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoIntel {
    pub description: String,
    pub founded: u16,
    pub news: Vec<NewsItem>,
    pub jobs: Vec<Job>,
    pub tech: Vec<Tech>,
    pub contacts: Vec<Contact>,
    /// Collection steps whose source fails for this account, with the reason.
    pub failures: Vec<(StepKey, String)>,
}

fn tech(name: &str, category: &str, note: Option<&str>) -> Tech {
    Tech {
        name: name.into(),
        category: category.into(),
        note: note.map(Into::into),
        src: 0,
    }
}

fn job(title: &str, department: &str, location: &str, posted: &str) -> Job {
    Job {
        title: title.into(),
        department: department.into(),
        location: location.into(),
        posted: posted.into(),
        url: None,
        src: 0,
    }
}

fn contact(name: &str, title: &str, note: Option<&str>) -> Contact {
    Contact {
        name: name.into(),
        title: title.into(),
        note: note.map(Into::into),
        url: None,
        src: 0,
        also: Vec::new(),
    }
}

fn acme_corp() -> DemoIntel {
    DemoIntel {
        description: "Acme Corp builds payment and treasury software for mid-market finance teams."
            .into(),
        founded: 2014,
        news: vec![
            NewsItem {
                title: "Acme Corp raises $50M Series C to fund European expansion".into(),
                date: "2026-11-19".into(),
                funding: true,
                url: "https://news.example/acme-corp-series-c".into(),
                publisher: None,
                src: 0,
            },
            NewsItem {
                title: "Acme Corp names former Palo Alto Networks security leader as CISO".into(),
                date: "2026-11-03".into(),
                funding: false,
                url: "https://news.example/acme-corp-new-ciso".into(),
                publisher: None,
                src: 0,
            },
        ],
        jobs: vec![
            job(
                "Senior IAM Engineer",
                "Security",
                "New York, USA",
                "2026-11-17",
            ),
            job(
                "Identity & Access Management Lead",
                "IT",
                "London, UK",
                "2026-11-16",
            ),
            job(
                "IAM Analyst (Okta/Azure AD)",
                "Security",
                "Remote",
                "2026-11-15",
            ),
            job(
                "Payments Platform Engineer",
                "Engineering",
                "New York, USA",
                "2026-11-10",
            ),
        ],
        tech: vec![
            tech("AWS", "Cloud", None),
            tech("Salesforce", "CRM", None),
            tech("Slack", "Communication", None),
            tech("Azure AD", "Identity", Some("partial rollout")),
            tech("Cloudflare", "CDN", None),
            tech("Segment", "Analytics", None),
        ],
        contacts: vec![
            contact(
                "Dana Whitfield",
                "Chief Information Security Officer",
                Some("joined from Palo Alto Networks in November 2026"),
            ),
            contact("Marcus Lee", "VP of IT", None),
            contact("Priya Raman", "Director of Security Engineering", None),
            contact("Tom Becker", "CFO", None),
        ],
        failures: Vec::new(),
    }
}

const FIRST: &[&str] = &[
    "Alex", "Sam", "Jordan", "Maria", "Chen", "Fatima", "Lukas", "Aisha", "Noah", "Elena", "Kenji",
    "Olivia",
];
const LAST: &[&str] = &[
    "Garcia",
    "Okafor",
    "Schmidt",
    "Nguyen",
    "Patel",
    "Johansson",
    "Rossi",
    "Kim",
    "Dubois",
    "Silva",
    "Cohen",
    "Walsh",
];
const CLOUDS: &[&str] = &["AWS", "Google Cloud", "Microsoft Azure"];
const CRMS: &[&str] = &["Salesforce", "HubSpot", "Microsoft Dynamics 365"];
const CHATS: &[&str] = &["Slack", "Microsoft Teams", "Google Chat"];
const IDPS: &[&str] = &["Okta", "Azure AD", "Google Workspace", "Ping Identity"];
const ROUNDS: &[&str] = &["Seed", "Series A", "Series B", "Series C", "Series D"];
const ROLES: &[(&str, &str)] = &[
    ("Senior Software Engineer", "Engineering"),
    ("Security Engineer", "Security"),
    ("Account Executive", "Sales"),
    ("Data Analyst", "Data"),
    ("IT Systems Administrator", "IT"),
    ("Product Manager", "Product"),
];

fn pick<'a>(items: &'a [&'a str], h: u64) -> &'a str {
    items[(h % items.len() as u64) as usize]
}

fn date(h: u64) -> String {
    format!("2026-{:02}-{:02}", 6 + h % 6, 1 + (h >> 4) % 28)
}

/// What the demo source finds about `account`.
pub fn intel_for(account: &AccountSummary) -> DemoIntel {
    if account.id == "acme-corp" {
        return acme_corp();
    }
    let id = account.id.as_str();
    let h = |salt| mix(id, salt);
    let name = account.name.as_str();
    let slug = id;
    let mut news = vec![NewsItem {
        title: format!(
            "{name} opens a new office in {}",
            account.location.split(',').next().unwrap_or("town")
        ),
        date: date(h(2)),
        funding: false,
        url: format!("https://news.example/{slug}-office"),
        publisher: None,
        src: 0,
    }];
    if h(3) % 3 != 0 {
        let amount = 5 + h(4) % 120;
        let round = pick(ROUNDS, h(5));
        news.insert(
            0,
            NewsItem {
                title: format!("{name} raises ${amount}M {round}"),
                date: date(h(6)),
                funding: true,
                url: format!(
                    "https://news.example/{slug}-{}",
                    round.to_lowercase().replace(' ', "-")
                ),
                publisher: None,
                src: 0,
            },
        );
    }
    let jobs = (0..(h(7) % 5))
        .map(|i| {
            let (title, dept) = ROLES[((h(8) + i) % ROLES.len() as u64) as usize];
            job(title, dept, &account.location, &date(h(9 + i)))
        })
        .collect();
    let tech = vec![
        tech(pick(CLOUDS, h(20)), "Cloud", None),
        tech(pick(CRMS, h(21)), "CRM", None),
        tech(pick(CHATS, h(22)), "Communication", None),
        tech(pick(IDPS, h(23)), "Identity", None),
    ];
    let contacts = (0..(2 + h(30) % 3))
        .map(|i| {
            let person = format!("{} {}", pick(FIRST, h(31 + i)), pick(LAST, h(41 + i)));
            let title = ["CEO", "CTO", "VP of Engineering", "Head of IT", "CFO"]
                [((h(50) + i) % 5) as usize];
            contact(&person, title, None)
        })
        .collect();
    let failures = match id {
        INITECH => vec![(
            StepKey::News,
            "News provider returned HTTP 503 (service unavailable)".into(),
        )],
        VANDELAY => StepKey::CUSTOMER
            .iter()
            .map(|k| (*k, "Source unavailable (HTTP 503)".to_string()))
            .collect(),
        _ if h(60) % 11 == 3 => {
            let key = StepKey::CUSTOMER[(h(61) % 5) as usize];
            vec![(key, "Provider rate limit reached (HTTP 429)".into())]
        }
        _ => Vec::new(),
    };
    DemoIntel {
        description: format!(
            "{name} is a {} company based in {}.",
            account.industry, account.location
        ),
        founded: 1990 + (h(70) % 34) as u16,
        news,
        jobs,
        tech,
        contacts,
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_accounts;

    #[test]
    fn acme_corp_carries_the_seed_signals() {
        let acme = demo_accounts()
            .into_iter()
            .find(|a| a.id == "acme-corp")
            .unwrap();
        let intel = intel_for(&acme);
        assert!(
            intel
                .news
                .iter()
                .any(|n| n.funding && n.title.contains("$50M Series C"))
        );
        let iam = intel
            .jobs
            .iter()
            .filter(|j| j.title.contains("IAM") || j.title.contains("Identity"))
            .count();
        assert_eq!(iam, 3);
        assert!(intel.contacts.iter().any(|c| {
            c.title.contains("Information Security")
                && c.note
                    .as_deref()
                    .unwrap_or("")
                    .contains("Palo Alto Networks")
        }));
        let names: Vec<_> = intel.tech.iter().map(|t| t.name.as_str()).collect();
        for t in ["AWS", "Salesforce", "Slack", "Azure AD"] {
            assert!(names.contains(&t));
        }
        assert!(intel.failures.is_empty());
    }

    #[test]
    fn some_accounts_fail_and_most_do_not() {
        let all = demo_accounts();
        let failing = all
            .iter()
            .filter(|a| !intel_for(a).failures.is_empty())
            .count();
        assert!(failing >= 3, "{failing}");
        assert!(failing < all.len() / 4, "{failing}");
        let initech = all.iter().find(|a| a.id == INITECH).unwrap();
        assert_eq!(intel_for(initech).failures[0].0, StepKey::News);
    }

    #[test]
    fn intel_is_deterministic() {
        let a = &demo_accounts()[40];
        assert_eq!(intel_for(a), intel_for(a));
    }
}
