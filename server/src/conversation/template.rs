//! The default analyst: answers composed from the collected facts with templates. Every
//! line that states a fact cites its source; what is missing is said, with what was
//! searched — never filled in.

use super::cite::Cites;
use super::evidence::{Evidence, StepData};
use super::{Answer, Question};
use crate::research::report::{merged_company, tech_label};
use app::domain::{Intent, RepRole, StepKey};

use crate::findings::is_security;

/// Text from a source, with anything that looks like one of our `[n]` citation markers
/// turned into `(n)`, so scraped text can never pose as a link to a source.
pub fn defuse(text: &str) -> String {
    static MARKER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[(\d+)\]").expect("static regex"));
    MARKER.replace_all(text, "($1)").into_owned()
}

/// An answer being written: lines of text and the sources they cite.
struct Draft {
    lines: Vec<String>,
    cites: Cites,
}

impl Draft {
    fn new(title: String) -> Self {
        Self {
            lines: vec![defuse(&title)],
            cites: Cites::default(),
        }
    }

    fn line(&mut self, text: impl Into<String>) {
        self.lines.push(defuse(&text.into()));
    }

    fn cited(&mut self, text: impl AsRef<str>, source: &app::domain::SourceRef) {
        let mark = self.cites.mark(source);
        self.lines.push(format!("{} {mark}", defuse(text.as_ref())));
    }

    fn gap(&mut self, ev: &Evidence, step: StepKey, what: &str) {
        self.line(format!(
            "• I found no {what} for {} ({}). I won't guess.",
            ev.account.name,
            ev.searched(step)
        ));
    }

    fn finish(self) -> Answer {
        Answer {
            text: self.lines.join("\n"),
            sources: self.cites.into_sources(),
        }
    }
}

/// Compose the answer to `q` from `ev`.
pub fn compose(q: &Question, ev: &Evidence) -> Answer {
    let name = ev.account.name.clone();
    match q.intent {
        Intent::Overview => overview(ev),
        Intent::Technology => technology(ev),
        Intent::News => news(ev),
        Intent::Funding => funding(ev),
        Intent::Hiring => hiring(ev),
        Intent::HiringOutreach => hiring_outreach(ev),
        Intent::Contacts => contacts(ev, q.focus.as_deref()),
        Intent::Competitors => competitors(ev, &format!("⚔️ Competitive landscape at {name}")),
        Intent::ProductFit => product_fit(ev, false),
        Intent::Expansion => product_fit(ev, true),
        Intent::Roi => roi(ev),
        Intent::Risks => risks(ev),
        Intent::ConversationStarters => starters(ev),
        Intent::SuccessMetrics => success_metrics(ev),
        Intent::Integrations | Intent::TechnicalFit => integrations(ev, q.intent),
        Intent::MeetingPrep => meeting_prep(ev),
        Intent::MainInsights => main_insights(ev),
        Intent::Help | Intent::SwitchAccount => general(q.intent).unwrap_or_else(help),
    }
}

/// The answers that need no account: help, and "which account next?".
pub fn general(intent: Intent) -> Option<Answer> {
    match intent {
        Intent::Help => Some(help()),
        Intent::SwitchAccount => Some(Answer {
            text: "Which account are you meeting next? Type its name or website — this \
                   conversation stays here above."
                .into(),
            sources: vec![],
        }),
        _ => None,
    }
}

fn overview(ev: &Evidence) -> Answer {
    let a = &ev.account;
    let mut d = Draft::new(format!("🏢 {} — business overview", a.name));
    let company = ev.company();
    if let Some(first) = company.first() {
        let facts: Vec<_> = company.iter().map(|c| c.fact.clone()).collect();
        let c = merged_company(&facts);
        let src = first.source;
        if let Some(desc) = &c.description {
            d.cited(desc, src);
        }
        if let Some(y) = c.founded {
            d.cited(format!("• Founded: {y}"), src);
        }
        if let Some(n) = c.employees {
            d.cited(format!("• Employees: ~{n}"), src);
        }
        if let Some(hq) = &c.headquarters {
            d.cited(format!("• Headquarters: {hq}"), src);
        }
    } else {
        d.gap(ev, StepKey::Company, "company profile");
    }
    d.cited(
        format!(
            "• From your CRM: {} · {} employees · {}",
            a.industry,
            a.size_label(),
            a.location
        ),
        &ev.crm,
    );
    d.finish()
}

