//! DNS pinning: a hop's host is resolved once, here, every address is vetted, and the
//! client for that hop can connect to those addresses only.

use super::address::{Target, vet_ip};
use super::{FetchError, FetchPolicy};
use std::net::SocketAddr;
use std::sync::Arc;

/// A host resolving to more addresses than this is not a website we need.
const MAX_ADDRS: usize = 32;

/// The addresses to connect to: the literal, or every address the name resolves to, all
/// of which must be public.
pub(super) async fn resolve(
    target: &Target,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, FetchError> {
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
pub(super) fn client_for(
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
