//! People worth meeting from Apollo's people search (`POST /mixed_people/api_search`).
//! Keyed (a master API key, sent as `x-api-key`). Uses no credits; returns no emails.

use crate::findings::{Collected, Contact, Findings};
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean, clean_opt, clean_url};
use crate::sources::{ErrorKind, Source, SourceError, source_ref, today_iso};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;

/// The source's name, as on a source badge.
pub const NAME: &str = "Apollo";
const SENIORITIES: [&str; 4] = ["c_suite", "vp", "head", "director"];
const PER_PAGE: usize = 25;

/// People worth meeting, from Apollo's people search.
pub struct Apollo {
    http: Http,
}

impl Apollo {
    /// The source over `http` (with Apollo's key), renamed to [`NAME`].
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(NAME),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Response {
    people: Vec<Person>,
    error: Option<serde_json::Value>,
    error_message: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Person {
    name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    title: Option<String>,
    linkedin_url: Option<String>,
}

// The `Source` shape every provider shares (name, steps, collect); only `collect` differs.
#[async_trait::async_trait]
impl Source for Apollo {
    fn name(&self) -> &str {
        NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::Contacts]
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let key = self.http.config().key.clone().unwrap_or_default();
        let mut req = Request::post("/mixed_people/api_search", serde_json::json!({}))
            .header("x-api-key", key)
            .query("q_organization_domains_list[]", account.domain.clone())
            .query("page", "1")
            .query("per_page", PER_PAGE.to_string());
        for s in SENIORITIES {
            req = req.query("person_seniorities[]", s);
        }
        let res: Response = self.http.json(req).await?;
        if res.people.is_empty() && (res.error.is_some() || res.error_message.is_some()) {
            return Err(self.http.error(
                ErrorKind::Rejected,
                "answered with an error instead of people",
            ));
        }
        let people = res
            .people
            .iter()
            .filter_map(|p| {
                let name = p
                    .name
                    .clone()
                    .filter(|n| !n.trim().is_empty())
                    .or_else(|| {
                        let full = format!(
                            "{} {}",
                            p.first_name.as_deref().unwrap_or(""),
                            p.last_name.as_deref().unwrap_or("")
                        );
                        Some(full)
                    })?;
                let name = clean(&name);
                if name.is_empty() {
                    return None;
                }
                Some(Contact {
                    name,
                    title: clean_opt(p.title.as_deref()).unwrap_or_else(|| "—".into()),
                    note: None,
                    url: p.linkedin_url.as_deref().and_then(clean_url),
                    src: 0,
                    also: Vec::new(),
                })
            })
            .take(PER_PAGE)
            .collect();
        Ok(Findings::from_source(
            Collected::Contacts { people },
            source_ref(NAME, 0.8, today_iso(), None),
        ))
    }
}
