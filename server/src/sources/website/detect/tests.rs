//! The detector and the markup scanner, on real-looking and hostile pages.

use super::super::markup::*;
use super::super::rules::{CATEGORIES, M, RULES};
use super::*;
use std::collections::BTreeSet;

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn names(found: &[Detected]) -> BTreeSet<&'static str> {
    found.iter().map(|d| d.name).collect()
}

fn run(headers: &[(&str, &str)], cookies: &[&str], body: &str) -> Vec<Detected> {
    let headers = h(headers);
    let cookies: Vec<String> = cookies.iter().map(|c| c.to_string()).collect();
    detect(&Signals {
        headers: &headers,
        cookies: &cookies,
        body,
    })
}

#[test]
fn every_rule_compiles_has_a_category_and_there_are_enough() {
    let mut seen = BTreeSet::new();
    for rule in RULES.iter() {
        assert!(seen.insert(rule.name), "duplicate rule {}", rule.name);
        assert!(
            CATEGORIES.contains(&rule.category),
            "{}: unknown category {}",
            rule.name,
            rule.category
        );
        assert!(!rule.signs.is_empty(), "{} has no signs", rule.name);
        for sign in &rule.signs {
            match *sign {
                M::Header(name, value) => {
                    assert_eq!(name, name.to_ascii_lowercase(), "{}", rule.name);
                    Regex::new(&ci(value)).unwrap_or_else(|e| panic!("{}: {e}", rule.name));
                }
                M::Meta(_, p) | M::Script(p) | M::Host(p) => {
                    Regex::new(&ci(p)).unwrap_or_else(|e| panic!("{}: {e}", rule.name));
                }
                M::Html(literal) => {
                    assert!(
                        literal.len() >= 5,
                        "{}: {literal:?} is too short",
                        rule.name
                    );
                    assert_eq!(literal, literal.to_lowercase(), "{}", rule.name);
                }
                M::Cookie(c) => assert!(!c.is_empty()),
            }
        }
        for implied in &rule.implies {
            assert!(
                RULES.iter().any(|r| r.name == *implied),
                "{} implies unknown {implied}",
                rule.name
            );
        }
    }
    assert!(seen.len() >= 60, "only {} rules", seen.len());
    // The compiled set builds (panics otherwise).
    assert!(run(&[], &[], "").is_empty());
    // Every category a rep is promised appears.
    for cat in [
        "Cloud",
        "CDN",
        "Analytics",
        "Framework",
        "CMS",
        "CRM",
        "Marketing",
        "Identity",
        "Payments",
        "Web server",
        "Security",
        "Support",
        "Ecommerce",
    ] {
        assert!(RULES.iter().any(|r| r.category == cat), "{cat}");
    }
}

const NEXT_ON_VERCEL: &str = r#"<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width"/>
<title>Acme: payments for builders</title>
<link rel="preload" href="/_next/static/media/font.woff2" as="font"/>
<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" defer=""></script>
<script src="/_next/static/chunks/main-app-9f3a.js" async=""></script>
<script>
  !function(){var analytics=window.analytics=window.analytics||[];analytics.load=function(key){
  var t=document.createElement("script");t.src="https://cdn.segment.com/analytics.js/v1/"+key+"/analytics.min.js";}}();
</script>
<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/4242424.js"></script>
</head><body><div id="__next"><header><nav>
<a href="/pricing">Pricing</a>
<a href="https://acme.okta.com/app/acme_portal/sso/saml" class="btn">Sign in</a>
<a href="https://www.okta.com/customers/">Okta customer story</a>
</nav></header><main><h1>Build faster</h1></main></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{},"page":"/"}</script>
</body></html>"#;

