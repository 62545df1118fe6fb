//! The shared vocabulary of research: the facts a step collects ([`Collected`]) and the
//! [`Findings`] that carry them with their sources. Each fact points at the source record it
//! came from (`src`: an index into [`Findings::sources`]), so every claim can cite its source.

use app::domain::{SourceRef, StepKey};
use serde::{Deserialize, Serialize};

/// A news article or funding announcement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsItem {
    pub title: String,
    /// ISO date (`2026-11-20`), or empty when the source gave none.
    pub date: String,
    /// A funding round, acquisition or IPO.
    pub funding: bool,
    pub url: String,
    /// The publisher, e.g. `TechCrunch`.
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub src: usize,
}

/// An open role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub title: String,
    pub department: String,
    pub location: String,
    /// ISO date or a relative phrase (`3 days ago`) as the source gave it.
    pub posted: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub src: usize,
}

/// A technology the company uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tech {
    pub name: String,
    /// e.g. `Cloud`, `CDN`, `Analytics`, `Identity`.
    pub category: String,
    /// e.g. `partial rollout`, or what gave it away (`Set-Cookie: __cf_bm`).
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub src: usize,
}

/// Words that mark a job, person or product as about identity and security.
const SECURITY_WORDS: &[&str] = &["iam", "identity", "security", "ciso", "access", "sso"];

/// Whether a title or text is about identity and security.
pub fn is_security(text: &str) -> bool {
    let lower = text.to_lowercase();
    SECURITY_WORDS.iter().any(|w| lower.contains(w))
}

/// A person worth meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub title: String,
    /// e.g. `joined from Palo Alto Networks 2 months ago`.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub src: usize,
    /// Other sources that know this person too (the CRM and a people search).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<usize>,
}

impl Contact {
    /// The same person as another source has them: that source is cited too, and what
    /// this record lacks (a real title, a note, a profile link) comes from it.
    fn confirmed_by(&mut self, other: Contact) {
        for s in std::iter::once(other.src).chain(other.also) {
            if s != self.src && !self.also.contains(&s) {
                self.also.push(s);
            }
        }
        if self.title == CRM_TITLE && other.title != CRM_TITLE {
            self.title = other.title;
        }
        self.note = match (self.note.take(), other.note) {
            (Some(mine), Some(theirs)) if mine != theirs => Some(format!("{mine}; {theirs}")),
            (mine, theirs) => mine.or(theirs),
        };
        self.url = self.url.take().or(other.url);
    }

    /// Joined or was appointed recently, as the source's note says.
    pub fn is_new(&self) -> bool {
        self.note.as_deref().is_some_and(|n| {
            let n = n.to_lowercase();
            n.contains("joined") || n.contains("new ") || n.contains("appointed")
        })
    }
}

/// The title of a CRM contact whose record has none.
const CRM_TITLE: &str = "contact in your CRM";

/// Company basics from one source; any field may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyFacts {
    /// The name the company goes by, as the source has it.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub founded: Option<i32>,
    #[serde(default)]
    pub employees: Option<u64>,
    #[serde(default)]
    pub headquarters: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub src: usize,
}

/// One view of the company from several sources: for each field, the first source that
/// knows it.
pub fn merged_company(parts: &[CompanyFacts]) -> CompanyFacts {
    let mut c = CompanyFacts::default();
    for p in parts {
        c.name = c.name.take().or_else(|| p.name.clone());
        c.description = c.description.take().or_else(|| p.description.clone());
        c.founded = c.founded.or(p.founded);
        c.employees = c.employees.or(p.employees);
        c.headquarters = c.headquarters.take().or_else(|| p.headquarters.clone());
        c.industry = c.industry.take().or_else(|| p.industry.clone());
        c.website = c.website.take().or_else(|| p.website.clone());
    }
    c
}

