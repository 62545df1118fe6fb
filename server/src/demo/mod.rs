//! The built-in demo data set: fictional accounts and what the demo research source "finds"
//! about each. Deterministic, offline, and large enough to feel real (300+ accounts).

pub mod accounts;
pub mod intel;
pub mod vendor;

pub use accounts::demo_accounts;
pub use intel::{DemoIntel, intel_for};
