//! Store failures, each with the localized message the UI or the CLI shows
//! (`src-tauri/i18n/*/store.ftl`).

use switchboard_core::Msg;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("channel {0} not found")]
    NotFound(String),
    #[error("platform account {0} not found")]
    AccountNotFound(String),
    #[error("revision {0} not found")]
    RevisionNotFound(i64),
    #[error("bulk edit {0} not found")]
    BatchNotFound(String),
    #[error("bulk edit {0} was already undone")]
    BatchAlreadyUndone(String),
    /// Restoring was asked for, but no automatic backup passes the integrity check.
    #[error("no sound backup of the database was found")]
    BackupNotFound,
    /// A file operation (a backup) was asked of a store that lives only in memory.
    #[error("this store has no database file")]
    NoDatabaseFile,
    /// The file was written by a newer Switchboard: opening it could destroy data.
    #[error("database version {found} is newer than supported {supported}")]
    NewerDatabase { found: i64, supported: i64 },
    /// Another Switchboard window or the CLI holds the database for too long.
    #[error("database busy")]
    Busy,
    #[error("the path `{0}` cannot be set in this document")]
    BadPath(String),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    /// The data folder or the database file cannot be written (permissions, a read-only
    /// disk or mount). Not damage: reading still works (`Store::open_read_only`).
    #[error("the data folder is read-only")]
    ReadOnly,
    /// The disk is full: the write was rolled back, nothing is damaged.
    #[error("the disk is full")]
    DiskFull,
    #[error("I/O error on {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Corrupt(e.to_string())
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

impl StoreError {
    pub fn io(path: &std::path::Path, e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                return StoreError::ReadOnly
            }
            std::io::ErrorKind::StorageFull => return StoreError::DiskFull,
            _ => {}
        }
        StoreError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        }
    }

    pub fn msg(&self) -> Msg {
        match self {
            StoreError::NotFound(id) => Msg::new("store-err-not-found").arg("id", id.as_str()),
            StoreError::AccountNotFound(_) => Msg::new("store-err-account-not-found"),
            StoreError::RevisionNotFound(id) => {
                Msg::new("store-err-revision-not-found").arg("id", *id)
            }
            StoreError::BatchNotFound(id) => {
                Msg::new("store-err-batch-not-found").arg("id", id.as_str())
            }
            StoreError::BatchAlreadyUndone(_) => Msg::new("store-err-batch-undone"),
            StoreError::BackupNotFound => Msg::new("store-err-backup-not-found"),
            StoreError::NoDatabaseFile => Msg::new("store-err-no-database-file"),
            StoreError::NewerDatabase { found, supported } => Msg::new("store-err-newer-database")
                .arg("found", *found)
                .arg("supported", *supported),
            StoreError::Busy => Msg::new("store-err-busy"),
            StoreError::BadPath(p) => Msg::new("store-err-bad-path").arg("path", p.as_str()),
            StoreError::Corrupt(reason) => {
                Msg::new("store-err-corrupt").arg("reason", reason.as_str())
            }
            StoreError::ReadOnly => Msg::new("store-err-read-only"),
            StoreError::DiskFull => Msg::new("store-err-disk-full"),
            StoreError::Io { path, reason } => Msg::new("err-io")
                .arg("path", path.as_str())
                .arg("reason", reason.as_str()),
            StoreError::Sqlite(e) => Msg::new("store-err-database").arg("reason", e.to_string()),
        }
    }
}
