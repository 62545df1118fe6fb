//! Product fit and expansion: the vendor's products matched to the account's signals, and
//! the similar customer wins.

use super::competitors::competitive_angle;
use crate::answers::draft::{Draft, contains_word, persona_suffix};
use crate::answers::phrases::tech_label;
use crate::answers::{Answer, Evidence};
use crate::findings::Product;
use app::domain::{SourceRef, StepKey};

/// 🛡 The best-matched products (as expansion plays when `expansion`), each with why, then
/// the competitive angle and similar wins.
pub fn product_fit(ev: &Evidence, expansion: bool) -> Answer {
    let vendor_name = ev
        .vendor()
        .map(|(v, _)| v.name.clone())
        .unwrap_or_else(|| "Your".into());
    let heading = if expansion {
        "Expansion opportunities"
    } else {
        "Recommendations"
    };
    let mut d = Draft::new(format!(
        "🛡 {vendor_name} {heading} for {}{}",
        ev.account.name,
        persona_suffix(ev)
    ));
    let Some((_, vsrc)) = ev.vendor() else {
        d.line(format!(
            "• I can't match products: your company's context is missing ({}).",
            ev.searched(StepKey::Vendor)
        ));
        return d.finish();
    };
    let vsrc = vsrc.clone();
    let matched = matched_products(ev);
    if matched.is_empty() {
        d.line(format!(
            "• None of your products matched their signals (hiring: {}; tech: {}; news: {}).",
            ev.searched(StepKey::Hiring),
            ev.searched(StepKey::Tech),
            ev.searched(StepKey::News)
        ));
    }
    for (i, (p, hits)) in matched.iter().take(3).enumerate() {
        let tag = match (i, expansion) {
            (0, false) => "🎯 Primary opportunity",
            (_, false) => "🚀 Also fits",
            (_, true) => "🚀 Expansion play",
        };
        d.line(String::new());
        d.cited(format!("{tag}: {} — {}", p.name, p.description), &vsrc);
        for (shown, src) in hits.iter().take(3) {
            d.cited(format!("• Why: {shown}"), src);
        }
    }
    d.line(String::new());
    d.line("💡 Competitive angle:");
    competitive_angle(&mut d, ev);
    similar_wins(&mut d, ev);
    d.finish()
}

/// The names of the products the rep would bring to the meeting: the best matched (at most
/// three), else the vendor's first two.
pub fn offered_products(ev: &Evidence) -> Vec<String> {
    let matched: Vec<String> = matched_products(ev)
        .into_iter()
        .take(3)
        .map(|(p, _)| p.name.clone())
        .collect();
    if !matched.is_empty() {
        return matched;
    }
    ev.vendor()
        .map(|(v, _)| v.products.iter().take(2).map(|p| p.name.clone()).collect())
        .unwrap_or_default()
}

/// The vendor's products matched to the customer's signals, best first: (product, evidence lines).
fn matched_products(ev: &Evidence) -> Vec<(&Product, Vec<(String, SourceRef)>)> {
    let Some((vendor, _)) = ev.vendor() else {
        return Vec::new();
    };
    let mut signals: Vec<(String, String, SourceRef)> = Vec::new();
    for j in ev.jobs() {
        signals.push((
            format!("{} {}", j.fact.title, j.fact.department).to_lowercase(),
            format!("hiring: {}", j.fact.title),
            j.source.clone(),
        ));
    }
    for t in ev.tech() {
        signals.push((
            format!("{} {}", t.fact.name, t.fact.category).to_lowercase(),
            format!("uses {}", tech_label(t.fact)),
            t.source.clone(),
        ));
    }
    for n in ev.news() {
        signals.push((
            n.fact.title.to_lowercase(),
            format!("news: {}", n.fact.title),
            n.source.clone(),
        ));
    }
    for c in ev.contacts() {
        signals.push((
            c.fact.title.to_lowercase(),
            format!("{} — {}", c.fact.name, c.fact.title),
            c.source.clone(),
        ));
    }
    let mut scored: Vec<_> = vendor
        .products
        .iter()
        .map(|p| {
            let hits: Vec<(String, SourceRef)> = signals
                .iter()
                .filter(|(text, _, _)| {
                    p.fits
                        .iter()
                        .any(|w| contains_word(text, &w.to_lowercase()))
                })
                .map(|(_, shown, src)| (shown.clone(), src.clone()))
                .collect();
            (p, hits)
        })
        .filter(|(_, hits)| !hits.is_empty())
        .collect();
    // Best first: the product with the most of its fit words seen, then the most signals.
    let breadth = |p: &Product| {
        p.fits
            .iter()
            .filter(|w| {
                signals
                    .iter()
                    .any(|(text, _, _)| contains_word(text, &w.to_lowercase()))
            })
            .count()
    };
    scored.sort_by_key(|(p, hits)| std::cmp::Reverse((breadth(p), hits.len())));
    scored
}

