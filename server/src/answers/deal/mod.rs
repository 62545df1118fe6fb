//! Deal strategy: product fit and expansion ([`fit`]), competitors ([`competitors`]), risks
//! ([`risks`]), and ROI and success metrics ([`value`]).

pub mod competitors;
pub mod fit;
pub mod risks;
pub mod value;
