//! The Accounts page's calls: the book at a glance and removing the demo data (server
//! functions under `/api/book/`), and — in the browser — a CRM export sent to the JSON
//! API (`POST /api/accounts/import`) and its progress (`GET /api/accounts/imports/{id}`).

use crate::error::AppError;
use crate::ports::BookView;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ports::book_service;

/// How many accounts the book holds, and how many are demo data.
#[server(prefix = "/api", endpoint = "book/view")]
pub async fn load_book() -> Result<BookView, AppError> {
    book_service()?.book_view().await
}

/// Remove the demo accounts.
#[server(prefix = "/api", endpoint = "book/remove_demo")]
pub async fn remove_demo_accounts() -> Result<BookView, AppError> {
    book_service()?.remove_demo().await
}

/// Sync HubSpot now.
#[server(prefix = "/api", endpoint = "book/sync_hubspot")]
pub async fn sync_hubspot_now() -> Result<String, AppError> {
    book_service()?.sync_hubspot().await
}

/// The import's query string: `?preview=…&filename=…&source=…&importId=…&mapping=…`.
pub fn import_query(
    preview: bool,
    file_name: &str,
    source: &str,
    import_id: Option<&str>,
    mapping: &[(String, String)],
) -> String {
    let mut q = format!(
        "?preview={preview}&filename={}&source={}",
        encode(file_name),
        encode(source)
    );
    if let Some(id) = import_id {
        q.push_str(&format!("&importId={}", encode(id)));
    }
    if !mapping.is_empty() {
        let map: serde_json::Map<String, serde_json::Value> = mapping
            .iter()
            .map(|(h, f)| (h.clone(), serde_json::Value::String(f.clone())))
            .collect();
        let json = serde_json::Value::Object(map).to_string();
        q.push_str(&format!("&mapping={}", encode(&json)));
    }
    q
}

/// Percent-encoding for a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(feature = "hydrate")]
pub use browser::{get_import, post_import, read_file};

#[cfg(feature = "hydrate")]
mod browser {
    use crate::domain::import::ImportReport;
    use crate::error::AppError;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::wasm_bindgen::{JsCast, JsValue};

    fn transport(e: JsValue) -> AppError {
        AppError::Transport(e.as_string().unwrap_or_else(|| "network error".into()))
    }

    /// A picked or dropped file's bytes.
    pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, AppError> {
        let buf = JsFuture::from(file.array_buffer())
            .await
            .map_err(transport)?;
        Ok(js_sys::Uint8Array::new(&buf).to_vec())
    }

    async fn call(method: &str, url: &str, body: Option<&[u8]>) -> Result<ImportReport, AppError> {
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        if let Some(bytes) = body {
            let array = js_sys::Uint8Array::from(bytes);
            init.set_body(&array);
            let headers = web_sys::Headers::new().map_err(transport)?;
            headers.set("content-type", "text/csv").map_err(transport)?;
            init.set_headers(&headers);
        }
        let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(transport)?;
        let window = web_sys::window().ok_or(AppError::Internal)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(transport)?
            .dyn_into()
            .map_err(transport)?;
        let text = JsFuture::from(response.text().map_err(transport)?)
            .await
            .map_err(transport)?
            .as_string()
            .unwrap_or_default();
        if response.ok() {
            return serde_json::from_str(&text)
                .map_err(|e| AppError::Transport(format!("unreadable answer: {e}")));
        }
        let message = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_string))
            .unwrap_or_else(|| format!("the server answered {}", response.status()));
        Err(AppError::BadInput(message))
    }

    /// Send the export (a preview or the import itself).
    pub async fn post_import(bytes: &[u8], query: &str) -> Result<ImportReport, AppError> {
        call("POST", &format!("/api/accounts/import{query}"), Some(bytes)).await
    }

    /// An import's progress.
    pub async fn get_import(id: &str) -> Result<ImportReport, AppError> {
        call("GET", &format!("/api/accounts/imports/{id}"), None).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_carries_the_file_name_and_the_mapping_encoded() {
        let q = import_query(
            true,
            "Q3 accounts.csv",
            "auto",
            Some("imp-1"),
            &[("Firma".into(), "name".into())],
        );
        assert_eq!(
            q,
            "?preview=true&filename=Q3%20accounts.csv&source=auto&importId=imp-1\
             &mapping=%7B%22Firma%22%3A%22name%22%7D"
        );
    }
}
