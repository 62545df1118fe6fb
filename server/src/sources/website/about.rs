//! How a home page presents the company: the name it goes by and how it describes itself.
//!
//! The name is taken only when the page says it plainly: its `og:site_name` or
//! `application-name`, or the part of its `<title>` that reads as the domain's own name
//! ("IBM" in `IBM - United States` for ibm.com). A title like "Welcome to our store" names
//! nothing, and the account keeps the name the rep gave or the domain's.

use super::markup;
use crate::findings::CompanyFacts;
use crate::sources::net::safe_fetch::Page;

/// The longest name taken from a page, in characters.
const MAX_NAME_CHARS: usize = 80;
/// The most words a title part may have to be taken as a name.
const MAX_NAME_WORDS: usize = 6;
/// Where a page title separates the site's name from the rest.
const SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " · ", " : ", ": "];

/// The company as its home page at `page` presents it: its name and description (each
/// when the page says so), and the page's address as the website.
pub fn self_description(page: &Page, domain: &str) -> CompanyFacts {
    let body = page.body.as_deref().unwrap_or("");
    let metas = markup::extract(body).metas;
    let meta = |wanted: &[&str]| {
        wanted.iter().find_map(|want| {
            metas
                .iter()
                .find(|(name, content)| name == want && !content.trim().is_empty())
                .map(|(_, content)| readable(content, 300))
        })
    };
    let description = meta(&["og:description", "description", "twitter:description"]);
    let name = meta(&["og:site_name", "application-name"])
        .filter(|n| n.chars().count() <= MAX_NAME_CHARS)
        .or_else(|| title(body).and_then(|t| name_in_title(&t, domain)))
        // Markup in a name is not a company's name.
        .filter(|n| !n.contains(['<', '>']));
    CompanyFacts {
        name,
        description,
        website: Some(page.url.to_string()),
        src: 0,
        ..CompanyFacts::default()
    }
}

/// The text of the page's first `<title>`, outside comments.
fn title(html: &str) -> Option<String> {
    for part in markup::outside_comments(html) {
        let lower = part.to_ascii_lowercase();
        let Some(open) = lower.find("<title") else {
            continue;
        };
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find("</title")?;
        let text = readable(part.get(start..end)?, 300);
        return (!text.is_empty()).then_some(text);
    }
    None
}

/// The part of `title` that is the name of the company at `domain`: a part whose letters
/// start with the domain's first label (`IBM` for ibm.com, `Acme Robotics Ltd` for
/// acme-robotics.co.uk).
fn name_in_title(title: &str, domain: &str) -> Option<String> {
    let label = compact(domain.split('.').next().unwrap_or(""));
    if label.is_empty() {
        return None;
    }
    let mut parts = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() <= MAX_NAME_WORDS)
        .filter(|p| p.chars().count() <= MAX_NAME_CHARS)
        .find(|p| compact(p).starts_with(&label))
        .map(str::to_string)
}

/// Lower-case letters and digits only: `Acme-Robotics` → `acmerobotics`.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Markup text as plain text: common entities decoded, whitespace folded, at most `max`
/// characters.
fn readable(content: &str, max: usize) -> String {
    let decoded = content
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let folded = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max {
        folded
    } else {
        format!("{}…", folded.chars().take(max - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Page {
        Page {
            url: url::Url::parse("https://stripe.com/").unwrap(),
            status: 200,
            headers: vec![],
            cookies: vec![],
            content_type: Some("text/html".into()),
            body: Some(body.into()),
            truncated: false,
        }
    }

    #[test]
    fn the_home_page_describes_the_company_in_its_own_words() {
        let c = self_description(
            &page(
                "<html><head><title>Stripe</title>\
                 <meta name=\"description\" content=\"Stripe powers online payments &amp; \
                 financial   infrastructure.\">\
                 <meta property=\"og:description\" content=\"\"></head></html>",
            ),
            "stripe.com",
        );
        assert_eq!(
            c.description.as_deref(),
            Some("Stripe powers online payments & financial infrastructure.")
        );
        assert_eq!(c.name.as_deref(), Some("Stripe"));
        assert_eq!(c.website.as_deref(), Some("https://stripe.com/"));
        let bare = self_description(&page("<html><body>hi</body></html>"), "stripe.com");
        assert_eq!(bare.description, None);
        assert_eq!(bare.name, None);
    }

    #[test]
    fn the_name_is_the_title_part_that_reads_as_the_domain() {
        let named = |html: &str, domain: &str| self_description(&page(html), domain).name;
        assert_eq!(
            named("<title>IBM - United States</title>", "ibm.com").as_deref(),
            Some("IBM")
        );
        assert_eq!(
            named(
                "<TITLE>Home | Acme Robotics Ltd</TITLE>",
                "acme-robotics.co.uk"
            )
            .as_deref(),
            Some("Acme Robotics Ltd")
        );
        assert_eq!(
            named(
                "<meta property=\"og:site_name\" content=\"HubSpot\"><title>x</title>",
                "hubspot.com"
            )
            .as_deref(),
            Some("HubSpot")
        );
        // A title that names something else, or nothing, is not a name.
        assert_eq!(
            named("<title>Welcome to our store</title>", "acme.com"),
            None
        );
        assert_eq!(
            named("<!-- <title>Acme</title> --><p>x</p>", "acme.com"),
            None
        );
        assert_eq!(named("<title>Acme", "acme.com"), None);
        assert_eq!(
            named(
                &format!("<title>Acme {}</title>", "word ".repeat(50)),
                "acme.com"
            ),
            None
        );
    }

    #[test]
    fn markup_in_a_title_is_not_a_name() {
        let c = self_description(
            &page("<title>Acme &lt;script&gt;alert(1)&lt;/script&gt;</title>"),
            "acme.com",
        );
        assert_eq!(c.name, None);
    }
}
