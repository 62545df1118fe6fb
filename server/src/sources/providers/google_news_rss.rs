//! News from the Google News RSS search feed (free, unofficial). Keyless.

use crate::findings::{Findings, NewsItem};
use crate::sources::net::http::{Http, Request};
use crate::sources::net::text::{clean, clean_opt, clean_url, rfc2822_to_iso};
use crate::sources::providers::news::{google_news_findings, is_funding_headline};
use crate::sources::{ErrorKind, Source, SourceError};
use app::domain::{AccountSummary, StepKey};
use quick_xml::events::Event;

/// The source's name, as on a source badge.
pub const NAME: &str = "Google News RSS";
const MAX_ITEMS: usize = 20;

/// News from the Google News RSS search feed.
pub struct GoogleNewsRss {
    http: Http,
}

impl GoogleNewsRss {
    /// The source over `http`, renamed to [`NAME`].
    pub fn new(http: &Http) -> Self {
        Self {
            http: http.named(NAME),
        }
    }
}

/// One `<item>` as the feed gave it.
#[derive(Default, Debug)]
pub(crate) struct RawItem {
    title: String,
    link: String,
    pub(crate) pub_date: String,
    source: String,
}

/// Why a feed could not be read (no feed text in it).
#[derive(Debug, PartialEq)]
pub enum FeedProblem {
    WebPage,
    NotRss,
    BadXml,
}

/// The `<item>`s of an RSS 2.0 feed. Entities and CDATA are resolved; nothing else is
/// interpreted.
pub(crate) fn parse_feed(xml: &str) -> Result<Vec<RawItem>, FeedProblem> {
    let head = xml
        .trim_start()
        .get(..200)
        .unwrap_or(xml.trim_start())
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(FeedProblem::WebPage);
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut feed = Feed::default();
    loop {
        let event = reader.read_event().map_err(|_| FeedProblem::BadXml)?;
        match event {
            Event::Start(e) => feed.start(e.local_name().as_ref())?,
            Event::Empty(e) if e.local_name().as_ref() == b"rss" => feed.seen_rss = true,
            Event::Text(t) if feed.field.is_some() => {
                feed.text
                    .push_str(&t.xml_content().map_err(|_| FeedProblem::BadXml)?);
            }
            Event::CData(t) if feed.field.is_some() => {
                feed.text
                    .push_str(&t.xml_content().map_err(|_| FeedProblem::BadXml)?);
            }
            Event::GeneralRef(r) if feed.field.is_some() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    feed.text.push(c);
                } else if let Ok(name) = r.decode()
                    && let Some(s) = quick_xml::escape::resolve_predefined_entity(&name)
                {
                    feed.text.push_str(s);
                }
            }
            Event::End(e) => feed.end(e.local_name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
        if feed.items.len() >= MAX_ITEMS * 5 {
            break;
        }
    }
    if !feed.seen_rss {
        return Err(FeedProblem::NotRss);
    }
    Ok(feed.items)
}

/// A feed being read: the items so far, and where in an item the reader is.
#[derive(Default)]
struct Feed {
    items: Vec<RawItem>,
    item: Option<RawItem>,
    /// The item field whose text is being read.
    field: Option<&'static str>,
    seen_rss: bool,
    text: String,
}

impl Feed {
    /// An opening tag named `name`.
    fn start(&mut self, name: &[u8]) -> Result<(), FeedProblem> {
        match name {
            b"rss" | b"feed" | b"rdf:RDF" | b"RDF" => self.seen_rss = true,
            b"html" if !self.seen_rss => return Err(FeedProblem::WebPage),
            b"item" => self.item = Some(RawItem::default()),
            b"title" | b"link" | b"pubDate" | b"source" if self.item.is_some() => {
                self.field = Some(match name {
                    b"title" => "title",
                    b"link" => "link",
                    b"pubDate" => "pubDate",
                    _ => "source",
                });
                self.text.clear();
            }
            _ => {}
        }
        Ok(())
    }

    /// A closing tag named `name`: ends an item, or the field being read.
    fn end(&mut self, name: &[u8]) {
        match (name, self.field, self.item.as_mut()) {
            (b"item", _, Some(_)) => {
                self.items.push(self.item.take().unwrap_or_default());
                self.field = None;
            }
            (n, Some(f), Some(it)) if n == f.as_bytes() => {
                let value = std::mem::take(&mut self.text);
                match f {
                    "title" => it.title = value,
                    "link" => it.link = value,
                    "pubDate" => it.pub_date = value,
                    _ => it.source = value,
                }
                self.field = None;
            }
            _ => {}
        }
    }
}

