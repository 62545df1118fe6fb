//! ROI and success metrics: the vendor's proof points as benchmarks, at the account's scale.

use crate::analysts::{Answer, Evidence};
use crate::answers::draft::Draft;
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
