//! What Dossier says about the rep's role and the meeting's purpose: the question at the
//! start of a prep, the acknowledgement of a choice, and what the rep "said" by a button.

use app::domain::{MeetingPurpose, Persona, RepRole};
use app::ports::PersonaChange;

/// Added to the answer to a role or purpose when the summary above was written again.
pub const SUMMARY_REVISED: &str = "\n🎯 I've re-written the summary above with your angle.";

/// Asks for what is still unknown (with what is known so far), or says what is known.
/// `running`: research has just started, so the question fills the wait.
pub fn prompt(persona: &Persona, running: bool) -> String {
    if persona.should_ask() {
        let known = persona
            .describe()
            .map(|d| format!(" (so far: {d})"))
            .unwrap_or_default();
        let lead = if running {
            "While that runs, let's"
        } else {
            "Let's"
        };
        return format!(
            "{lead} get specific about your meeting{known}:\n\
             • Your role today?\n\
             • What's the meeting purpose?\n\
             Both tailor my answers and suggestions — or skip."
        );
    }
    match persona.describe() {
        Some(d) => format!("Preparing as {d}."),
        None => "Preparing without a role or purpose — answers stay general.".into(),
    }
}

/// The CRM's opportunities chose the purpose; `why` says what they show.
pub fn purpose_from_crm(purpose: MeetingPurpose, why: &str) -> String {
    format!(
        "🎯 Meeting purpose: {} — {why}. Change it with “{CHANGE_LABEL}” if that's not this meeting.",
        purpose.label()
    )
}

/// The persona for a prep given the CRM's suggestion: a purpose the rep chose stays; a
/// suggested one follows the account (replaced, or cleared when this one suggests none).
/// Returns the persona and whether the suggestion was applied.
pub fn with_suggestion(
    mut persona: Persona,
    suggestion: Option<MeetingPurpose>,
) -> (Persona, bool) {
    if persona.purpose.is_some() && !persona.suggested {
        return (persona, false);
    }
    match suggestion {
        Some(p) => {
            persona.purpose = Some(p);
            persona.suggested = true;
            (persona, true)
        }
        None => {
            if persona.suggested {
                persona.purpose = None;
                persona.suggested = false;
            }
            (persona, false)
        }
    }
}

/// A role was chosen.
pub fn got_role(role: RepRole) -> String {
    format!("Got it — you're the {}.", role.label())
}

/// A purpose was chosen.
pub fn got_purpose(purpose: MeetingPurpose) -> String {
    format!("Got it — this is {}.", purpose.phrase())
}

/// The rep skipped the questions.
pub fn skipped() -> String {
    "No problem — I'll keep answers general. Tell me your role any time.".into()
}

/// The rep asked to change the role or purpose.
pub fn change(persona: &Persona) -> String {
    match persona.describe() {
        Some(d) => format!("You're set as {d}. Pick a new role or purpose:"),
        None => "Pick your role and the meeting's purpose:".into(),
    }
}

/// The acknowledgement `got`, followed by the question still open or what is tailored now.
pub fn next(got: &str, persona: &Persona) -> String {
    if persona.should_ask() {
        let open = if persona.purpose.is_none() {
            "And the meeting's purpose?"
        } else {
            "And your role?"
        };
        return format!("{got} {open}");
    }
    format!(
        "{got} I'll tailor answers and suggestions for {}.",
        persona.describe().unwrap_or_default()
    )
}

/// What the rep "said" by pressing a persona button.
pub fn said(change: PersonaChange) -> String {
    match change {
        PersonaChange::Role { role } => format!("I'm the {}", role.label()),
        PersonaChange::Purpose { purpose } => purpose.label().to_string(),
        PersonaChange::Skip => "Skip".into(),
        PersonaChange::Change => CHANGE_LABEL.into(),
    }
}

/// The button that changes the role or purpose.
pub const CHANGE_LABEL: &str = "Change role or purpose";

#[cfg(test)]
mod suggestion_tests {
    use super::*;