fn technology(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🛠 {} technology stack", ev.account.name));
    let tech = ev.tech();
    if tech.is_empty() {
        d.gap(ev, StepKey::Tech, "technologies");
    }
    for t in &tech {
        d.cited(
            format!("• {}: {}", t.fact.category, tech_label(t.fact)),
            t.source,
        );
    }
    d.finish()
}

fn news(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("📰 News & funding for {}", ev.account.name));
    let news = ev.news();
    if news.is_empty() {
        d.gap(ev, StepKey::News, "recent news");
    }
    for n in &news {
        let tag = if n.fact.funding { "💰 " } else { "" };
        d.cited(
            format!("• {tag}{} ({})", n.fact.title, n.fact.date),
            n.source,
        );
    }
    d.finish()
}

fn funding(ev: &Evidence) -> Answer {
    let news = ev.news();
    let Some(round) = news.iter().find(|n| n.fact.funding) else {
        let mut d = Draft::new(format!("💰 Funding at {}", ev.account.name));
        d.gap(ev, StepKey::News, "funding news");
        for n in &news {
            d.cited(
                format!("• Other news: {} ({})", n.fact.title, n.fact.date),
                n.source,
            );
        }
        return d.finish();
    };
    let mut d = Draft::new(format!("💰 {} ({})", round.fact.title, round.fact.date));
    let mark = d.cites.mark(round.source);
    d.lines[0].push_str(&format!(" {mark}"));
    let vendor = ev.vendor().map(|(v, _)| v.name.clone());
    let yours = vendor.as_deref().unwrap_or("your");
    d.line(String::new());
    d.line(format!(
        "Why this matters for your {yours} conversation{}:",
        persona_suffix(ev)
    ));
    d.line("• Fresh capital usually means budget for new tooling and a push to scale fast");
    let security_jobs: Vec<_> = ev
        .jobs()
        .into_iter()
        .filter(|j| is_security(&j.fact.title))
        .collect();
    if let Some(j) = security_jobs.first() {
        d.cited(
            format!(
                "• They are hiring {} identity & security role{} — growth is already creating access work (e.g. {})",
                security_jobs.len(),
                if security_jobs.len() == 1 { "" } else { "s" },
                j.fact.title
            ),
            j.source,
        );
    }
    d.line(String::new());
    d.line("🗣 Conversation starters:");
    d.line(
        "• \"Congratulations on the round — what does it let you do in the next twelve months?\"",
    );
    if let Some(j) = security_jobs.first() {
        d.cited(
            format!(
                "• \"I saw you're hiring a {} — how are you handling access while the team grows?\"",
                j.fact.title
            ),
            j.source,
        );
    }
    similar_wins(&mut d, ev);
    d.finish()
}

/// The vendor's proof points, same industry first.
fn similar_wins(d: &mut Draft, ev: &Evidence) {
    let Some((vendor, src)) = ev.vendor() else {
        d.line(String::new());
        d.line(format!(
            "📊 Similar customer wins: none — your company's context is missing ({}).",
            ev.searched(StepKey::Vendor)
        ));
        return;
    };
    let mut points: Vec<_> = vendor.proof_points.iter().collect();
    points.sort_by_key(|p| !p.industry.eq_ignore_ascii_case(&ev.account.industry));
    d.line(String::new());
    d.line(format!("📊 Similar {} customer wins:", vendor.name));
    for p in points.iter().take(2) {
        d.cited(
            format!("• {} ({}): {}", p.customer, p.industry, p.result),
            src,
        );
    }
}

fn persona_suffix(ev: &Evidence) -> String {
    ev.persona
        .describe()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default()
}

