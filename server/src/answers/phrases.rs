//! The phrases several answers share: how a technology reads, and the plural of a count.

use crate::findings::Tech;

/// `Azure AD (partial rollout)`.
pub fn tech_label(t: &Tech) -> String {
    match &t.note {
        Some(note) => format!("{} ({note})", t.name),
        None => t.name.clone(),
    }
}

/// `s` after a count other than one: `1 open role`, `2 open roles`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
