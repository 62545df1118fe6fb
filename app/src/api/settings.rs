//! The settings page's server function, on a stable endpoint under `/api/settings/`.

use crate::domain::settings::SettingsView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ports::{current_visitor, settings_service};

/// What the settings page shows the caller.
#[server(prefix = "/api", endpoint = "settings/load")]
pub async fn load_settings() -> Result<SettingsView, AppError> {
    settings_service()?.settings(&current_visitor()?).await
}