    #[test]
    fn a_purpose_the_rep_chose_is_never_replaced_by_the_crm() {
        let chosen = Persona {
            purpose: Some(MeetingPurpose::Expansion),
            ..Persona::default()
        };
        let (p, applied) = with_suggestion(chosen, Some(MeetingPurpose::Renewal));
        assert_eq!((p, applied), (chosen, false));
    }

    #[test]
    fn a_suggested_purpose_follows_the_account() {
        let (p, applied) = with_suggestion(Persona::default(), Some(MeetingPurpose::Renewal));
        assert!(applied && p.suggested);
        assert_eq!(p.purpose, Some(MeetingPurpose::Renewal));
        let (p, _) = with_suggestion(p, Some(MeetingPurpose::TechnicalDiscovery));
        assert_eq!(p.purpose, Some(MeetingPurpose::TechnicalDiscovery));
        let (p, applied) = with_suggestion(p, None);
        assert!(!applied);
        assert_eq!(
            p.purpose, None,
            "the next account suggests nothing: cleared"
        );
        assert!(!p.suggested);
    }

    #[test]
    fn the_rep_reads_why_the_purpose_was_chosen() {
        assert_eq!(
            purpose_from_crm(
                MeetingPurpose::Renewal,
                "your CRM shows the renewal “X” closing Jan 15, 2027 (in 44 days)"
            ),
            "🎯 Meeting purpose: Renewal discussion — your CRM shows the renewal “X” closing Jan 15, 2027 (in 44 days). Change it with “Change role or purpose” if that's not this meeting."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ae_expansion() -> Persona {
        Persona {
            role: Some(RepRole::AccountExecutive),
            purpose: Some(MeetingPurpose::Expansion),
            skipped: false,
            suggested: false,
        }
    }

    #[test]
    fn an_open_persona_is_asked_for_with_what_is_known() {
        let text = prompt(&Persona::default(), true);
        assert!(text.starts_with("While that runs, let's get specific about your meeting:\n"));
        let from_cache = prompt(&Persona::default(), false);
        assert!(
            from_cache.starts_with("Let's get specific about your meeting:\n"),
            "no run: no 'while'"
        );
        assert!(text.contains("• Your role today?") && text.contains("— or skip."));
        let half = Persona {
            role: Some(RepRole::AccountExecutive),
            ..Persona::default()
        };
        assert!(
            prompt(&half, true).contains("your meeting (so far: AE):"),
            "{}",
            prompt(&half, true)
        );
    }

    #[test]
    fn a_known_or_skipped_persona_is_said_not_asked() {
        assert_eq!(
            prompt(&ae_expansion(), true),
            "Preparing as AE · expansion opportunity."
        );
        let skipped = Persona {
            skipped: true,
            suggested: false,
            ..Persona::default()
        };
        assert_eq!(
            prompt(&skipped, true),
            "Preparing without a role or purpose — answers stay general."
        );
    }

    #[test]
    fn a_choice_is_acknowledged_then_the_open_question_asked() {
        let role_only = Persona {
            role: Some(RepRole::SalesEngineer),
            ..Persona::default()
        };
        let got = got_role(RepRole::SalesEngineer);
        assert_eq!(
            next(&got, &role_only),
            format!("{got} And the meeting's purpose?")
        );
        let got = got_purpose(MeetingPurpose::Expansion);
        assert_eq!(
            next(&got, &ae_expansion()),
            format!("{got} I'll tailor answers and suggestions for AE · expansion opportunity.")
        );
    }

    #[test]
    fn buttons_read_as_what_the_rep_said() {
        assert_eq!(said(PersonaChange::Skip), "Skip");
        assert_eq!(said(PersonaChange::Change), "Change role or purpose");
        assert!(
            said(PersonaChange::Role {
                role: RepRole::SalesEngineer
            })
            .starts_with("I'm the ")
        );
        assert_eq!(
            change(&Persona::default()),
            "Pick your role and the meeting's purpose:"
        );
    }
}
