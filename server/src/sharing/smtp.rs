//! Email over SMTP (lettre, rustls): one conversation a message, with a deadline. The
//! server's answer to a refused message is shown to the rep (it says which address), the
//! URL and its password never are.

use super::Undelivered;
use super::config::Invalid;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// The mail server, and who its emails are from.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
}

impl Mailer {
    /// `url` as `DOSSIER_SMTP_URL` gives it, `from` as `DOSSIER_SMTP_FROM`.
    pub fn new(url: &str, from: &str, timeout: Duration) -> Result<Self, Invalid> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| Invalid {
                name: "DOSSIER_SMTP_URL",
                value: "<hidden>".into(),
                reason: "expected smtp://HOST:PORT or smtps://USER:PASS@HOST".into(),
            })?
            .timeout(Some(timeout))
            .build();
        let from = from.parse().map_err(|_| Invalid {
            name: "DOSSIER_SMTP_FROM",
            value: from.to_string(),
            reason: "expected an address such as Dossier <dossier@example.com>".into(),
        })?;
        Ok(Self { transport, from })
    }

    /// Send `message`; the reason in words when the server would not take it.
    pub async fn send(&self, message: Message) -> Result<(), Undelivered> {
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) => Err(Undelivered(reason(&e))),
        }
    }
}

/// A failed SMTP conversation in words.
fn reason(e: &lettre::transport::smtp::Error) -> String {
    if e.is_permanent() {
        // 5xx: the server's own words say what it refused ("550 unknown user").
        let said: String = e
            .to_string()
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        format!("The mail server refused the email ({said}). Check the address, then press Retry.")
    } else if e.is_transient() {
        "The mail server is busy just now and asked to try later. Press Retry in a minute.".into()
    } else if e.is_timeout() {
        "The mail server didn't answer in time. Press Retry.".into()
    } else if e.is_tls() {
        "A secure connection to the mail server could not be made (check DOSSIER_SMTP_URL).".into()
    } else {
        "Couldn't reach the mail server. Press Retry; if it keeps failing, check DOSSIER_SMTP_URL."
            .into()
    }
}
