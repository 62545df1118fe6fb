//! Help: what Dossier can do, and the answers that need no account.

use crate::answers::Answer;
use app::domain::Intent;

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

/// What Dossier can do, with examples.
pub fn help() -> Answer {
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

/// The answer to thanks: brief, and what else there is.
pub fn thanks(account: Option<&str>) -> String {
    match account {
        Some(name) => format!(
            "You're welcome — good luck with {name}! Ask me anything else, or say              “Create my meeting prep one-pager” to take it along."
        ),
        None => "You're welcome! Tell me who you're meeting next whenever you're ready.".into(),
    }
}

/// A message the rules could not place: the buttons under it are the best guesses.
pub fn did_you_mean(said: &str) -> String {
    let said: String = said.chars().take(80).collect();
    format!(
        "I'm not sure what you mean by “{}”. Did you mean…?",
        said.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::fixtures::*;

    #[test]
    fn help_lists_what_dossier_does() {
        let a = help();
        assert_eq!(
            a.text,
            [
                "Here's what I can do:",
                "• Prepare a meeting: \"Help me prepare for my meeting with Acme\"",
                "• Ask about the account: business overview, technology stack, news & funding, hiring, decision makers (\"who's the CISO?\"), competitors",
                "• Get advice: product fit, risks, conversation starters, ROI, expansion, success metrics, integration points",
                "• \"Create my meeting prep one-pager\" for a summary to take along",
                "• Tell me your role and the meeting's purpose to tailor all of it",
                "Every answer lists its sources; what I couldn't find, I say.",
            ]
            .join("\n")
        );
        assert!(a.sources.is_empty());
    }

    #[test]
    fn only_help_and_switching_need_no_account() {
        assert_eq!(general(Intent::Help), Some(help()));
        assert_eq!(
            general(Intent::SwitchAccount).map(|a| a.text),
            Some(
                "Which account are you meeting next? Type its name or website — this \
                 conversation stays here above."
                    .to_string()
            )
        );
        let needs_account = Intent::ALL
            .into_iter()
            .filter(|i| general(*i).is_none())
            .count();
        assert_eq!(needs_account, Intent::ALL.len() - 2);
        assert_eq!(ask(&bare(), Intent::Help), help());
    }
}