/// `Acme raises $50M - TechCrunch` → `Acme raises $50M` when the publisher is TechCrunch.
fn strip_publisher(title: &str, publisher: &str) -> String {
    let publisher = publisher.trim();
    if !publisher.is_empty()
        && let Some(rest) = title.trim_end().strip_suffix(publisher)
        && let Some(rest) = rest.trim_end().strip_suffix(['-', '–', '—', '|'])
    {
        let rest = rest.trim_end();
        if !rest.is_empty() {
            return rest.to_string();
        }
    }
    title.to_string()
}

// The `Source` shape every provider shares (name, steps, collect); only `collect` differs.
#[async_trait::async_trait]
impl Source for GoogleNewsRss {
    fn name(&self) -> &str {
        NAME
    }

    fn steps(&self) -> &[StepKey] {
        &[StepKey::News]
    }

    async fn collect(
        &self,
        _step: StepKey,
        account: &AccountSummary,
    ) -> Result<Findings, SourceError> {
        let query = format!("\"{}\"", account.name);
        let body = self
            .http
            .send(
                Request::get("/rss/search")
                    .query("q", query.clone())
                    .query("hl", "en-US")
                    .query("gl", "US")
                    .query("ceid", "US:en"),
            )
            .await?;
        let html = body
            .content_type
            .as_deref()
            .is_some_and(|t| t.contains("text/html"));
        let text = String::from_utf8_lossy(&body.bytes);
        let raw = match parse_feed(&text) {
            Ok(_) if html => Err(FeedProblem::WebPage),
            other => other,
        };
        let raw = raw.map_err(|p| {
            self.http.error(
                ErrorKind::Malformed,
                match p {
                    FeedProblem::WebPage => {
                        "answered with a web page instead of the news feed (probably a captcha)"
                    }
                    FeedProblem::NotRss => "answered with something other than a news feed",
                    FeedProblem::BadXml => "answered with a broken news feed",
                },
            )
        })?;
        let mut items: Vec<NewsItem> = Vec::new();
        for r in raw {
            let publisher = clean_opt(Some(&r.source));
            let title = clean(&strip_publisher(&r.title, &r.source));
            let Some(url) = clean_url(&r.link) else {
                continue;
            };
            if title.is_empty() || items.iter().any(|i| i.url == url) {
                continue;
            }
            items.push(NewsItem {
                funding: is_funding_headline(&title),
                title,
                date: rfc2822_to_iso(&r.pub_date).unwrap_or_default(),
                url,
                publisher,
                src: 0,
            });
            if items.len() >= MAX_ITEMS {
                break;
            }
        }
        Ok(google_news_findings(NAME, 0.75, &query, items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publisher_suffixes_are_stripped() {
        assert_eq!(
            strip_publisher("Acme raises $50M - TechCrunch", "TechCrunch"),
            "Acme raises $50M"
        );
        assert_eq!(
            strip_publisher("Acme - the story", "TechCrunch"),
            "Acme - the story"
        );
        assert_eq!(strip_publisher("TechCrunch", "TechCrunch"), "TechCrunch");
    }

    #[test]
    fn feeds_and_web_pages_are_told_apart() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
            <item><title>A &amp; B &#x3C;script&#x3E; - Pub</title><link>https://n.example/1</link>
            <pubDate>Thu, 12 Jun 2025 14:00:00 GMT</pubDate><source url="https://pub.example">Pub</source></item>
            <item><title><![CDATA[C <b>D</b>]]></title><link>https://n.example/2</link></item>
            </channel></rss>"#;
        let items = parse_feed(xml).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title, "A & B <script> - Pub");
        assert_eq!(items[0].source, "Pub");
        assert_eq!(items[1].title, "C <b>D</b>");
        assert_eq!(
            parse_feed("<!DOCTYPE html><html><body>sorry</body></html>").unwrap_err(),
            FeedProblem::WebPage
        );
        assert_eq!(parse_feed("<foo/>").unwrap_err(), FeedProblem::NotRss);
        assert_eq!(
            parse_feed("<rss><channel><item><title>x</wrong>").unwrap_err(),
            FeedProblem::BadXml
        );
    }
}