fn hiring(ev: &Evidence) -> Answer {
    let jobs = ev.jobs();
    let mut d = Draft::new(format!(
        "💼 Hiring at {}: {} open role{}",
        ev.account.name,
        jobs.len(),
        if jobs.len() == 1 { "" } else { "s" }
    ));
    if jobs.is_empty() {
        d.gap(ev, StepKey::Hiring, "open roles");
    }
    let security = jobs.iter().filter(|j| is_security(&j.fact.title)).count();
    if security > 0 {
        d.line(format!("{security} of them in identity & security:"));
    }
    for j in &jobs {
        let f = j.fact;
        d.cited(
            format!(
                "• {} — {}, {} (posted {})",
                f.title, f.department, f.location, f.posted
            ),
            j.source,
        );
    }
    d.finish()
}

fn hiring_outreach(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!(
        "🤝 Who to contact about {}'s hiring",
        ev.account.name
    ));
    let jobs = ev.jobs();
    if jobs.is_empty() {
        d.gap(ev, StepKey::Hiring, "open roles");
        return d.finish();
    }
    let departments: Vec<String> = {
        let mut v: Vec<String> = jobs.iter().map(|j| j.fact.department.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    for dept in &departments {
        let roles: Vec<_> = jobs.iter().filter(|j| &j.fact.department == dept).collect();
        let titles: Vec<&str> = roles.iter().map(|j| j.fact.title.as_str()).collect();
        d.cited(format!("• {dept}: {}", titles.join("; ")), roles[0].source);
        let lead = ev
            .contacts()
            .into_iter()
            .find(|c| contains_word(&c.fact.title.to_lowercase(), &dept.to_lowercase()));
        match lead {
            Some(c) => d.cited(
                format!(
                    "  → likely hiring manager: {} — {}",
                    c.fact.name, c.fact.title
                ),
                c.source,
            ),
            None => d.line(format!(
                "  → no {dept} leader among the contacts I have ({})",
                ev.searched(StepKey::Contacts)
            )),
        }
    }
    d.finish()
}

fn contacts(ev: &Evidence, focus: Option<&str>) -> Answer {
    let people = ev.contacts();
    let matching: Vec<_> = match focus {
        Some(f) => people
            .iter()
            .filter(|p| {
                app::domain::actions::short_title(&p.fact.title).eq_ignore_ascii_case(f)
                    || contains_word(&p.fact.title.to_lowercase(), &f.to_lowercase())
            })
            .collect(),
        None => people.iter().collect(),
    };
    let mut d = match focus {
        Some(f) => Draft::new(format!("👤 {} at {}", f.to_uppercase(), ev.account.name)),
        None => Draft::new(format!("👥 Decision makers at {}", ev.account.name)),
    };
    if people.is_empty() {
        d.gap(ev, StepKey::Contacts, "decision makers");
        return d.finish();
    }
    if matching.is_empty() {
        d.line(format!(
            "I found no {} among the {} people I have — here they are:",
            focus.unwrap_or_default().to_uppercase(),
            people.len()
        ));
    }
    let shown = if matching.is_empty() {
        people.iter().collect()
    } else {
        matching
    };
    for p in shown {
        let f = p.fact;
        let line = match &f.note {
            Some(note) => format!("• {} — {} ({note})", f.name, f.title),
            None => format!("• {} — {}", f.name, f.title),
        };
        d.cited(line, p.source);
    }
    if let Some(role) = ev.persona.role {
        let tip = match role {
            RepRole::AccountExecutive => {
                "Start with the economic buyer; bring the security leader in early."
            }
            RepRole::CustomerSuccess => "Confirm who owns the renewal and who measures success.",
            RepRole::SalesEngineer => {
                "Ask for the engineer who owns identity and the admin console."
            }
        };
        d.line(format!("Tip for your role ({}): {tip}", role.short()));
    }
    d.finish()
}

/// The competitors of the vendor found in the customer's stack: (competitor, tech).
fn incumbents<'a>(
    ev: &'a Evidence,
) -> Vec<(
    &'a crate::findings::Competitor,
    super::evidence::Cited<'a, crate::findings::Tech>,
)> {
    let Some((vendor, _)) = ev.vendor() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for t in ev.tech() {
        let name = t.fact.name.to_lowercase();
        if let Some(c) = vendor
            .competitors
            .iter()
            .find(|c| c.detect.iter().any(|w| name.contains(&w.to_lowercase())))
        {
            out.push((c, t));
        }
    }
    out
}