#[test]
fn next_on_vercel_with_segment_hubspot_and_okta() {
    let found = run(
        &[
            ("server", "Vercel"),
            (
                "x-vercel-id",
                "fra1::iad1::abcde-1700000000000-0123456789ab",
            ),
            ("x-vercel-cache", "HIT"),
            ("x-powered-by", "Next.js"),
            ("content-type", "text/html; charset=utf-8"),
        ],
        &["__Host-session"],
        NEXT_ON_VERCEL,
    );
    assert_eq!(
        names(&found),
        BTreeSet::from(["Vercel", "Next.js", "React", "Segment", "HubSpot", "Okta"]),
        "{found:#?}"
    );
    let note = |n: &str| found.iter().find(|d| d.name == n).unwrap().note.clone();
    assert_eq!(note("Vercel"), "header server: Vercel");
    assert_eq!(note("Next.js"), "header x-powered-by: Next.js");
    assert_eq!(note("React"), "implied by Next.js");
    assert_eq!(note("HubSpot"), "script js.hs-scripts.com/4242424.js");
    assert_eq!(note("Okta"), "link acme.okta.com");
    assert_eq!(note("Segment"), "page has cdn.segment.com/analytics.js");
    let cats: Vec<_> = found.iter().map(|d| (d.name, d.category)).collect();
    assert!(cats.contains(&("Okta", "Identity")));
    assert!(cats.contains(&("Segment", "Analytics")));
    assert!(cats.contains(&("HubSpot", "CRM")));
}

const WORDPRESS: &str = r#"<!doctype html>
<html lang="en-US"><head>
<meta charset="UTF-8">
<meta name='robots' content='index, follow' />
<link rel='stylesheet' id='wp-block-library-css' href='https://brightbakery.example/wp-includes/css/dist/block-library/style.min.css?ver=6.4.2' media='all' />
<script src="https://brightbakery.example/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-ABC123XYZ9');
</script>
<meta name="generator" content="WordPress 6.4.2" />
</head><body class="home page-template-default">
<img src="/wp-content/uploads/2024/01/bread.jpg" alt="Bread">
</body></html>"#;

#[test]
fn wordpress_behind_cloudflare_with_ga4() {
    let found = run(
        &[
            ("server", "cloudflare"),
            ("cf-ray", "8f1e2d3c4b5a6978-FRA"),
            ("cf-cache-status", "DYNAMIC"),
            (
                "link",
                "<https://brightbakery.example/wp-json/>; rel=\"https://api.w.org/\"",
            ),
        ],
        &["__cf_bm"],
        WORDPRESS,
    );
    assert_eq!(
        names(&found),
        BTreeSet::from([
            "Cloudflare",
            "WordPress",
            "PHP",
            "Google Analytics",
            "jQuery"
        ]),
        "{found:#?}"
    );
    let wp = found.iter().find(|d| d.name == "WordPress").unwrap();
    // Headers are looked at first; a long value shows only the part that matched.
    assert_eq!(wp.note, "header link: api.w.org");
    let ga = found.iter().find(|d| d.name == "Google Analytics").unwrap();
    assert_eq!(ga.note, "script www.googletagmanager.com/gtag/js");
    assert_eq!(ga.category, "Analytics");
    let cf = found.iter().find(|d| d.name == "Cloudflare").unwrap();
    assert_eq!(
        (cf.note.as_str(), cf.from_body),
        ("header server: cloudflare", false)
    );
}

#[test]
fn nginx_and_php_from_headers_alone() {
    let found = run(
        &[("server", "nginx/1.25.3"), ("x-powered-by", "PHP/8.2.12")],
        &["PHPSESSID"],
        "",
    );
    assert_eq!(names(&found), BTreeSet::from(["nginx", "PHP"]));
    // Apache-Coyote is Tomcat, not the Apache HTTP Server.
    let found = run(&[("server", "Apache-Coyote/1.1")], &[], "");
    assert_eq!(names(&found), BTreeSet::from(["Apache Tomcat", "Java"]));
    let found = run(&[("server", "Apache/2.4.58 (Ubuntu)")], &[], "");
    assert_eq!(names(&found), BTreeSet::from(["Apache HTTP Server"]));
}

