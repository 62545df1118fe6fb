//! The demo accounts: the seeds' three Acmes, a few named ones whose sources fail, and a
//! generated set across industries.

use app::domain::AccountSummary;

/// Accounts that exercise the failure paths (see [`super::intel`]).
pub const INITECH: &str = "initech";
pub const VANDELAY: &str = "vandelay-industries";

fn acct(
    id: &str,
    name: &str,
    domain: &str,
    industry: &str,
    employees: u32,
    location: &str,
) -> AccountSummary {
    AccountSummary {
        id: id.into(),
        name: name.into(),
        domain: domain.into(),
        industry: industry.into(),
        employees,
        location: location.into(),
        origin: Default::default(),
    }
}

const PREFIXES: &[&str] = &[
    "Northwind",
    "Blue Harbor",
    "Granite",
    "Silverline",
    "Redwood",
    "Kestrel",
    "Lumen",
    "Orbital",
    "Pioneer",
    "Quarry",
    "Riverside",
    "Summit",
    "Tidewater",
    "Vertex",
    "Willow",
    "Zephyr",
    "Beacon",
    "Cascade",
    "Driftwood",
    "Evergreen",
    "Foxglove",
    "Halcyon",
    "Ironbark",
    "Juniper",
    "Larkspur",
    "Meridian",
    "Nimbus",
    "Oakridge",
    "Polaris",
    "Sable",
    "Tamarack",
    "Umber",
    "Verdant",
    "Wavecrest",
    "Yellowstone",
    "Brightwater",
    "Copperfield",
    "Falcon",
    "Harborview",
    "Stonegate",
];

/// Suffix, industry and a domain ending for each family of generated accounts.
const FAMILIES: &[(&str, &str, &str)] = &[
    ("Labs", "Software", "io"),
    ("Health", "Healthcare", "health"),
    ("Logistics", "Logistics", "com"),
    ("Capital", "FinTech", "com"),
    ("Energy", "Energy", "energy"),
    ("Retail", "Retail", "shop"),
    ("Biotech", "Biotech", "bio"),
    ("Manufacturing", "Manufacturing", "com"),
];

const LOCATIONS: &[&str] = &[
    "San Francisco, USA",
    "Austin, USA",
    "New York, USA",
    "Chicago, USA",
    "Boston, USA",
    "Seattle, USA",
    "Denver, USA",
    "Toronto, Canada",
    "London, UK",
    "Dublin, Ireland",
    "Berlin, Germany",
    "Munich, Germany",
    "Paris, France",
    "Amsterdam, Netherlands",
    "Stockholm, Sweden",
    "Madrid, Spain",
    "Singapore",
    "Sydney, Australia",
    "Tokyo, Japan",
    "São Paulo, Brazil",
];

/// A small deterministic hash for picking demo values.
pub fn mix(text: &str, salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 29)
}

/// Every demo account, hand-written ones first.
pub fn demo_accounts() -> Vec<AccountSummary> {
    let mut out = vec![
        acct(
            "acme-corp",
            "Acme Corp",
            "acmecorp.com",
            "FinTech",
            500,
            "New York, USA",
        ),
        acct(
            "acme-industries",
            "Acme Industries",
            "acme-ind.com",
            "Manufacturing",
            2_400,
            "Cleveland, USA",
        ),
        acct(
            "acme-solutions",
            "Acme Solutions",
            "acmesol.io",
            "Software",
            180,
            "Austin, USA",
        ),
        acct(
            INITECH,
            "Initech",
            "initech.com",
            "Software",
            850,
            "Austin, USA",
        ),
        acct(
            VANDELAY,
            "Vandelay Industries",
            "vandelay.com",
            "Logistics",
            120,
            "New York, USA",
        ),
        acct(
            "globex",
            "Globex Systems",
            "globex.io",
            "Software",
            3_100,
            "Springfield, USA",
        ),
        acct(
            "umbrella-health",
            "Umbrella Health",
            "umbrellahealth.com",
            "Healthcare",
            9_800,
            "Raccoon City, USA",
        ),
        acct(
            "muller-technik",
            "Müller Technik GmbH",
            "mueller-technik.de",
            "Manufacturing",
            640,
            "Stuttgart, Germany",
        ),
        acct(
            "soylent",
            "Soylent Foods",
            "soylent.example",
            "Food & Beverage",
            1_300,
            "Portland, USA",
        ),
        acct(
            "hooli",
            "Hooli",
            "hooli.xyz",
            "Software",
            25_000,
            "Palo Alto, USA",
        ),
        acct(
            "pied-piper",
            "Pied Piper",
            "piedpiper.com",
            "Software",
            90,
            "Palo Alto, USA",
        ),
        acct(
            "wayne-fintech",
            "Wayne Financial",
            "waynefinancial.com",
            "FinTech",
            4_200,
            "Gotham, USA",
        ),
    ];
    for prefix in PREFIXES {
        for (suffix, industry, tld) in FAMILIES {
            let name = format!("{prefix} {suffix}");
            let slug = prefix.to_lowercase().replace(' ', "");
            let id = format!("{}-{}", slug, suffix.to_lowercase());
            let h = mix(&id, 1);
            let employees = 40 + (h % 12_000) as u32 / (1 + (h % 7) as u32);
            let domain = match *tld {
                "com" | "io" => format!("{slug}{}.{tld}", suffix.to_lowercase()),
                _ => format!("{slug}.{tld}"),
            };
            let location = LOCATIONS[(h >> 8) as usize % LOCATIONS.len()];
            out.push(acct(&id, &name, &domain, industry, employees, location));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::search::AccountIndex;
    use std::collections::HashSet;

    #[test]
    fn there_are_enough_distinct_accounts() {
        let all = demo_accounts();
        assert!(all.len() >= 300, "{}", all.len());
        let ids: HashSet<_> = all.iter().map(|a| &a.id).collect();
        let domains: HashSet<_> = all.iter().map(|a| &a.domain).collect();
        assert_eq!(ids.len(), all.len());
        assert_eq!(domains.len(), all.len());
        let industries: HashSet<_> = all.iter().map(|a| &a.industry).collect();
        assert!(industries.len() >= 8);
    }

    #[test]
    fn acme_finds_exactly_the_three_acmes() {
        let idx = AccountIndex::new(demo_accounts());
        let labels: Vec<String> = idx
            .search("Acme", 5)
            .iter()
            .map(|a| a.choice_label())
            .collect();
        assert_eq!(
            labels,
            [
                "Acme Corp (acmecorp.com) - FinTech",
                "Acme Industries (acme-ind.com) - Manufacturing",
                "Acme Solutions (acmesol.io) - Software",
            ]
        );
    }
}
