//! Technical: the integration points and the technical fit, tech by tech.

use super::deal::competitors::competitive_angle;
use super::draft::{Draft, contains_word};
use super::phrases::tech_label;
use crate::answers::{Answer, Evidence};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn each_technology_names_the_products_that_work_with_it() {
        reads(
            integrations(&acme(), Intent::Integrations),
            &["Website scan"],
            "\
🔌 Integration points at Acme Corp
• Cloud: AWS — works with Keyfort Privileged Access [1]
• Identity: Azure AD (partial rollout) — works with Keyfort Workforce Identity [1]",
        );
    }

    #[test]
    fn technical_fit_adds_the_competitive_angle() {
        reads(
            integrations(&acme(), Intent::TechnicalFit),
            &["Website scan", "Vendor profile"],
            "\
🔌 Technical fit at Acme Corp
• Cloud: AWS — works with Keyfort Privileged Access [1]
• Identity: Azure AD (partial rollout) — works with Keyfort Workforce Identity [1]

• Incumbent: Azure AD (partial rollout) in their stack [1]
  → vs Microsoft Entra ID: Neutral identity layer across clouds; no lock-in. [2]",
        );
    }

    #[test]
    fn a_failed_scan_is_said_not_guessed() {
        reads(integrations(&failed(), Intent::TechnicalFit), &[], "\
🔌 Technical fit at Acme Corp
• I found no technologies for Acme Corp (the search failed: Website scan: HTTP 503). I won't guess.");
    }

    #[test]
    fn without_the_reps_products_each_tech_is_a_target() {
        reads(integrations(&without_vendor(), Intent::TechnicalFit), &["Website scan"], "\
🔌 Technical fit at Acme Corp
• Cloud: AWS — SSO/provisioning target [1]
• Identity: Azure AD (partial rollout) — SSO/provisioning target [1]

• I can't position against competitors: your company's context is missing (searched Vendor profile (2026-11-20)).");
    }
}
