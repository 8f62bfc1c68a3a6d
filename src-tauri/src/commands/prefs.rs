//! Interface preferences: language and theme.

use crate::{state::AppState, IpcError};
use serde::Serialize;
use switchboard_core::prefs::Prefs;
use switchboard_i18n::Lang;
use tauri::State;
use ts_rs::TS;

/// The preferences and what they resolve to right now.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrefsView {
    pub prefs: Prefs,
    /// The language the interface uses: the explicit choice or the system's.
    pub lang: Lang,
}

fn view(prefs: Prefs) -> PrefsView {
    PrefsView {
        lang: Lang::resolve(prefs.language),
        prefs,
    }
}

#[tauri::command]
pub fn get_prefs(state: State<'_, AppState>) -> PrefsView {
    view(*state.prefs.lock().unwrap())
}

#[tauri::command]
pub fn set_prefs(state: State<'_, AppState>, prefs: Prefs) -> Result<PrefsView, IpcError> {
    let path = state.paths.prefs_file();
    prefs
        .save(&path)
        .map_err(|e| IpcError::prefs_not_saved(&path, &e))?;
    *state.prefs.lock().unwrap() = prefs;
    tracing::info!(?prefs, "preferences saved");
    Ok(view(prefs))
}
