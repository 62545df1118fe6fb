//! What an answer may draw on: for each research step it needs, the findings (from the
//! cache, the research run, or a live query), why there are none, or that they are pending.

use crate::findings::{Collected, Findings};
use crate::findings::{Contact, Job, NewsItem, Tech, VendorProfile};
use app::domain::actions::{Signals, short_title};
use app::domain::{AccountSummary, Persona, SourceRef, StepKey};

/// One step's data, as far as a question is concerned.
#[derive(Clone, Debug, PartialEq)]
pub enum StepData {
    /// What the step's sources found (possibly nothing).
    Found(Findings),
    /// The step failed; the reason names the sources that were asked.
    Failed(String),
    /// The research run is still collecting it.
    Pending,
}

/// Everything an answer may use.
#[derive(Clone, Debug)]
pub struct Evidence {
    /// The account the question is about, from the CRM.
    pub account: AccountSummary,
    /// The rep's role and the meeting's purpose, as far as told.
    pub persona: Persona,
    /// The CRM record behind the account basics.
    pub crm: SourceRef,
    /// The steps the question needs, each with its data.
    pub steps: Vec<(StepKey, StepData)>,
}

/// The company basics over several sources, each field from the first source that knows
/// it, with that source (the CRM's, Wikidata's, the website's): never one source for all.
pub struct CitedCompany<'a> {
    pub description: Option<(String, &'a SourceRef)>,
    pub founded: Option<(i32, &'a SourceRef)>,
    pub employees: Option<(u64, &'a SourceRef)>,
    pub headquarters: Option<(String, &'a SourceRef)>,
}

impl<'a> CitedCompany<'a> {
    pub fn of(parts: &[Cited<'a, crate::findings::CompanyFacts>]) -> Self {
        fn first<'a, T>(
            parts: &[Cited<'a, crate::findings::CompanyFacts>],
            get: impl Fn(&'a crate::findings::CompanyFacts) -> Option<T>,
        ) -> Option<(T, &'a SourceRef)> {
            parts
                .iter()
                .find_map(|p| get(p.fact).map(|v| (v, p.source)))
        }
        Self {
            description: first(parts, |c| c.description.clone()),
            founded: first(parts, |c| c.founded),
            employees: first(parts, |c| c.employees),
            headquarters: first(parts, |c| c.headquarters.clone()),
        }
    }

    /// One line a field, as the business overview shows them: the description, then
    /// `• Founded:`, `• Employees:` and `• Headquarters:`.
    pub fn lines(&self) -> Vec<(String, &'a SourceRef)> {
        [
            self.description.clone(),
            self.founded.map(|(y, s)| (format!("• Founded: {y}"), s)),
            self.employees
                .map(|(n, s)| (format!("• Employees: ~{n}"), s)),
            self.headquarters
                .as_ref()
                .map(|(h, s)| (format!("• Headquarters: {h}"), *s)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// A fact together with the source record it came from.
pub struct Cited<'a, T> {
    /// The fact.
    pub fact: &'a T,
    /// The record it came from.
    pub source: &'a SourceRef,
}

impl Evidence {
    /// The data of `step`, if the question needs it.
    pub fn get(&self, step: StepKey) -> Option<&StepData> {
        self.steps.iter().find(|(k, _)| *k == step).map(|(_, d)| d)
    }

    /// The findings of `step`, if it was collected.
    pub fn found(&self, step: StepKey) -> Option<&Findings> {
        match self.get(step) {
            Some(StepData::Found(f)) => Some(f),
            _ => None,
        }
    }

    /// The steps with no findings: failed, or still being collected.
    pub fn missing(&self) -> Vec<StepKey> {
        self.steps
            .iter()
            .filter(|(_, d)| !matches!(d, StepData::Found(_)))
            .map(|(k, _)| *k)
            .collect()
    }

    /// The steps still being collected.
    pub fn pending(&self) -> Vec<StepKey> {
        self.steps
            .iter()
            .filter(|(_, d)| *d == StepData::Pending)
            .map(|(k, _)| *k)
            .collect()
    }

    fn cited<'a, T>(
        &'a self,
        step: StepKey,
        pick: impl Fn(&'a Collected) -> Option<&'a Vec<T>>,
        src: impl Fn(&T) -> usize,
    ) -> Vec<Cited<'a, T>> {
        let Some(f) = self.found(step) else {
            return Vec::new();
        };
        let Some(items) = pick(&f.data) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|fact| {
                f.sources
                    .get(src(fact))
                    .map(|source| Cited { fact, source })
            })
            .collect()
    }

    /// The news items, each with its source.
    pub fn news(&self) -> Vec<Cited<'_, NewsItem>> {
        self.cited(
            StepKey::News,
            |c| match c {
                Collected::News { items } => Some(items),
                _ => None,
            },
            |x| x.src,
        )
    }

    /// The open roles, each with its source.
    pub fn jobs(&self) -> Vec<Cited<'_, Job>> {
        self.cited(
            StepKey::Hiring,
            |c| match c {
                Collected::Hiring { jobs } => Some(jobs),
                _ => None,
            },
            |x| x.src,
        )
    }

    /// The technologies detected, each with its source.
    pub fn tech(&self) -> Vec<Cited<'_, Tech>> {
        self.cited(
            StepKey::Tech,
            |c| match c {
                Collected::Tech { tech } => Some(tech),
                _ => None,
            },
            |x| x.src,
        )
    }

    /// The people, each with their source.
    pub fn contacts(&self) -> Vec<Cited<'_, Contact>> {
        self.cited(
            StepKey::Contacts,
            |c| match c {
                Collected::Contacts { people } => Some(people),
                _ => None,
            },
            |x| x.src,
        )
    }

    /// Every source that knows this person: the one it came from, then those that
    /// found them too.
    pub fn contact_sources<'a>(&'a self, c: &Cited<'a, Contact>) -> Vec<&'a SourceRef> {
        let others: Vec<&SourceRef> = self
            .found(StepKey::Contacts)
            .map(|f| {
                c.fact
                    .also
                    .iter()
                    .filter_map(|&i| f.sources.get(i))
                    .collect()
            })
            .unwrap_or_default();
        std::iter::once(c.source).chain(others).collect()
    }

    /// The company basics, one per source that knew them.
    pub fn company(&self) -> Vec<Cited<'_, crate::findings::CompanyFacts>> {
        self.cited(
            StepKey::Company,
            |c| match c {
                Collected::Company { company } => Some(company),
                _ => None,
            },
            |x| x.src,
        )
    }

    /// The rep's own company, with the record it came from.
    pub fn vendor(&self) -> Option<(&VendorProfile, &SourceRef)> {
        let f = self.found(StepKey::Vendor)?;
        match &f.data {
            Collected::Vendor { vendor } if !vendor.name.is_empty() => {
                Some((vendor, f.sources.first()?))
            }
            _ => None,
        }
    }

    /// What the buttons care about.
    pub fn signals(&self) -> Signals {
        Signals {
            funding: self.news().iter().any(|n| n.fact.funding),
            hiring: !self.jobs().is_empty(),
            new_executive: self.new_executive().map(|c| short_title(&c.fact.title)),
        }
    }

    /// A leader who joined recently ("joined from Palo Alto Networks …").
    pub fn new_executive(&self) -> Option<Cited<'_, Contact>> {
        self.contacts().into_iter().find(|c| c.fact.is_new())
    }

    /// Why a step has nothing to offer: what was searched, or why it failed.
    pub fn searched(&self, step: StepKey) -> String {
        match self.get(step) {
            Some(StepData::Found(f)) if f.sources.is_empty() => "no source answered".into(),
            Some(StepData::Found(f)) => {
                let names: Vec<String> = f
                    .sources
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.last_updated))
                    .collect();
                format!("searched {}", names.join(", "))
            }
            Some(StepData::Failed(reason)) => format!("the search failed: {reason}"),
            Some(StepData::Pending) => "still being collected".into(),
            None => "not searched".into(),
        }
    }
}
