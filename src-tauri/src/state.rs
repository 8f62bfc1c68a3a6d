//! What the shell keeps between commands.

use crate::tasks::TaskRegistry;
use crate::IpcError;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use switchboard_channels::ChannelService;
use switchboard_core::{paths::AppPaths, prefs::Prefs};
use switchboard_i18n::{Lang, Localizer};
use switchboard_store::Store;

pub struct AppState {
    pub app_id: String,
    pub paths: AppPaths,
    pub prefs: Mutex<Prefs>,
    pub tasks: TaskRegistry,
    /// One sign-in engine: one loopback listener at a time, refreshes serialized per grant.
    pub oauth: switchboard_oauth::OAuth,
    /// One request budget per platform account, shared by every command.
    pub budgets: Arc<switchboard_sync::Budgets>,
    /// The demo platform, when started ("Try the demo platform").
    pub demo: crate::commands::demo::DemoSlot,
    channels: Arc<ChannelSlot>,
}

/// The channel service, opened on first use so a database problem is reported where the
/// user is, with its message, instead of preventing the window from opening. Opening
/// migrates and may take the daily backup: call it from a blocking thread only.
pub struct ChannelSlot {
    app_id: String,
    database: PathBuf,
    service: Mutex<Option<Arc<Mutex<ChannelService>>>>,
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
            channels: Arc::new(ChannelSlot {
                app_id: app_id.to_owned(),
                database: paths.database_file(),
                service: Mutex::new(None),
            }),
            paths,
            prefs: Mutex::new(prefs),
            tasks: TaskRegistry::default(),
            oauth: switchboard_oauth::OAuth::new(),
            budgets: Arc::default(),
            demo: Default::default(),
        }
    }

    /// The channel service's slot, to move into a blocking closure.
    pub fn channel_slot(&self) -> Arc<ChannelSlot> {
        self.channels.clone()
    }

    /// A localizer for the interface's current language (for texts made in Rust).
    pub fn localizer(&self) -> Localizer {
        let pref = self
            .prefs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .language;
        Localizer::new(Lang::resolve(pref))
    }
}

impl ChannelSlot {
    /// The open service, opening and migrating the database on first use. Blocking.
    pub fn get_or_open(&self) -> Result<Arc<Mutex<ChannelService>>, IpcError> {
        let mut slot = self.service.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = slot.as_ref() {
            return Ok(s.clone());
        }
        let store = Store::open(&self.database)?;
        if let Err(e) = store.backup_if_due() {
            tracing::warn!(error = %e, "daily backup failed");
        }
        let mut service = ChannelService::new(store, switchboard_vault::for_app(&self.app_id));
        // The list's health is the editor's, even for a database an older version wrote
        // (issue 12): every channel is validated once per start, on this blocking thread.
        if let Err(e) = service.recheck_all() {
            tracing::warn!(error = %e, "validity re-check failed");
        }
        let service = Arc::new(Mutex::new(service));
        *slot = Some(service.clone());
        Ok(service)
    }

    /// Puts the newest automatic backup in place of an unreadable database (the damaged
    /// file is kept aside) and lets the next call open it. Returns the backup's date.
    /// Blocking: it copies the file.
    pub fn restore_newest_backup(&self) -> Result<String, IpcError> {
        let slot = self.service.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_some() {
            // The database opened fine: nothing to restore over a working store.
            return Err(IpcError::store_is_fine());
        }
        let info = switchboard_store::restore_newest_backup(&self.database)?;
        tracing::warn!(date = %info.date, "database restored from backup");
        Ok(info.date)
    }
}

/// Keeps the log writer alive (dropping it flushes and stops logging).
pub struct LogGuard(#[allow(dead_code)] pub switchboard_core::logging::Guard);