/// The rep's own company, as the vendor-context step knows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VendorProfile {
    pub name: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub proof_points: Vec<ProofPoint>,
    #[serde(default)]
    pub competitors: Vec<Competitor>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Words in a customer's signals (jobs, tech, news) that suggest this product fits.
    #[serde(default)]
    pub fits: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProofPoint {
    pub customer: String,
    #[serde(default)]
    pub industry: String,
    pub result: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Competitor {
    pub name: String,
    /// Technology names that mean this competitor is the incumbent.
    #[serde(default)]
    pub detect: Vec<String>,
    /// How we win against it.
    #[serde(default)]
    pub angle: String,
}

/// What one collection step found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Collected {
    Vendor { vendor: VendorProfile },
    News { items: Vec<NewsItem> },
    Hiring { jobs: Vec<Job> },
    Company { company: Vec<CompanyFacts> },
    Tech { tech: Vec<Tech> },
    Contacts { people: Vec<Contact> },
}

impl Collected {
    /// Nothing collected of this step's kind.
    pub fn empty(step: StepKey) -> Option<Self> {
        Some(match step {
            StepKey::Vendor => Collected::Vendor {
                vendor: VendorProfile::default(),
            },
            StepKey::News => Collected::News { items: vec![] },
            StepKey::Hiring => Collected::Hiring { jobs: vec![] },
            StepKey::Company => Collected::Company { company: vec![] },
            StepKey::Tech => Collected::Tech { tech: vec![] },
            StepKey::Contacts => Collected::Contacts { people: vec![] },
            StepKey::Analysis => return None,
        })
    }

    /// How many facts this holds.
    pub fn len(&self) -> usize {
        match self {
            Collected::Vendor { vendor } => usize::from(!vendor.name.is_empty()),
            Collected::News { items } => items.len(),
            Collected::Hiring { jobs } => jobs.len(),
            Collected::Company { company } => company.len(),
            Collected::Tech { tech } => tech.len(),
            Collected::Contacts { people } => people.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Shift every fact's source index by `by` (used when merging findings).
    fn shift_sources(&mut self, by: usize) {
        match self {
            Collected::Vendor { .. } => {}
            Collected::News { items } => items.iter_mut().for_each(|x| x.src += by),
            Collected::Hiring { jobs } => jobs.iter_mut().for_each(|x| x.src += by),
            Collected::Company { company } => company.iter_mut().for_each(|x| x.src += by),
            Collected::Tech { tech } => tech.iter_mut().for_each(|x| x.src += by),
            Collected::Contacts { people } => people.iter_mut().for_each(|x| {
                x.src += by;
                x.also.iter_mut().for_each(|s| *s += by);
            }),
        }
    }

    /// Append `other`'s facts (same kind); facts of another kind are ignored.
    fn absorb(&mut self, other: Collected) {
        match (self, other) {
            (Collected::Vendor { vendor }, Collected::Vendor { vendor: v })
                if vendor.name.is_empty() =>
            {
                *vendor = v;
            }
            (Collected::News { items }, Collected::News { items: more }) => {
                for item in more {
                    let dup = items
                        .iter()
                        .any(|i| i.url == item.url || same_words(&i.title, &item.title));
                    if !dup {
                        items.push(item);
                    }
                }
            }
            (Collected::Hiring { jobs }, Collected::Hiring { jobs: more }) => {
                for job in more {
                    let dup = jobs
                        .iter()
                        .any(|j| same_words(&j.title, &job.title) && j.location == job.location);
                    if !dup {
                        jobs.push(job);
                    }
                }
            }
            (Collected::Company { company }, Collected::Company { company: more }) => {
                company.extend(more)
            }
            (Collected::Tech { tech }, Collected::Tech { tech: more }) => {
                for t in more {
                    if !tech.iter().any(|x| x.name.eq_ignore_ascii_case(&t.name)) {
                        tech.push(t);
                    }
                }
            }
            (Collected::Contacts { people }, Collected::Contacts { people: more }) => {
                for p in more {
                    match people.iter_mut().find(|x| same_words(&x.name, &p.name)) {
                        Some(known) => known.confirmed_by(p),
                        None => people.push(p),
                    }
                }
            }
            _ => {}
        }
    }
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    norm(a) == norm(b)
}

/// Collected data with the source records its facts point at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub data: Collected,
    pub sources: Vec<SourceRef>,
}

impl Findings {
    /// Findings from one source: every fact's `src` is 0.
    pub fn from_source(data: Collected, source: SourceRef) -> Self {
        Self {
            data,
            sources: vec![source],
        }
    }