fn competitors(ev: &Evidence, title: &str) -> Answer {
    let mut d = Draft::new(title.to_string());
    competitive_angle(&mut d, ev);
    d.finish()
}

fn competitive_angle(d: &mut Draft, ev: &Evidence) {
    let Some((vendor, vsrc)) = ev.vendor() else {
        d.line(format!(
            "• I can't position against competitors: your company's context is missing ({}).",
            ev.searched(StepKey::Vendor)
        ));
        return;
    };
    let found = incumbents(ev);
    if found.is_empty() {
        match ev.get(StepKey::Tech) {
            Some(StepData::Found(_)) => d.line(format!(
                "• No {} competitor shows in their detected stack ({}).",
                vendor.name,
                ev.searched(StepKey::Tech)
            )),
            _ => d.line(format!(
                "• I can't tell who the incumbent is: their tech stack is missing ({}).",
                ev.searched(StepKey::Tech)
            )),
        }
        return;
    }
    for (c, t) in found {
        d.cited(
            format!("• Incumbent: {} in their stack", tech_label(t.fact)),
            t.source,
        );
        d.cited(format!("  → vs {}: {}", c.name, c.angle), vsrc);
    }
}

/// Products matched to the customer's signals, best first: (product, evidence lines).
fn matched_products(
    ev: &Evidence,
) -> Vec<(
    &crate::findings::Product,
    Vec<(String, app::domain::SourceRef)>,
)> {
    let Some((vendor, _)) = ev.vendor() else {
        return Vec::new();
    };
    let mut signals: Vec<(String, String, app::domain::SourceRef)> = Vec::new();
    for j in ev.jobs() {
        signals.push((
            format!("{} {}", j.fact.title, j.fact.department).to_lowercase(),
            format!("hiring: {}", j.fact.title),
            j.source.clone(),
        ));
    }
    for t in ev.tech() {
        signals.push((
            format!("{} {}", t.fact.name, t.fact.category).to_lowercase(),
            format!("uses {}", tech_label(t.fact)),
            t.source.clone(),
        ));
    }
    for n in ev.news() {
        signals.push((
            n.fact.title.to_lowercase(),
            format!("news: {}", n.fact.title),
            n.source.clone(),
        ));
    }
    for c in ev.contacts() {
        signals.push((
            c.fact.title.to_lowercase(),
            format!("{} — {}", c.fact.name, c.fact.title),
            c.source.clone(),
        ));
    }
    let mut scored: Vec<_> = vendor
        .products
        .iter()
        .map(|p| {
            let hits: Vec<(String, app::domain::SourceRef)> = signals
                .iter()
                .filter(|(text, _, _)| {
                    p.fits
                        .iter()
                        .any(|w| contains_word(text, &w.to_lowercase()))
                })
                .map(|(_, shown, src)| (shown.clone(), src.clone()))
                .collect();
            (p, hits)
        })
        .filter(|(_, hits)| !hits.is_empty())
        .collect();
    // Best first: the product with the most of its fit words seen, then the most signals.
    let breadth = |p: &crate::findings::Product| {
        p.fits
            .iter()
            .filter(|w| {
                signals
                    .iter()
                    .any(|(text, _, _)| contains_word(text, &w.to_lowercase()))
            })
            .count()
    };
    scored.sort_by_key(|(p, hits)| std::cmp::Reverse((breadth(p), hits.len())));
    scored
}

/// `needle` in `text` as a whole word or phrase.
fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

