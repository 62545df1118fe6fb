//! The meeting preps' server functions, on stable endpoints under `/api/prep/` (the JSON
//! API for scripts is `/api/preps`, in the server).

use crate::domain::one_pager::{PinnedItem, PrepSummary};
use crate::error::AppError;
use crate::ports::PrepPage;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::ports::{current_visitor, prep_service};

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
