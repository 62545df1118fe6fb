//! Research: what was found ([`facts`]) and how it is told to the rep ([`report`],
//! [`analysis`]). Where facts come from lives in [`crate::sources`].

pub mod analysis;
pub mod facts;
pub mod report;

pub use facts::{Collected, Findings};
