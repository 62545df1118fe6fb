//! The rep's angle: where this rep should start, given their role, the meeting's purpose
//! and what their own company sells.

use crate::answers::deal::competitors::named_in;
use crate::answers::draft::contains_word;
use crate::answers::phrases::tech_label;
use crate::findings::{Collected, Contact, NewsItem, VendorProfile, is_security};
use app::domain::{MeetingPurpose, Persona, RepRole};

/// Where this rep should start, given their role and the meeting's purpose and, when
/// `collected` holds the rep's own company, the product the account's signals fit best and
/// the competitor in its stack — built only from what was collected.
pub fn angle(collected: &[Collected], persona: &Persona) -> Option<String> {
    let seen = Seen::in_findings(collected);
    let mut lines = for_role(persona.role, &seen);
    lines.extend(for_purpose(persona.purpose, &seen));
    let vendor = collected.iter().find_map(|c| match c {
        Collected::Vendor { vendor } if !vendor.name.is_empty() => Some(vendor),
        _ => None,
    });
    let company_lines = vendor
        .map(|v| for_company(v, collected))
        .unwrap_or_default();
    let head = match (persona.describe(), vendor) {
        (Some(who), Some(v)) if !company_lines.is_empty() => format!("{who}, selling {}", v.name),
        (Some(who), _) => who,
        (None, Some(v)) if !company_lines.is_empty() => format!("selling {}", v.name),
        (None, _) => return None,
    };
    lines.extend(company_lines);
    if lines.is_empty() {
        return None;
    }
    Some(format!("🎯 Your angle ({head}):\n• {}", lines.join("\n• ")))
}

/// Whether the angle for `collected` draws on the rep's own company (then it cites it).
pub fn draws_on_company(collected: &[Collected]) -> bool {
    collected.iter().any(|c| match c {
        Collected::Vendor { vendor } => {
            !vendor.name.is_empty() && !for_company(vendor, collected).is_empty()
        }
        _ => false,
    })
}