/// The vendor's proof points, same industry first.
pub fn similar_wins(d: &mut Draft, ev: &Evidence) {
    let Some((vendor, src)) = ev.vendor() else {
        d.line(String::new());
        d.line(format!(
            "📊 Similar customer wins: none — your company's context is missing ({}).",
            ev.searched(StepKey::Vendor)
        ));
        return;
    };
    let mut points: Vec<_> = vendor.proof_points.iter().collect();
    points.sort_by_key(|p| !p.industry.eq_ignore_ascii_case(&ev.account.industry));
    d.line(String::new());
    d.line(format!("📊 Similar {} customer wins:", vendor.name));
    for p in points.iter().take(2) {
        d.cited(
            format!("• {} ({}): {}", p.customer, p.industry, p.result),
            src,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;
    use app::domain::{MeetingPurpose, RepRole};

    #[test]
    fn products_are_matched_to_the_signals_best_first() {
        reads(product_fit(&acme(), false), &["Vendor profile", "Greenhouse", "Website scan"], "\
🛡 Keyfort Recommendations for Acme Corp

🎯 Primary opportunity: Keyfort Workforce Identity — Single sign-on and MFA for every employee app. [1]
• Why: hiring: Senior IAM Engineer [2]
• Why: uses Azure AD (partial rollout) [3]

🚀 Also fits: Keyfort Privileged Access — Just-in-time admin access for cloud consoles. [1]
• Why: uses AWS [3]

💡 Competitive angle:
• Incumbent: Azure AD (partial rollout) in their stack [3]
  → vs Microsoft Entra ID: Neutral identity layer across clouds; no lock-in. [1]

📊 Similar Keyfort customer wins:
• Northbeam Payments (FinTech): 60% fewer access tickets. [1]
• Harbor Health (Healthcare): Passed HIPAA audit with automated access reviews. [1]");
    }

    #[test]
    fn expansion_plays_use_the_same_matches() {
        let fit = product_fit(&acme(), false);
        let expansion = product_fit(&acme(), true);
        assert_eq!(
            expansion.text,
            fit.text
                .replace("Recommendations", "Expansion opportunities")
                .replace("🎯 Primary opportunity:", "🚀 Expansion play:")
                .replace("🚀 Also fits:", "🚀 Expansion play:")
        );
        assert_eq!(expansion.sources, fit.sources);
    }

    #[test]
    fn the_rep_is_named_in_the_title() {
        let a = product_fit(
            &as_rep(
                acme(),
                Some(RepRole::AccountExecutive),
                Some(MeetingPurpose::Expansion),
            ),
            false,
        );
        let plain = product_fit(&acme(), false);
        assert_eq!(
            a.text,
            plain
                .text
                .replacen("Acme Corp", "Acme Corp (AE · expansion opportunity)", 1)
        );
    }

    #[test]
    fn a_failed_scan_leaves_the_roles_and_says_what_is_missing() {
        let a = product_fit(&failed(), false);
        let plain = product_fit(&acme(), false).text;
        let (head, _) = plain.split_once("\n• Why: uses").unwrap();
        let (_, wins) = plain.split_once("\n\n📊").unwrap();
        assert_eq!(
            a.text,
            format!(
                "{head}\n\n💡 Competitive angle:\n\
                 • I can't tell who the incumbent is: their tech stack is missing \
                 (the search failed: Website scan: HTTP 503).\n\n📊{wins}"
            )
        );
        assert_eq!(cited(&a), ["Vendor profile", "Greenhouse"]);
    }

    #[test]
    fn without_the_reps_context_nothing_is_matched() {
        reads(product_fit(&bare(), false), &[], "\
🛡 Your Recommendations for Acme Corp
• I can't match products: your company's context is missing (searched Vendor profile (2026-11-20)).");
    }

    #[test]
    fn no_signal_matched_names_every_source_searched() {
        let ev = with(
            bare(),
            StepKey::Vendor,
            found(StepKey::Vendor, collected(StepKey::Vendor)),
        );
        reads(product_fit(&ev, false), &["Vendor profile"], "\
🛡 Keyfort Recommendations for Acme Corp
• None of your products matched their signals (hiring: searched Greenhouse (2026-11-20); tech: searched Website scan (2026-11-20); news: searched Google News (2026-11-20)).

💡 Competitive angle:
• No Keyfort competitor shows in their detected stack (searched Website scan (2026-11-20)).

📊 Similar Keyfort customer wins:
• Northbeam Payments (FinTech): 60% fewer access tickets. [1]
• Harbor Health (Healthcare): Passed HIPAA audit with automated access reviews. [1]");
    }
}
