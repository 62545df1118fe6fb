//! Secrets handed to a browser or a script (session cookies, API tokens, invite codes):
//! 256 random bits, shown once; only their SHA-256 digest is stored, so a copy of the
//! database opens no session.

use sha2::{Digest, Sha256};

/// What an API token starts with, so a leaked one is easy to recognise.
pub const TOKEN_PREFIX: &str = "dsr_";

/// A new secret: 32 random bytes as 64 lower-case hex characters.
pub fn new_secret() -> String {
    crate::random_id(32)
}

/// A new API token: the prefix and a secret.
pub fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", new_secret())
}

/// Whether `value` has the shape of one of our secrets (64 hex characters, after the
/// token prefix for a token): anything else is refused before any lookup.
pub fn well_formed(value: &str) -> bool {
    let hex = value.strip_prefix(TOKEN_PREFIX).unwrap_or(value);
    hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The stored form of a secret.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_stored_only_as_digests() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert!(well_formed(&a));
        let d = digest(&a);
        assert_eq!(d.len(), 64);
        assert_ne!(d, a, "the digest is not the secret");
        assert_eq!(d, digest(&a), "the same secret, the same digest");
        assert_ne!(digest(&a), digest(&b));
    }

    #[test]
    fn tokens_carry_their_prefix() {
        let t = new_token();
        assert!(t.starts_with("dsr_"));
        assert!(well_formed(&t));
    }

    #[test]
    fn forged_values_are_not_well_formed() {
        for bad in [
            "",
            "abc",
            &"g".repeat(64),
            &"a".repeat(65),
            "dsr_",
            "'; DROP TABLE user",
        ] {
            assert!(!well_formed(bad), "{bad:?}");
        }
    }
}
