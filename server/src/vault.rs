//! Secrets kept at rest — a rep's Notion token and Slack webhook — sealed with
//! ChaCha20-Poly1305 (ring, which TLS already builds): a copy of the database alone does not
//! reveal them. The key is `DOSSIER_SECRET_KEY` (64 hex characters; the same on every
//! instance of a team); without it, an embedded database keeps a random key in
//! `secret.key` beside its files (readable by its owner only), `mem://` makes one for the
//! process, and a shared `ws://` database keeps one in its `meta` table (so instances agree,
//! at the cost of that protection: set the variable).

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};

/// What a sealed value starts with (the format's version).
const PREFIX: &str = "sealed1:";

/// A key's length, in bytes.
pub const KEY_LEN: usize = 32;

/// `DOSSIER_SECRET_KEY`, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(pub [u8; KEY_LEN]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(<hidden>)")
    }
}

/// Seals and opens secrets with one key.
pub struct Vault {
    key: LessSafeKey,
    rng: SystemRandom,
}

impl Vault {
    pub fn new(key: &[u8; KEY_LEN]) -> Self {
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, key)
            .unwrap_or_else(|_| unreachable!("a 32-byte key is a ChaCha20-Poly1305 key"));
        Self {
            key: LessSafeKey::new(unbound),
            rng: SystemRandom::new(),
        }
    }

    /// A vault with a fresh random key (for a database that lives as long as the process).
    pub fn ephemeral() -> Self {
        Self::new(&random_key())
    }

    /// `plain`, sealed for `context` (whose secret it is: `{uid}/slack_webhook`, so a sealed
    /// value copied onto another rep does not open there): `sealed1:` and hex of a random
    /// nonce, the ciphertext and its tag.
    pub fn seal(&self, plain: &str, context: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        if self.rng.fill(&mut nonce).is_err() {
            // The system's random source failed: nothing can be sealed safely.
            panic!("the system random source failed");
        }
        let mut data = plain.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut data,
            )
            .unwrap_or_else(|_| unreachable!("sealing a short secret cannot fail"));
        let mut out = String::with_capacity(PREFIX.len() + 2 * (NONCE_LEN + data.len()));
        out.push_str(PREFIX);
        for b in nonce.iter().chain(data.iter()) {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }

    /// The secret `sealed` holds; None when it was sealed with another key or for another
    /// `context`, altered, or is not a sealed value at all.
    pub fn open(&self, sealed: &str, context: &str) -> Option<String> {
        let bytes = from_hex(sealed.strip_prefix(PREFIX)?)?;
        if bytes.len() < NONCE_LEN + CHACHA20_POLY1305.tag_len() {
            return None;
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut data = rest.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut data)
            .ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }
}

/// 32 random bytes.
pub fn random_key() -> [u8; KEY_LEN] {
    let mut key = [0u8; KEY_LEN];
    if SystemRandom::new().fill(&mut key).is_err() {
        panic!("the system random source failed");
    }
    key
}

/// A key written as 64 hex characters.
pub fn parse_key(hex: &str) -> Option<[u8; KEY_LEN]> {
    from_hex(hex.trim())?.try_into().ok()
}

/// A key as 64 hex characters.
pub fn key_hex(key: &[u8; KEY_LEN]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

/// The key in file `path`, made (random, owner-only) when there is none.
pub fn key_file(path: &std::path::Path) -> std::io::Result<[u8; KEY_LEN]> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_key(&text).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} does not hold a 64-hex-character key", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = random_key();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(path) {
                Ok(mut f) => {
                    std::io::Write::write_all(&mut f, key_hex(&key).as_bytes())?;
                    Ok(key)
                }
                // Made by another process at the same moment: read theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => key_file(path),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_unaltered() {
        let vault = Vault::ephemeral();
        let sealed = vault.seal("https://hooks.slack.com/services/T/B/secret", "u1/slack");
        assert!(sealed.starts_with(PREFIX));
        assert!(!sealed.contains("secret"), "{sealed}");
        assert_eq!(
            vault.open(&sealed, "u1/slack").as_deref(),
            Some("https://hooks.slack.com/services/T/B/secret")
        );
        // Copied onto another rep, it does not open.
        assert_eq!(vault.open(&sealed, "u2/slack"), None);
        // Two seals of one secret differ (a fresh nonce each).
        assert_ne!(vault.seal("x", "c"), vault.seal("x", "c"));
        // Another key, an altered byte, plain text, garbage: nothing.
        assert_eq!(Vault::ephemeral().open(&sealed, "u1/slack"), None);
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'0' { b'1' } else { b'0' };
        assert_eq!(
            vault.open(std::str::from_utf8(&altered).unwrap(), "u1/slack"),
            None
        );
        for bad in [
            "",
            "secret",
            PREFIX,
            "sealed1:zz",
            "sealed1:00",
            &"sealed1:".repeat(1000),
        ] {
            assert_eq!(vault.open(bad, "u1/slack"), None, "{bad}");
        }
        assert_eq!(vault.open(&vault.seal("", "c"), "c").as_deref(), Some(""));
    }

    #[test]
    fn a_key_file_is_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("dossier-vault-{}", crate::random_id(6)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("secret.key");
        let made = key_file(&path).unwrap();
        assert_eq!(key_file(&path).unwrap(), made);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by its owner only");
        }
        std::fs::write(&path, "not a key").unwrap();
        assert!(key_file(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(parse_key(&"ab".repeat(32)), Some([0xab; 32]));
        for bad in ["", "ab", &"zz".repeat(32), &"ab".repeat(33)] {
            assert_eq!(parse_key(bad), None);
        }
    }
}
