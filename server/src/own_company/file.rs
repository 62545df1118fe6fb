//! The server's default company: a TOML vendor file (`DOSSIER_VENDOR_FILE`), read and
//! checked at start.

use crate::findings::VendorProfile;

/// The most a vendor file may hold.
pub const MAX_VENDOR_FILE_BYTES: usize = 256 * 1024;

/// Why a vendor file could not be used.
#[derive(Debug, thiserror::Error)]
#[error("vendor file {path}: {reason}")]
pub struct VendorFileError {
    /// The file as configured.
    pub path: String,
    /// What is wrong with it, in plain words.
    pub reason: String,
}

/// Read and check the vendor file at `path`.
pub fn read_vendor_file(path: &str) -> Result<VendorProfile, VendorFileError> {
    let err = |reason: String| VendorFileError {
        path: path.to_string(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    parse_vendor(&bytes).map_err(err)
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
    fn the_example_vendor_file_is_valid() {
        let v = parse_vendor(include_bytes!("../../../vendor.example.toml")).unwrap();
        assert_eq!(v.products.len(), 2);
        assert_eq!(v.competitors[0].detect, ["azure ad", "entra"]);
    }

    #[test]
    fn the_demo_vendor_is_complete() {
        let v = crate::demo::vendor::demo_vendor();
        assert!(v.products.len() >= 3 && !v.proof_points.is_empty());
        assert!(
            v.competitors
                .iter()
                .any(|c| c.detect.contains(&"azure ad".to_string()))
        );
    }
}
