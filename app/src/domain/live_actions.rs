//! Which messages' buttons are still live. A chat shows one set of next steps at a time:
//! the newest answer's suggestions, the account picker until the rep answers it, and the
//! newest role-and-purpose question until it is settled. Older sets collapse.

use super::{ActionKind, ChatMessage, Role};

/// What a message's buttons are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonSet {
    /// Pick an account (or search again, or research a domain).
    Picker,
    /// The rep's role and the meeting's purpose.
    Persona,
    /// Next steps after an answer.
    Suggestions,
    /// Links to a one-pager (its page, PDF, deck): never folded away.
    Links,
}

/// The kind of `message`'s buttons, if it has any.
pub fn button_set(message: &ChatMessage) -> Option<ButtonSet> {
    let kinds = || message.actions.iter().map(|a| &a.action);
    if message.actions.is_empty() {
        None
    } else if kinds().all(|k| matches!(k, ActionKind::OpenPrep { .. })) {
        Some(ButtonSet::Links)
    } else if kinds().any(|k| {
        matches!(
            k,
            ActionKind::SetRole { .. } | ActionKind::SetPurpose { .. } | ActionKind::SkipPersona
        )
    }) {
        Some(ButtonSet::Persona)
    } else if kinds().any(|k| {
        matches!(
            k,
            ActionKind::SelectCustomer { .. }
                | ActionKind::ResearchDomain { .. }
                | ActionKind::SearchAgain
        )
    }) {
        Some(ButtonSet::Picker)
    } else {
        Some(ButtonSet::Suggestions)
    }
}

/// Whether a message's buttons concern the persona (asking it, or offering to change it).
fn touches_persona(message: &ChatMessage) -> bool {
    message.actions.iter().any(|a| {
        matches!(
            a.action,
            ActionKind::SetRole { .. }
                | ActionKind::SetPurpose { .. }
                | ActionKind::SkipPersona
                | ActionKind::ChangePersona
        )
    })
}

/// The ids of the messages whose buttons are live, oldest first.
pub fn live_action_ids(messages: &[ChatMessage]) -> Vec<String> {
    let last = |pred: &dyn Fn(&ChatMessage) -> bool| messages.iter().rposition(pred);
    let suggestions = last(&|m| button_set(m) == Some(ButtonSet::Suggestions));
    let persona =
        last(&touches_persona).filter(|i| button_set(&messages[*i]) == Some(ButtonSet::Persona));
    let picker = last(&|m| button_set(m) == Some(ButtonSet::Picker)).filter(|i| {
        // Answered once the rep has said anything since.
        !messages[i + 1..].iter().any(|m| m.role == Role::User)
    });
    let links = messages
        .iter()
        .enumerate()
        .filter(|(_, m)| button_set(m) == Some(ButtonSet::Links))
        .map(|(i, _)| i);
    let mut live: Vec<usize> = [picker, persona, suggestions]
        .into_iter()
        .flatten()
        .chain(links)
        .collect();
    live.sort_unstable();
    live.into_iter().map(|i| messages[i].id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Action, Intent, RepRole};

    fn says(id: &str, actions: Vec<Action>) -> ChatMessage {
        ChatMessage::assistant(id, "…", 0).with_actions(actions)
    }

    fn picker(id: &str) -> ChatMessage {
        says(
            id,
            vec![Action::new(
                "pick",
                "Acme Corp",
                ActionKind::SelectCustomer {
                    account_id: "acme".into(),
                },
            )],
        )
    }

    fn persona(id: &str) -> ChatMessage {
        says(
            id,
            vec![Action::new(
                "ae",
                "Account Executive (AE)",
                ActionKind::SetRole {
                    role: RepRole::AccountExecutive,
                },
            )],
        )
    }

    fn suggestions(id: &str) -> ChatMessage {
        says(
            id,
            vec![Action::ask("Who should I talk to?", Intent::Contacts)],
        )
    }

    fn rep(id: &str) -> ChatMessage {
        ChatMessage::user(id, "Acme Corp", 0)
    }

    #[test]
    fn a_one_pagers_links_never_fold_away() {
        let links = says(
            "l",
            vec![Action::new(
                "open_pdf",
                "PDF",
                ActionKind::OpenPrep {
                    prep_id: "prep-1".into(),
                    view: crate::domain::chat::PrepView::Pdf,
                },
            )],
        );
        let chat = [links, suggestions("a"), suggestions("b")];
        assert_eq!(live_action_ids(&chat), ["l", "b"]);
    }

    #[test]
    fn only_the_newest_suggestions_are_live() {
        let chat = [
            suggestions("a"),
            suggestions("b"),
            ChatMessage::assistant("c", "x", 0),
        ];
        assert_eq!(live_action_ids(&chat), ["b"]);
    }

    #[test]
    fn a_picker_is_live_until_the_rep_answers() {
        assert_eq!(live_action_ids(&[picker("p")]), ["p"]);
        let picked = [picker("p"), rep("u"), suggestions("s")];
        assert_eq!(live_action_ids(&picked), ["s"]);
    }

    #[test]
    fn the_role_question_stays_live_under_later_findings_until_settled() {
        // The prep: overview buttons, the role question, then findings and the summary.
        let prep = [
            suggestions("overview"),
            persona("ask"),
            ChatMessage::assistant("finding", "x", 0),
            suggestions("summary"),
        ];
        assert_eq!(live_action_ids(&prep), ["ask", "summary"]);
        // Settled: the answer offers to change it, inside its suggestions.
        let mut settled = prep.to_vec();
        settled.push(rep("u"));
        settled.push(says(
            "done",
            vec![
                Action::ask("Product fit analysis", Intent::ProductFit),
                Action::new("change_persona", "Change role", ActionKind::ChangePersona),
            ],
        ));
        assert_eq!(live_action_ids(&settled), ["done"]);
        // A newer question replaces the older one.
        let asked_again = [persona("old"), persona("new")];
        assert_eq!(live_action_ids(&asked_again), ["new"]);
    }

    #[test]
    fn a_chat_without_buttons_has_none_live() {
        assert!(live_action_ids(&[]).is_empty());
        assert!(live_action_ids(&[rep("u"), ChatMessage::assistant("a", "x", 0)]).is_empty());
    }
}