#[test]
fn implies_is_transitive_and_each_technology_is_reported_once() {
    // WP Engine implies WordPress, which implies PHP.
    let found = run(&[("x-powered-by", "WP Engine")], &[], "");
    assert_eq!(
        names(&found),
        BTreeSet::from(["WP Engine", "WordPress", "PHP"])
    );
    let php = found.iter().find(|d| d.name == "PHP").unwrap();
    assert_eq!(php.note, "implied by WordPress");
    // Gatsby implies React; React also shows by itself: reported once, own sign wins.
    let body = r#"<meta name="generator" content="Gatsby 5.13.1"><div id="___gatsby" data-reactroot=""></div>"#;
    let found = run(&[], &[], body);
    assert_eq!(names(&found), BTreeSet::from(["Gatsby", "React"]));
    assert_eq!(found.len(), 2);
    let react = found.iter().find(|d| d.name == "React").unwrap();
    assert_eq!(react.note, "page has data-reactroot");
    // Many signs of one technology: once.
    let body = "<script src=\"https://js.stripe.com/v3\"></script>".repeat(50);
    let found = run(&[], &["__stripe_mid", "__stripe_sid"], &body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].note, "cookie __stripe_mid");
}

#[test]
fn identity_providers_from_sign_in_links() {
    let body = r#"
<a href="https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x">Staff login</a>
<form action="https://acme.onelogin.com/trust/saml2/http-post/sso/123" method="post"></form>
<script src="https://accounts.google.com/gsi/client" async></script>
<a href="https://acme.us.auth0.com/authorize">Customer portal</a>
<a href="https://www.onelogin.com/">not a tenant</a>"#;
    let found = run(&[], &[], body);
    assert_eq!(
        names(&found),
        BTreeSet::from(["Microsoft Entra ID", "OneLogin", "Google Sign-In", "Auth0"]),
        "{found:#?}"
    );
    assert!(found.iter().all(|d| d.category == "Identity"));
}

#[test]
fn a_plain_page_shows_nothing() {
    let body = r#"<!doctype html><html><head><title>Plain Co</title>
<meta name="description" content="We make plain things">
<link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head>
<body><h1>Plain</h1><p>We work with Okta, Stripe, Salesforce and WordPress users.</p>
<a href="https://www.linkedin.com/company/plain">LinkedIn</a>
<a href="https://www.salesforce.com/">Our CRM partner</a>
<a href="https://twitter.com/plain">Twitter</a></body></html>"#;
    let found = run(
        &[
            ("content-type", "text/html"),
            ("date", "Mon, 01 Jan 2024 00:00:00 GMT"),
            ("cache-control", "no-cache"),
        ],
        &["session"],
        body,
    );
    assert!(found.is_empty(), "{found:#?}");
    assert!(run(&[], &[], "").is_empty());
}

#[test]
fn notes_are_short_and_sanitised() {
    let long = format!("cloudflare<script>alert(1)</script>{}", "x".repeat(500));
    let found = run(&[("cf-ray", &long)], &[], "");
    assert_eq!(found[0].note, "header cf-ray");
    let found = run(
        &[("server", "nginx\"<img src=x onerror=alert(1)>")],
        &[],
        "",
    );
    assert_eq!(found[0].name, "nginx");
    assert!(
        !found[0].note.contains('<') && !found[0].note.contains('"'),
        "{}",
        found[0].note
    );
    let body = format!(
        "<meta name=\"generator\" content=\"WordPress <b>{}</b>\">",
        "9".repeat(1000)
    );
    let found = run(&[], &[], &body);
    let wp = found.iter().find(|d| d.name == "WordPress").unwrap();
    assert!(wp.note.chars().count() <= 60, "{}", wp.note);
    assert!(!wp.note.contains('<'));
    assert_eq!(evidence_text("a\u{0}b\nc", 10), "a_b_c");
}

