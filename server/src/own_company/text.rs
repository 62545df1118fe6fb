//! The rep's company as the settings form edits it: one product, win or competitor a line,
//! its parts split by `|` — read into a [`VendorProfile`] (or the line that is wrong), and
//! written back out for the form.

use crate::findings::{Competitor, Product, ProofPoint, VendorProfile};
use app::domain::settings::{
    CompanyText, MAX_COMPANY_BYTES, MAX_FIELD_CHARS, MAX_LINES, Section, SettingsProblem,
};

/// The most characters a company name or domain may hold.
const MAX_NAME_CHARS: usize = 200;

/// The form's text for `profile`.
pub fn to_text(profile: &VendorProfile) -> CompanyText {
    let lines = |rows: Vec<String>| rows.join("\n");
    CompanyText {
        name: profile.name.clone(),
        domain: profile.domain.clone(),
        products: lines(
            profile
                .products
                .iter()
                .map(|p| join(&[&p.name, &p.description, &p.fits.join(", ")]))
                .collect(),
        ),
        wins: lines(
            profile
                .proof_points
                .iter()
                .map(|w| join(&[&w.customer, &w.industry, &w.result]))
                .collect(),
        ),
        competitors: lines(
            profile
                .competitors
                .iter()
                .map(|c| join(&[&c.name, &c.detect.join(", "), &c.angle]))
                .collect(),
        ),
    }
}

/// `a | b | c`, without the empty parts at the end.
fn join(parts: &[&str]) -> String {
    let used = parts
        .iter()
        .rposition(|p| !p.is_empty())
        .map_or(1, |i| i + 1);
    parts[..used].join(" | ")
}

/// The profile the form's text describes, or the first problem in it.
pub fn from_text(text: &CompanyText) -> Result<VendorProfile, SettingsProblem> {
    let total = text.name.len()
        + text.domain.len()
        + text.products.len()
        + text.wins.len()
        + text.competitors.len();
    if total > MAX_COMPANY_BYTES {
        return Err(SettingsProblem::TooBig);
    }
    let name = clean(&text.name);
    let domain = domain(&text.domain);
    if name.chars().count() > MAX_NAME_CHARS || domain.chars().count() > MAX_NAME_CHARS {
        return Err(SettingsProblem::LongName);
    }
    if name.is_empty() {
        return Err(SettingsProblem::CompanyName);
    }
    let products = rows(Section::Products, &text.products)?
        .into_iter()
        .map(|[name, description, fits]| Product {
            name,
            description,
            fits: words(&fits),
        })
        .collect::<Vec<_>>();
    if products.is_empty() {
        return Err(SettingsProblem::NoProducts);
    }
    let proof_points = rows(Section::Wins, &text.wins)?
        .into_iter()
        .map(|[customer, industry, result]| ProofPoint {
            customer,
            industry,
            result,
        })
        .collect();
    let competitors = rows(Section::Competitors, &text.competitors)?
        .into_iter()
        .map(|[name, detect, angle]| {
            // Without words to spot them by, the name itself is the word.
            let mut detect = words(&detect);
            if detect.is_empty() {
                detect.push(name.to_lowercase());
            }
            Competitor {
                name,
                detect,
                angle,
            }
        })
        .collect();
    Ok(VendorProfile {
        name,
        domain,
        products,
        proof_points,
        competitors,
    })
}

/// A section's non-blank lines, each as its three parts (missing parts empty; a fourth
/// `|` stays in the last part). Line numbers count every line, as the rep sees them.
fn rows(section: Section, text: &str) -> Result<Vec<[String; 3]>, SettingsProblem> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if out.len() == MAX_LINES {
            return Err(SettingsProblem::TooManyLines(section));
        }
        let n = i + 1;
        let mut parts = line.splitn(3, '|').map(clean);
        let row = [
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        ];
        if row[0].is_empty() {
            return Err(SettingsProblem::LineName(section, n));
        }
        if row.iter().any(|p| p.chars().count() > MAX_FIELD_CHARS) {
            return Err(SettingsProblem::LongField(section, n));
        }
        out.push(row);
    }
    Ok(out)
}