/// What the rep's own company brings: the product the signals fit best (with the first
/// signal), and each competitor found in the stack with how to win against it.
fn for_company(vendor: &VendorProfile, collected: &[Collected]) -> Vec<String> {
    let mut signals: Vec<(String, String)> = Vec::new();
    let mut stack = Vec::new();
    for c in collected {
        match c {
            Collected::Hiring { jobs } => signals.extend(jobs.iter().map(|j| {
                (
                    format!("{} {}", j.title, j.department).to_lowercase(),
                    format!("they are hiring a {}", j.title),
                )
            })),
            Collected::Tech { tech } => {
                stack.extend(tech);
                signals.extend(tech.iter().map(|t| {
                    (
                        format!("{} {}", t.name, t.category).to_lowercase(),
                        format!("they use {}", tech_label(t)),
                    )
                }))
            }
            Collected::News { items } => signals.extend(
                items
                    .iter()
                    .map(|n| (n.title.to_lowercase(), format!("in the news: {}", n.title))),
            ),
            Collected::Contacts { people } => signals.extend(people.iter().map(|p| {
                (
                    p.title.to_lowercase(),
                    format!("{} is their {}", p.name, p.title),
                )
            })),
            Collected::Company { .. } | Collected::Vendor { .. } => {}
        }
    }
    // The product with the most of its fit words seen, then the most signals (on a tie,
    // the one the rep listed first: `max_by_key` keeps the last of equals).
    let best = vendor
        .products
        .iter()
        .rev()
        .filter_map(|p| {
            let fit: Vec<String> = p.fits.iter().map(|w| w.to_lowercase()).collect();
            let hits: Vec<&(String, String)> = signals
                .iter()
                .filter(|(text, _)| fit.iter().any(|w| contains_word(text, w)))
                .collect();
            let words = fit
                .iter()
                .filter(|w| hits.iter().any(|(text, _)| contains_word(text, w)))
                .count();
            Some(((words, hits.len()), p, &hits.first()?.1))
        })
        .max_by_key(|(score, _, _)| *score);
    let mut lines: Vec<String> = best
        .map(|(_, p, why)| format!("Pitch {}: {why}", p.name))
        .into_iter()
        .collect();
    // Each competitor once, at the first technology that names it.
    let mut named: Vec<&str> = Vec::new();
    for t in stack {
        if let Some(c) = named_in(vendor, &t.name)
            && !named.contains(&c.name.as_str())
        {
            named.push(&c.name);
            lines.push(format!(
                "They run {} — your edge: {}",
                tech_label(t),
                c.angle
            ));
        }
    }
    lines
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
    use crate::answers::fixtures::{collected, steps, vendor};
    use crate::findings::{Competitor, Product};
    use app::domain::StepKey;

    fn customer_and(vendor: VendorProfile) -> Vec<Collected> {
        steps()
            .filter(|k| *k != StepKey::Vendor)
            .map(collected)
            .chain([Collected::Vendor { vendor }])
            .collect()
    }

    #[test]
    fn two_reps_selling_different_products_get_different_angles() {
        let ae = Persona {
            role: Some(RepRole::AccountExecutive),
            ..Persona::default()
        };
        let keyfort = angle(&customer_and(vendor()), &ae).unwrap();
        let payroll = VendorProfile {
            name: "Brightwave".into(),
            products: vec![Product {
                name: "Brightwave Payroll".into(),
                description: "Payroll for growing teams".into(),
                fits: vec!["aws".into()],
            }],
            competitors: vec![Competitor {
                name: "Amazon".into(),
                detect: vec!["aws".into()],
                angle: "One bill for payroll and benefits".into(),
            }],
            ..VendorProfile::default()
        };
        let brightwave = angle(&customer_and(payroll), &ae).unwrap();
        assert_eq!(
            keyfort,
            "🎯 Your angle (AE, selling Keyfort):\n\
             • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion\n\
             • 1 identity & security roles open: product fit is the story\n\
             • Pitch Keyfort Workforce Identity: they are hiring a Senior IAM Engineer\n\
             • They run Azure AD (partial rollout) — your edge: Neutral identity layer across clouds; no lock-in."
        );
        assert_eq!(
            brightwave,
            "🎯 Your angle (AE, selling Brightwave):\n\
             • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion\n\
             • 1 identity & security roles open: product fit is the story\n\
             • Pitch Brightwave Payroll: they use AWS\n\
             • They run AWS — your edge: One bill for payroll and benefits"
        );
        assert!(draws_on_company(&customer_and(vendor())));
    }

    #[test]
    fn a_company_whose_products_fit_nothing_adds_nothing() {
        let nothing_fits = VendorProfile {
            name: "Nimbus".into(),
            products: vec![Product {
                name: "Nimbus Boats".into(),
                fits: vec!["sailing".into()],
                ..Product::default()
            }],
            ..VendorProfile::default()
        };
        let collected = customer_and(nothing_fits);
        assert_eq!(angle(&collected, &Persona::default()), None);
        assert!(!draws_on_company(&collected));
        let se = Persona {
            role: Some(RepRole::SalesEngineer),
            ..Persona::default()
        };
        assert_eq!(
            angle(&collected, &se).unwrap(),
            "🎯 Your angle (SE):\n• Map integration points across AWS, Azure AD (partial rollout)"
        );
    }

    #[test]
    fn the_angle_fits_the_role_the_purpose_and_the_findings() {
        let customer = || steps().filter(|k| *k != StepKey::Vendor);
        let found: Vec<Collected> = customer().map(collected).collect();
        let empty: Vec<Collected> = customer().filter_map(Collected::empty).collect();
        let mut told = Vec::new();
        for (name, collected) in [("found", &found), ("empty", &empty)] {
            for role in std::iter::once(None).chain(RepRole::ALL.map(Some)) {
                for purpose in std::iter::once(None).chain(MeetingPurpose::ALL.map(Some)) {
                    let persona = Persona {
                        role,
                        purpose,
                        skipped: false,
                        suggested: false,
                    };
                    let angle = angle(collected, &persona).unwrap_or_else(|| "-".into());
                    told.push(format!(
                        "{name} {role:?} {purpose:?}: {}",
                        angle.replace('\n', " / ")
                    ));
                }
            }
        }
        assert_eq!(told.join("\n"), "\
found None None: -
found None Some(Renewal): 🎯 Your angle (renewal discussion): / • Renewal: bring adoption numbers and ask about changes in leadership
found None Some(Expansion): 🎯 Your angle (expansion opportunity): / • Expansion: tie new products to the growth the round pays for
found None Some(TechnicalDiscovery): 🎯 Your angle (technical discovery): / • Discovery: confirm the stack above and who owns identity
found None Some(ExecutiveAlignment): 🎯 Your angle (executive alignment): / • Executive alignment: start with Dana Whitfield's priorities
found Some(AccountExecutive) None: 🎯 Your angle (AE): / • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion / • 1 identity & security roles open: product fit is the story
found Some(AccountExecutive) Some(Renewal): 🎯 Your angle (AE · renewal discussion): / • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion / • 1 identity & security roles open: product fit is the story / • Renewal: bring adoption numbers and ask about changes in leadership
found Some(AccountExecutive) Some(Expansion): 🎯 Your angle (AE · expansion opportunity): / • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion / • 1 identity & security roles open: product fit is the story / • Expansion: tie new products to the growth the round pays for
found Some(AccountExecutive) Some(TechnicalDiscovery): 🎯 Your angle (AE · technical discovery): / • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion / • 1 identity & security roles open: product fit is the story / • Discovery: confirm the stack above and who owns identity
found Some(AccountExecutive) Some(ExecutiveAlignment): 🎯 Your angle (AE · executive alignment): / • Lead with the funding — budget is there: Acme Corp raises $50M Series C to fund European expansion / • 1 identity & security roles open: product fit is the story / • Executive alignment: start with Dana Whitfield's priorities
found Some(CustomerSuccess) None: 🎯 Your angle (CSM): / • New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor / • 1 identity & security roles open: an expansion opening
found Some(CustomerSuccess) Some(Renewal): 🎯 Your angle (CSM · renewal discussion): / • New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor / • 1 identity & security roles open: an expansion opening / • Renewal: bring adoption numbers and ask about changes in leadership
found Some(CustomerSuccess) Some(Expansion): 🎯 Your angle (CSM · expansion opportunity): / • New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor / • 1 identity & security roles open: an expansion opening / • Expansion: tie new products to the growth the round pays for
found Some(CustomerSuccess) Some(TechnicalDiscovery): 🎯 Your angle (CSM · technical discovery): / • New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor / • 1 identity & security roles open: an expansion opening / • Discovery: confirm the stack above and who owns identity
found Some(CustomerSuccess) Some(ExecutiveAlignment): 🎯 Your angle (CSM · executive alignment): / • New leader Dana Whitfield (Chief Information Security Officer) may review vendors: confirm your sponsor / • 1 identity & security roles open: an expansion opening / • Executive alignment: start with Dana Whitfield's priorities
found Some(SalesEngineer) None: 🎯 Your angle (SE): / • Map integration points across AWS, Azure AD (partial rollout)
found Some(SalesEngineer) Some(Renewal): 🎯 Your angle (SE · renewal discussion): / • Map integration points across AWS, Azure AD (partial rollout) / • Renewal: bring adoption numbers and ask about changes in leadership
found Some(SalesEngineer) Some(Expansion): 🎯 Your angle (SE · expansion opportunity): / • Map integration points across AWS, Azure AD (partial rollout) / • Expansion: tie new products to the growth the round pays for
found Some(SalesEngineer) Some(TechnicalDiscovery): 🎯 Your angle (SE · technical discovery): / • Map integration points across AWS, Azure AD (partial rollout) / • Discovery: confirm the stack above and who owns identity
found Some(SalesEngineer) Some(ExecutiveAlignment): 🎯 Your angle (SE · executive alignment): / • Map integration points across AWS, Azure AD (partial rollout) / • Executive alignment: start with Dana Whitfield's priorities
empty None None: -
empty None Some(Renewal): 🎯 Your angle (renewal discussion): / • Renewal: bring adoption numbers and ask about changes in leadership
empty None Some(Expansion): -
empty None Some(TechnicalDiscovery): 🎯 Your angle (technical discovery): / • Discovery: confirm the stack above and who owns identity
empty None Some(ExecutiveAlignment): -
empty Some(AccountExecutive) None: -
empty Some(AccountExecutive) Some(Renewal): 🎯 Your angle (AE · renewal discussion): / • Renewal: bring adoption numbers and ask about changes in leadership
empty Some(AccountExecutive) Some(Expansion): -
empty Some(AccountExecutive) Some(TechnicalDiscovery): 🎯 Your angle (AE · technical discovery): / • Discovery: confirm the stack above and who owns identity
empty Some(AccountExecutive) Some(ExecutiveAlignment): -
empty Some(CustomerSuccess) None: -
empty Some(CustomerSuccess) Some(Renewal): 🎯 Your angle (CSM · renewal discussion): / • Renewal: bring adoption numbers and ask about changes in leadership
empty Some(CustomerSuccess) Some(Expansion): -
empty Some(CustomerSuccess) Some(TechnicalDiscovery): 🎯 Your angle (CSM · technical discovery): / • Discovery: confirm the stack above and who owns identity
empty Some(CustomerSuccess) Some(ExecutiveAlignment): -
empty Some(SalesEngineer) None: -
empty Some(SalesEngineer) Some(Renewal): 🎯 Your angle (SE · renewal discussion): / • Renewal: bring adoption numbers and ask about changes in leadership
empty Some(SalesEngineer) Some(Expansion): -
empty Some(SalesEngineer) Some(TechnicalDiscovery): 🎯 Your angle (SE · technical discovery): / • Discovery: confirm the stack above and who owns identity
empty Some(SalesEngineer) Some(ExecutiveAlignment): -");
    }
}
