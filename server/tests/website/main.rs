//! The "Website scan" source against a loopback web server (wiremock): what a rep would
//! see for a real page, redirects, refusals, retries, timeouts and hostile pages.

use app::domain::{AccountSummary, StepKey};
use server::findings::{Collected, Findings, Tech};
use server::sources::website::WebsiteTechSource;
use server::sources::{ErrorKind, Source, SourceError, SourcesConfig};
use std::collections::BTreeSet;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn account() -> AccountSummary {
    AccountSummary {
        id: "acme".into(),
        name: "Acme".into(),
        domain: "acme.example".into(),
        industry: "Software".into(),
        employees: 120,
        location: "Berlin, Germany".into(),
        origin: Default::default(),
    }
}

fn config(uri: &str, allow_private: bool) -> SourcesConfig {
    let mut c = SourcesConfig {
        network: true,
        website_allow_private: allow_private,
        ..SourcesConfig::default()
    };
    c.website.base_url = uri.trim_end_matches('/').to_string();
    c.website.timeout = Duration::from_secs(5);
    c.website.retries = 2;
    c.website.backoff = Duration::from_millis(10);
    c.website.max_bytes = 1_000_000;
    c
}

async fn scan(config: &SourcesConfig) -> Result<Findings, SourceError> {
    WebsiteTechSource::new(config)
        .collect(StepKey::Tech, &account())
        .await
}

fn tech(findings: &Findings) -> &[Tech] {
    match &findings.data {
        Collected::Tech { tech } => tech,
        other => panic!("not tech: {other:?}"),
    }
}

fn names(findings: &Findings) -> BTreeSet<&str> {
    tech(findings).iter().map(|t| t.name.as_str()).collect()
}

fn note<'a>(findings: &'a Findings, name: &str) -> &'a str {
    tech(findings)
        .iter()
        .find(|t| t.name == name)
        .and_then(|t| t.note.as_deref())
        .unwrap_or_else(|| panic!("{name} not found"))
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn html(body: impl Into<Vec<u8>>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into(), "text/html; charset=utf-8")
}

const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Acme</title>
<script src="/_next/static/chunks/main-4b1f.js" async></script>
<script>(function(w,d,s,l,i){w[l]=w[l]||[];var f=d.getElementsByTagName(s)[0],j=d.createElement(s);
j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-ABCD123');</script>
<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/123456.js"></script>
<script src="https://js.stripe.com/v3/"></script>
</head><body>
<a href="https://acme.okta.com/app/acme/sso/saml">Sign in</a>
<a href="https://www.okta.com/">Okta</a>
<script id="__NEXT_DATA__" type="application/json">{"page":"/"}</script>
</body></html>"#;

#[tokio::test]
async fn a_page_shows_its_technologies_once_each() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(
            html(PAGE)
                .insert_header("server", "nginx/1.25.3")
                .insert_header("x-powered-by", "Next.js")
                .insert_header("cf-ray", "8f00aa11bb22cc33-FRA")
                .append_header("set-cookie", "__cf_bm=abc; path=/; HttpOnly; Secure")
                .append_header(
                    "set-cookie",
                    "AWSALB=xyz; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/",
                )
                .append_header("set-cookie", "AWSALBCORS=xyz; Path=/; SameSite=None"),
        )
        .mount(&server)
        .await;
    let found = scan(&config(&server.uri(), true)).await.unwrap();
    assert_eq!(
        names(&found),
        BTreeSet::from([
            "nginx",
            "Next.js",
            "React",
            "Cloudflare",
            "AWS Elastic Load Balancing",
            "Amazon Web Services",
            "Google Tag Manager",
            "HubSpot",
            "Stripe",
            "Okta",
        ]),
        "{:#?}",
        tech(&found)
    );
    // Each once.
    assert_eq!(tech(&found).len(), names(&found).len());
    assert_eq!(note(&found, "Cloudflare"), "header cf-ray");
    assert_eq!(note(&found, "AWS Elastic Load Balancing"), "cookie AWSALB");
    assert_eq!(note(&found, "Okta"), "link acme.okta.com");
    assert_eq!(note(&found, "Stripe"), "script js.stripe.com/v3/");
    let okta = tech(&found).iter().find(|t| t.name == "Okta").unwrap();
    assert_eq!((okta.category.as_str(), okta.src), ("Identity", 0));
    // The source record a rep sees on the badge.
    let src = &found.sources[0];
    assert_eq!(src.name, "Website scan");
    assert!((src.confidence - 0.7).abs() < 1e-6);
    assert_eq!(
        src.url.as_deref(),
        Some(format!("{}/", server.uri()).as_str())
    );
    assert_eq!(src.last_updated, server::sources::today_iso());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn an_empty_page_has_no_technologies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(html(""))
        .mount(&server)
        .await;
    let found = scan(&config(&server.uri(), true)).await.unwrap();
    assert!(tech(&found).is_empty(), "{:#?}", tech(&found));
    // A body without a content type is still looked at.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_bytes(b"<script src=\"https://js.stripe.com/v3\"></script>".to_vec()),
        )
        .mount(&server)
        .await;
    let found = scan(&config(&server.uri(), true)).await.unwrap();
    assert_eq!(names(&found), BTreeSet::from(["Stripe"]));
}

