//! The rep's angle: where this rep should start, given their role and the meeting's purpose.

use crate::answers::phrases::tech_label;
use crate::findings::{Collected, Contact, NewsItem, is_security};
use app::domain::{MeetingPurpose, Persona, RepRole};

/// Where this rep should start, given their role and the meeting's purpose — built only
/// from what was collected.
pub fn angle(collected: &[Collected], persona: &Persona) -> Option<String> {
    let head = persona.describe()?;
    let seen = Seen::in_findings(collected);
    let mut lines = for_role(persona.role, &seen);
    lines.extend(for_purpose(persona.purpose, &seen));
    if lines.is_empty() {
        return None;
    }
    Some(format!("🎯 Your angle ({head}):\n• {}", lines.join("\n• ")))
}

/// What an angle can start from.
struct Seen<'a> {
    /// The first funding round in the news.
    funding: Option<&'a NewsItem>,
    /// How many open roles are in identity & security.
    security_jobs: usize,
    /// The first leader who joined recently.
    new_leader: Option<&'a Contact>,
    /// Up to four technologies of each tech finding.
    stack: Vec<String>,
}

impl<'a> Seen<'a> {
    fn in_findings(collected: &'a [Collected]) -> Self {
        Self {
            funding: collected.iter().find_map(|c| match c {
                Collected::News { items } => items.iter().find(|n| n.funding),
                _ => None,
            }),
            security_jobs: collected
                .iter()
                .map(|c| match c {
                    Collected::Hiring { jobs } => {
                        jobs.iter().filter(|j| is_security(&j.title)).count()
                    }
                    _ => 0,
                })
                .sum(),
            new_leader: collected.iter().find_map(|c| match c {
                Collected::Contacts { people } => people.iter().find(|p| p.is_new()),
                _ => None,
            }),
            stack: collected
                .iter()
                .flat_map(|c| match c {
                    Collected::Tech { tech } => tech.iter().take(4).map(tech_label).collect(),
                    _ => Vec::new(),
                })
                .collect(),
        }
    }
}

/// What the rep's role should lead with.
fn for_role(role: Option<RepRole>, seen: &Seen) -> Vec<String> {
    let security = seen.security_jobs;
    let roles_open = |why: &str| {
        (security > 0).then(|| format!("{security} identity & security roles open: {why}"))
    };
    let lines = match role {
        Some(RepRole::AccountExecutive) => [
            seen.funding
                .map(|f| format!("Lead with the funding — budget is there: {}", f.title)),
            roles_open("product fit is the story"),
        ],
        Some(RepRole::CustomerSuccess) => [
            seen.new_leader.map(|p| {
                format!(
                    "New leader {} ({}) may review vendors: confirm your sponsor",
                    p.name, p.title
                )
            }),
            roles_open("an expansion opening"),
        ],
        Some(RepRole::SalesEngineer) if !seen.stack.is_empty() => [
            Some(format!(
                "Map integration points across {}",
                seen.stack.join(", ")
            )),
            None,
        ],
        Some(RepRole::SalesEngineer) | None => [None, None],
    };
    lines.into_iter().flatten().collect()
}

/// What the meeting's purpose calls for, when the findings support it.
fn for_purpose(purpose: Option<MeetingPurpose>, seen: &Seen) -> Option<String> {
    match purpose? {
        MeetingPurpose::Renewal => {
            Some("Renewal: bring adoption numbers and ask about changes in leadership".into())
        }
        MeetingPurpose::Expansion => seen
            .funding
            .map(|_| "Expansion: tie new products to the growth the round pays for".into()),
        MeetingPurpose::TechnicalDiscovery => {
            Some("Discovery: confirm the stack above and who owns identity".into())
        }
        MeetingPurpose::ExecutiveAlignment => seen
            .new_leader
            .map(|p| format!("Executive alignment: start with {}'s priorities", p.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::{collected, steps};

    fn as_rep(role: Option<RepRole>, purpose: Option<MeetingPurpose>) -> Persona {
        Persona {
            role,
            purpose,
            skipped: false,
        }
    }

    #[test]
    fn the_angle_fits_the_role_the_purpose_and_the_findings() {
        let all: Vec<Collected> = steps().map(collected).collect();
        let empty: Vec<Collected> = steps().filter_map(Collected::empty).collect();
        type Row<'a> = (
            &'a [Collected],
            Option<RepRole>,
            Option<MeetingPurpose>,
            Option<&'a str>,
        );
        let table: &[Row] = &[
            (&all, None, None, None),
            (
                &all,
                Some(RepRole::AccountExecutive),
                None,
                Some(
                    "🎯 Your angle (AE):\n• Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion\n• 1 identity & security roles open: product fit is the story",
                ),
            ),
            (
                &all,
                Some(RepRole::CustomerSuccess),
                None,
                Some(
                    "🎯 Your angle (CSM):\n• New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor\n• 1 identity & security roles open: an expansion opening",
                ),
            ),
            (
                &all,
                Some(RepRole::SalesEngineer),
                None,
                Some(
                    "🎯 Your angle (SE):\n• Map integration points across AWS, Azure AD (partial rollout)",
                ),
            ),
            (
                &all,
                None,
                Some(MeetingPurpose::Renewal),
                Some(
                    "🎯 Your angle (renewal discussion):\n• Renewal: bring adoption numbers and ask about changes in leadership",
                ),
            ),
            (
                &all,
                None,
                Some(MeetingPurpose::Expansion),
                Some(
                    "🎯 Your angle (expansion opportunity):\n• Expansion: tie new products to the growth the round pays for",
                ),
            ),
            (
                &all,
                None,
                Some(MeetingPurpose::TechnicalDiscovery),
                Some(
                    "🎯 Your angle (technical discovery):\n• Discovery: confirm the stack above and who owns identity",
                ),
            ),
            (
                &all,
                None,
                Some(MeetingPurpose::ExecutiveAlignment),
                Some(
                    "🎯 Your angle (executive alignment):\n• Executive alignment: start with Dana Whitfield's priorities",
                ),
            ),
            (
                &all,
                Some(RepRole::AccountExecutive),
                Some(MeetingPurpose::Expansion),
                Some(
                    "🎯 Your angle (AE · expansion opportunity):\n• Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion\n• 1 identity & security roles open: product fit is the story\n• Expansion: tie new products to the growth the round pays for",
                ),
            ),
            (
                &all,
                Some(RepRole::CustomerSuccess),
                Some(MeetingPurpose::ExecutiveAlignment),
                Some(
                    "🎯 Your angle (CSM · executive alignment):\n• New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor\n• 1 identity & security roles open: an expansion opening\n• Executive alignment: start with Dana Whitfield's priorities",
                ),
            ),
            (
                &empty,
                Some(RepRole::AccountExecutive),
                Some(MeetingPurpose::Expansion),
                None,
            ),
            (&empty, Some(RepRole::SalesEngineer), None, None),
            (&empty, None, Some(MeetingPurpose::ExecutiveAlignment), None),
            (
                &empty,
                Some(RepRole::CustomerSuccess),
                Some(MeetingPurpose::Renewal),
                Some(
                    "🎯 Your angle (CSM · renewal discussion):\n• Renewal: bring adoption numbers and ask about changes in leadership",
                ),
            ),
            (&empty, Some(RepRole::CustomerSuccess), None, None),
        ];
        for (collected, role, purpose, want) in table {
            assert_eq!(
                angle(collected, &as_rep(*role, *purpose)).as_deref(),
                *want,
                "{role:?} / {purpose:?}"
            );
        }
    }
}
