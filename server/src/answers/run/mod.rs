//! How a research run reads in the chat: the quick overview and its exploration buttons
//! (here), one message per collection step ([`steps`]), the run's summary ([`summary`]) and
//! the rep's angle ([`angle`]). Pure functions of plain values, so every sentence can be
//! checked against its source.

pub mod angle;
pub mod steps;
pub mod summary;

pub use angle::angle;
pub use steps::step_message;
pub use summary::summarise;

use app::domain::{AccountSummary, Action, ActionKind, Topic};

/// The quick overview from stored account data, shown the moment an account is picked.
/// `researching` adds what the background run is gathering.
pub fn overview(account: &AccountSummary, researching: bool) -> String {
    let mut text = format!(
        "📊 {name} — quick overview\n\
         • Industry: {industry}\n\
         • Size: {size} employees\n\
         • Location: {location}\n\
         • Website: {website}",
        name = account.name,
        industry = account.industry,
        size = account.size_label(),
        location = account.location,
        website = account.website(),
    );
    if researching {
        text.push_str(
            "\n\n🔄 Gathering deeper intelligence…\n\
             • News & market signals\n\
             • Recent hiring patterns\n\
             • Technology stack analysis\n\
             • Decision maker profiles",
        );
    }
    text
}

/// The exploration buttons under the overview; with `run_id` they wait for their data.
pub fn exploration_actions(run_id: Option<&str>) -> Vec<Action> {
    [
        ("explore_basics", Topic::Business),
        ("show_contacts", Topic::Contacts),
        ("tech_stack", Topic::Technology),
        ("news", Topic::News),
    ]
    .into_iter()
    .map(|(id, topic)| {
        Action::new(
            id,
            topic.question(),
            ActionKind::Ask {
                intent: topic.intent(),
                focus: None,
                account_id: None,
            },
        )
        .waiting_on(run_id)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_accounts;

    fn acme() -> AccountSummary {
        demo_accounts()
            .into_iter()
            .find(|a| a.id == "acme-corp")
            .unwrap()
    }

    #[test]
    fn overview_lists_the_basics() {
        let text = overview(&acme(), true);
        assert!(text.contains("Gathering deeper intelligence"));
        assert!(!overview(&acme(), false).contains("Gathering"));
        assert!(text.contains("Industry: FinTech"));
        assert!(text.contains("Size: ~500 employees"));
        assert!(text.contains("Location: New York, USA"));
        assert!(text.contains("Website: https://acmecorp.com"));
    }
}
