//! Fetch one public web page without letting it reach into our own network (SSRF).
//!
//! Every hop (the first request and each redirect) is vetted the same way:
//! - only `http` and `https`, no user name or password in the URL, and (unless private
//!   addresses are allowed) only the default ports 80 and 443;
//! - the host is resolved here, with [`tokio::net::lookup_host`], and the fetch is refused
//!   if *any* resolved address is not a public unicast address ([`is_public_ip`]);
//! - the request then connects to exactly those vetted addresses: the client gets them as
//!   DNS overrides and its own resolver refuses every other name, and proxies are off, so a
//!   second, different DNS answer (DNS rebinding) can never be used.
//!
//! Redirects are followed by hand, at most [`MAX_REDIRECTS`] of them. One deadline
//! (`timeout`) covers the whole fetch: lookups, every hop and the body. The body is read
//! as a stream and cut at `max_bytes`: the rest is never read (the connection is dropped),
//! and the cut page is still analysed ([`Page::truncated`] says so). Only HTML bodies (or
//! bodies without a content type) are read at all; no compression is asked for, so the
//! bytes read are the bytes analysed.

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, LOCATION, SET_COOKIE};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// The most redirects followed before the fetch is refused.
pub const MAX_REDIRECTS: usize = 5;
/// At most this many response headers are kept, each value cut to [`MAX_HEADER_VALUE`].
const MAX_HEADERS: usize = 200;
const MAX_HEADER_VALUE: usize = 1_024;
/// At most this many cookie names are kept, each cut to [`MAX_COOKIE_NAME`] bytes.
const MAX_COOKIES: usize = 100;
const MAX_COOKIE_NAME: usize = 128;
/// A host resolving to more addresses than this is not a website we need.
const MAX_ADDRS: usize = 32;

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchPolicy {
    /// Let the fetch reach private, loopback and link-local addresses, and any port.
    /// Tests only.
    pub allow_private: bool,
    /// The deadline for the whole fetch, redirects and body included.
    pub timeout: Duration,
    /// The body is cut after this many bytes.
    pub max_bytes: usize,
    pub user_agent: String,
}

/// The page at the end of the redirects.
#[derive(Clone, Debug)]
pub struct Page {
    /// The URL of the page (after redirects).
    pub url: Url,
    pub status: u16,
    /// Response headers: lower-case name, value (lossy UTF-8, cut at 1 KB).
    pub headers: Vec<(String, String)>,
    /// The names of the cookies the page sets.
    pub cookies: Vec<String>,
    /// The `Content-Type` essence (`text/html`), lower case, when given.
    pub content_type: Option<String>,
    /// The body (lossy UTF-8), read only for a successful HTML page; `None` otherwise.
    pub body: Option<String>,
    /// The body was longer than `max_bytes` and was cut there.
    pub truncated: bool,
}

impl Page {
    /// A 2xx answer.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// HTML, or no content type at all (then we look anyway).
    pub fn is_html(&self) -> bool {
        is_html_type(self.content_type.as_deref())
    }
}

/// Why a fetch gave no page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an http(s) URL we are willing to fetch (scheme, credentials, port, no host).
    #[error("not a fetchable web address: {0}")]
    InvalidUrl(&'static str),
    /// The host is or resolves to a private, loopback, link-local or otherwise non-public
    /// address.
    #[error("refused to fetch a private address")]
    Blocked,
    #[error("too many redirects")]
    TooManyRedirects,
    /// A redirect without a usable `Location`.
    #[error("a broken redirect")]
    BadRedirect,
    #[error("timed out")]
    Timeout,
    /// The name did not resolve.
    #[error("the address could not be found")]
    Unresolved,
    /// Connection, TLS or protocol failure.
    #[error("the connection failed")]
    Connect,
}

/// Fetch `url`, following redirects, under `policy`.
pub async fn fetch(url: &str, policy: &FetchPolicy) -> Result<Page, FetchError> {
    let deadline = Instant::now() + policy.timeout;
    match tokio::time::timeout_at(deadline, fetch_inner(url, policy)).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout),
    }
}

async fn fetch_inner(url: &str, policy: &FetchPolicy) -> Result<Page, FetchError> {
    let mut url = Url::parse(url).map_err(|_| FetchError::InvalidUrl("unparsable"))?;
    let mut redirects = 0;
    loop {
        let target = vet_url(&url, policy.allow_private)?;
        let addrs = resolve(&target, policy.allow_private).await?;
        let client = client_for(&target, &addrs, policy)?;
        let response = client
            .get(url.clone())
            .header(
                reqwest::header::ACCEPT,
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            )
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    FetchError::Timeout
                } else {
                    FetchError::Connect
                }
            })?;
        let status = response.status();
        if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
            if redirects >= MAX_REDIRECTS {
                return Err(FetchError::TooManyRedirects);
            }
            redirects += 1;
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or(FetchError::BadRedirect)?;
            url = url.join(location).map_err(|_| FetchError::BadRedirect)?;
            continue;
        }
        return read_page(url, response, policy.max_bytes).await;
    }
}

