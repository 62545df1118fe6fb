//! The fetcher's address checks, DNS pinning and page reading.

use super::page::{cookie_name, is_html_type};
use super::pinned::resolve;
use super::*;
use std::net::IpAddr;

#[test]
fn ip_classifier_table() {
    let table: &[(&str, bool)] = &[
        // public
        ("8.8.8.8", true),
        ("1.1.1.1", true),
        ("93.184.215.14", true),
        ("172.15.255.255", true),
        ("172.32.0.1", true),
        ("100.63.255.255", true),
        ("100.128.0.1", true),
        ("198.17.255.255", true),
        ("198.20.0.1", true),
        ("169.253.1.1", true),
        ("223.255.255.254", true),
        ("2606:4700:4700::1111", true),
        ("2a00:1450:4001:82a::200e", true),
        ("::ffff:8.8.8.8", true),
        ("64:ff9b::808:808", true),
        // unspecified, loopback, private
        ("0.0.0.0", false),
        ("0.1.2.3", false),
        ("127.0.0.1", false),
        ("127.255.255.254", false),
        ("10.0.0.1", false),
        ("10.255.255.255", false),
        ("172.16.0.1", false),
        ("172.31.255.255", false),
        ("192.168.1.1", false),
        // link-local, cloud metadata
        ("169.254.169.254", false),
        ("169.254.0.1", false),
        // CGNAT, benchmarking, documentation, protocol assignments
        ("100.64.0.1", false),
        ("100.127.255.255", false),
        ("198.18.0.1", false),
        ("198.19.255.255", false),
        ("192.0.2.1", false),
        ("198.51.100.7", false),
        ("203.0.113.9", false),
        ("192.0.0.8", false),
        ("192.88.99.1", false),
        // multicast, reserved, broadcast
        ("224.0.0.1", false),
        ("239.255.255.250", false),
        ("240.0.0.1", false),
        ("255.255.255.255", false),
        // IPv6 specials
        ("::", false),
        ("::1", false),
        ("fe80::1", false),
        ("febf::1", false),
        ("fec0::1", false),
        ("fc00::1", false),
        ("fd12:3456:789a::1", false),
        ("ff02::1", false),
        ("ff05::2", false),
        ("100::1", false),
        ("2001:db8::1", false),
        ("2001::1", false),
        ("2001:2::1", false),
        ("2001:10::1", false),
        ("2002:7f00:1::1", false),
        ("3fff::1", false),
        ("64:ff9b:1::1", false),
        // IPv4-mapped / -compatible / NAT64 forms of blocked addresses
        ("::ffff:127.0.0.1", false),
        ("::ffff:10.0.0.1", false),
        ("::ffff:169.254.169.254", false),
        ("::ffff:0.0.0.0", false),
        ("::127.0.0.1", false),
        ("::8.8.8.8", false),
        ("64:ff9b::7f00:1", false),
        ("64:ff9b::a9fe:a9fe", false),
    ];
    for (text, public) in table {
        let ip: IpAddr = text.parse().unwrap();
        assert_eq!(is_public_ip(ip), *public, "{text}");
    }
}

fn vet(url: &str) -> Result<Target, FetchError> {
    vet_url(&Url::parse(url).unwrap(), false)
}

#[test]
fn only_http_and_https_without_credentials() {
    assert!(
        matches!(vet("https://example.com/"), Ok(Target::Name { ref host, port: 443 }) if host == "example.com")
    );
    assert!(
        matches!(vet("http://Example.COM/a?b"), Ok(Target::Name { ref host, port: 80 }) if host == "example.com")
    );
    for bad in [
        "ftp://example.com/",
        "file:///etc/passwd",
        "gopher://example.com/",
        "data:text/html,hi",
        "javascript:alert(1)",
        "https://user@example.com/",
        "https://user:pw@example.com/",
        "https://:pw@example.com/",
        "https://example.com:8080/",
        "http://example.com:22/",
    ] {
        assert!(
            matches!(vet(bad), Err(FetchError::InvalidUrl(_))),
            "{bad}: {:?}",
            vet(bad)
        );
    }
    assert!(Url::parse("not a url").is_err());
}

