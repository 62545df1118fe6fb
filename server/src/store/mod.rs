//! The SurrealDB store: connection, schema, and one repository module per table group.
//! The only place with SurrealQL. User input is always bound, never spliced.

pub mod accounts;
pub mod cache;
pub mod connections;
pub mod conversation;
pub mod events;
pub mod preps;
pub mod promises;
pub mod runs;
pub mod sends;
pub mod sessions;
pub mod shares;
pub mod users;

use crate::config::Settings;
use surrealdb::Surreal;
use surrealdb::engine::any::{Any, connect};

const SCHEMA: &str = include_str!("schema.surql");

/// A failure talking to the database. Never shown to users as is.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] surrealdb::Error),
    /// A guarded transition was already made by another writer.
    #[error("already done: {0}")]
    Conflict(String),
    #[error("stored data did not decode: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("could not create {path}: {source}")]
    Dir {
        path: String,
        source: std::io::Error,
    },
}

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Surreal<Any>,
    events: events::SeqCache,
}

impl Store {
    /// Connect to `settings.db_url`, sign in if credentials are set, apply the schema.
    pub async fn connect(settings: &Settings) -> Result<Self, StoreError> {
        if let Some(path) = settings.db_url.strip_prefix("surrealkv://")
            && let Some(parent) = std::path::Path::new(path).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Dir {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let db = connect(settings.db_url.as_str()).await?;
        if let (Some(user), Some(pass)) = (&settings.db_user, &settings.db_pass) {
            db.signin(surrealdb::opt::auth::Root {
                username: user.clone(),
                password: pass.clone(),
            })
            .await?;
        }
        db.use_ns("dossier").use_db("main").await?;
        db.query(SCHEMA).await?.check()?;
        Ok(Self {
            db,
            events: events::SeqCache::default(),
        })
    }

    /// The raw connection, for the live subscription.
    pub fn db(&self) -> &Surreal<Any> {
        &self.db
    }
}

/// Decode rows fetched as JSON into `T`.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    rows: Vec<serde_json::Value>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter()
        .map(|r| serde_json::from_value(r).map_err(StoreError::from))
        .collect()
}
