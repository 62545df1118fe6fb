//! A company's domain from what a rep or a CRM wrote (`https://www.acme.com/pricing`,
//! `acme.com`, `ACME.COM.`): its registrable public domain (`acme.com`, `acme.co.uk`), by
//! the public suffix list compiled into the `psl` crate. IP addresses, `localhost`, bare
//! names and internal suffixes (`.local`, `.internal`, `.corp`) are refused: research
//! must only ever reach the public web.

use url::{Host, Url};

/// The registrable domain in `input`, lower case (IDNs in their `xn--` form), or why not.
pub fn registrable_domain(input: &str) -> Result<String, String> {
    let raw = input.trim();
    if raw.is_empty() {
        return Err("No website given.".into());
    }
    if raw.chars().count() > 300 {
        return Err("That website address is too long.".into());
    }
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    let url = Url::parse(&with_scheme).map_err(|_| format!("“{raw}” is not a website."))?;
    if !matches!(url.scheme(), "http" | "https") || !url.username().is_empty() {
        return Err(format!("“{raw}” is not a website."));
    }
    let host = match url.host() {
        Some(Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
            return Err(format!(
                "“{raw}” is an IP address; give the company's domain."
            ));
        }
        None => return Err(format!("“{raw}” is not a website.")),
    };
    let domain = psl::domain(host.as_bytes())
        .filter(|d| d.suffix().is_known())
        .ok_or_else(|| format!("“{host}” is not a public domain."))?;
    std::str::from_utf8(domain.as_bytes())
        .map(str::to_string)
        .map_err(|_| format!("“{host}” is not a public domain."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_become_their_registrable_domain() {
        for (input, want) in [
            ("https://www.acme.com/", "acme.com"),
            ("acme.com", "acme.com"),
            ("ACME.COM.", "acme.com"),
            ("https://www.notion.so/pricing", "notion.so"),
            ("http://shop.acme.co.uk:8080/x?y=1", "acme.co.uk"),
            ("stripe.com", "stripe.com"),
            ("münchen.de", "xn--mnchen-3ya.de"),
        ] {
            assert_eq!(registrable_domain(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn private_and_made_up_names_are_refused() {
        for input in [
            "",
            "localhost",
            "http://localhost:3000",
            "127.0.0.1",
            "http://[::1]/",
            "10.0.0.7",
            "intranet",
            "acme.internal",
            "printer.local",
            "co.uk",
            "mailto:ceo@acme.com",
            "javascript:alert(1)",
            "acme .com",
            &"a".repeat(400),
        ] {
            assert!(registrable_domain(input).is_err(), "{input:?} was accepted");
        }
    }
}
