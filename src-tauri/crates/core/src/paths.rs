//! Where Switchboard keeps its files. The desktop app and the CLI compute the same places
//! from the app identifier, matching Tauri's own `app_data_dir` / `app_log_dir`, so the
//! CLI sees the app's data. `SWITCHBOARD_DATA_DIR` overrides everything (tests, portable).

use std::path::PathBuf;

/// The folders of one app identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPaths {
    /// The database, its backups, the preferences and caches.
    pub data_dir: PathBuf,
    /// The daily-rotated log files.
    pub log_dir: PathBuf,
}

impl AppPaths {
    /// The folders of `app_id` on this platform, or under `SWITCHBOARD_DATA_DIR` when set.
    pub fn for_app(app_id: &str) -> Self {
        if let Some(dir) = std::env::var_os("SWITCHBOARD_DATA_DIR").filter(|d| !d.is_empty()) {
            let data_dir = PathBuf::from(dir);
            return AppPaths {
                log_dir: data_dir.join("logs"),
                data_dir,
            };
        }
        let data_dir = dirs::data_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join(app_id);
        AppPaths {
            data_dir,
            log_dir: default_log_dir(app_id),
        }
    }

    /// The interface preferences (language, theme).
    pub fn prefs_file(&self) -> PathBuf {
        self.data_dir.join("preferences.json")
    }

    /// The channel database (SQLite).
    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join("switchboard.sqlite3")
    }
}

#[cfg(target_os = "macos")]
fn default_log_dir(app_id: &str) -> PathBuf {
    dirs::home_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("Library/Logs")
        .join(app_id)
}

#[cfg(not(target_os = "macos"))]
fn default_log_dir(app_id: &str) -> PathBuf {
    dirs::data_local_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join(app_id)
        .join("logs")
}
