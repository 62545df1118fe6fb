//! Dossier's server: configuration → telemetry → application → serve.

use server::{config::Settings, startup::Application, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let settings = Settings::from_env()?;
    let app = Application::build(settings).await?;
    tracing::info!(addr = %app.address(), "Dossier is listening on http://{}", app.address());
    app.run_until_stopped().await
}
