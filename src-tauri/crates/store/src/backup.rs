//! Automatic backups: one a day (SQLite's online backup API, so a consistent copy even
//! while the app writes), the last `KEEP_BACKUPS` kept, in `backups/` next to the
//! database. When the database cannot be opened, the shell lists them and offers to
//! restore the newest sound one; the damaged file is moved aside, never deleted.

use crate::clock::{date_utc, now_ms};
use crate::error::StoreError;
use crate::migrations::LATEST_VERSION;
use crate::open::integrity_problems;
use crate::Store;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const KEEP_BACKUPS: usize = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// `YYYY-MM-DD` (UTC) of the day it was taken.
    pub date: String,
    pub size: u64,
}

fn backup_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "switchboard".into())
}

/// Backups of the database at `db_path`, newest first.
pub fn list_backups(db_path: &Path) -> Vec<BackupInfo> {
    let prefix = format!("{}-", stem(db_path));
    let Ok(entries) = std::fs::read_dir(backup_dir(db_path)) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let date = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            let valid = date.len() == 10 && date.chars().all(|c| c.is_ascii_digit() || c == '-');
            valid.then(|| BackupInfo {
                path: e.path(),
                date: date.to_owned(),
                size: e.metadata().map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date));
    out
}

fn is_sound(path: &Path) -> bool {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| integrity_problems(&c).ok())
        .is_some_and(|p| p.is_empty())
}

/// Replaces the (closed) database at `db_path` with `backup`, after checking the backup
/// is sound. The current file and its WAL are renamed `*.broken-<ms>`; returns the
/// renamed database file, if there was one.
pub fn restore_backup(db_path: &Path, backup: &BackupInfo) -> Result<Option<PathBuf>, StoreError> {
    if !is_sound(&backup.path) {
        return Err(StoreError::Corrupt(backup.path.display().to_string()));
    }
    let tag = format!("broken-{}", now_ms());
    let mut moved = None;
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if file.exists() {
            let aside = PathBuf::from(format!("{}.{tag}", file.display()));
            std::fs::rename(&file, &aside).map_err(|e| StoreError::io(&file, e))?;
            if suffix.is_empty() {
                moved = Some(aside);
            }
        }
    }
    let tmp = db_path.with_extension("restoring");
    std::fs::copy(&backup.path, &tmp).map_err(|e| StoreError::io(&tmp, e))?;
    std::fs::rename(&tmp, db_path).map_err(|e| StoreError::io(db_path, e))?;
    tracing::warn!(backup = %backup.path.display(), "database restored from backup");
    Ok(moved)
}

/// Restores the newest backup that passes the integrity check; returns it. Refuses over a
/// database written by a newer Switchboard: that file is not damaged, and every backup
/// would put older data in its place.
pub fn restore_newest_backup(db_path: &Path) -> Result<BackupInfo, StoreError> {
    let version = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)));
    if let Ok(found) = version {
        if found > LATEST_VERSION {
            return Err(StoreError::NewerDatabase {
                found,
                supported: LATEST_VERSION,
            });
        }
    }
    for b in list_backups(db_path) {
        if is_sound(&b.path) {
            restore_backup(db_path, &b)?;
            return Ok(b);
        }
        tracing::warn!(backup = %b.path.display(), "backup skipped: integrity check failed");
    }
    Err(StoreError::BackupNotFound)
}

impl Store {
    /// Takes today's backup unless it exists; keeps the newest `KEEP_BACKUPS`. Call at
    /// start-up and then e.g. hourly. `None` for an in-memory store or when not due.
    pub fn backup_if_due(&self) -> Result<Option<BackupInfo>, StoreError> {
        let Some(db) = self.path.as_deref() else {
            return Ok(None);
        };
        let today = date_utc(now_ms());
        if list_backups(db).iter().any(|b| b.date == today) {
            return Ok(None);
        }
        self.backup_now().map(Some)
    }

    /// Takes (or replaces) today's backup now, then prunes old ones.
    pub fn backup_now(&self) -> Result<BackupInfo, StoreError> {
        let db = self.path.as_deref().ok_or(StoreError::NoDatabaseFile)?;
        let dir = backup_dir(db);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let date = date_utc(now_ms());
        let dest = dir.join(format!("{}-{date}.sqlite3", stem(db)));
        // Written under another name and renamed, so a crash never leaves a half backup
        // that looks like a good one.
        let tmp = dir.join(format!(".{}-{date}.partial", stem(db)));
        let _ = std::fs::remove_file(&tmp);
        self.conn.backup(
            rusqlite::MAIN_DB,
            &tmp,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        // A backup is read on its own later: fold its journal into the single file.
        Connection::open(&tmp)?.pragma_update(None, "journal_mode", "DELETE")?;
        std::fs::rename(&tmp, &dest).map_err(|e| StoreError::io(&dest, e))?;
        self.prune_backups(db, KEEP_BACKUPS)?;
        let size = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
        tracing::info!(path = %dest.display(), size, "backup taken");
        Ok(BackupInfo {
            path: dest,
            date,
            size,
        })
    }

    fn prune_backups(&self, db: &Path, keep: usize) -> Result<(), StoreError> {
        for old in list_backups(db).into_iter().skip(keep) {
            std::fs::remove_file(&old.path).map_err(|e| StoreError::io(&old.path, e))?;
        }
        Ok(())
    }
}