fn product_fit(ev: &Evidence, expansion: bool) -> Answer {
    let vendor_name = ev
        .vendor()
        .map(|(v, _)| v.name.clone())
        .unwrap_or_else(|| "Your".into());
    let heading = if expansion {
        "Expansion opportunities"
    } else {
        "Recommendations"
    };
    let mut d = Draft::new(format!(
        "🛡 {vendor_name} {heading} for {}{}",
        ev.account.name,
        persona_suffix(ev)
    ));
    let Some((_, vsrc)) = ev.vendor() else {
        d.line(format!(
            "• I can't match products: your company's context is missing ({}).",
            ev.searched(StepKey::Vendor)
        ));
        return d.finish();
    };
    let vsrc = vsrc.clone();
    let matched = matched_products(ev);
    if matched.is_empty() {
        d.line(format!(
            "• None of your products matched their signals (hiring: {}; tech: {}; news: {}).",
            ev.searched(StepKey::Hiring),
            ev.searched(StepKey::Tech),
            ev.searched(StepKey::News)
        ));
    }
    for (i, (p, hits)) in matched.iter().take(3).enumerate() {
        let tag = match (i, expansion) {
            (0, false) => "🎯 Primary opportunity",
            (_, false) => "🚀 Also fits",
            (_, true) => "🚀 Expansion play",
        };
        d.line(String::new());
        d.cited(format!("{tag}: {} — {}", p.name, p.description), &vsrc);
        for (shown, src) in hits.iter().take(3) {
            d.cited(format!("• Why: {shown}"), src);
        }
    }
    d.line(String::new());
    d.line("💡 Competitive angle:");
    competitive_angle(&mut d, ev);
    similar_wins(&mut d, ev);
    d.finish()
}

