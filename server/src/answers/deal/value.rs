//! ROI and success metrics: the vendor's proof points as benchmarks, at the account's scale.

use crate::answers::draft::Draft;
use crate::answers::{Answer, Evidence};
use app::domain::StepKey;

/// 📈 The ROI case: benchmarks and the scale to apply them to — no invented number.
pub fn roi(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("📈 ROI case for {}", ev.account.name));
    match ev.vendor() {
        Some((vendor, src)) if !vendor.proof_points.is_empty() => {
            d.line("Benchmarks from customers like them (your proof points):");
            for p in &vendor.proof_points {
                d.cited(
                    format!("• {} ({}): {}", p.customer, p.industry, p.result),
                    src,
                );
            }
        }
        _ => d.line(format!(
            "• I have no proof points to build on ({}).",
            ev.searched(StepKey::Vendor)
        )),
    }
    if let Some(c) = ev.company().first()
        && let Some(n) = c.fact.employees
    {
        d.cited(
            format!("• Scale to apply them to: ~{n} employees"),
            c.source,
        );
    } else {
        d.cited(
            format!(
                "• Scale to apply them to: {} employees (CRM)",
                ev.account.size_label()
            ),
            &ev.crm,
        );
    }
    d.line("I have none of their own cost figures, so I won't compute a number — ask them for ticket volume and onboarding time.");
    d.finish()
}

/// 📏 What to measure: the benchmarks, and time-to-access for their new hires.
pub fn success_metrics(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("📏 Success metrics for {}", ev.account.name));
    if let Some((vendor, src)) = ev.vendor() {
        for p in &vendor.proof_points {
            d.cited(format!("• Benchmark — {}: {}", p.customer, p.result), src);
        }
    }
    let jobs = ev.jobs();
    if let Some(j) = jobs.first() {
        d.cited(
            format!(
                "• Track time-to-access for new hires: they have {} open roles",
                jobs.len()
            ),
            j.source,
        );
    }
    if d.lines.len() == 1 {
        d.line(format!(
            "• Nothing to base metrics on yet ({}).",
            ev.searched(StepKey::Vendor)
        ));
    }
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn the_roi_case_uses_the_proof_points_at_their_scale() {
        reads(roi(&acme()), &["Vendor profile", "Wikidata"], "\
📈 ROI case for Acme Corp
Benchmarks from customers like them (your proof points):
• Harbor Health (Healthcare): Passed HIPAA audit with automated access reviews. [1]
• Northbeam Payments (FinTech): 60% fewer access tickets. [1]
• Scale to apply them to: ~520 employees [2]
I have none of their own cost figures, so I won't compute a number — ask them for ticket volume and onboarding time.");
    }

    #[test]
    fn without_proof_points_the_crm_gives_the_scale() {
        reads(roi(&bare()), &["CRM"], "\
📈 ROI case for Acme Corp
• I have no proof points to build on (searched Vendor profile (2026-11-20)).
• Scale to apply them to: ~510 employees (CRM) [1]
I have none of their own cost figures, so I won't compute a number — ask them for ticket volume and onboarding time.");
    }

    #[test]
    fn success_metrics_are_the_benchmarks_and_time_to_access() {
        reads(
            success_metrics(&acme()),
            &["Vendor profile", "Greenhouse"],
            "\
📏 Success metrics for Acme Corp
• Benchmark — Harbor Health: Passed HIPAA audit with automated access reviews. [1]
• Benchmark — Northbeam Payments: 60% fewer access tickets. [1]
• Track time-to-access for new hires: they have 2 open roles [2]",
        );
    }

    #[test]
    fn without_the_reps_context_only_the_roles_are_left() {
        reads(
            success_metrics(&without_vendor()),
            &["Greenhouse"],
            "\
📏 Success metrics for Acme Corp
• Track time-to-access for new hires: they have 2 open roles [1]",
        );
    }

    #[test]
    fn with_nothing_there_are_no_metrics() {
        reads(
            success_metrics(&bare()),
            &[],
            "\
📏 Success metrics for Acme Corp
• Nothing to base metrics on yet (searched Vendor profile (2026-11-20)).",
        );
    }
}
