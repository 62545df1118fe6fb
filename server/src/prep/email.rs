//! The prep as email messages (built with lettre, which encodes every header: a name or a
//! subject cannot add a header or a recipient):
//! - the send-ahead note as an unsent draft (`.eml`, opened by a mail program as a new
//!   message for the rep to address and send);
//! - the send-ahead note mailed to the rep, to forward to the attendees;
//! - the one-pager for a colleague: an HTML body (with a plain-text one beside it) and the
//!   PDF attached.

use super::build::clean;
use super::send_ahead::SendAhead;
use lettre::Message;
use lettre::address::{Address, Envelope};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

/// Why a message could not be made.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EmailError {
    #[error("“{0}” is not an email address.")]
    BadAddress(String),
    #[error("the message could not be built: {0}")]
    Build(String),
}

/// An address as typed (trimmed; at most 254 characters; no invisible characters; lettre's
/// parse refuses spaces, line breaks and anything else that is not an address).
pub fn address(text: &str) -> Result<Address, EmailError> {
    let t = text.trim();
    let shown: String = clean(t, 80);
    // Invisible characters could make one address look like another.
    let hidden = |c: char| {
        c.is_control()
            || super::build::is_bidi_control(c)
            || matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}')
    };
    if t.is_empty() || t.len() > 254 || t.chars().any(hidden) {
        return Err(EmailError::BadAddress(shown));
    }
    t.parse::<Address>()
        .map_err(|_| EmailError::BadAddress(shown))
}

/// `Name <address>`, the name cleaned of line breaks and controls.
pub fn mailbox(name: &str, addr: Address) -> Mailbox {
    let name = clean(name, 120);
    Mailbox::new((!name.is_empty()).then_some(name), addr)
}

/// `X-Unsent: 1`: mail programs open the `.eml` as a draft to send.
#[derive(Clone)]
struct Unsent;

impl Header for Unsent {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Unsent")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Unsent)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "1".into())
    }
}

/// The send-ahead note as an unsent draft from `rep` (no recipient: the rep adds the
/// attendees), as the bytes of an `.eml` file.
pub fn draft_eml(note: &SendAhead, rep: Mailbox) -> Result<Vec<u8>, EmailError> {
    let envelope = Envelope::new(Some(rep.email.clone()), vec![rep.email.clone()])
        .map_err(|e| EmailError::Build(e.to_string()))?;
    let message = Message::builder()
        .from(rep)
        .subject(note.subject.clone())
        .header(Unsent)
        .envelope(envelope)
        .header(ContentType::TEXT_PLAIN)
        .body(note.body.clone())
        .map_err(|e| EmailError::Build(e.to_string()))?;
    Ok(message.formatted())
}

/// The send-ahead note mailed from `from` to the rep, who forwards it.
pub fn send_ahead_message(
    note: &SendAhead,
    from: Mailbox,
    rep: Mailbox,
) -> Result<Message, EmailError> {
    Message::builder()
        .from(from)
        .reply_to(rep.clone())
        .to(rep)
        .subject(note.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(note.body.clone())
        .map_err(|e| EmailError::Build(e.to_string()))
}

/// What a colleague's email holds.
pub struct ForColleague<'a> {
    pub subject: &'a str,
    /// The one-pager as Markdown (the plain-text body) and as HTML.
    pub text: String,
    pub html: String,
    pub pdf: Vec<u8>,
    pub pdf_name: &'a str,
}

/// The one-pager for colleague `to`, from `from` on behalf of `rep` (replies go to the
/// rep).
pub fn colleague_message(
    mail: ForColleague<'_>,
    from: Mailbox,
    rep: Mailbox,
    to: Mailbox,
) -> Result<Message, EmailError> {
    let pdf_type =
        ContentType::parse("application/pdf").map_err(|e| EmailError::Build(e.to_string()))?;
    let attachment: SinglePart =
        Attachment::new(clean(mail.pdf_name, 120)).body(mail.pdf, pdf_type);
    Message::builder()
        .from(from)
        .reply_to(rep)
        .to(to)
        .subject(clean(mail.subject, 150))
        .multipart(
            MultiPart::mixed()
                .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
                .singlepart(attachment),
        )
        .map_err(|e| EmailError::Build(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note() -> SendAhead {
        SendAhead {
            subject: "Ahead of our meeting — Acme".into(),
            body: "Hi all,\n\nAgenda\n• Introductions\n".into(),
        }
    }

    #[test]
    fn an_address_is_one_address() {
        assert!(address(" sam@example.com ").is_ok());
        for bad in [
            "",
            "sam",
            "sam@example.com\r\nBcc: all@example.com",
            "sam@example.com, eve@example.com",
            "<sam@example.com>",
            "\u{202e}sam@example.com",
            &format!("{}@example.com", "a".repeat(300)),
        ] {
            assert!(address(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_draft_is_unsent_and_addressed_to_no_one() {
        let rep = mailbox("Rita Rep", address("rita@example.com").unwrap());
        let eml = String::from_utf8(draft_eml(&note(), rep).unwrap()).unwrap();
        assert!(eml.contains("X-Unsent: 1\r\n"));
        assert!(
            eml.contains("From: \"Rita Rep\" <rita@example.com>")
                || eml.contains("From: Rita Rep <rita@example.com>"),
            "{eml}"
        );
        assert!(!eml.contains("\r\nTo:"));
        assert!(eml.contains("Introductions"));
    }

    #[test]
    fn a_hostile_name_or_subject_adds_no_header() {
        let rep = mailbox(
            "Rita\r\nBcc: all@example.com",
            address("rita@example.com").unwrap(),
        );
        let mut n = note();
        n.subject = "Hi\r\nBcc: all@example.com".into();
        let eml = String::from_utf8(draft_eml(&n, rep).unwrap()).unwrap();
        let headers = eml.split("\r\n\r\n").next().unwrap();
        assert!(
            !headers
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{headers}"
        );
    }

    #[test]
    fn the_colleague_gets_html_text_and_the_pdf() {
        let rep = mailbox("Rita", address("rita@example.com").unwrap());
        let from = mailbox("Rita via Dossier", address("dossier@example.com").unwrap());
        let to = mailbox("", address("sam@example.com").unwrap());
        let msg = colleague_message(
            ForColleague {
                subject: "Meeting prep — Acme",
                text: "# Meeting prep".into(),
                html: "<h1>Meeting prep</h1>".into(),
                pdf: b"%PDF-1.7 test".to_vec(),
                pdf_name: "meeting-prep-acme-v1.pdf",
            },
            from,
            rep,
            to,
        )
        .unwrap();
        let raw = String::from_utf8(msg.formatted()).unwrap();
        assert!(raw.contains("multipart/mixed"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/html"));
        assert!(raw.contains("application/pdf"));
        assert!(raw.contains("filename=\"meeting-prep-acme-v1.pdf\""));
        assert!(
            raw.contains("Reply-To: Rita <rita@example.com>") || raw.contains("Reply-To: \"Rita\"")
        );
        assert_eq!(msg.envelope().to().len(), 1);
    }
}
