//! A message to the rep's Slack incoming webhook: `POST` of the Block Kit JSON, `200 ok`
//! on success; a `429` waits for its `Retry-After`, a `5xx` or a timeout is tried again.
//! The webhook's secret part travels only as the request's path: it is in no log line and
//! no error.

use super::Undelivered;
use crate::sources::net::http::{Http, Request};
use crate::sources::{ErrorKind, ProviderConfig};
use serde_json::Value;

/// The Slack webhook client (one for every rep: the webhook is each send's own).
pub struct Slack {
    http: Http,
    prefix: String,
}

impl Slack {
    /// Webhooks under `prefix` (`https://hooks.slack.com/services/`).
    pub fn new(config: &ProviderConfig, prefix: &str, user_agent: &str) -> Self {
        let base = prefix.trim_end_matches('/');
        let config = ProviderConfig {
            base_url: base.to_string(),
            // Marks 401/403 as a refused credential (the webhook).
            key: Some(String::new()),
            ..config.clone()
        };
        Self {
            http: Http::new("Slack", &config, user_agent),
            prefix: prefix.to_string(),
        }
    }

    /// Whether `webhook` is one this server posts to.
    pub fn accepts(&self, webhook: &str) -> bool {
        app::domain::sharing::webhook_ok(webhook, &self.prefix)
    }

    /// Post `message` to `webhook`.
    pub async fn post(&self, webhook: &str, message: Value) -> Result<(), Undelivered> {
        if !self.accepts(webhook) {
            return Err(Undelivered(
                "Your Slack webhook is not a Slack incoming-webhook address: paste it again in Settings."
                    .into(),
            ));
        }
        // The path under the prefix, `/T…/B…/…`.
        let path = format!("/{}", &webhook.trim()[self.prefix.len()..]);
        match self.http.send(Request::post(&path, message)).await {
            Ok(_) => Ok(()),
            Err(e) => Err(Undelivered(reason(e.kind))),
        }
    }
}

/// What a failed webhook call means for the rep.
fn reason(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::Unauthorized => {
            "Slack refused the webhook (it may have been turned off): paste a new one in Settings."
        }
        ErrorKind::NotFound => {
            "Slack no longer knows this webhook, or its channel was archived: paste a new one in Settings."
        }
        ErrorKind::RateLimited => "Slack is busy (too many messages just now). Press Retry in a minute.",
        ErrorKind::Timeout => "Slack didn't answer in time. Press Retry.",
        ErrorKind::Unavailable | ErrorKind::Offline => "Slack is down or unreachable right now. Press Retry.",
        ErrorKind::Rejected | ErrorKind::Malformed | ErrorKind::TooLarge => {
            "Slack refused the message. Press Retry; if it keeps failing, check the webhook in Settings."
        }
    }
    .to_string()
}
