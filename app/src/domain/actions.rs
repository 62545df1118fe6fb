//! Which next-step buttons an answer carries: fitted to the rep's role and meeting purpose,
//! and to what the research found (funding → "Leverage funding news", open roles →
//! "Connect with hiring manager", a new executive → "Who's the new CISO?").

use super::{Action, ActionKind, Intent, MeetingPurpose, Persona, Question, RepRole};

/// The most buttons under one answer.
pub const MAX_ACTIONS: usize = 8;

/// What the research found, as far as the buttons care.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// A funding round, acquisition or IPO in the news.
    pub funding: bool,
    /// Open roles.
    pub hiring: bool,
    /// The short title of an executive who joined recently: `CISO`.
    pub new_executive: Option<String>,
}

/// The buttons under an answer to `answered` (None: under the overview or a summary).
/// `run_id` ties them to the run whose data they need.
pub fn next_actions(
    persona: &Persona,
    signals: &Signals,
    answered: Option<Intent>,
    run_id: Option<&str>,
) -> Vec<Action> {
    let mut buttons = Buttons::under(answered);
    buttons.extend(follow_ups(answered));
    buttons.extend(for_role(persona.role));
    buttons.extend(for_data(signals));
    buttons.extend(for_purpose(persona.purpose));
    buttons.extend([Action::ask(
        "Create my meeting prep one-pager",
        Intent::MeetingPrep,
    )]);
    buttons.finish(run_id)
}

/// The buttons without any that asks `q` again: no "Who's the new CISO?" under the answer
/// about the new CISO.
pub fn without_question(actions: Vec<Action>, q: &Question) -> Vec<Action> {
    actions
        .into_iter()
        .filter(|a| {
            !matches!(&a.action, ActionKind::Ask { intent, focus, .. }
                if *intent == q.intent && *focus == q.focus)
        })
        .collect()
}

/// What an answer leads to (the seeds' deep-dive follow-ups).
fn follow_ups(answered: Option<Intent>) -> Vec<Action> {
    match answered {
        Some(Intent::Funding) => vec![
            Action::ask("Show me who to contact about this", Intent::Contacts),
            Action::ask("What products fit this need?", Intent::ProductFit),
        ],
        Some(Intent::ProductFit) | Some(Intent::Competitors) => {
            vec![Action::ask("Find their pain points", Intent::Risks)]
        }
        Some(Intent::Technology) => vec![
            Action::ask("Integration opportunities", Intent::Integrations),
            Action::ask("vs current identity solution", Intent::Competitors),
        ],
        _ => vec![],
    }
}

/// What the rep's role works on.
fn for_role(role: Option<RepRole>) -> Vec<Action> {
    match role {
        Some(RepRole::AccountExecutive) => vec![
            Action::ask("Product fit analysis", Intent::ProductFit),
            Action::ask("Competitive positioning", Intent::Competitors),
            Action::ask("ROI calculator", Intent::Roi),
        ],
        Some(RepRole::CustomerSuccess) => vec![
            Action::ask("Risk assessment", Intent::Risks),
            Action::ask("Expansion opportunities", Intent::Expansion),
            Action::ask("Success metrics", Intent::SuccessMetrics),
        ],
        Some(RepRole::SalesEngineer) => vec![
            Action::ask("Integration points", Intent::Integrations),
            Action::ask("Technical fit", Intent::TechnicalFit),
        ],
        None => vec![
            Action::ask("What products fit?", Intent::ProductFit),
            Action::ask("Who should I talk to?", Intent::Contacts),
        ],
    }
}

/// What the research found: funding, a new executive, open roles.
fn for_data(signals: &Signals) -> Vec<Action> {
    let mut out = Vec::new();
    if signals.funding {
        out.push(Action::ask("Leverage funding news", Intent::Funding));
    }
    if let Some(title) = &signals.new_executive {
        out.push(Action::new(
            "new_executive",
            format!("Who's the new {title}?"),
            ActionKind::Ask {
                intent: Intent::Contacts,
                focus: Some(title.to_lowercase()),
                account_id: None,
            },
        ));
    }
    if signals.hiring {
        out.push(Action::ask(
            "Connect with hiring manager",
            Intent::HiringOutreach,
        ));
    }
    out
}

