//! How a research run reads in the chat: the quick overview and its exploration buttons
//! (here), how it starts ([`start`]), one message per collection step ([`step_messages`]) and its
//! progress lines ([`progress`]), the run's summary ([`summary`]) and the rep's angle
//! ([`angle`]). Pure functions of plain values, so every sentence can be
//! checked against its source.

pub mod angle;
pub mod progress;
pub mod start;
pub mod step_messages;
pub mod summary;

pub use angle::angle;
pub use step_messages::step_message;
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

    fn acme() -> AccountSummary {
        crate::answers::fixtures::demo_acme()
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

    #[test]
    fn the_quick_overview_reads_from_the_crm_record() {
        let account = crate::answers::fixtures::account();
        assert_eq!(
            overview(&account, false),
            "📊 Acme Corp — quick overview\n\
             • Industry: FinTech\n\
             • Size: ~510 employees\n\
             • Location: New York, USA\n\
             • Website: https://acmecorp.com"
        );
        assert_eq!(
            overview(&account, true),
            format!(
                "{}\n\n🔄 Gathering deeper intelligence…\n\
                 • News & market signals\n\
                 • Recent hiring patterns\n\
                 • Technology stack analysis\n\
                 • Decision maker profiles",
                overview(&account, false)
            )
        );
    }

    #[test]
    fn the_exploration_buttons_ask_and_wait_for_their_run() {
        let actions = exploration_actions(Some("run-7"));
        let shown: Vec<(&str, &str)> = actions
            .iter()
            .map(|a| (a.id.as_str(), a.label.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("explore_basics", "Tell me more about their business"),
                ("show_contacts", "Who should I talk to?"),
                ("tech_stack", "What technology do they use?"),
                ("news", "What's new with them?"),
            ]
        );
        assert!(actions.iter().all(|a| a.run_id.as_deref() == Some("run-7")));
        assert!(matches!(
            actions[2].action,
            ActionKind::Ask {
                intent: app::domain::Intent::Technology,
                focus: None,
                account_id: None
            }
        ));
        assert!(exploration_actions(None).iter().all(|a| a.run_id.is_none()));
    }
}
