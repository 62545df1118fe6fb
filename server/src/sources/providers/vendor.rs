//! The vendor-context source: the rep's own company (products, proof points, competitors)
//! from a TOML file (`DOSSIER_VENDOR_FILE`), or the built-in demo vendor.

use crate::findings::{Collected, Findings, VendorProfile};
use crate::sources::{ErrorKind, Source, SourceError};
use app::domain::{AccountSummary, StepKey};

/// The most a vendor file may hold.
pub const MAX_VENDOR_FILE_BYTES: usize = 256 * 1024;

/// The vendor context (who we are and what we sell) as a source.
pub struct VendorSource {
    profile: VendorProfile,
    /// Where it came from: a file path, or `built-in demo vendor`.
    origin: String,
    /// The vendor's domain and a fingerprint of the profile: an edited file is a new key.
    scope: String,
}

/// Why a vendor file could not be used.
#[derive(Debug, thiserror::Error)]
#[error("vendor file {path}: {reason}")]
pub struct VendorFileError {
    /// The file as configured.
    pub path: String,
    /// What is wrong with it, in plain words.
    pub reason: String,
}

impl VendorSource {
    /// The vendor `profile`, read from `origin` (a file name, or the demo).
    pub fn new(profile: VendorProfile, origin: impl Into<String>) -> Self {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        serde_json::to_string(&profile)
            .unwrap_or_default()
            .hash(&mut h);
        let domain = if profile.domain.is_empty() {
            &profile.name
        } else {
            &profile.domain
        };
        let scope = format!("{domain}#{:016x}", h.finish());
        Self {
            profile,
            origin: origin.into(),
            scope,
        }
    }

    /// The built-in demo vendor.
    pub fn demo() -> Self {
        Self::new(crate::demo::vendor::demo_vendor(), "built-in demo vendor")
    }

    /// The vendor as configured.
    pub fn profile(&self) -> &VendorProfile {
        &self.profile
    }

    /// Read and check a vendor file.
    pub fn from_file(path: &str) -> Result<Self, VendorFileError> {
        let err = |reason: String| VendorFileError {
            path: path.to_string(),
            reason,
        };
        let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
        Ok(Self::new(parse_vendor(&bytes).map_err(err)?, path))
    }
}

/// Parse a vendor file's TOML, refusing empty, huge or nameless ones.
pub fn parse_vendor(bytes: &[u8]) -> Result<VendorProfile, String> {
    if bytes.len() > MAX_VENDOR_FILE_BYTES {
        return Err(format!(
            "is {} bytes; at most {MAX_VENDOR_FILE_BYTES}",
            bytes.len()
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_string())?;
    let profile: VendorProfile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    if profile.name.trim().is_empty() {
        return Err("needs a non-empty `name`".into());
    }
    if profile.products.is_empty() {
        return Err("needs at least one [[products]] entry".into());
    }
    Ok(profile)
}

#[async_trait::async_trait]
impl Source for VendorSource {
    fn name(&self) -> &str {
        "Vendor profile"
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::Vendor]
    }

    fn cache_scope(&self, _account: &AccountSummary) -> String {
        self.scope.clone()
    }

    async fn collect(
        &self,
        step: StepKey,
        _account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        if step != StepKey::Vendor {
            return Err(SourceError::new(
                self.name(),
                ErrorKind::Rejected,
                "only the vendor step",
            ));
        }
        Ok(Findings::from_source(
            Collected::Vendor {
                vendor: self.profile.clone(),
            },
            crate::sources::source_ref(
                &format!("{} ({})", self.profile.name, self.origin),
                1.0,
                crate::sources::today_iso(),
                None,
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "Keyfort"
domain = "keyfort.example"

[[products]]
name = "Workforce Identity"
description = "SSO and MFA"
fits = ["iam", "sso"]

[[proof_points]]
customer = "Northbeam"
industry = "FinTech"
result = "60% fewer tickets"

[[competitors]]
name = "Okta"
detect = ["okta"]
angle = "one platform"
"#;

    #[test]
    fn a_vendor_file_is_read() {
        let v = parse_vendor(GOOD.as_bytes()).unwrap();
        assert_eq!(v.name, "Keyfort");
        assert_eq!(v.products[0].fits, ["iam", "sso"]);
        assert_eq!(v.competitors[0].name, "Okta");
    }

    #[test]
    fn bad_vendor_files_say_why() {
        for (bytes, why) in [
            (b"".to_vec(), "name"),
            (
                b"name = \"\"\n[[products]]\nname=\"x\"".to_vec(),
                "non-empty",
            ),
            (b"name = \"X\"".to_vec(), "products"),
            (b"name = [1, 2".to_vec(), ""),
            (vec![0xff, 0xfe, 0x00], "UTF-8"),
            (vec![b'#'; MAX_VENDOR_FILE_BYTES + 1], "at most"),
        ] {
            let err = parse_vendor(&bytes).unwrap_err();
            assert!(err.contains(why), "{err}");
            assert!(!err.is_empty());
        }
        let hostile = "name = \"<script>alert(1)</script>\"\n[[products]]\nname = \"x\"";
        let v = parse_vendor(hostile.as_bytes()).unwrap();
        assert_eq!(
            v.name, "<script>alert(1)</script>",
            "kept as text, escaped when shown"
        );
    }

    #[test]
    fn an_edited_vendor_is_a_new_cache_key() {
        let acme = crate::demo::demo_accounts().remove(0);
        let a = VendorSource::demo();
        let mut edited = a.profile().clone();
        edited.products.pop();
        let b = VendorSource::new(edited, "edited");
        assert_ne!(a.cache_scope(&acme), b.cache_scope(&acme));
        assert!(a.cache_scope(&acme).starts_with("keyfort.example#"));
        assert_eq!(
            a.cache_scope(&acme),
            VendorSource::demo().cache_scope(&acme)
        );
    }

    #[test]
    fn the_example_vendor_file_is_valid() {
        let v = parse_vendor(include_bytes!("../../../../vendor.example.toml")).unwrap();
        assert_eq!(v.products.len(), 2);
        assert_eq!(v.competitors[0].detect, ["azure ad", "entra"]);
    }

    #[test]
    fn the_demo_vendor_is_complete() {
        let v = VendorSource::demo().profile().clone();
        assert!(v.products.len() >= 3 && !v.proof_points.is_empty());
        assert!(
            v.competitors
                .iter()
                .any(|c| c.detect.contains(&"azure ad".to_string()))
        );
    }
}
