//! Delivering a prep outside Dossier: email over SMTP ([`smtp`]), a Slack incoming webhook
//! ([`slack`]) and the Notion API ([`notion`]), each through its documented protocol with
//! its base URL from [`config`]. What is sent is made in `prep/` (pure); here it travels,
//! and a failure comes back as one plain sentence for the rep ([`Undelivered`]) — never
//! with a token, a webhook URL or an SMTP password in it, and never logged with one.

pub mod config;
pub mod notion;
pub mod slack;
pub mod smtp;

pub use config::SharingConfig;

/// Why a send did not arrive, in words the rep reads on the prep page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Undelivered(pub String);

/// The address users reach: `public` (`DOSSIER_PUBLIC_URL`), else `http://` the request's
/// `Host` (when it is a plain host name), else `http://localhost`.
pub fn base_url(public: Option<&str>, host: Option<&str>) -> String {
    if let Some(p) = public {
        return p.to_string();
    }
    let host = host
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// The three ways out, set up once at start.
pub struct Couriers {
    pub config: SharingConfig,
    /// `DOSSIER_PUBLIC_URL`, for the links a send carries.
    pub public_url: Option<String>,
    /// None without `DOSSIER_SMTP_URL`.
    pub mailer: Option<smtp::Mailer>,
    pub notion: notion::Notion,
    pub slack: slack::Slack,
}

impl Couriers {
    /// Every way out `config` sets up (a bad SMTP URL is refused at start).
    pub fn new(config: SharingConfig, user_agent: &str) -> Result<Self, config::Invalid> {
        let mailer = match (&config.smtp_url, &config.smtp_from) {
            (Some(url), Some(from)) => Some(smtp::Mailer::new(url, from, config.smtp_timeout)?),
            _ => None,
        };
        Ok(Self {
            mailer,
            ..Self::offline(config, user_agent)
        })
    }

    /// Links made for users at `url`.
    pub fn reached_at(mut self, url: Option<String>) -> Self {
        self.public_url = url;
        self
    }

    /// Slack and Notion only: no email.
    pub fn offline(config: SharingConfig, user_agent: &str) -> Self {
        Self {
            notion: notion::Notion::new(&config.notion, user_agent),
            slack: slack::Slack::new(&config.slack, &config.slack_prefix, user_agent),
            mailer: None,
            public_url: None,
            config,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_use_the_public_address_else_a_plain_host() {
        assert_eq!(
            base_url(Some("https://d.example.com"), Some("evil")),
            "https://d.example.com"
        );
        assert_eq!(
            base_url(None, Some("127.0.0.1:3000")),
            "http://127.0.0.1:3000"
        );
        for bad in ["evil.example/<script>", "a b", "", "x\r\nSet-Cookie: y"] {
            assert_eq!(base_url(None, Some(bad)), "http://localhost", "{bad:?}");
        }
        assert_eq!(base_url(None, None), "http://localhost");
    }
}
