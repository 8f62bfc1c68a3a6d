//! What the shell keeps between commands.

use crate::tasks::TaskRegistry;
use std::sync::Mutex;
use switchboard_core::{paths::AppPaths, prefs::Prefs};

pub struct AppState {
    pub app_id: String,
    pub paths: AppPaths,
    pub prefs: Mutex<Prefs>,
    pub tasks: TaskRegistry,
}

impl AppState {
    pub fn load(app_id: &str) -> AppState {
        let paths = AppPaths::for_app(app_id);
        let (prefs, err) = Prefs::load(&paths.prefs_file());
        if let Some(e) = err {
            tracing::warn!(error = %e, "preferences unreadable, using defaults");
        }
        AppState {
            app_id: app_id.to_owned(),
            paths,
            prefs: Mutex::new(prefs),
            tasks: TaskRegistry::default(),
        }
    }
}

/// Keeps the log writer alive (dropping it flushes and stops logging).
pub struct LogGuard(#[allow(dead_code)] pub switchboard_core::logging::Guard);