/// A host we may connect to, from a URL that passed the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A name to resolve, lower case, as the URL holds it.
    Name { host: String, port: u16 },
    /// An IP literal, already vetted.
    Ip(SocketAddr),
}

/// Check a URL before any connection: scheme, credentials, port and, for an IP literal,
/// the address. Names are checked again once resolved ([`resolve`]).
pub fn vet_url(url: &Url, allow_private: bool) -> Result<Target, FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl("only http and https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::InvalidUrl("credentials in the address"));
    }
    let port = url
        .port_or_known_default()
        .ok_or(FetchError::InvalidUrl("no port"))?;
    let target = vet_host(url, port, allow_private)?;
    if !allow_private && !matches!(port, 80 | 443) {
        return Err(FetchError::InvalidUrl("only ports 80 and 443"));
    }
    Ok(target)
}

fn vet_host(url: &Url, port: u16, allow_private: bool) -> Result<Target, FetchError> {
    match url.host() {
        None => Err(FetchError::InvalidUrl("no host")),
        Some(url::Host::Ipv4(ip)) => vet_ip(IpAddr::V4(ip), allow_private)
            .map(|()| Target::Ip(SocketAddr::new(IpAddr::V4(ip), port))),
        Some(url::Host::Ipv6(ip)) => vet_ip(IpAddr::V6(ip), allow_private)
            .map(|()| Target::Ip(SocketAddr::new(IpAddr::V6(ip), port))),
        Some(url::Host::Domain(name)) => {
            let host = name.to_ascii_lowercase();
            if host.is_empty() || host.len() > 253 {
                return Err(FetchError::InvalidUrl("bad host name"));
            }
            if !allow_private && is_internal_name(&host) {
                return Err(FetchError::Blocked);
            }
            Ok(Target::Name { host, port })
        }
    }
}

/// Names that only mean something inside a network: refused before any lookup.
fn is_internal_name(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    let last = host.rsplit('.').next().unwrap_or(host);
    !host.contains('.')
        || matches!(
            last,
            "localhost"
                | "local"
                | "localdomain"
                | "internal"
                | "intranet"
                | "lan"
                | "home"
                | "corp"
                | "arpa"
                | "test"
                | "invalid"
                | "onion"
        )
}

fn vet_ip(ip: IpAddr, allow_private: bool) -> Result<(), FetchError> {
    if allow_private || is_public_ip(ip) {
        Ok(())
    } else {
        Err(FetchError::Blocked)
    }
}

/// The addresses to connect to: the literal, or every address the name resolves to, all
/// of which must be public.
async fn resolve(target: &Target, allow_private: bool) -> Result<Vec<SocketAddr>, FetchError> {
    let (host, port) = match target {
        Target::Ip(addr) => return Ok(vec![*addr]),
        Target::Name { host, port } => (host, *port),
    };
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|_| FetchError::Unresolved)?
        .take(MAX_ADDRS + 1)
        .collect();
    if addrs.is_empty() {
        return Err(FetchError::Unresolved);
    }
    if addrs.len() > MAX_ADDRS {
        return Err(FetchError::Blocked);
    }
    for addr in &addrs {
        vet_ip(addr.ip(), allow_private)?;
    }
    Ok(addrs)
}

/// A resolver that resolves nothing: the client only reaches the vetted overrides.
struct NoResolver;

impl reqwest::dns::Resolve for NoResolver {
    fn resolve(&self, _name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async {
            Err::<reqwest::dns::Addrs, _>("name not vetted: refused".to_string().into())
        })
    }
}

/// A client for one hop that can only connect to `addrs`.
fn client_for(
    target: &Target,
    addrs: &[SocketAddr],
    policy: &FetchPolicy,
) -> Result<reqwest::Client, FetchError> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(Arc::new(NoResolver))
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout)
        .pool_max_idle_per_host(0)
        .user_agent(policy.user_agent.clone());
    if let Target::Name { host, .. } = target {
        builder = builder.resolve_to_addrs(host, addrs);
    }
    builder.build().map_err(|_| FetchError::Connect)
}

async fn read_page(
    url: Url,
    response: reqwest::Response,
    max_bytes: usize,
) -> Result<Page, FetchError> {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| *name != SET_COOKIE)
        .take(MAX_HEADERS)
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            (
                name.as_str().to_string(),
                cut(&value, MAX_HEADER_VALUE).to_string(),
            )
        })
        .collect();
    let mut cookies: Vec<String> = Vec::new();
    for value in response.headers().get_all(SET_COOKIE).iter() {
        if cookies.len() >= MAX_COOKIES {
            break;
        }
        if let Some(name) = cookie_name(value.as_bytes())
            && !cookies.contains(&name)
        {
            cookies.push(name);
        }
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let mut page = Page {
        url,
        status,
        headers,
        cookies,
        content_type,
        body: None,
        truncated: false,
    };
    if !page.is_success() || !page.is_html() {
        return Ok(page);
    }
    let (bytes, truncated) = read_capped(response, max_bytes).await?;
    page.body = Some(String::from_utf8_lossy(&bytes).into_owned());
    page.truncated = truncated;
    Ok(page)
}

