//! A Notion page under the rep's parent page: `POST /v1/pages` with the title and the first
//! 100 blocks, then `PATCH /v1/blocks/{page}/children` with the rest, 100 at a time
//! (`Authorization: Bearer` the rep's integration token, `Notion-Version`). A `429` waits
//! for its `Retry-After` (seconds), a `5xx` or a timeout is tried again.

use super::Undelivered;
use crate::prep::notion::MAX_CHILDREN;
use crate::sources::net::http::{Http, Request};
use crate::sources::{ErrorKind, ProviderConfig};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// The API version the requests are written for.
pub const NOTION_VERSION: &str = "2022-06-28";

/// The Notion API client (one for every rep: the token is each send's own).
pub struct Notion {
    http: Http,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    #[serde(default)]
    url: Option<String>,
}

impl Notion {
    pub fn new(config: &ProviderConfig, user_agent: &str) -> Self {
        let config = ProviderConfig {
            // Marks 401/403 as a refused credential (the rep's token).
            key: Some(String::new()),
            ..config.clone()
        };
        Self {
            http: Http::new("Notion", &config, user_agent),
        }
    }

    /// Make the page `title` with `blocks` under page `parent`; its URL.
    pub async fn create_page(
        &self,
        token: &str,
        parent: &str,
        title: &str,
        blocks: Vec<Value>,
    ) -> Result<String, Undelivered> {
        let mut batches = blocks.chunks(MAX_CHILDREN);
        let first = batches.next().unwrap_or(&[]).to_vec();
        let body = json!({
            "parent": { "page_id": parent },
            "properties": { "title": { "title": crate::prep::notion::rich(title) } },
            "children": first,
        });
        let created: Created = self
            .http
            .json(self.authorised(Request::post("/v1/pages", body), token))
            .await
            .map_err(|e| Undelivered(reason(e.kind, false)))?;
        if !plausible_id(&created.id) {
            return Err(Undelivered(reason(ErrorKind::Malformed, false)));
        }
        let path = format!("/v1/blocks/{}/children", created.id);
        for batch in batches {
            let req = Request {
                method: Method::PATCH,
                ..Request::post(&path, json!({ "children": batch }))
            };
            self.http
                .send(self.authorised(req, token))
                .await
                .map_err(|e| Undelivered(reason(e.kind, true)))?;
        }
        Ok(created
            .url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .unwrap_or_default())
    }

    fn authorised<'a>(&self, req: Request<'a>, token: &str) -> Request<'a> {
        req.header("Authorization", format!("Bearer {token}"))
            .header("Notion-Version", NOTION_VERSION)
    }
}

/// A page id as Notion returns it (hex and dashes): safe in a path.
fn plausible_id(id: &str) -> bool {
    (32..=36).contains(&id.len()) && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// What a failed call means for the rep (`partly`: the page was made, not all its blocks).
fn reason(kind: ErrorKind, partly: bool) -> String {
    let what = match kind {
        ErrorKind::Unauthorized => {
            "Notion refused your integration token: paste a new one in Settings."
        }
        ErrorKind::NotFound => {
            "Notion can't see your parent page: open it in Notion, add your integration under ••• → Connections, or paste another page in Settings."
        }
        ErrorKind::RateLimited => {
            "Notion is busy (too many requests just now). Press Retry in a minute."
        }
        ErrorKind::Timeout => "Notion didn't answer in time. Press Retry.",
        ErrorKind::Unavailable | ErrorKind::Offline => {
            "Notion is down or unreachable right now. Press Retry."
        }
        ErrorKind::Malformed => "Notion's answer could not be read. Press Retry.",
        ErrorKind::Rejected | ErrorKind::TooLarge => {
            "Notion refused the page. Check the parent page in Settings, then press Retry."
        }
    };
    if partly {
        format!("The Notion page was made but not finished — {what}")
    } else {
        what.to_string()
    }
}