/// One field: trimmed, text-direction characters dropped, controls made spaces, spaces
/// collapsed.
fn clean(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that reorder the text around them (a name that reads backwards).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// A comma-separated list, lower-cased, blanks and repeats dropped.
fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in s.split(',').map(|w| w.trim().to_lowercase()) {
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A domain as typed (`https://www.keyfort.example/`) → `keyfort.example`.
fn domain(s: &str) -> String {
    crate::sources::net::text::bare_host(&clean(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(products: &str) -> CompanyText {
        CompanyText {
            name: "Brightwave".into(),
            domain: "https://www.Brightwave.example/about".into(),
            products: products.into(),
            wins: "Harbor Health | Healthcare | Payroll live in 3 weeks\n".into(),
            competitors: "Gusto | gusto, GUSTO\nADP".into(),
        }
    }

    #[test]
    fn the_form_reads_into_a_profile() {
        let p = from_text(&text(
            "Brightwave Payroll | Payroll for hourly teams | hiring, payroll , Hiring\n\n  \nBrightwave Time",
        ))
        .unwrap();
        assert_eq!(p.name, "Brightwave");
        assert_eq!(p.domain, "brightwave.example");
        assert_eq!(p.products.len(), 2, "blank lines are skipped");
        assert_eq!(p.products[0].fits, ["hiring", "payroll"]);
        assert_eq!(p.products[1].name, "Brightwave Time");
        assert_eq!(p.products[1].description, "");
        assert_eq!(p.proof_points[0].result, "Payroll live in 3 weeks");
        assert_eq!(p.competitors[0].detect, ["gusto"]);
        assert_eq!(p.competitors[1].detect, ["adp"], "the name spots them");
    }

    #[test]
    fn a_profile_survives_the_round_trip_through_the_form() {
        let demo = crate::demo::vendor::demo_vendor();
        let back = from_text(&to_text(&demo)).unwrap();
        assert_eq!(back, demo);
    }

    #[test]
    fn each_problem_names_its_line() {
        assert_eq!(
            from_text(&text("Payroll\n\n | no name")),
            Err(SettingsProblem::LineName(Section::Products, 3))
        );
        let long = format!("Payroll | {}", "x".repeat(MAX_FIELD_CHARS + 1));
        assert_eq!(
            from_text(&text(&long)),
            Err(SettingsProblem::LongField(Section::Products, 1))
        );
        let many = "Payroll\n".repeat(MAX_LINES + 1);
        assert_eq!(
            from_text(&text(&many)),
            Err(SettingsProblem::TooManyLines(Section::Products))
        );
        assert_eq!(from_text(&text(" \n ")), Err(SettingsProblem::NoProducts));
        let mut nameless = text("Payroll");
        nameless.name = " \u{202E} ".into();
        assert_eq!(from_text(&nameless), Err(SettingsProblem::CompanyName));
        let mut huge = text("Payroll");
        huge.wins = "a".repeat(MAX_COMPANY_BYTES);
        assert_eq!(from_text(&huge), Err(SettingsProblem::TooBig));
        let mut long_name = text("Payroll");
        long_name.name = "n".repeat(201);
        assert_eq!(from_text(&long_name), Err(SettingsProblem::LongName));
    }

    #[test]
    fn hostile_text_is_kept_as_text_without_controls() {
        let p = from_text(&text(
            "<script>alert(1)</script> | \u{202E}evil\u{0007}name | a,,b",
        ))
        .unwrap();
        assert_eq!(p.products[0].name, "<script>alert(1)</script>");
        assert_eq!(p.products[0].description, "evil name");
        assert_eq!(p.products[0].fits, ["a", "b"]);
        let emoji = from_text(&text("🚀 Rocket | 火箭 | 🚀")).unwrap();
        assert_eq!(emoji.products[0].fits, ["🚀"]);
    }
}
