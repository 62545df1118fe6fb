//! The Accounts page's import, as a small state machine: a file is read and previewed
//! (the recognised columns, editable, and what each row will do), then imported with its
//! progress polled, then summarised with the rows rejected.

use crate::domain::import::ImportReport;
use leptos::prelude::*;

/// Where the import on the page is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// Waiting for a file.
    Idle,
    /// Reading the file and asking for a preview.
    Reading,
    Previewed(ImportReport),
    /// Writing; the report is the latest progress.
    Importing(ImportReport),
    Done(ImportReport),
}

/// The page's import: its stage, the last error, the rep's choices, the file.
#[derive(Clone, Copy)]
pub struct ImportState {
    pub stage: RwSignal<Stage>,
    pub error: RwSignal<Option<String>>,
    /// `auto`, `salesforce` or `hubspot`.
    pub source: RwSignal<String>,
    /// Column overrides: header → field name or `ignore`.
    pub mapping: RwSignal<Vec<(String, String)>>,
    pub file_name: RwSignal<String>,
    /// The file's bytes (browser only).
    pub bytes: StoredValue<Vec<u8>, LocalStorage>,
    /// Bumped when an import changes the book (the summary above refetches).
    pub changed: RwSignal<u32>,
}

impl ImportState {
    pub fn new() -> Self {
        Self {
            stage: RwSignal::new(Stage::Idle),
            error: RwSignal::new(None),
            source: RwSignal::new("auto".into()),
            mapping: RwSignal::new(Vec::new()),
            file_name: RwSignal::new(String::new()),
            bytes: StoredValue::new_local(Vec::new()),
            changed: RwSignal::new(0),
        }
    }

    /// Start over with another file.
    pub fn reset(&self) {
        self.stage.set(Stage::Idle);
        self.error.set(None);
        self.mapping.set(Vec::new());
        self.bytes.set_value(Vec::new());
    }

    /// The rep chose `field` (or `ignore`) for the column `header`.
    pub fn map_column(&self, header: String, field: String) {
        self.mapping.update(|m| {
            m.retain(|(h, _)| *h != header);
            m.push((header, field));
        });
        self.preview();
    }

    /// Read a picked or dropped file, then preview it.
    #[cfg(feature = "hydrate")]
    pub fn take_file(&self, file: web_sys::File) {
        let this = *self;
        this.error.set(None);
        this.stage.set(Stage::Reading);
        this.mapping.set(Vec::new());
        this.file_name.set(file.name());
        leptos::task::spawn_local(async move {
            match crate::api::accounts::read_file(&file).await {
                Ok(bytes) => {
                    this.bytes.set_value(bytes);
                    this.preview();
                }
                Err(e) => this.fail(e.to_string()),
            }
        });
    }

    /// Ask what the file would do, with the current source and mapping.
    pub fn preview(&self) {
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            let query = crate::api::accounts::import_query(
                true,
                &this.file_name.get_untracked(),
                &this.source.get_untracked(),
                None,
                &this.mapping.get_untracked(),
            );
            this.stage.set(Stage::Reading);
            leptos::task::spawn_local(async move {
                let bytes = this.bytes.get_value();
                match crate::api::accounts::post_import(&bytes, &query).await {
                    Ok(report) => {
                        this.error.set(None);
                        this.stage.set(Stage::Previewed(report));
                    }
                    Err(e) => this.fail(e.to_string()),
                }
            });
        }
    }

    /// Import the previewed file, polling its progress until it ends.
    pub fn import(&self) {
        let Stage::Previewed(preview) = self.stage.get_untracked() else {
            return;
        };
        #[cfg(not(feature = "hydrate"))]
        let _ = preview;
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            let id = preview.import_id.clone();
            let query = crate::api::accounts::import_query(
                false,
                &this.file_name.get_untracked(),
                &this.source.get_untracked(),
                Some(&id),
                &this.mapping.get_untracked(),
            );
            this.stage.set(Stage::Importing(preview));
            leptos::task::spawn_local(async move {
                let bytes = this.bytes.get_value();
                match crate::api::accounts::post_import(&bytes, &query).await {
                    Ok(report) => {
                        this.stage.set(Stage::Done(report));
                        this.changed.update(|n| *n += 1);
                    }
                    Err(e) => this.fail(e.to_string()),
                }
            });
            leptos::task::spawn_local(async move {
                loop {
                    gloo_timers::future::sleep(std::time::Duration::from_millis(250)).await;
                    if !matches!(this.stage.get_untracked(), Stage::Importing(_)) {
                        break;
                    }
                    if let Ok(report) = crate::api::accounts::get_import(&id).await
                        && matches!(this.stage.get_untracked(), Stage::Importing(_))
                    {
                        this.stage.set(Stage::Importing(report));
                        this.changed.update(|n| *n += 1);
                    }
                }
            });
        }
    }

    #[cfg(feature = "hydrate")]
    fn fail(&self, message: String) {
        self.error.set(Some(message));
        self.stage.set(Stage::Idle);
    }
}

impl Default for ImportState {
    fn default() -> Self {
        Self::new()
    }
}
