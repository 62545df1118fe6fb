//! Company basics from Wikidata (founding year, head count, website, industry,
//! headquarters) and the Wikipedia summary (description). Keyless.
//!
//! The entity must be the account's company: among the search hits we take the one whose
//! official website (P856) is the account's domain, and give NotFound rather than guess.

use crate::findings::{Collected, CompanyFacts, Findings};
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{
    clean_opt, clean_url, iso_date_prefix, newest_or_today, one_line, path_segment, same_site,
};
use crate::sources::{ErrorKind, Source, SourceError, source_ref};
use app::domain::{AccountSummary, StepKey};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// The source's name, as on a source badge.
pub const NAME: &str = "Wikidata + Wikipedia";
/// How many search hits we check for the account's website.
const SEARCH_LIMIT: usize = 7;
/// The longest description we keep.
const MAX_DESCRIPTION_CHARS: usize = 1_200;

/// Company facts from Wikidata, described by the Wikipedia article.
pub struct Wikidata {
    wikidata: Http,
    wikipedia: Http,
}

impl Wikidata {
    /// The source over a Wikidata and a Wikipedia client.
    pub fn new(wikidata: &Http, wikipedia: &Http) -> Self {
        Self {
            wikidata: wikidata.named(NAME),
            wikipedia: wikipedia.named(NAME),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApiError {
    code: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SearchResponse {
    error: Option<ApiError>,
    search: Vec<SearchHit>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SearchHit {
    id: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EntitiesResponse {
    error: Option<ApiError>,
    entities: HashMap<String, Entity>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Entity {
    id: String,
    modified: Option<String>,
    labels: HashMap<String, Text>,
    descriptions: HashMap<String, Text>,
    claims: HashMap<String, Vec<Statement>>,
    sitelinks: HashMap<String, Sitelink>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Text {
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Sitelink {
    title: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Statement {
    mainsnak: Snak,
    qualifiers: HashMap<String, Vec<Snak>>,
    rank: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Snak {
    snaktype: String,
    datavalue: Option<DataValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DataValue {
    value: Value,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Summary {
    #[serde(rename = "type")]
    kind: String,
    extract: Option<String>,
    timestamp: Option<String>,
    content_urls: Option<ContentUrls>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ContentUrls {
    desktop: Option<PageUrl>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageUrl {
    page: Option<String>,
}

impl Snak {
    fn value(&self) -> Option<&Value> {
        (self.snaktype == "value" || self.snaktype.is_empty())
            .then_some(self.datavalue.as_ref()?)
            .map(|d| &d.value)
    }
}

/// `property`'s usable statements, preferred rank first, deprecated ones dropped.
fn statements<'a>(e: &'a Entity, property: &str) -> Vec<&'a Statement> {
    let mut out: Vec<&Statement> = e
        .claims
        .get(property)
        .map(|v| {
            v.iter()
                .filter(|s| s.rank != "deprecated" && s.mainsnak.value().is_some())
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|s| if s.rank == "preferred" { 0 } else { 1 });
    out
}

fn item_id(v: &Value) -> Option<String> {
    v.get("id").and_then(Value::as_str).map(str::to_string)
}

/// The year of a Wikidata time (`+2016-03-01T00:00:00Z`, `-0044-...`).
pub(crate) fn year_of(v: &Value) -> Option<i32> {
    let t = v.get("time")?.as_str()?;
    let (sign, rest) = match t.as_bytes().first()? {
        b'-' => (-1, &t[1..]),
        b'+' => (1, &t[1..]),
        _ => (1, t),
    };
    let year: i32 = rest.split('-').next()?.parse().ok()?;
    Some(sign * year)
}

pub(crate) fn amount_of(v: &Value) -> Option<u64> {
    let a = v.get("amount")?.as_str()?.trim_start_matches('+');
    let n: f64 = a.parse().ok()?;
    (n.is_finite() && (0.0..1e10).contains(&n)).then_some(n as u64)
}

/// The head count: of the P1128 statements, the one with the latest P585 point in time
/// (undated ones last), preferred rank breaking ties.
fn employees(e: &Entity) -> Option<u64> {
    statements(e, "P1128")
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let when = s
                .qualifiers
                .get("P585")
                .and_then(|q| q.iter().find_map(|snak| snak.value()))
                .and_then(|v| v.get("time")?.as_str().map(str::to_string))
                .unwrap_or_default();
            Some((when, std::cmp::Reverse(i), amount_of(s.mainsnak.value()?)?))
        })
        .max()
        .map(|(_, _, n)| n)
}

/// The same name, ignoring case and spacing: `ACME  Corp` is `Acme Corp`.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    !a.trim().is_empty() && words(a) == words(b)
}

fn websites(e: &Entity) -> Vec<String> {
    statements(e, "P856")
        .into_iter()
        .filter_map(|s| s.mainsnak.value()?.as_str().map(str::to_string))
        .collect()
}

fn first_item(e: &Entity, property: &str) -> Option<String> {
    statements(e, property)
        .into_iter()
        .find_map(|s| item_id(s.mainsnak.value()?))
}

fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.len() < 20 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

impl Wikidata {
    fn api_error(&self, e: &ApiError) -> SourceError {
        let code: String = e
            .code
            .as_deref()
            .unwrap_or("unknown")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        if code == "no-such-entity" || code == "missingtitle" {
            self.wikidata
                .error(ErrorKind::NotFound, "no such Wikidata entry")
        } else {
            self.wikidata.error(
                ErrorKind::Malformed,
                format!("Wikidata answered with an error ({code})"),
            )
        }
    }

    async fn entities(&self, ids: &[String], props: &str) -> Result<EntitiesResponse, SourceError> {
        let res: EntitiesResponse = self
            .wikidata
            .json(
                Request::get("/w/api.php")
                    .query("action", "wbgetentities")
                    .query("ids", ids.join("|"))
                    .query("props", props)
                    .query("languages", "en")
                    .query("format", "json"),
            )
            .await?;
        if let Some(e) = &res.error {
            return Err(self.api_error(e));
        }
        Ok(res)
    }

    /// The Wikipedia summary of `title`; None when there is none worth using (missing,
    /// a disambiguation page, or Wikipedia is unreachable: Wikidata's facts still stand).
    async fn summary(&self, title: &str) -> Option<Summary> {
        let path = format!(
            "/api/rest_v1/page/summary/{}",
            path_segment(&title.replace(' ', "_"))
        );
        match self.wikipedia.json::<Summary>(Request::get(&path)).await {
            Ok(s) if s.kind == "disambiguation" => None,
            Ok(s) => Some(s),
            Err(e) => {
                tracing::debug!(error = %e, "no Wikipedia summary");
                None
            }
        }
    }
}

// The `Source` shape every provider shares (name, steps, collect); only `collect` differs.
#[async_trait::async_trait]
impl Source for Wikidata {
    fn name(&self) -> &str {
        NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::Company]
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let ids = self.search(account).await?;
        let found = self
            .entities(&ids, "info|labels|descriptions|claims|sitelinks")
            .await?;
        // Search order is relevance order: the first hit whose website is the account's;
        // else one named exactly as the account that lists no website at all (a different
        // website is a different company).
        let hits = || ids.iter().filter_map(|id| found.entities.get(id));
        let by_site = hits().find(|e| websites(e).iter().any(|w| same_site(w, &account.domain)));
        let by_name = || {
            hits().find(|e| {
                websites(e).is_empty()
                    && e.labels
                        .get("en")
                        .is_some_and(|l| same_name(&l.value, &account.name))
            })
        };
        let Some(entity) = by_site.or_else(by_name) else {
            return Err(self.wikidata.error(
                ErrorKind::NotFound,
                format!(
                    "no Wikidata entry for {} has the website {}",
                    one_line(&account.name, 80),
                    one_line(&account.domain, 80)
                ),
            ));
        };
        let industry_id = first_item(entity, "P452");
        let hq_id = first_item(entity, "P159");
        let labels = self.labels(&industry_id, &hq_id).await?;
        let label = |id: &Option<String>| {
            let e = labels.get(id.as_ref()?)?;
            clean_opt(e.labels.get("en").map(|t| t.value.as_str()))
        };
        let summary = match entity.sitelinks.get("enwiki") {
            Some(link) if !link.title.trim().is_empty() => self.summary(&link.title).await,
            _ => None,
        };
        let facts = CompanyFacts {
            name: clean_opt(entity.labels.get("en").map(|t| t.value.as_str())),
            description: description(entity, summary.as_ref()),
            founded: statements(entity, "P571")
                .into_iter()
                .find_map(|s| year_of(s.mainsnak.value()?)),
            employees: employees(entity),
            headquarters: label(&hq_id),
            industry: label(&industry_id),
            website: websites(entity)
                .into_iter()
                .find(|w| same_site(w, &account.domain))
                .and_then(|w| clean_url(&w)),
            src: 0,
        };
        Ok(findings(entity, summary.as_ref(), facts))
    }
}

impl Wikidata {
    /// The Wikidata items a search for the account's name finds, most relevant first.
    async fn search(&self, account: &AccountSummary) -> Result<Vec<String>, SourceError> {
        let search: SearchResponse = self
            .wikidata
            .json(
                Request::get("/w/api.php")
                    .query("action", "wbsearchentities")
                    .query("search", account.name.clone())
                    .query("language", "en")
                    .query("uselang", "en")
                    .query("type", "item")
                    .query("limit", SEARCH_LIMIT.to_string())
                    .query("format", "json"),
            )
            .await?;
        if let Some(e) = &search.error {
            return Err(self.api_error(e));
        }
        let ids: Vec<String> = search
            .search
            .iter()
            .map(|h| h.id.clone())
            .filter(|id| is_qid(id))
            .take(SEARCH_LIMIT)
            .collect();
        if ids.is_empty() {
            return Err(self.wikidata.error(
                ErrorKind::NotFound,
                format!("no Wikidata entry named {}", one_line(&account.name, 80)),
            ));
        }
        Ok(ids)
    }

    /// The items named by the industry and headquarters statements, for their labels.
    async fn labels(
        &self,
        industry_id: &Option<String>,
        hq_id: &Option<String>,
    ) -> Result<HashMap<String, Entity>, SourceError> {
        let label_ids: Vec<String> = industry_id.iter().chain(hq_id.iter()).cloned().collect();
        if label_ids.is_empty() {
            return Ok(HashMap::new());
        }
        match self.entities(&label_ids, "labels").await {
            Ok(r) => Ok(r.entities),
            Err(e) if e.kind == ErrorKind::NotFound => Ok(HashMap::new()),
            Err(e) => Err(e),
        }
    }
}

/// The Wikipedia summary's first paragraph, else the item's short description.
fn description(entity: &Entity, summary: Option<&Summary>) -> Option<String> {
    summary
        .and_then(|s| s.extract.as_deref())
        .map(|t| one_line(t, MAX_DESCRIPTION_CHARS))
        .filter(|t| !t.is_empty())
        .or_else(|| clean_opt(entity.descriptions.get("en").map(|t| t.value.as_str())))
}

/// The company's facts as findings, dated by the newest edit, linked to the Wikipedia
/// article (else the Wikidata item).
fn findings(entity: &Entity, summary: Option<&Summary>, facts: CompanyFacts) -> Findings {
    let last_updated = newest_or_today(
        [
            entity.modified.as_deref(),
            summary.and_then(|s| s.timestamp.as_deref()),
        ]
        .into_iter()
        .flatten()
        .filter_map(|d| iso_date_prefix(d).map(|_| d)),
    );
    let url = summary
        .and_then(|s| s.content_urls.as_ref()?.desktop.as_ref()?.page.as_deref())
        .and_then(clean_url)
        .or_else(|| Some(format!("https://www.wikidata.org/wiki/{}", entity.id)));
    Findings::from_source(
        Collected::Company {
            company: vec![facts],
        },
        source_ref(NAME, 0.85, last_updated, url),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikidata_values_are_read() {
        assert_eq!(
            year_of(&serde_json::json!({"time": "+2016-03-01T00:00:00Z"})),
            Some(2016)
        );
        assert_eq!(
            year_of(&serde_json::json!({"time": "-0044-03-15T00:00:00Z"})),
            Some(-44)
        );
        assert_eq!(amount_of(&serde_json::json!({"amount": "+640"})), Some(640));
        assert_eq!(amount_of(&serde_json::json!({"amount": "-3"})), None);
        assert!(is_qid("Q42") && !is_qid("Q4x") && !is_qid("P31"));
    }
}