    /// Merge several sources' findings for one step, in priority order: duplicates of an
    /// earlier fact are dropped, source indexes are renumbered.
    /// The contacts the rep's CRM knows at the account, cited to the CRM (None when it
    /// knows none).
    pub fn from_crm_contacts(record: &app::domain::crm::CrmRecord) -> Option<Findings> {
        if record.contacts.is_empty() {
            return None;
        }
        let people = record
            .contacts
            .iter()
            .map(|c| Contact {
                name: c.name.clone(),
                title: c.title.clone().unwrap_or_else(|| CRM_TITLE.into()),
                note: Some("in your CRM".into()),
                url: None,
                src: 0,
                also: Vec::new(),
            })
            .collect();
        let origin = &record.origin;
        Some(Findings::from_source(
            Collected::Contacts { people },
            SourceRef {
                name: origin.label.clone(),
                confidence: origin.provenance.confidence(),
                last_updated: chrono::DateTime::from_timestamp_millis(origin.updated_at)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                fetched_at_ms: Some(origin.updated_at),
                url: None,
            },
        ))
    }

    pub fn merge(step: StepKey, parts: Vec<Findings>) -> Option<Findings> {
        let mut merged = Findings {
            data: Collected::empty(step)?,
            sources: Vec::new(),
        };
        for mut part in parts {
            part.data.shift_sources(merged.sources.len());
            merged.sources.extend(part.sources);
            merged.data.absorb(part.data);
        }
        Some(merged)
    }
}

/// Where a step's findings came from, as `GET /api/runs/{id}` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheUse {
    /// The step's cache layer was fresh.
    Hit,
    /// Collected now (some sources may have answered from their raw layer).
    Miss,
}

/// What a research step came to, read back from its stored row.
#[derive(Clone, Debug, PartialEq)]
pub enum StepOutcome {
    /// Not started yet.
    Pending,
    /// Started and not settled.
    Running,
    Found(Findings),
    /// Failed, with the reason the rep is told.
    Failed(String),
}

/// A step that was missing from a finished run, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissingStep {
    pub step: StepKey,
    pub reason: String,
}

/// The full-profile cache layer: a finished run's neutral summary and what it was made of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    #[serde(default)]
    pub collected: Vec<Collected>,
    #[serde(default)]
    pub missing: Vec<MissingStep>,
    #[serde(default)]
    pub run_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str) -> SourceRef {
        SourceRef {
            name: name.into(),
            confidence: 0.9,
            last_updated: "2026-11-20".into(),
            url: None,
            fetched_at_ms: Some(1),
        }
    }

    fn news(title: &str, url: &str) -> NewsItem {
        NewsItem {
            title: title.into(),
            date: "2026-11-20".into(),
            funding: false,
            url: url.into(),
            publisher: None,
            src: 0,
        }
    }

    #[test]
    fn merging_renumbers_sources_and_drops_duplicates() {
        let a = Findings::from_source(
            Collected::News {
                items: vec![news("Acme raises $50M", "https://a/1")],
            },
            src("A"),
        );
        let b = Findings::from_source(
            Collected::News {
                items: vec![
                    news("Acme raises $50M!", "https://b/1"),
                    news("Acme opens Berlin office", "https://b/2"),
                ],
            },
            src("B"),
        );
        let m = Findings::merge(StepKey::News, vec![a, b]).unwrap();
        let Collected::News { items } = &m.data else {
            panic!()
        };
        assert_eq!(items.len(), 2, "the same headline twice is one item");
        assert_eq!(items[0].src, 0);
        assert_eq!(items[1].src, 1);
        assert_eq!(m.sources[items[1].src].name, "B");
    }

    #[test]
    fn analysis_has_no_findings() {
        assert!(Findings::merge(StepKey::Analysis, vec![]).is_none());
        assert!(
            Findings::merge(StepKey::Tech, vec![])
                .unwrap()
                .data
                .is_empty()
        );
    }
}
