use crate::*;
use app::domain::StepKey;
use server::sources::ErrorKind;
use server::sources::providers::google_news_rss::{GoogleNewsRss, NAME};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub fn source(c: &ProviderConfig) -> GoogleNewsRss {
    GoogleNewsRss::new(&http("Google News RSS", c))
}

/// A feed of three items; `title` (XML-escaped here) is the first one's, before " - TechCrunch".
pub fn feed(title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        r##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator>
<title>"Acme Corp" - Google News</title><link>https://news.google.com/search?q=%22Acme+Corp%22</link>
<language>en-US</language><webMaster>news-webmaster@google.com</webMaster><copyright>2026 Google LLC</copyright>
<lastBuildDate>Wed, 18 Nov 2026 10:00:00 GMT</lastBuildDate><description>Google News</description>
<item>
 <title>{title} - TechCrunch</title>
 <link>https://news.google.com/rss/articles/CBMiW2h0dHBzOi8vdGVjaGNydW5jaC5jb20v?oc=5</link>
 <guid isPermaLink="false">CBMiW2h0dHBzOi8vdGVjaGNydW5jaC5jb20v</guid>
 <pubDate>Thu, 12 Nov 2026 14:00:00 GMT</pubDate>
 <description>&lt;a href="https://news.google.com/rss/articles/CBMi?oc=5" target="_blank"&gt;Acme&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;TechCrunch&lt;/font&gt;</description>
 <source url="https://techcrunch.example">TechCrunch</source>
</item>
<item>
 <title>Acme Corp &amp; Globex sign payments deal - The Springfield Ledger</title>
 <link>https://news.google.com/rss/articles/CBMiAAA?oc=5</link>
 <pubDate>Mon, 16 Nov 2026 23:30:00 -0500</pubDate>
 <source url="https://ledger.example">The Springfield Ledger</source>
</item>
<item>
 <title>Acme Corp: a profile</title>
 <link>https://news.google.com/rss/articles/CBMiBBB?oc=5</link>
 <pubDate>sometime</pubDate>
</item>
</channel></rss>"##
    )
}

pub fn mocks(title: &str) -> Vec<Mock> {
    vec![Mock::given(path("/rss/search")).respond_with(
        ResponseTemplate::new(200).set_body_raw(feed(title), "application/xml; charset=utf-8"),
    )]
}

#[tokio::test]
async fn feed_items_become_news_without_the_publisher_suffix() {
    let server = MockServer::start().await;
    Mock::given(path("/rss/search"))
        .and(query_param("q", "\"Acme Corp\""))
        .and(query_param("hl", "en-US"))
        .and(query_param("gl", "US"))
        .and(query_param("ceid", "US:en"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            feed("Acme Corp raises $50M Series C"),
            "application/xml; charset=utf-8",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, false)), StepKey::News)
        .await
        .unwrap();
    let seen = news_rows(&f);
    assert_eq!(
        seen,
        [
            (
                "Acme Corp raises $50M Series C",
                "2026-11-12",
                true,
                Some("TechCrunch")
            ),
            (
                "Acme Corp & Globex sign payments deal",
                "2026-11-17",
                false,
                Some("The Springfield Ledger")
            ),
            ("Acme Corp: a profile", "", false, None),
        ],
        "-0500 evening is the next day in UTC; a bad date is left empty"
    );
    assert_eq!(
        news(&f)[0].url,
        "https://news.google.com/rss/articles/CBMiW2h0dHBzOi8vdGVjaGNydW5jaC5jb20v?oc=5"
    );
    assert_source(&f, NAME, 0.75, "2026-11-17");
}

#[tokio::test]
async fn an_empty_feed_is_an_empty_answer() {
    let server = MockServer::start().await;
    Mock::given(path("/rss/search"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>"Acme Corp" - Google News</title></channel></rss>"#,
            "application/xml",
        ))
        .mount(&server)
        .await;
    let f = collect(&source(&config(&server, false)), StepKey::News)
        .await
        .unwrap();
    assert_empty(&f, NAME);
}

#[tokio::test]
async fn a_captcha_page_is_malformed() {
    let server = MockServer::start().await;
    Mock::given(path("/rss/search"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "<!DOCTYPE html><html><head><title>https://news.google.com/rss/search</title></head><body>Our systems have detected unusual traffic from your computer network.<form action=\"index\"><input name=\"captcha\"></form></body></html>",
            "text/html; charset=UTF-8",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = collect(&source(&config(&server, false)), StepKey::News)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Malformed);
    assert_eq!(
        err.to_string(),
        "Google News RSS: answered with a web page instead of the news feed (probably a captcha)"
    );
}

#[tokio::test]
async fn hostile_feed_text_stays_text() {
    let server = MockServer::start().await;
    for m in mocks("<img src=x onerror=alert(1)>\u{7}Acme\u{202E}  news") {
        m.mount(&server).await;
    }
    let f = collect(&source(&config(&server, false)), StepKey::News)
        .await
        .unwrap();
    assert_eq!(news(&f)[0].title, "<img src=x onerror=alert(1)>Acme news");
}
