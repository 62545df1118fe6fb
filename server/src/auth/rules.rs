//! What a sign-up, a password, an invite and a session must be: pure rules, no I/O.

use app::domain::access::AccessProblem;
use std::time::Duration;

/// The shortest password accepted, in bytes.
pub const MIN_PASSWORD_BYTES: usize = 8;
/// The longest password accepted, in bytes (checked before any hashing).
pub const MAX_PASSWORD_BYTES: usize = 1_024;
/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest email address (RFC 5321's path limit).
pub const MAX_EMAIL_BYTES: usize = 254;
/// How long an invite link stays usable.
pub const INVITE_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);
/// A session ends after this long without use.
pub const SESSION_IDLE: Duration = Duration::from_secs(30 * 24 * 3600);

/// Why a sign-up's fields are refused; each reads as the sentence shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("{}", AccessProblem::NoName)]
    NoName,
    #[error("{}", AccessProblem::LongName)]
    LongName,
    #[error("{}", AccessProblem::BadEmail)]
    BadEmail,
    #[error("{}", AccessProblem::ShortPassword)]
    ShortPassword,
    #[error("{}", AccessProblem::LongPassword)]
    LongPassword,
}

impl FieldError {
    pub fn problem(&self) -> AccessProblem {
        match self {
            Self::NoName => AccessProblem::NoName,
            Self::LongName => AccessProblem::LongName,
            Self::BadEmail => AccessProblem::BadEmail,
            Self::ShortPassword => AccessProblem::ShortPassword,
            Self::LongPassword => AccessProblem::LongPassword,
        }
    }
}

/// A display name: trimmed, control characters refused, 1–100 characters.
pub fn name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::NoName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FieldError::LongName);
    }
    if name.chars().any(char::is_control) {
        return Err(FieldError::NoName);
    }
    Ok(name.to_string())
}

/// An email address as stored and looked up: trimmed and lower-cased; one `@` with
/// something before it and a dotted domain after it; no spaces, control characters or
/// angle brackets.
pub fn email(raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    if email.len() > MAX_EMAIL_BYTES {
        return Err(FieldError::BadEmail);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(FieldError::BadEmail);
    };
    let plain = |s: &str| {
        !s.is_empty()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '@' | '<' | '>' | ','))
    };
    let dotted = domain
        .split('.')
        .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && domain.contains('.');
    if plain(local) && plain(domain) && dotted {
        Ok(email)
    } else {
        Err(FieldError::BadEmail)
    }
}

/// A new password's length (in bytes: what the hash reads).
pub fn password(raw: &str) -> Result<(), FieldError> {
    match raw.len() {
        n if n < MIN_PASSWORD_BYTES => Err(FieldError::ShortPassword),
        n if n > MAX_PASSWORD_BYTES => Err(FieldError::LongPassword),
        _ => Ok(()),
    }
}

/// Whether an invite made at `created_at` (ms) and used or not can still be used at `now`.
pub fn invite_usable(created_at: i64, used: bool, now: i64) -> bool {
    !used && now >= created_at && now - created_at < INVITE_LIFETIME.as_millis() as i64
}

/// Whether a session last used at `last_seen` (ms) is still alive at `now`.
pub fn session_alive(last_seen: i64, now: i64) -> bool {
    now - last_seen < SESSION_IDLE.as_millis() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_8_to_1024_bytes() {
        assert_eq!(password("short"), Err(FieldError::ShortPassword));
        assert_eq!(password(""), Err(FieldError::ShortPassword));
        assert_eq!(password("12345678"), Ok(()));
        assert_eq!(password(&"x".repeat(1_024)), Ok(()));
        assert_eq!(password(&"x".repeat(1_025)), Err(FieldError::LongPassword));
        assert_eq!(
            password(&"x".repeat(1 << 20)),
            Err(FieldError::LongPassword)
        );
        // Bytes, not characters: four emoji are 16 bytes.
        assert_eq!(password("🔑🔑🔑🔑"), Ok(()));
        assert_eq!(password("🔑"), Err(FieldError::ShortPassword));
    }

    #[test]
    fn emails_are_trimmed_lower_cased_and_checked() {
        assert_eq!(email("  Dana@Acme.COM "), Ok("dana@acme.com".into()));
        assert_eq!(
            email("dana+crm@sub.acme.co.uk"),
            Ok("dana+crm@sub.acme.co.uk".into())
        );
        assert_eq!(email("jörg@müller.de"), Ok("jörg@müller.de".into()));
        for bad in [
            "",
            "dana",
            "dana@",
            "@acme.com",
            "dana@acme",
            "dana@@acme.com",
            "da na@acme.com",
            "dana@acme..com",
            "dana@-acme.com",
            "<dana@acme.com>",
            "dana@acme.com\u{0}",
        ] {
            assert_eq!(email(bad), Err(FieldError::BadEmail), "{bad:?}");
        }
        let huge = format!("{}@acme.com", "a".repeat(10_000));
        assert_eq!(email(&huge), Err(FieldError::BadEmail));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name("  Dana Whitfield "), Ok("Dana Whitfield".into()));
        assert_eq!(name("李小龍 🚀"), Ok("李小龍 🚀".into()));
        assert_eq!(name("   "), Err(FieldError::NoName));
        assert_eq!(name(&"n".repeat(10_000)), Err(FieldError::LongName));
        assert_eq!(name("Dana\u{7}"), Err(FieldError::NoName));
    }

    #[test]
    fn an_invite_lasts_seven_days_and_one_use() {
        let day = 24 * 3600 * 1000;
        assert!(invite_usable(0, false, 6 * day));
        assert!(!invite_usable(0, false, 7 * day));
        assert!(!invite_usable(0, true, day));
        assert!(!invite_usable(10 * day, false, day), "not from the future");
    }

    #[test]
    fn a_session_ends_after_30_days_unused() {
        let day = 24 * 3600 * 1000;
        assert!(session_alive(0, 29 * day));
        assert!(!session_alive(0, 30 * day));
    }
}
