//! The meeting preps' server functions, on stable endpoints under `/api/prep/` (the JSON
//! API for scripts is `/api/preps`, in the server).

use crate::domain::one_pager::{PinnedItem, PrepSummary};
#[cfg(feature = "ssr")]
use crate::domain::sharing::Channel;
use crate::domain::sharing::{NewShareLink, SendRecord};
use crate::error::AppError;
use crate::ports::PrepPage;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::ports::{current_visitor, prep_service, request_host};

/// The caller's prep `prep_id` (at `version`, else the newest).
#[server(prefix = "/api", endpoint = "prep/page")]
pub async fn load_prep(prep_id: String, version: Option<u32>) -> Result<PrepPage, AppError> {
    prep_service()?
        .prep_page(&current_visitor()?, &prep_id, version)
        .await
}

/// The caller's preps.
#[server(prefix = "/api", endpoint = "prep/list")]
pub async fn list_preps() -> Result<Vec<PrepSummary>, AppError> {
    prep_service()?.preps(&current_visitor()?).await
}

/// "📋 Add to meeting prep" on message `message_id` of chat `session_id`: the prep's id.
#[server(prefix = "/api", endpoint = "prep/pin")]
pub async fn pin_message(session_id: String, message_id: String) -> Result<String, AppError> {
    prep_service()?
        .pin(&current_visitor()?, &session_id, &message_id)
        .await
}

/// Remove an item from a prep.
#[server(prefix = "/api", endpoint = "prep/unpin")]
pub async fn unpin_item(prep_id: String, item_id: String) -> Result<Vec<PinnedItem>, AppError> {
    prep_service()?
        .unpin(&current_visitor()?, &prep_id, &item_id)
        .await
}

/// Put a prep's items in this order.
#[server(prefix = "/api", endpoint = "prep/reorder", input = Json)]
pub async fn reorder_items(
    prep_id: String,
    item_ids: Vec<String>,
) -> Result<Vec<PinnedItem>, AppError> {
    prep_service()?
        .reorder(&current_visitor()?, &prep_id, &item_ids)
        .await
}

/// "Share link": a new read-only link to the prep's latest version, shown once.
#[server(prefix = "/api", endpoint = "prep/share")]
pub async fn share_prep(prep_id: String) -> Result<NewShareLink, AppError> {
    prep_service()?
        .share(&current_visitor()?, &prep_id, request_host().as_deref())
        .await
}

/// "Stop sharing": every link to the prep stops working.
#[server(prefix = "/api", endpoint = "prep/unshare")]
pub async fn unshare_prep(prep_id: String) -> Result<(), AppError> {
    prep_service()?.unshare(&current_visitor()?, &prep_id).await
}

/// Send the prep: `channel` is `email`, `slack` or `notion`; `to` an address for email
/// (empty: the send-ahead note to the rep).
#[server(prefix = "/api", endpoint = "prep/send")]
pub async fn send_prep(
    prep_id: String,
    channel: String,
    to: String,
) -> Result<SendRecord, AppError> {
    let channel = Channel::parse(&channel)
        .ok_or_else(|| AppError::BadInput("Send by email, slack or notion.".into()))?;
    let to = Some(to.trim()).filter(|t| !t.is_empty());
    prep_service()?
        .send(&current_visitor()?, &prep_id, channel, to)
        .await
}

/// Send a failed send again.
#[server(prefix = "/api", endpoint = "prep/resend")]
pub async fn resend(prep_id: String, send_id: String) -> Result<SendRecord, AppError> {
    prep_service()?
        .retry_send(&current_visitor()?, &prep_id, &send_id)
        .await
}