/// Read at most `max_bytes` of the body; stop reading (and drop the connection) there.
async fn read_capped(
    response: reqwest::Response,
    max_bytes: usize,
) -> Result<(Vec<u8>, bool), FetchError> {
    use futures::StreamExt;
    let mut stream = response.bytes_stream();
    let mut body: Vec<u8> = Vec::with_capacity(max_bytes.min(64 * 1024));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            if e.is_timeout() {
                FetchError::Timeout
            } else {
                FetchError::Connect
            }
        })?;
        let room = max_bytes - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
        if body.len() == max_bytes {
            // Exactly full: cut if anything follows (reads at most one more chunk).
            let more = matches!(stream.next().await, Some(Ok(c)) if !c.is_empty());
            return Ok((body, more));
        }
    }
    Ok((body, false))
}

/// The name of the cookie in one `Set-Cookie` value, if it is a sane token.
fn cookie_name(value: &[u8]) -> Option<String> {
    let pair = value.split(|b| *b == b';').next()?;
    let eq = pair.iter().position(|b| *b == b'=')?;
    let name = std::str::from_utf8(&pair[..eq]).ok()?.trim();
    let ok = !name.is_empty()
        && name.len() <= MAX_COOKIE_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b));
    ok.then(|| name.to_string())
}

fn is_html_type(content_type: Option<&str>) -> bool {
    match content_type {
        None | Some("") => true,
        Some(t) => t == "text/html" || t == "application/xhtml+xml",
    }
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A public unicast address: one a company website may live at. Everything else
/// (private, loopback, link-local, unspecified, broadcast, multicast, documentation,
/// shared/CGNAT, benchmarking, reserved, ULA, site-local, discard, NAT64 or 6to4 forms of a
/// blocked address, IPv4-mapped or -compatible forms of one) is refused.
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], bits: u32) -> bool {
    let mask = if bits == 0 {
        0
    } else {
        u32::MAX << (32 - bits)
    };
    (u32::from(ip) & mask) == (u32::from(Ipv4Addr::from(net)) & mask)
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    const BLOCKED: &[([u8; 4], u32)] = &[
        ([0, 0, 0, 0], 8),       // "this network", unspecified
        ([10, 0, 0, 0], 8),      // private
        ([100, 64, 0, 0], 10),   // shared address space (CGNAT)
        ([127, 0, 0, 0], 8),     // loopback
        ([169, 254, 0, 0], 16),  // link-local (cloud metadata lives here)
        ([172, 16, 0, 0], 12),   // private
        ([192, 0, 0, 0], 24),    // IETF protocol assignments
        ([192, 0, 2, 0], 24),    // documentation TEST-NET-1
        ([192, 31, 196, 0], 24), // AS112
        ([192, 52, 193, 0], 24), // AMT
        ([192, 88, 99, 0], 24),  // 6to4 relay anycast (deprecated)
        ([192, 168, 0, 0], 16),  // private
        ([192, 175, 48, 0], 24), // direct delegation AS112
        ([198, 18, 0, 0], 15),   // benchmarking
        ([198, 51, 100, 0], 24), // documentation TEST-NET-2
        ([203, 0, 113, 0], 24),  // documentation TEST-NET-3
        ([224, 0, 0, 0], 4),     // multicast
        ([240, 0, 0, 0], 4),     // reserved, and 255.255.255.255 broadcast
    ];
    !BLOCKED.iter().any(|(net, bits)| in_v4(ip, *net, *bits))
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // IPv4-mapped ::ffff:a.b.c.d: the IPv4 address is what a dual-stack socket reaches.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    // NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return is_public_v4(v4);
    }
    // Only global unicast 2000::/3 is public. This refuses ::, ::1, IPv4-compatible
    // ::a.b.c.d (deprecated), 64:ff9b:1::/48, discard 100::/64, ULA fc00::/7, link-local
    // fe80::/10, site-local fec0::/10 and multicast ff00::/8.
    if s[0] & 0xe000 != 0x2000 {
        return false;
    }
    let blocked_in_global = match s[0] {
        // 2001::/23 IETF protocol assignments (Teredo, benchmarking, ORCHID) and
        // 2001:db8::/32 documentation.
        0x2001 => s[1] < 0x0200 || s[1] == 0x0db8,
        // 6to4 (deprecated; embeds an IPv4 address).
        0x2002 => true,
        // 3fff::/20 documentation.
        x => x & 0xfff0 == 0x3ff0,
    };
    !blocked_in_global
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