#[test]
fn scanner_reads_scripts_metas_and_links() {
    let page = extract(
        r#"<SCRIPT SRC='https://A.example/x.js?a=1&amp;b=2'></SCRIPT>
<script async src=//b.example/y.js></script><script>var s = "<div>";</script>
<meta property="og:site_name" content="Acme"><meta name=Generator content="Hugo 0.1">
<a href="/rel">x</a><a class=x href = "https://c.example/">c</a><abbr href="no">
<!-- <script src="https://commented.example/z.js"></script> -->
<form method=post action="https://d.example/f"></form><iframe src="https://e.example/"></iframe>"#,
    );
    assert_eq!(
        page.scripts,
        vec!["https://A.example/x.js?a=1&b=2", "//b.example/y.js"]
    );
    assert_eq!(
        page.metas,
        vec![
            ("og:site_name".to_string(), "Acme".to_string()),
            ("generator".to_string(), "Hugo 0.1".to_string())
        ]
    );
    assert_eq!(
        page.urls,
        vec![
            "/rel",
            "https://c.example/",
            "https://d.example/f",
            "https://e.example/"
        ]
    );
    assert_eq!(
        url_host("https://User@Acme.Okta.com:443/x").as_deref(),
        Some("acme.okta.com")
    );
    assert_eq!(
        url_host("//cdn.segment.com/a.js").as_deref(),
        Some("cdn.segment.com")
    );
    assert_eq!(url_host("/relative"), None);
    assert_eq!(url_host("javascript:alert(1)"), None);
    assert_eq!(url_host("https://<bad>/"), None);
}

#[test]
fn hostile_markup_is_bounded() {
    // 100k scripts: capped.
    let many = "<script src=\"https://cdn.example/a.js\"></script>".repeat(100_000);
    let page = extract(&many);
    assert_eq!(page.scripts.len(), MAX_SCRIPTS);
    // A 10 MB attribute: skipped as an over-long tag, the script after it is still read.
    let huge = format!(
        "<script src=\"{}\"></script><div data-x=\"{}\"></div><script src=\"https://js.stripe.com/v3\"></script>",
        "a".repeat(10_000_000),
        "b".repeat(10_000_000)
    );
    let page = extract(&huge);
    assert_eq!(page.scripts, vec!["https://js.stripe.com/v3"]);
    assert_eq!(names(&run(&[], &[], &huge)), BTreeSet::from(["Stripe"]));
    // Unclosed tags, a comment that never ends, lone `<`s, a tag with no `>`.
    for body in [
        "<script src=\"https://js.stripe.com/v3\"".to_string(),
        "<!-- <script src=\"https://js.stripe.com/v3\">".to_string(),
        "<".repeat(1_000_000),
        "<script ".repeat(200_000),
        "<meta name=generator content=".repeat(100_000),
        format!("<a href=\"{}", "x".repeat(1_000_000)),
    ] {
        let page = extract(&body);
        assert!(page.scripts.is_empty(), "{:?}", &body[..40.min(body.len())]);
        let _ = run(&[], &[], &body);
    }
    let odd = "<script src=\"\u{1F600}\u{1F600}\">é<ü<<".repeat(10_000);
    assert_eq!(extract(&odd).scripts.len(), MAX_SCRIPTS);
    let _ = run(&[], &[], &odd);
    // `<script` inside a comment is not a script, nor is a commented-out snippet.
    let page = extract("<!-- <script src=\"https://evil.example/x.js\"></script> --><p>");
    assert!(page.scripts.is_empty());
    let found = run(
        &[],
        &[],
        "<!-- <script src=\"https://js.driftt.com/x.js\"></script> --><p>",
    );
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(outside_comments("a<!--b-->c<!--d"), vec!["a", "c"]);
    assert_eq!(outside_comments("<!---->x"), vec!["", "x"]);
    // Attribute values are cut.
    let page = extract(&format!(
        "<script src=\"https://x.example/{}\">",
        "y".repeat(5_000)
    ));
    assert_eq!(page.scripts[0].len(), MAX_VALUE);
    // Many attributes: capped, no panic.
    let page = extract(&format!(
        "<meta {} name=generator content=x>",
        "a=1 ".repeat(1_000)
    ));
    assert!(page.metas.is_empty());
}
