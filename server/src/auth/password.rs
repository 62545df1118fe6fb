//! Password hashes: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), as PHC
//! strings. Hashing takes tens of milliseconds of CPU, so it runs off the async threads;
//! an unknown email is checked against a fixed hash, so it takes as long as a wrong password.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's argon2id parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of `password` with a fresh salt.
pub fn hash(password: &str) -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let salt = SaltString::encode_b64(&bytes).expect("16 bytes make a valid salt");
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id hashes any password of at most 1 KB")
        .to_string()
}

/// Whether `password` is the one `phc` was made from (false for a malformed hash).
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash no password matches in practice: what an unknown email is checked against.
static DECOY: LazyLock<String> = LazyLock::new(|| hash(&crate::random_id(32)));

/// Check a password for an account that may not exist, in about the same time either way.
pub fn verify_or_decoy(password: &str, phc: Option<&str>) -> bool {
    match phc {
        Some(phc) => verify(password, phc),
        None => {
            verify(password, &DECOY);
            false
        }
    }
}

/// Hashes computed at once, at most (each takes 19 MiB and a core for tens of ms): a flood
/// of sign-ins waits here instead of taking the machine's memory.
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| tokio::sync::Semaphore::new(2));

/// [`hash`], off the async threads.
pub async fn hash_blocking(password: String) -> String {
    let _turn = HASHING
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .expect("the hashing thread does not panic")
}

/// [`verify_or_decoy`], off the async threads.
pub async fn verify_blocking(password: String, phc: Option<String>) -> bool {
    let _turn = HASHING
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || verify_or_decoy(&password, phc.as_deref()))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse battery");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert_ne!(
            h,
            hash("correct horse battery"),
            "each hash has its own salt"
        );
    }

    #[test]
    fn a_malformed_hash_or_an_unknown_account_never_verifies() {
        assert!(!verify("anything", "not a hash"));
        assert!(!verify("anything", ""));
        assert!(!verify_or_decoy("anything", None));
    }
}
