//! Opening the database: pragmas, migrations, and what to offer when it fails.
//!
//! WAL lets the channel list read while the editor autosaves; `synchronous = FULL` makes
//! each committed autosave durable against a power cut, not just a crash (the issue
//! promises that a power cut loses at most the 300 ms autosave window); foreign keys are
//! off by default in SQLite and revisions/secrets rely on them.

use crate::backup::{list_backups, BackupInfo};
use crate::error::StoreError;
use crate::migrations;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;
use switchboard_core::Msg;

/// How long a write waits for another connection (the CLI, a second window) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The trade-off between autosave latency and what survives a power cut. Both survive a
/// crash or a kill of the app (the durability test proves it for both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Default. Every commit is fsynced (`synchronous = FULL`): a power cut loses nothing
    /// acknowledged. Autosave latency then follows the disk's fsync latency.
    PowerLossSafe,
    /// `synchronous = NORMAL`: commits are not fsynced until the next WAL checkpoint; a
    /// power cut or OS crash may lose the last moments (never corrupts). Sub-millisecond
    /// autosaves on any disk.
    CrashSafe,
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: Option<PathBuf>,
}

/// Why the database could not be opened, with what the UI can offer: the integrity
/// check's findings and the automatic backups that could replace the file.
#[derive(Debug, thiserror::Error)]
#[error("cannot open {path}: {error}")]
pub struct OpenFailure {
    pub path: PathBuf,
    pub error: StoreError,
    /// `PRAGMA integrity_check` lines other than `ok`; `None` when the check itself
    /// could not run (the file is not a database at all, or a newer version).
    pub integrity: Option<Vec<String>>,
    /// Newest first. Empty for a newer database: an older backup would lose data.
    pub backups: Vec<BackupInfo>,
}

impl OpenFailure {
    pub fn msg(&self) -> Msg {
        let folder = self
            .path
            .parent()
            .unwrap_or(&self.path)
            .display()
            .to_string();
        match &self.error {
            StoreError::NewerDatabase { .. } | StoreError::Busy => self.error.msg(),
            // Not damage: no backup to offer, only what to do.
            StoreError::ReadOnly => Msg::new("store-err-open-read-only").arg("folder", folder),
            StoreError::DiskFull => Msg::new("store-err-open-disk-full").arg("folder", folder),
            e => {
                let base = Msg::new("store-err-open-failed")
                    .arg("path", self.path.display().to_string())
                    .arg("reason", e.msg());
                match self.backups.first() {
                    Some(b) => base.arg(
                        "offer",
                        Msg::new("store-offer-restore-backup").arg("date", b.date.as_str()),
                    ),
                    None => base.arg("offer", Msg::new("store-offer-no-backup")),
                }
            }
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store, Box<OpenFailure>> {
        let failure = |error: StoreError| {
            // SQLite says "unable to open database file" when it cannot create the file or
            // its WAL beside it: in a folder we cannot write, that is what to say.
            let error = match error {
                StoreError::Sqlite(ref e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
                        && !folder_writable(path) =>
                {
                    StoreError::ReadOnly
                }
                e => e,
            };
            let (integrity, backups) = match error {
                StoreError::NewerDatabase { .. } | StoreError::ReadOnly | StoreError::DiskFull => {
                    (None, Vec::new())
                }
                StoreError::Busy => (None, list_backups(path)),
                _ => (integrity_of_file(path), list_backups(path)),
            };
            tracing::error!(path = %path.display(), %error, ?integrity, "database open failed");
            Box::new(OpenFailure {
                path: path.to_owned(),
                error,
                integrity,
                backups,
            })
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failure(StoreError::io(dir, e)))?;
        }
        let conn = Connection::open(path).map_err(|e| failure(e.into()))?;
        let store = Store::init(conn, Some(path.to_owned())).map_err(failure)?;
        Ok(store)
    }

    /// Opens an existing database for reading only, for when its folder or file cannot
    /// be written (`StoreError::ReadOnly` from `open`): the list, export and a
    /// connection test still work. Nothing is migrated; writes fail with `ReadOnly`.
    /// In a folder where SQLite cannot even create its WAL index, the file is read as
    /// immutable (nothing can be writing it from here either).
    pub fn open_read_only(path: &Path) -> Result<Store, Box<OpenFailure>> {
        let failure = |error: StoreError| {
            Box::new(OpenFailure {
                path: path.to_owned(),
                error,
                integrity: None,
                backups: Vec::new(),
            })
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain = Connection::open_with_flags(path, flags)
            .map_err(StoreError::from)
            .and_then(|c| migrations::user_version(&c).map(|v| (c, v)));
        let (conn, version) = match plain {
            Ok(found) => found,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let c = Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(|e| failure(e.into()))?;
                let v = migrations::user_version(&c).map_err(failure)?;
                (c, v)
            }
        };
        if version != migrations::LATEST_VERSION {
            // Older: it would need a migration, which needs writing.
            return Err(failure(if version > migrations::LATEST_VERSION {
                StoreError::NewerDatabase {
                    found: version,
                    supported: migrations::LATEST_VERSION,
                }
            } else {
                StoreError::ReadOnly
            }));
        }
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| failure(e.into()))?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
        })
    }

    /// A private database for tests and previews.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "WAL journal not available");
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Reading the schema is the first real access: a damaged header fails here.
        let migrated = migrations::migrate(&mut conn)?;
        tracing::debug!(
            found = migrated.found,
            latest = migrations::LATEST_VERSION,
            "database open"
        );
        Ok(Store { conn, path })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        migrations::user_version(&self.conn)
    }

    /// `PRAGMA integrity_check`: empty when the database is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        integrity_problems(&self.conn)
    }

    /// How hard each commit waits for the disk; see `Durability`.
    pub fn set_durability(&self, d: Durability) -> Result<(), StoreError> {
        let level = match d {
            Durability::PowerLossSafe => "FULL",
            Durability::CrashSafe => "NORMAL",
        };
        self.conn.pragma_update(None, "synchronous", level)?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The transaction every write goes through: `BEGIN IMMEDIATE` takes the write lock
    /// before the first read, waiting up to `BUSY_TIMEOUT` for another connection (the
    /// CLI, a second window) to finish. A deferred transaction that reads and then writes
    /// cannot wait: when another process wrote in between, SQLite fails the upgrade at
    /// once with `SQLITE_BUSY`, whatever the timeout, because its snapshot is stale.
    pub(crate) fn write_tx(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

pub(crate) fn integrity_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Runs the integrity check on a file without changing it.
fn integrity_of_file(path: &Path) -> Option<Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    integrity_problems(&conn).ok()
}

/// Whether a file can be created in the database's folder (permission bits alone do not
/// say it: root ignores them, a read-only mount overrides them).
fn folder_writable(db: &Path) -> bool {
    let Some(dir) = db.parent() else {
        return false;
    };
    let probe = dir.join(format!(".switchboard-write-test-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// A path for an SQLite `file:` URI (`?` and `#` would end the path, `%` starts an escape).
fn uri_path(path: &Path) -> String {
    path.display()
        .to_string()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}
