//! Technology: the stack detected at the account.

use super::draft::Draft;
use super::phrases::tech_label;
use crate::analysts::{Answer, Evidence};
use app::domain::StepKey;

/// 🛠 Every technology detected, by category.
pub fn technology(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🛠 {} technology stack", ev.account.name));
    let tech = ev.tech();
    if tech.is_empty() {
        d.gap(ev, StepKey::Tech, "technologies");
    }
    for t in &tech {
        d.cited(
            format!("• {}: {}", t.fact.category, tech_label(t.fact)),
            t.source,
        );
    }
    d.finish()
}