/// What the meeting's purpose calls for.
fn for_purpose(purpose: Option<MeetingPurpose>) -> Option<Action> {
    Some(match purpose? {
        MeetingPurpose::Renewal => Action::ask("Renewal risks", Intent::Risks),
        MeetingPurpose::Expansion => Action::ask("Expansion opportunities", Intent::Expansion),
        MeetingPurpose::TechnicalDiscovery => {
            Action::ask("Integration points", Intent::Integrations)
        }
        MeetingPurpose::ExecutiveAlignment => {
            Action::ask("Executive talking points", Intent::ConversationStarters)
        }
    })
}

/// The buttons being gathered under one answer: none that asks what was just answered, none
/// twice, at most [`MAX_ACTIONS`].
struct Buttons {
    answered: Option<Intent>,
    out: Vec<Action>,
}

impl Buttons {
    fn under(answered: Option<Intent>) -> Self {
        Self {
            answered,
            out: Vec::new(),
        }
    }

    fn extend(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            let is_answered = matches!(&action.action,
                ActionKind::Ask { intent, focus: None, .. } if Some(*intent) == self.answered);
            if !is_answered && !self.out.iter().any(|a| same_question(a, &action)) {
                self.out.push(action);
            }
        }
    }

    /// The buttons, cut to [`MAX_ACTIONS`]; under a deep dive the last is "Back to main
    /// insights".
    fn finish(self, run_id: Option<&str>) -> Vec<Action> {
        let mut out = self.out;
        let deep_dive = self.answered.is_some_and(|i| {
            !matches!(
                i,
                Intent::MainInsights | Intent::Help | Intent::SwitchAccount
            )
        });
        out.truncate(if deep_dive {
            MAX_ACTIONS - 1
        } else {
            MAX_ACTIONS
        });
        if deep_dive {
            out.push(Action::ask("Back to main insights", Intent::MainInsights));
        }
        out.into_iter().map(|a| a.waiting_on(run_id)).collect()
    }
}

/// Both ask the same question (same intent, same focus).
fn same_question(a: &Action, b: &Action) -> bool {
    match (&a.action, &b.action) {
        (
            ActionKind::Ask {
                intent: x,
                focus: fx,
                ..
            },
            ActionKind::Ask {
                intent: y,
                focus: fy,
                ..
            },
        ) => x == y && fx == fy,
        _ => false,
    }
}

/// The buttons that ask the rep's role and the meeting's purpose (only the parts not known).
pub fn persona_actions(persona: &Persona) -> Vec<Action> {
    let mut out = Vec::new();
    if persona.role.is_none() {
        out.extend(RepRole::ALL.into_iter().map(|role| {
            Action::new(
                format!("role_{}", role.as_str()),
                role.label(),
                ActionKind::SetRole { role },
            )
        }));
    }
    if persona.purpose.is_none() {
        out.extend(MeetingPurpose::ALL.into_iter().map(|purpose| {
            Action::new(
                format!("purpose_{}", purpose.as_str()),
                purpose.label(),
                ActionKind::SetPurpose { purpose },
            )
        }));
    }
    if !out.is_empty() {
        out.push(Action::new("skip_persona", "Skip", ActionKind::SkipPersona));
    }
    out
}