async fn redirect_chain(server: &MockServer, hops: usize) {
    for n in 0..hops {
        let from = if n == 0 {
            "/".to_string()
        } else {
            format!("/r{n}")
        };
        let to = if n + 1 == hops {
            "/final".to_string()
        } else {
            format!("/r{}", n + 1)
        };
        Mock::given(method("GET"))
            .and(path(from))
            .respond_with(
                ResponseTemplate::new(if n % 2 == 0 { 301 } else { 302 })
                    .insert_header("location", to),
            )
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/final"))
        .respond_with(html(r#"<meta name="generator" content="WordPress 6.5">"#))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_redirect_chain_within_the_limit_is_followed() {
    let server = MockServer::start().await;
    redirect_chain(&server, 5).await;
    let found = scan(&config(&server.uri(), true)).await.unwrap();
    assert_eq!(names(&found), BTreeSet::from(["WordPress", "PHP"]));
    assert_eq!(
        found.sources[0].url.as_deref(),
        Some(format!("{}/final", server.uri()).as_str())
    );
    assert_eq!(requests(&server).await, 6);
}

#[tokio::test]
async fn a_redirect_chain_over_the_limit_is_refused() {
    let server = MockServer::start().await;
    redirect_chain(&server, 6).await;
    let e = scan(&config(&server.uri(), true)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Rejected);
    assert_eq!(
        e.to_string(),
        "Website scan: the website redirected more than 5 times"
    );
    // Six requests (five redirects followed, the sixth refused); /final never fetched.
    assert_eq!(requests(&server).await, 6);
}

#[tokio::test]
async fn a_loopback_address_is_refused_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    let e = scan(&config(&server.uri(), false)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Rejected);
    assert_eq!(
        e.to_string(),
        "Website scan: refused to fetch a private address"
    );
    assert_eq!(requests(&server).await, 0);
    // The same loopback server through `localhost`, and a decimal form of 127.0.0.1.
    let port = server.address().port();
    for uri in [
        format!("http://localhost:{port}"),
        format!("http://2130706433:{port}"),
    ] {
        let e = scan(&config(&uri, false)).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Rejected, "{uri}: {e}");
    }
    assert_eq!(requests(&server).await, 0);
}

#[tokio::test]
async fn every_redirect_hop_is_vetted_again() {
    let port = {
        // A redirect elsewhere on loopback is allowed here (allow_private), so vet what
        // stays refused on every hop: other schemes and credentials in the address.
        let server = MockServer::start().await;
        server.address().port()
    };
    for location in [
        "file:///etc/passwd".to_string(),
        "gopher://127.0.0.1:70/_x".to_string(),
        format!("http://evil@127.0.0.1:{port}/"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/"))
            .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
            .mount(&server)
            .await;
        let e = scan(&config(&server.uri(), true)).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Rejected, "{location}: {e}");
        assert!(e.message.starts_with("refused to fetch the address"), "{e}");
        assert_eq!(requests(&server).await, 1);
    }
}

#[tokio::test]
async fn a_server_error_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(html(r#"<script src="https://js.stripe.com/v3"></script>"#))
        .mount(&server)
        .await;
    let found = scan(&config(&server.uri(), true)).await.unwrap();
    assert_eq!(names(&found), BTreeSet::from(["Stripe"]));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_server_error_that_persists_fails_after_the_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let e = scan(&config(&server.uri(), true)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unavailable);
    assert_eq!(
        e.to_string(),
        "Website scan: the website answered with an error (HTTP 502)"
    );
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_missing_home_page_is_not_found_and_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_raw("<h1>nope</h1>", "text/html"))
        .mount(&server)
        .await;
    let e = scan(&config(&server.uri(), true)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(
        e.to_string(),
        "Website scan: the website has no home page (HTTP 404)"
    );
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_slow_website_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(html(PAGE).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let mut c = config(&server.uri(), true);
    c.website.timeout = Duration::from_millis(300);
    c.website.retries = 1;
    let e = scan(&c).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(
        e.to_string(),
        "Website scan: the website did not answer in time"
    );
}

#[tokio::test]
async fn a_huge_page_is_cut_at_the_size_limit() {
    // 50 MB: a Stripe script at the top, a HubSpot script past the first 1 MB.
    let mut body = br#"<html><head><script src="https://js.stripe.com/v3"></script>"#.to_vec();
    body.resize(50_000_000, b' ');
    body.extend_from_slice(br#"<script src="//js.hs-scripts.com/1.js"></script></head></html>"#);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(html(body))
        .mount(&server)
        .await;
    let found = scan(&config(&server.uri(), true)).await.unwrap();
    assert_eq!(names(&found), BTreeSet::from(["Stripe"]));
    assert_eq!(
        note(&found, "Stripe"),
        "script js.stripe.com/v3 (scanned the first 1 MB of the page)"
    );
}

#[tokio::test]
async fn a_page_that_is_not_html_is_not_scanned() {
    for mime in ["application/pdf", "application/json", "image/png"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("server", "nginx")
                    .set_body_raw(
                        br#"<script src="https://js.stripe.com/v3"></script>"#.to_vec(),
                        mime,
                    ),
            )
            .mount(&server)
            .await;
        let e = scan(&config(&server.uri(), true)).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed, "{mime}");
        assert_eq!(
            e.to_string(),
            "Website scan: the home page is not an HTML page"
        );
        assert_eq!(requests(&server).await, 1);
    }
}

#[tokio::test]
async fn hostile_markup_neither_panics_nor_hangs() {
    let mut body = String::from("<html><head>");
    body.push_str("<!-- <script src=\"https://js.driftt.com/x.js\"></script> -->");
    body.push_str(&"<script>alert('<script src=x>')</script><script".repeat(1_000));
    body.push_str(&format!("<div data-x=\"{}\">", "A".repeat(10_000_000)));
    body.push_str(&"<script src=\"https://cdn.example/a.js\"></script>".repeat(100_000));
    body.push_str(
        "<script src=\"https://js.stripe.com/v3\"></script><meta name=generator content=",
    );
    body.push_str(&"<".repeat(100_000));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(html(body))
        .mount(&server)
        .await;
    let mut c = config(&server.uri(), true);
    c.website.max_bytes = 20_000_000;
    let found = scan(&c).await.unwrap();
    // The commented-out script is not a script, and only known hosts are reported.
    assert!(!names(&found).contains("Drift"), "{:#?}", tech(&found));
    for t in tech(&found) {
        let n = t.note.as_deref().unwrap();
        assert!(n.len() < 120 && !n.contains('<'), "{t:?}");
    }
}
