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

use crate::answers::crm::{CrmFacts, overview_lines};
use app::domain::{Action, ActionKind, Intent, SourceRef, Topic};
use chrono::NaiveDate;

/// The quick overview from what the CRM (or the demo data set, or the rep) says, shown the
/// moment an account is picked, with the sources its lines cite. What the background run
/// is gathering is said above its progress card ([`start::deep_research_started`]), which
/// the run revises when it ends.
pub fn overview(facts: &CrmFacts, today: NaiveDate) -> (String, Vec<SourceRef>) {
    let (lines, sources) = overview_lines(facts, today);
    let mut text = format!("📊 {} — quick overview", facts.account.name);
    for line in lines {
        text.push('\n');
        text.push_str(&line);
    }
    (text, sources)
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
    .chain(run_id.map(|id| {
        // While the run is on (the seed's `wait_full`): the insights once all is in. Tied
        // to the run so the page drops it once the run is over (it never waits disabled).
        Action::new(
            "wait_full",
            Intent::FullAnalysis.suggestion(),
            ActionKind::Ask {
                intent: Intent::FullAnalysis,
                focus: None,
                account_id: None,
            },
        )
        .waiting_on(Some(id))
    }))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(account: app::domain::AccountSummary) -> CrmFacts {
        CrmFacts {
            account,
            record: None,
            opportunities: vec![],
            added_at: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn overview_lists_the_basics() {
        let acme = facts(crate::answers::fixtures::demo_acme());
        let (text, _) = overview(&acme, today());
        assert!(
            !text.contains("Gathering"),
            "the run's own message says that"
        );
        assert!(text.contains("Industry: FinTech"));
        assert!(text.contains("Size: ~500 employees"));
        assert!(text.contains("Location: New York, USA"));
        assert!(text.contains("Website: https://acmecorp.com"));
    }

    #[test]
    fn the_quick_overview_of_a_demo_account_reads_from_its_record() {
        let account = facts(crate::answers::fixtures::account());
        let (text, sources) = overview(&account, today());
        assert_eq!(
            text,
            "📊 Acme Corp — quick overview\n\
             • Industry: FinTech\n\
             • Size: ~510 employees\n\
             • Location: New York, USA\n\
             • Website: https://acmecorp.com"
        );
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].name, "CRM record (demo data)");
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
                ("wait_full", "Wait for complete analysis"),
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
        let done = exploration_actions(None);
        assert!(done.iter().all(|a| a.run_id.is_none()));
        assert!(
            done.iter().all(|a| a.id != "wait_full"),
            "no run: nothing to wait for"
        );
    }
}