/// A job title in its short form, for a button: `Chief Information Security Officer` →
/// `CISO`.
pub fn short_title(title: &str) -> String {
    const LONG: &[(&str, &str)] = &[
        ("chief information security officer", "CISO"),
        ("chief technology officer", "CTO"),
        ("chief information officer", "CIO"),
        ("chief financial officer", "CFO"),
        ("chief executive officer", "CEO"),
        ("chief operating officer", "COO"),
        ("chief marketing officer", "CMO"),
        ("chief revenue officer", "CRO"),
    ];
    let lower = title.to_lowercase();
    LONG.iter()
        .find(|(long, _)| lower.contains(long))
        .map(|(_, short)| short.to_string())
        .unwrap_or_else(|| title.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(actions: &[Action]) -> Vec<&str> {
        actions.iter().map(|a| a.label.as_str()).collect()
    }

    fn persona(role: Option<RepRole>, purpose: Option<MeetingPurpose>) -> Persona {
        Persona {
            role,
            purpose,
            skipped: false,
            suggested: false,
        }
    }

    /// `(role, signals, answered, labels that must be there, labels that must not)`.
    type Row<'a> = (
        Option<RepRole>,
        &'a Signals,
        Option<Intent>,
        &'a [&'a str],
        &'a [&'a str],
    );

    #[test]
    fn actions_fit_the_role_and_the_data() {
        let none = Signals::default();
        let acme = Signals {
            funding: true,
            hiring: true,
            new_executive: Some("CISO".into()),
        };
        let ae = Some(RepRole::AccountExecutive);
        let csm = Some(RepRole::CustomerSuccess);
        let se = Some(RepRole::SalesEngineer);
        let table: &[Row] = &[
            (
                ae,
                &none,
                None,
                &[
                    "Product fit analysis",
                    "Competitive positioning",
                    "ROI calculator",
                ],
                &["Risk assessment", "Leverage funding news"],
            ),
            (
                csm,
                &none,
                None,
                &[
                    "Risk assessment",
                    "Expansion opportunities",
                    "Success metrics",
                ],
                &["ROI calculator"],
            ),
            (
                se,
                &none,
                None,
                &["Integration points", "Technical fit"],
                &["ROI calculator", "Risk assessment"],
            ),
            (
                None,
                &none,
                None,
                &["What products fit?", "Who should I talk to?"],
                &["ROI calculator"],
            ),
            (
                ae,
                &acme,
                None,
                &[
                    "Leverage funding news",
                    "Who's the new CISO?",
                    "Connect with hiring manager",
                    "Product fit analysis",
                ],
                &[],
            ),
            (
                ae,
                &acme,
                Some(Intent::Funding),
                &[
                    "Show me who to contact about this",
                    "What products fit this need?",
                    "Back to main insights",
                ],
                &["Leverage funding news"],
            ),
            (
                ae,
                &acme,
                Some(Intent::ProductFit),
                &["Find their pain points", "Back to main insights"],
                &["Product fit analysis"],
            ),
            (
                csm,
                &acme,
                Some(Intent::Risks),
                &["Back to main insights"],
                &["Risk assessment"],
            ),
            (
                se,
                &none,
                Some(Intent::Technology),
                &["Integration opportunities", "Technical fit"],
                &[],
            ),
            (
                None,
                &none,
                Some(Intent::MainInsights),
                &["Create my meeting prep one-pager"],
                &["Back to main insights"],
            ),
        ];
        for (role, signals, answered, must, must_not) in table {
            let got = next_actions(&persona(*role, None), signals, *answered, None);
            let got_labels = labels(&got);
            for want in *must {
                assert!(
                    got_labels.contains(want),
                    "{role:?}/{answered:?}: {want:?} missing from {got_labels:?}"
                );
            }
            for bad in *must_not {
                assert!(
                    !got_labels.contains(bad),
                    "{role:?}/{answered:?}: {bad:?} in {got_labels:?}"
                );
            }
            assert!(got.len() <= MAX_ACTIONS, "{got_labels:?}");
            let ids: std::collections::HashSet<_> = got.iter().map(|a| &a.id).collect();
            assert_eq!(ids.len(), got.len(), "ids repeat: {got_labels:?}");
        }
    }

    #[test]
    fn the_purpose_adds_its_action() {
        let renewal = persona(
            Some(RepRole::AccountExecutive),
            Some(MeetingPurpose::Renewal),
        );
        let got = next_actions(&renewal, &Signals::default(), None, None);
        assert!(
            labels(&got).contains(&"Renewal risks"),
            "{:?}",
            labels(&got)
        );
        let exec = persona(None, Some(MeetingPurpose::ExecutiveAlignment));
        let got = next_actions(&exec, &Signals::default(), None, None);
        assert!(labels(&got).contains(&"Executive talking points"));
    }

    #[test]
    fn buttons_are_tied_to_their_run() {
        let got = next_actions(
            &Persona::default(),
            &Signals::default(),
            None,
            Some("run-1"),
        );
        assert!(got.iter().all(|a| a.run_id.as_deref() == Some("run-1")));
        let new_exec = Signals {
            new_executive: Some("CISO".into()),
            ..Signals::default()
        };
        let got = next_actions(&Persona::default(), &new_exec, None, None);
        let ciso = got.iter().find(|a| a.id == "new_executive").unwrap();
        assert_eq!(
            ciso.action,
            ActionKind::Ask {
                intent: Intent::Contacts,
                focus: Some("ciso".into()),
                account_id: None,
            }
        );
    }

    #[test]
    fn buttons_come_in_order_follow_ups_role_data_purpose() {
        let acme = Signals {
            funding: true,
            hiring: true,
            new_executive: Some("CISO".into()),
        };
        let ae = |purpose| persona(Some(RepRole::AccountExecutive), purpose);
        assert_eq!(
            labels(&next_actions(&ae(None), &acme, Some(Intent::Funding), None)),
            [
                "Show me who to contact about this",
                "What products fit this need?",
                "Competitive positioning",
                "ROI calculator",
                "Who's the new CISO?",
                "Connect with hiring manager",
                "Create my meeting prep one-pager",
                "Back to main insights",
            ]
        );
        let expansion = ae(Some(MeetingPurpose::Expansion));
        assert_eq!(
            labels(&next_actions(
                &expansion,
                &acme,
                Some(Intent::Technology),
                None
            )),
            [
                "Integration opportunities",
                "vs current identity solution",
                "Product fit analysis",
                "ROI calculator",
                "Leverage funding news",
                "Who's the new CISO?",
                "Connect with hiring manager",
                "Back to main insights",
            ]
        );
    }

    #[test]
    fn the_question_just_answered_is_not_suggested_again() {
        let acme = Signals {
            funding: false,
            hiring: false,
            new_executive: Some("CISO".into()),
        };
        let under = |q: Question| -> Vec<String> {
            let actions = next_actions(&Persona::default(), &acme, Some(q.intent), None);
            let kept = without_question(actions, &q);
            labels(&kept).into_iter().map(str::to_string).collect()
        };
        let ciso = Question {
            intent: Intent::Contacts,
            focus: Some("ciso".into()),
        };
        let ciso_button = "Who's the new CISO?".to_string();
        assert!(!under(ciso).contains(&ciso_button));
        // Asked about people in general, the new CISO is still worth a button.
        assert!(under(Question::new(Intent::Contacts)).contains(&ciso_button));
    }

    #[test]
    fn persona_buttons_ask_only_what_is_unknown() {
        assert_eq!(persona_actions(&Persona::default()).len(), 3 + 4 + 1);
        let ae = persona(Some(RepRole::AccountExecutive), None);
        assert_eq!(
            labels(&persona_actions(&ae)),
            [
                "Renewal discussion",
                "Expansion opportunity",
                "Technical discovery",
                "Executive alignment",
                "Skip"
            ]
        );
        let both = persona(Some(RepRole::SalesEngineer), Some(MeetingPurpose::Renewal));
        assert!(persona_actions(&both).is_empty());
    }

    #[test]
    fn titles_shorten() {
        assert_eq!(short_title("Chief Information Security Officer"), "CISO");
        assert_eq!(short_title("VP of IT"), "VP of IT");
    }
}
