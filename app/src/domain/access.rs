//! Why signing up or in did not work: one sentence per problem, the same in the JSON API and
//! on the sign-in pages (a form that fails is redirected back with the problem's code).

/// A sign-up or sign-in problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessProblem {
    NoName,
    LongName,
    BadEmail,
    ShortPassword,
    LongPassword,
    EmailTaken,
    InviteNeeded,
    SignupClosed,
    BadInvite,
    WrongCredentials,
    TooManyAttempts,
    NotSignedIn,
    Unavailable,
}

const ALL: [AccessProblem; 13] = [
    AccessProblem::NoName,
    AccessProblem::LongName,
    AccessProblem::BadEmail,
    AccessProblem::ShortPassword,
    AccessProblem::LongPassword,
    AccessProblem::EmailTaken,
    AccessProblem::InviteNeeded,
    AccessProblem::SignupClosed,
    AccessProblem::BadInvite,
    AccessProblem::WrongCredentials,
    AccessProblem::TooManyAttempts,
    AccessProblem::NotSignedIn,
    AccessProblem::Unavailable,
];

impl AccessProblem {
    /// The code a form's redirect carries (`/signin?error=wrong`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NoName => "name",
            Self::LongName => "long-name",
            Self::BadEmail => "email",
            Self::ShortPassword => "short-password",
            Self::LongPassword => "long-password",
            Self::EmailTaken => "taken",
            Self::InviteNeeded => "invite-needed",
            Self::SignupClosed => "closed",
            Self::BadInvite => "bad-invite",
            Self::WrongCredentials => "wrong",
            Self::TooManyAttempts => "limit",
            Self::NotSignedIn => "signed-out",
            Self::Unavailable => "unavailable",
        }
    }

    /// The problem a code names (None for anything else: a page shows no made-up text).
    pub fn from_code(code: &str) -> Option<Self> {
        ALL.into_iter().find(|p| p.code() == code)
    }

    /// What the user reads.
    pub fn text(self) -> &'static str {
        match self {
            Self::NoName => "Tell us your name.",
            Self::LongName => "A name is at most 100 characters.",
            Self::BadEmail => "That does not look like an email address.",
            Self::ShortPassword => "A password is at least 8 characters.",
            Self::LongPassword => "A password is at most 1,024 bytes.",
            Self::EmailTaken => "An account with this email already exists. Sign in instead.",
            Self::InviteNeeded => {
                "Sign-up on this server is by invite: ask a teammate for an invite link."
            }
            Self::SignupClosed => "Sign-up on this server is closed. Ask its owner for access.",
            Self::BadInvite => {
                "This invite link is not valid: it may have expired or been used. Ask for a new one."
            }
            Self::WrongCredentials => "Wrong email or password.",
            Self::TooManyAttempts => "Too many sign-in attempts. Wait a few minutes and try again.",
            Self::NotSignedIn => "Sign in first.",
            Self::Unavailable => "Dossier is busy or restarting. Please try again in a moment.",
        }
    }
}

impl std::fmt::Display for AccessProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_problem() {
        for p in ALL {
            assert_eq!(AccessProblem::from_code(p.code()), Some(p));
            assert!(p.text().ends_with('.'));
        }
        assert_eq!(AccessProblem::from_code("<script>"), None);
        assert_eq!(AccessProblem::from_code(""), None);
    }
}
