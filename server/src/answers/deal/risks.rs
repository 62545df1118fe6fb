//! Risks: incumbents, a new leader, competitor skills in their hiring, and the blind spots.

use super::competitors::incumbents;
use crate::analysts::{Answer, Evidence};
use crate::answers::draft::{Draft, blind_spots, persona_suffix};
use crate::answers::phrases::tech_label;

/// ⚠️ What could stand in the way, and what could not be checked.
pub fn risks(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!(
        "⚠️ Risks going into the {} meeting{}",
        ev.account.name,
        persona_suffix(ev)
    ));
    let before = d.lines.len();
    for (c, t) in incumbents(ev) {
        d.cited(
            format!(
                "• Incumbent {} in their stack — expect \"we already have {}\"",
                tech_label(t.fact),
                c.name
            ),
            t.source,
        );
    }
    if let Some(c) = ev.new_executive() {
        d.cited(
            format!(
                "• New leader: {} — {} ({}): new executives often review vendors",
                c.fact.name,
                c.fact.title,
                c.fact.note.clone().unwrap_or_default()
            ),
            c.source,
        );
    }
    if let Some((vendor, _)) = ev.vendor() {
        for j in ev.jobs() {
            let t = j.fact.title.to_lowercase();
            if let Some(c) = vendor
                .competitors
                .iter()
                .find(|c| c.detect.iter().any(|w| t.contains(&w.to_lowercase())))
            {
                d.cited(
                    format!(
                        "• They are hiring for {} skills: \"{}\"",
                        c.name, j.fact.title
                    ),
                    j.source,
                );
            }
        }
    }
    if d.lines.len() == before {
        d.line("• No risk signal in what I collected.");
    }
    let unknown = blind_spots(ev);
    if !unknown.is_empty() {
        d.line(format!(
            "• Blind spots — I couldn't check: {}",
            unknown.join("; ")
        ));
    }
    d.finish()
}
