//! Where Switchboard keeps its files. The desktop app and the CLI compute the same places
//! from the app identifier, matching Tauri's own `app_data_dir` / `app_log_dir`, so the
//! CLI sees the app's data. `SWITCHBOARD_DATA_DIR` overrides everything (tests, portable).

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPaths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl AppPaths {
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

    pub fn prefs_file(&self) -> PathBuf {
        self.data_dir.join("preferences.json")
    }

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
