//! Everything the rep reads, in one room: the answer to each question, split by intent group
//! ([`company`], [`technology`], [`news`], [`hiring`], [`people`], [`deal`], [`meeting`],
//! [`technical`], [`help`]), how a research run reads ([`run`]), what is said while an answer
//! is on its way and when a model failed ([`notes`]), the account matches ([`matches`]) and the persona questions
//! ([`persona`]). Every line that states
//! a fact cites its source with an `[n]` marker; what is missing is said, with what was
//! searched — never filled in.

mod answer;
pub mod cite;
pub mod company;
pub mod crm;
pub mod deal;
mod draft;
pub mod evidence;
pub mod failures;
pub mod help;
pub mod hiring;
pub mod matches;
pub mod meeting;
pub mod news;
pub mod notes;
pub mod one_pager;
pub mod people;
pub mod persona;
pub mod phrases;
pub mod run;
pub mod technical;
pub mod technology;

#[cfg(test)]
pub(crate) mod fixtures;

pub use answer::Answer;
pub use draft::{defuse, persona_suffix};
pub use evidence::{Evidence, StepData};
pub use help::general;

use app::domain::Intent;
use app::domain::Question;

/// Compose the answer to `q` from `ev`.
pub fn compose(q: &Question, ev: &Evidence) -> Answer {
    match q.intent {
        Intent::Overview => company::overview(ev),
        Intent::Technology => technology::technology(ev),
        Intent::News => news::news(ev),
        Intent::Funding => news::funding(ev),
        Intent::Hiring => hiring::hiring(ev),
        Intent::HiringOutreach => hiring::hiring_outreach(ev),
        Intent::Contacts => people::contacts(ev, q.focus.as_deref()),
        Intent::Competitors => deal::competitors::competitors(ev),
        Intent::ProductFit => deal::fit::product_fit(ev, false),
        Intent::Expansion => deal::fit::product_fit(ev, true),
        Intent::Roi => deal::value::roi(ev),
        Intent::Risks => deal::risks::risks(ev),
        Intent::ConversationStarters => meeting::starters(ev),
        Intent::SuccessMetrics => deal::value::success_metrics(ev),
        Intent::Integrations | Intent::TechnicalFit => technical::integrations(ev, q.intent),
        Intent::MeetingPrep => meeting::meeting_prep(ev),
        Intent::MainInsights => meeting::main_insights(ev),
        Intent::FullAnalysis => meeting::complete_analysis(ev),
        Intent::Help | Intent::SwitchAccount | Intent::PrepChanges => {
            general(q.intent).unwrap_or_else(help::help)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;
    use app::domain::{MeetingPurpose, RepRole};

    /// Every `[n]` in `a` points at one of its sources, and every source is cited.
    fn markers_match_sources(a: &Answer) -> Result<(), String> {
        let marker = regex::Regex::new(r"\[(\d+)\]").expect("static regex");
        let used: std::collections::BTreeSet<usize> = marker
            .captures_iter(&a.text)
            .map(|c| c[1].parse().expect("digits"))
            .collect();
        let all: std::collections::BTreeSet<usize> = (1..=a.sources.len()).collect();
        match used == all {
            true => Ok(()),
            false => Err(format!("markers {used:?}, sources {}", a.sources.len())),
        }
    }

    #[test]
    fn every_answer_cites_exactly_its_sources() {
        let evidence = [
            acme(),
            bare(),
            failed(),
            without_vendor(),
            as_rep(
                acme(),
                Some(RepRole::CustomerSuccess),
                Some(MeetingPurpose::Renewal),
            ),
        ];
        for ev in &evidence {
            for intent in Intent::ALL {
                let a = ask(ev, intent);
                assert!(!a.text.is_empty(), "{intent:?}");
                if let Err(e) = markers_match_sources(&a) {
                    panic!("{intent:?}: {e}\n{}", a.text);
                }
            }
        }
    }

    #[test]
    fn each_intent_gets_its_own_answer() {
        let titles: Vec<String> = Intent::ALL
            .into_iter()
            .map(|i| {
                ask(&acme(), i)
                    .text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        // In the order of `Intent::ALL`.
        let want = "🏢 Acme Corp — business overview
🛠 Acme Corp technology stack
📰 News & funding for Acme Corp
💰 Acme Corp raises $50M Series C to fund European expansion (2026-11-19) [1]
💼 Hiring at Acme Corp: 2 open roles
👥 Decision makers at Acme Corp
⚔️ Competitive landscape at Acme Corp
🛡 Keyfort Recommendations for Acme Corp
⚠️ Risks going into the Acme Corp meeting
🗣 Conversation starters for Acme Corp
📄 Meeting prep — Acme Corp
Which account are you meeting next? Type its name or website — this conversation stays here above.
Here's what I can do:
📈 ROI case for Acme Corp
🛡 Keyfort Expansion opportunities for Acme Corp
📏 Success metrics for Acme Corp
🔌 Integration points at Acme Corp
🔌 Technical fit at Acme Corp
🤝 Who to contact about Acme Corp's hiring
🧠 Acme Corp — main insights
🧠 Acme Corp — the complete analysis
Here's what I can do:";
        assert_eq!(titles.join("\n"), want);
    }

    #[test]
    fn a_focus_narrows_the_contacts() {
        let q = Question {
            intent: Intent::Contacts,
            focus: Some("ciso".into()),
        };
        assert_eq!(
            compose(&q, &acme()).text.lines().next(),
            Some("👤 CISO at Acme Corp")
        );
    }
}
