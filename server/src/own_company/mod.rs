//! The rep's own company — what they sell, whom they replace, whom they won — as research
//! runs and answers read it: the company the rep saved on the settings page, else the
//! server's (a vendor file, `DOSSIER_VENDOR_FILE`, or the built-in demo vendor).

pub mod file;
pub mod text;

use crate::findings::{Collected, Findings, VendorProfile};
use crate::sources::{iso_date_from_ms, source_ref, today_iso};
use crate::store::{Store, StoreError};
use std::sync::Arc;

/// Where a company saved by the rep comes from, as its citations say.
pub const SAVED_ORIGIN: &str = "your settings";

/// A company context and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnCompany {
    pub profile: VendorProfile,
    /// `your settings`, the vendor file's path, or `built-in demo vendor`.
    pub origin: String,
    /// When it was last changed (`2026-12-02`).
    pub updated: String,
    /// Whether the rep saved it (else it is the server's).
    pub own: bool,
}

impl OwnCompany {
    /// The built-in demo vendor.
    pub fn demo() -> Self {
        Self::server(crate::demo::vendor::demo_vendor(), "built-in demo vendor")
    }

    /// The server's company, read from the vendor file at `path`.
    pub fn from_file(path: &str) -> Result<Self, file::VendorFileError> {
        Ok(Self::server(file::read_vendor_file(path)?, path))
    }

    fn server(profile: VendorProfile, origin: &str) -> Self {
        Self {
            profile,
            origin: origin.into(),
            updated: today_iso(),
            own: false,
        }
    }

    /// The vendor step's findings: the profile, cited to where it comes from.
    pub fn findings(&self) -> Findings {
        Findings::from_source(
            Collected::Vendor {
                vendor: self.profile.clone(),
            },
            source_ref(
                &format!("{} ({})", self.profile.name, self.origin),
                1.0,
                self.updated.clone(),
                None,
            ),
        )
    }
}

/// Every rep's company: their own where they saved one, the server's otherwise.
pub struct Companies {
    store: Store,
    server: Arc<OwnCompany>,
}

impl Companies {
    pub fn new(store: Store, server: OwnCompany) -> Self {
        Self {
            store,
            server: Arc::new(server),
        }
    }

    /// The company `owner` sells for.
    pub async fn of(&self, owner: &str) -> Result<Arc<OwnCompany>, StoreError> {
        Ok(match self.store.own_company(owner).await? {
            Some((profile, saved_at)) => Arc::new(OwnCompany {
                profile,
                origin: SAVED_ORIGIN.into(),
                updated: iso_date_from_ms(saved_at),
                own: true,
            }),
            None => self.server.clone(),
        })
    }

    /// The server's company (a vendor file, or the demo vendor).
    pub fn server(&self) -> Arc<OwnCompany> {
        self.server.clone()
    }

    /// The company of `owner`, or the server's when there is no owner.
    pub async fn of_owner(&self, owner: Option<&str>) -> Result<Arc<OwnCompany>, StoreError> {
        match owner {
            Some(o) => self.of(o).await,
            None => Ok(self.server()),
        }
    }

    /// Keep `profile` as `owner`'s company.
    pub async fn save(&self, owner: &str, profile: &VendorProfile) -> Result<(), StoreError> {
        self.store
            .save_own_company(owner, Some(profile), crate::now_ms())
            .await
    }

    /// Go back to the server's company.
    pub async fn reset(&self, owner: &str) -> Result<(), StoreError> {
        self.store
            .save_own_company(owner, None, crate::now_ms())
            .await
    }
}
