//! The offline store. Channels live in SQLite as JSON documents (the catalogue owns their
//! shape; here they are opaque `serde_json::Value`s) next to the few columns the channel
//! list filters and sorts on. Every keystroke can be saved as a draft cheaply; revisions
//! are checkpoints (see `revisions.rs` for the policy); secrets are kept only as sealed
//! blobs produced by `switchboard-vault`.
//!
//! The store is synchronous and owns one connection: the shell keeps it behind a mutex
//! and calls it from a blocking thread.

mod backup;
mod bulk;
mod channels;
mod clock;
mod diff;
mod error;
mod export;
mod ids;
mod import;
mod list;
mod migrations;
mod model;
mod oauth;
mod open;
mod platform;
mod reference;
mod revisions;
mod schema;
mod secrets;
mod sync_journal;
mod validity;

pub use backup::{list_backups, restore_backup, restore_newest_backup, BackupInfo, KEEP_BACKUPS};
pub use bulk::{BulkApplied, BulkChange, BulkPreview, BulkStatus, BulkUndone};
pub use diff::{diff_values, FieldChange};
pub use error::StoreError;
pub use export::{ExportFile, ExportedChannel, EXPORT_FORMAT, EXPORT_VERSION, SECRETS_KEY};
pub use import::{validate_import, ImportError, ImportProblem, ImportReport, ImportedChannel};
pub use list::{Counts, ListPage, ListQuery, SortKey};
pub use migrations::LATEST_VERSION;
pub use model::{
    Channel, ChannelId, ChannelMeta, ChannelSummary, Origin, Revision, RevisionSummary, SyncState,
    Validity,
};
pub use oauth::{
    GrantRow, HealthFilter, OAuthAppRow, EXPIRES_SOON_MS, LOCAL_ACCOUNT, REFRESH_FAILURE_THRESHOLD,
};
pub use open::{Durability, OpenFailure, Store};
pub use platform::{
    Account, AccountFields, Environment, LinkedChannel, PullCounts, PullWrite, SyncBase,
    UnadoptedSource,
};
pub use reference::{RefEntry, RefKind};
pub use revisions::AUTO_CHECKPOINT_AFTER_MS;
pub use schema::{BasicSchema, DocSchema};
pub use secrets::SecretGeneration;
pub use sync_journal::{ApplyRecord, JournalEntry, JournalStep};