fn roi(ev: &Evidence) -> Answer {
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

fn risks(ev: &Evidence) -> Answer {
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
    let unknown: Vec<String> = ev
        .steps
        .iter()
        .filter(|(_, data)| !matches!(data, StepData::Found(_)))
        .map(|(k, _)| format!("{} ({})", k.noun(), ev.searched(*k)))
        .collect();
    if !unknown.is_empty() {
        d.line(format!(
            "• Blind spots — I couldn't check: {}",
            unknown.join("; ")
        ));
    }
    d.finish()
}

fn starters(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🗣 Conversation starters for {}", ev.account.name));
    let before = d.lines.len();
    if let Some(n) = ev.news().into_iter().find(|n| n.fact.funding) {
        d.cited(
            format!(
                "• \"Congratulations on the news — {}. What does it change for your team?\"",
                n.fact.title
            ),
            n.source,
        );
    }
    if let Some(c) = ev.new_executive() {
        d.cited(
            format!(
                "• \"{} joined recently as {} — what are their first priorities?\"",
                c.fact.name, c.fact.title
            ),
            c.source,
        );
    }
    if let Some(j) = ev
        .jobs()
        .into_iter()
        .find(|j| is_security(&j.fact.title))
        .or_else(|| ev.jobs().into_iter().next())
    {
        d.cited(
            format!(
                "• \"I saw you're hiring a {} — what's driving that?\"",
                j.fact.title
            ),
            j.source,
        );
    }
    if let Some(n) = ev.news().into_iter().find(|n| !n.fact.funding) {
        d.cited(
            format!("• \"I read: {} — how is that going?\"", n.fact.title),
            n.source,
        );
    }
    if d.lines.len() == before {
        d.line(format!(
            "• I have no news, hiring or leadership change to start from ({}; {}; {}).",
            ev.searched(StepKey::News),
            ev.searched(StepKey::Hiring),
            ev.searched(StepKey::Contacts)
        ));
    }
    d.finish()
}

fn success_metrics(ev: &Evidence) -> Answer {
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

fn integrations(ev: &Evidence, intent: Intent) -> Answer {
    let title = if intent == Intent::TechnicalFit {
        "Technical fit"
    } else {
        "Integration points"
    };
    let mut d = Draft::new(format!("🔌 {title} at {}", ev.account.name));
    let tech = ev.tech();
    if tech.is_empty() {
        d.gap(ev, StepKey::Tech, "technologies");
        return d.finish();
    }
    let products = ev
        .vendor()
        .map(|(v, _)| v.products.clone())
        .unwrap_or_default();
    for t in &tech {
        let name = t.fact.name.to_lowercase();
        let fit: Vec<&str> = products
            .iter()
            .filter(|p| {
                p.fits
                    .iter()
                    .any(|w| contains_word(&name, &w.to_lowercase()))
            })
            .map(|p| p.name.as_str())
            .collect();
        let line = if fit.is_empty() {
            format!(
                "• {}: {} — SSO/provisioning target",
                t.fact.category,
                tech_label(t.fact)
            )
        } else {
            format!(
                "• {}: {} — works with {}",
                t.fact.category,
                tech_label(t.fact),
                fit.join(", ")
            )
        };
        d.cited(line, t.source);
    }
    if intent == Intent::TechnicalFit {
        d.line(String::new());
        competitive_angle(&mut d, ev);
    }
    d.finish()
}

fn main_insights(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!("🧠 {} — main insights", ev.account.name));
    key_signals(&mut d, ev);
    d.finish()
}

fn key_signals(d: &mut Draft, ev: &Evidence) {
    let before = d.lines.len();
    if let Some(n) = ev.news().into_iter().find(|n| n.fact.funding) {
        d.cited(
            format!("• 💰 Funding: {} ({})", n.fact.title, n.fact.date),
            n.source,
        );
    }
    let jobs = ev.jobs();
    if let Some(j) = jobs.first() {
        let security = jobs.iter().filter(|j| is_security(&j.fact.title)).count();
        d.cited(
            format!(
                "• 💼 Hiring: {} open roles, {security} in identity & security",
                jobs.len()
            ),
            j.source,
        );
    }
    if let Some(c) = ev.new_executive() {
        d.cited(
            format!("• 👤 Leadership: {} — {}", c.fact.name, c.fact.title),
            c.source,
        );
    }
    let tech = ev.tech();
    if let Some(t) = tech.first() {
        let names: Vec<String> = tech.iter().take(5).map(|t| tech_label(t.fact)).collect();
        d.cited(format!("• 🛠 Stack: {}", names.join(", ")), t.source);
    }
    d.cited(
        format!(
            "• 🏢 {} · {} employees · {}",
            ev.account.industry,
            ev.account.size_label(),
            ev.account.location
        ),
        &ev.crm,
    );
    let missing: Vec<String> = ev
        .steps
        .iter()
        .filter(|(_, data)| !matches!(data, StepData::Found(_)))
        .map(|(k, _)| format!("{} ({})", k.noun(), ev.searched(*k)))
        .collect();
    if !missing.is_empty() {
        d.line(format!("Not in yet: {}", missing.join("; ")));
    }
    if d.lines.len() == before {
        d.line("• Nothing collected yet.");
    }
}

fn meeting_prep(ev: &Evidence) -> Answer {
    let mut d = Draft::new(format!(
        "📄 Meeting prep — {}{}",
        ev.account.name,
        persona_suffix(ev)
    ));
    d.line(String::new());
    d.line("Key signals:");
    key_signals(&mut d, ev);
    let people = ev.contacts();
    if !people.is_empty() {
        d.line(String::new());
        d.line("People:");
        for p in people.iter().take(3) {
            d.cited(format!("• {} — {}", p.fact.name, p.fact.title), p.source);
        }
    }
    let fit = product_fit(ev, false);
    let starters = starters(ev);
    let mut out = d.finish();
    for part in [fit, starters] {
        out = out.append(part);
    }
    out
}

fn help() -> Answer {
    Answer {
        text: "Here's what I can do:\n\
               • Prepare a meeting: \"Help me prepare for my meeting with Acme\"\n\
               • Ask about the account: business overview, technology stack, news & funding, \
               hiring, decision makers (\"who's the CISO?\"), competitors\n\
               • Get advice: product fit, risks, conversation starters, ROI, expansion, \
               success metrics, integration points\n\
               • \"Create my meeting prep one-pager\" for a summary to take along\n\
               • Tell me your role and the meeting's purpose to tailor all of it\n\
               Every answer lists its sources; what I couldn't find, I say."
            .into(),
        sources: vec![],
    }
}
