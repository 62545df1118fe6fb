//! The rep's angle: where this rep should start, given their role and the meeting's purpose.

use crate::answers::phrases::tech_label;
use crate::findings::{Collected, is_security};
use app::domain::{MeetingPurpose, Persona, RepRole};

/// Where this rep should start, given their role and the meeting's purpose — built only
/// from what was collected.
pub fn angle(collected: &[Collected], persona: &Persona) -> Option<String> {
    let head = persona.describe()?;
    let funding = collected.iter().find_map(|c| match c {
        Collected::News { items } => items.iter().find(|n| n.funding),
        _ => None,
    });
    let security_jobs = collected
        .iter()
        .map(|c| match c {
            Collected::Hiring { jobs } => jobs.iter().filter(|j| is_security(&j.title)).count(),
            _ => 0,
        })
        .sum::<usize>();
    let new_leader = collected.iter().find_map(|c| match c {
        Collected::Contacts { people } => people.iter().find(|p| p.is_new()),
        _ => None,
    });
    let stack: Vec<String> = collected
        .iter()
        .flat_map(|c| match c {
            Collected::Tech { tech } => tech.iter().take(4).map(tech_label).collect(),
            _ => Vec::new(),
        })
        .collect();
    let mut lines = Vec::new();
    match persona.role {
        Some(RepRole::AccountExecutive) => {
            if let Some(f) = funding {
                lines.push(format!(
                    "Lead with the funding — budget is there: {}",
                    f.title
                ));
            }
            if security_jobs > 0 {
                lines.push(format!(
                    "{security_jobs} identity & security roles open: product fit is the story"
                ));
            }
        }
        Some(RepRole::CustomerSuccess) => {
            if let Some(p) = new_leader {
                lines.push(format!(
                    "New leader {} ({}) may review vendors: confirm your sponsor",
                    p.name, p.title
                ));
            }
            if security_jobs > 0 {
                lines.push(format!(
                    "{security_jobs} identity & security roles open: an expansion opening"
                ));
            }
        }
        Some(RepRole::SalesEngineer) if !stack.is_empty() => {
            lines.push(format!(
                "Map integration points across {}",
                stack.join(", ")
            ));
        }
        Some(RepRole::SalesEngineer) => {}
        None => {}
    }
    match persona.purpose {
        Some(MeetingPurpose::Renewal) => {
            lines.push("Renewal: bring adoption numbers and ask about changes in leadership".into())
        }
        Some(MeetingPurpose::Expansion) if funding.is_some() => {
            lines.push("Expansion: tie new products to the growth the round pays for".into())
        }
        Some(MeetingPurpose::TechnicalDiscovery) => {
            lines.push("Discovery: confirm the stack above and who owns identity".into())
        }
        Some(MeetingPurpose::ExecutiveAlignment) => {
            if let Some(p) = new_leader {
                lines.push(format!(
                    "Executive alignment: start with {}'s priorities",
                    p.name
                ));
            }
        }
        _ => {}
    }
    if lines.is_empty() {
        return None;
    }
    Some(format!("🎯 Your angle ({head}):\n• {}", lines.join("\n• ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::{STEPS, collected};

    fn as_rep(role: Option<RepRole>, purpose: Option<MeetingPurpose>) -> Persona {
        Persona {
            role,
            purpose,
            skipped: false,
        }
    }

    #[test]
    fn the_angle_fits_the_role_the_purpose_and_the_findings() {
        let all: Vec<Collected> = STEPS.into_iter().map(collected).collect();
        let empty: Vec<Collected> = STEPS.into_iter().filter_map(Collected::empty).collect();
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
