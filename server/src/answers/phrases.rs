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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::tech;

    #[test]
    fn a_tech_reads_with_its_note() {
        let labels: Vec<String> = tech().iter().map(tech_label).collect();
        assert_eq!(labels, ["AWS", "Azure AD (partial rollout)"]);
    }

    #[test]
    fn counts_other_than_one_are_plural() {
        assert_eq!(
            [0, 1, 2].map(|n| format!("{n} role{}", plural(n))),
            ["0 roles", "1 role", "2 roles"]
        );
    }
}
