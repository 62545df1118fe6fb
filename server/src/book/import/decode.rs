//! A CSV file's bytes as text. Decided: UTF-8 (a BOM is dropped), UTF-16 with its BOM
//! (Excel's "Unicode text"), and anything else that is not valid UTF-8 is read as
//! Windows-1252 (Excel's default on Windows, a superset of Latin-1): every byte of such a
//! file decodes to the character it stands for. A file with NUL bytes after decoding is
//! binary (a spreadsheet, an image, a zip) and is refused with a plain reason.

use super::ImportError;
use std::borrow::Cow;

/// How the file was read, for the import summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The file as text (borrowed when it already is UTF-8), and how it was read.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ImportError> {
    let (text, encoding) = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        let kind = if enc == encoding_rs::UTF_8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        (text, kind)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (text, Encoding::Windows1252)
            }
        }
    };
    if text.contains('\0') {
        return Err(ImportError::Binary);
    }
    Ok((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_bom_is_dropped() {
        let (text, enc) = decode(b"\xEF\xBB\xBFAccount Name\r\nAcme\r\n").unwrap();
        assert_eq!(text, "Account Name\r\nAcme\r\n");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Name\nZürich AG\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, "Name\nZürich AG\n");
        assert_eq!(enc, Encoding::Utf16);
    }

    #[test]
    fn latin1_bytes_read_as_the_letters_they_stand_for() {
        // "Société Générale;1.200.000,00 €" as Excel on Windows writes it.
        let bytes = b"Soci\xe9t\xe9 G\xe9n\xe9rale;1.200.000,00 \x80";
        let (text, enc) = decode(bytes).unwrap();
        assert_eq!(text, "Société Générale;1.200.000,00 €");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn binary_files_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(decode(png), Err(ImportError::Binary)));
        // UTF-16 without a BOM looks the same: refused rather than misread.
        let bytes: Vec<u8> = "Name".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(matches!(decode(&bytes), Err(ImportError::Binary)));
    }
}
