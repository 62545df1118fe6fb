//! Everything the rep reads, in one room: the answer to each question, split by intent group
//! ([`company`], [`technology`], [`news`], [`hiring`], [`people`], [`deal`], [`meeting`],
//! [`technical`], [`help`]), and how a research run reads ([`run`]). Every line that states
//! a fact cites its source with an `[n]` marker; what is missing is said, with what was
//! searched — never filled in.

pub mod company;
pub mod deal;
mod draft;
pub mod help;
pub mod hiring;
pub mod meeting;
pub mod news;
pub mod people;
pub mod phrases;
pub mod run;
pub mod technical;
pub mod technology;

pub use draft::defuse;
pub use help::general;

use crate::analysts::{Answer, Evidence, Question};
use app::domain::Intent;

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
        Intent::Help | Intent::SwitchAccount => general(q.intent).unwrap_or_else(help::help),
    }
}
