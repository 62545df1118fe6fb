//! Technical: the integration points and the technical fit, tech by tech.

use super::deal::competitors::competitive_angle;
use super::draft::{Draft, contains_word};
use super::phrases::tech_label;
use crate::analysts::{Answer, Evidence};
use app::domain::{Intent, StepKey};

/// 🔌 Each technology with the products that work with it; for [`Intent::TechnicalFit`]
/// also the competitive angle.
pub fn integrations(ev: &Evidence, intent: Intent) -> Answer {
    let title = if intent == Intent::TechnicalFit {
        "Technical fit"
    } else {
        "Integration points"
    };
    let mut d = Draft::new(format!("🔌 {title} at {}", ev.account.name));
    let tech = ev.tech();
    if tech.is_empty() {
        d.gap(ev, StepKey::Tech, "technologies");
        return d.finish();
    }
    let products = ev
        .vendor()
        .map(|(v, _)| v.products.clone())
        .unwrap_or_default();
    for t in &tech {
        let name = t.fact.name.to_lowercase();
        let fit: Vec<&str> = products
            .iter()
            .filter(|p| {
                p.fits
                    .iter()
                    .any(|w| contains_word(&name, &w.to_lowercase()))
            })
            .map(|p| p.name.as_str())
            .collect();
        let line = if fit.is_empty() {
            format!(
                "• {}: {} — SSO/provisioning target",
                t.fact.category,
                tech_label(t.fact)
            )
        } else {
            format!(
                "• {}: {} — works with {}",
                t.fact.category,
                tech_label(t.fact),
                fit.join(", ")
            )
        };
        d.cited(line, t.source);
    }
    if intent == Intent::TechnicalFit {
        d.line(String::new());
        competitive_angle(&mut d, ev);
    }
    d.finish()
}
