//! HubSpot's CRM v3 API as the sync reads it: every page of companies, deals, contacts
//! and owners (`limit=100`, following `paging.next.after`), with the private-app token as
//! a bearer, at most 100 requests in 10 s (HubSpot's private-app limit) by a GCRA limiter,
//! and a `429` waited out for its `Retry-After` by the shared HTTP layer.

use crate::sources::net::http::{Http, Request};
use crate::sources::{ProviderConfig, SourceError};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// The most pages read of one object type (100 000 records): a cursor that never ends
/// is a broken API, not a big CRM.
const MAX_PAGES: usize = 1_000;

/// One CRM object: its id, its properties (HubSpot sends every value as a string or
/// null) and, when asked for, its associated companies.
#[derive(Clone, Debug, Deserialize)]
pub struct Object {
    pub id: String,
    #[serde(default)]
    pub properties: HashMap<String, Option<String>>,
    #[serde(default)]
    pub associations: Option<Associations>,
}

impl Object {
    /// A property's value, trimmed; None when unset or empty.
    pub fn prop(&self, name: &str) -> Option<&str> {
        self.properties
            .get(name)
            .and_then(|v| v.as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The ids of the companies it is associated with.
    pub fn companies(&self) -> Vec<&str> {
        self.associations
            .as_ref()
            .and_then(|a| a.companies.as_ref())
            .map(|c| c.results.iter().map(|r| r.id.as_str()).collect())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Associations {
    #[serde(default)]
    pub companies: Option<AssociationList>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AssociationList {
    #[serde(default)]
    pub results: Vec<AssociationRef>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AssociationRef {
    pub id: String,
}

/// A HubSpot user who owns records.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Owner {
    pub id: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl Owner {
    /// `Jonas Weber`, or the email when there is no name.
    pub fn display(&self) -> Option<String> {
        let name = [&self.first_name, &self.last_name]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            self.email.clone()
        } else {
            Some(name)
        }
    }
}

#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Vec::new")]
    results: Vec<T>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    next: Option<Next>,
}

#[derive(Deserialize)]
struct Next {
    after: String,
}

/// The HubSpot API client.
#[derive(Clone)]
pub struct Client {
    http: Http,
    token: String,
    limiter: Arc<DefaultDirectRateLimiter>,
}

impl Client {
    /// A client for `config` (its key is the token), at most `per_10s` requests in 10 s.
    pub fn new(config: &ProviderConfig, token: &str, user_agent: &str, per_10s: u32) -> Self {
        let burst = NonZeroU32::new(per_10s.max(1)).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(Duration::from_millis(10_000 / u64::from(burst.get())))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            http: Http::new("HubSpot", config, user_agent),
            token: token.to_string(),
            limiter: Arc::new(RateLimiter::direct(quota)),
        }
    }

    /// Every object of `kind` (`companies`, `deals`, `contacts`) with `properties`, and
    /// its associated companies when `with_companies`.
    pub async fn objects(
        &self,
        kind: &str,
        properties: &[&str],
        with_companies: bool,
    ) -> Result<Vec<Object>, SourceError> {
        let path = format!("/crm/v3/objects/{kind}");
        let props = properties.join(",");
        self.pages(&path, |req| {
            let req = req.query("properties", props.clone());
            if with_companies {
                req.query("associations", "companies")
            } else {
                req
            }
        })
        .await
    }

    /// Every owner.
    pub async fn owners(&self) -> Result<Vec<Owner>, SourceError> {
        self.pages("/crm/v3/owners", |req| req).await
    }

    async fn pages<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        shape: impl Fn(Request<'_>) -> Request<'_>,
    ) -> Result<Vec<T>, SourceError> {
        let mut all = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            self.limiter.until_ready().await;
            let mut req = shape(Request::get(path).query("limit", "100"))
                .header("authorization", format!("Bearer {}", self.token));
            if let Some(cursor) = &after {
                req = req.query("after", cursor.clone());
            }
            let page: Page<T> = self.http.json(req).await?;
            all.extend(page.results);
            match page.paging.and_then(|p| p.next) {
                Some(next) if Some(&next.after) != after.as_ref() => after = Some(next.after),
                _ => return Ok(all),
            }
        }
        Err(self.http.error(
            crate::sources::ErrorKind::Malformed,
            format!("{path} kept returning pages after {MAX_PAGES}"),
        ))
    }
}
