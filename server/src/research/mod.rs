//! How research is told to the rep: the progress lines and step messages ([`report`]) and
//! the run's summary ([`analysis`]). What was found lives in [`crate::findings`]; where it
//! comes from, in [`crate::sources`].

pub mod analysis;
pub mod report;
