//! The book of business: the rep's accounts, their CRM records and opportunities; CRM
//! imports and the live search index over them.

pub mod domain;
pub mod import;