#[test]
fn userinfo_does_not_hide_the_real_host() {
    // The host is 127.0.0.1; `evil` is a user name. Refused either way.
    let url = Url::parse("http://evil@127.0.0.1/").unwrap();
    assert_eq!(url.host_str(), Some("127.0.0.1"));
    assert!(vet("http://evil@127.0.0.1/").is_err());
    // With private addresses allowed, credentials are still refused.
    assert_eq!(
        vet_url(&url, true),
        Err(FetchError::InvalidUrl("credentials in the address"))
    );
    // `example.com@127.0.0.1`: the host is the address after `@`.
    let url = Url::parse("http://example.com@127.0.0.1/").unwrap();
    assert_eq!(url.host_str(), Some("127.0.0.1"));
    assert!(vet_url(&url, false).is_err());
}

#[test]
fn numeric_host_forms_are_normalised_and_refused() {
    // The WHATWG URL parser turns decimal, hex and octal hosts into dotted IPv4.
    for (form, normal) in [
        ("http://2130706433/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://0x7f000001/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://017700000001/", "127.0.0.1"),
        ("http://127.1/", "127.0.0.1"),
        ("http://0/", "0.0.0.0"),
        ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"),
        ("http://2852039166/", "169.254.169.254"),
    ] {
        let url = Url::parse(form).unwrap();
        assert_eq!(url.host_str(), Some(normal), "{form}");
        assert_eq!(vet(form), Err(FetchError::Blocked), "{form}");
    }
    // A public numeric form passes as the IP it means.
    assert_eq!(
        vet("http://134744072/"),
        Ok(Target::Ip("8.8.8.8:80".parse().unwrap()))
    );
}

#[test]
fn ipv6_literals_are_vetted() {
    for bad in [
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[fe80::1%25eth0]/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
    ] {
        match Url::parse(bad) {
            // A zone id is not valid in a URL host: unparsable is refused too.
            Err(_) => continue,
            Ok(url) => assert_eq!(vet_url(&url, false), Err(FetchError::Blocked), "{bad}"),
        }
    }
    assert_eq!(
        vet("https://[2606:4700:4700::1111]/"),
        Ok(Target::Ip("[2606:4700:4700::1111]:443".parse().unwrap()))
    );
}

#[test]
fn internal_names_are_refused_before_any_lookup() {
    for bad in [
        "http://localhost/",
        "http://LOCALHOST./",
        "http://app.localhost/",
        "http://printer.local/",
        "http://metadata.google.internal/",
        "http://intranet/",
        "http://1.0.0.127.in-addr.arpa/",
    ] {
        assert_eq!(vet(bad), Err(FetchError::Blocked), "{bad}");
    }
    // With private allowed (tests), names are left to the resolver.
    let url = Url::parse("http://localhost:8080/").unwrap();
    assert!(vet_url(&url, true).is_ok());
}

#[tokio::test]
async fn a_name_resolving_to_loopback_is_refused() {
    let target = Target::Name {
        host: "localhost".into(),
        port: 80,
    };
    assert_eq!(resolve(&target, false).await, Err(FetchError::Blocked));
    assert!(resolve(&target, true).await.is_ok());
}

#[tokio::test]
async fn a_private_literal_is_refused_without_connecting() {
    let policy = FetchPolicy {
        allow_private: false,
        timeout: Duration::from_secs(2),
        max_bytes: 10_000,
        user_agent: "test".into(),
    };
    for url in [
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
    ] {
        assert_eq!(
            fetch(url, &policy).await.unwrap_err(),
            FetchError::Blocked,
            "{url}"
        );
    }
    assert!(matches!(
        fetch("ftp://example.com/", &policy).await,
        Err(FetchError::InvalidUrl(_))
    ));
}

#[test]
fn cookie_names_are_sane_tokens() {
    assert_eq!(
        cookie_name(b"__cf_bm=abc; path=/; HttpOnly").as_deref(),
        Some("__cf_bm")
    );
    assert_eq!(
        cookie_name(b" _ga = GA1.2; Max-Age=1").as_deref(),
        Some("_ga")
    );
    assert_eq!(cookie_name(b"novalue"), None);
    assert_eq!(cookie_name(b"=v"), None);
    assert_eq!(cookie_name(b"<script>=1"), None);
    assert_eq!(
        cookie_name(&[b'a'; 500].iter().chain(b"=1").copied().collect::<Vec<_>>()),
        None
    );
}

#[test]
fn html_types() {
    assert!(is_html_type(None));
    assert!(is_html_type(Some("text/html")));
    assert!(is_html_type(Some("application/xhtml+xml")));
    assert!(!is_html_type(Some("application/pdf")));
    assert!(!is_html_type(Some("application/json")));
    assert!(!is_html_type(Some("image/png")));
}

#[test]
fn cut_respects_char_boundaries() {
    assert_eq!(cut("héllo", 2), "h");
    assert_eq!(cut("abc", 10), "abc");
}
