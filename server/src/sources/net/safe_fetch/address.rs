//! Which hosts and addresses a fetch may reach: the URL checks made before any
//! connection, and the classifier of public unicast addresses.

use super::FetchError;
use reqwest::Url;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// A host we may connect to, from a URL that passed the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A name to resolve, lower case, as the URL holds it.
    Name { host: String, port: u16 },
    /// An IP literal, already vetted.
    Ip(SocketAddr),
}

/// Check a URL before any connection: scheme, credentials, port and, for an IP literal,
/// the address. Names are checked again once resolved ([`super::pinned::resolve`]).
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

pub(super) fn vet_ip(ip: IpAddr, allow_private: bool) -> Result<(), FetchError> {
    if allow_private || is_public_ip(ip) {
        Ok(())
    } else {
        Err(FetchError::Blocked)
    }
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
