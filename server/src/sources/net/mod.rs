//! The plumbing every source stands on: the retrying HTTP layer for provider APIs, the
//! fetcher that cannot be pointed at private addresses, and the cleaning of text and dates
//! that come back.

pub mod http;
pub mod safe_fetch;
pub mod text;
