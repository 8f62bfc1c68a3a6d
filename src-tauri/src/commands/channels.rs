//! The channel list and editor: schema, reference data, list, create, autosave, secrets,
//! delete/undo, duplicate. Each command hands the work to `switchboard-channels` on a
//! blocking thread (SQLite and the keychain block) and encodes the outcome.

use crate::{state::AppState, IpcError};
use serde_json::Value;
use switchboard_catalogue::{CatalogueSchema, ReferenceData};
use switchboard_channels::{ChannelError, ChannelService, ChannelView, SaveResult};
use switchboard_core::{Msg, Sensitive};
use switchboard_store::{ListPage, ListQuery};
use tauri::State;

/// Runs `f` with the channel service on a blocking thread. Opening (and migrating) the
/// database on first use happens there too: SQLite blocks, and an async thread must not.
pub(crate) async fn with_service<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut ChannelService) -> Result<T, ChannelError> + Send + 'static,
) -> Result<T, IpcError> {
    let slot = state.channel_slot();
    let joined = tauri::async_runtime::spawn_blocking(move || {
        let service = slot.get_or_open()?;
        let mut guard = service.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(IpcError::from)
    })
    .await;
    crate::panic_guard::joined(joined)?
}

#[tauri::command]
pub fn catalogue_schema() -> &'static CatalogueSchema {
    switchboard_catalogue::schema()
}

/// Pickers' data from the reference-data cache (seeded with the labelled sample set
/// until sync fills it).
/// `account`: the channel's platform account, whose pulled lists the pickers then offer.
#[tauri::command]
pub async fn reference_data(
    state: State<'_, AppState>,
    account: Option<String>,
) -> Result<ReferenceData, IpcError> {
    with_service(&state, move |s| s.reference_data_for(account.as_deref())).await
}

#[tauri::command]
pub async fn list_channels(
    state: State<'_, AppState>,
    query: ListQuery,
) -> Result<ListPage, IpcError> {
    with_service(&state, move |s| s.list(&query)).await
}

#[tauri::command]
pub async fn create_channel(
    state: State<'_, AppState>,
    kind: String,
    name: Option<String>,
) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.create(&kind, name.as_deref())).await
}

#[tauri::command]
pub async fn get_channel(state: State<'_, AppState>, id: String) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.get(&id)).await
}

#[tauri::command]
pub async fn save_channel(
    state: State<'_, AppState>,
    id: String,
    doc: Value,
) -> Result<SaveResult, IpcError> {
    with_service(&state, move |s| s.save(&id, doc)).await
}

#[tauri::command]
pub async fn checkpoint_channel(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    with_service(&state, move |s| s.checkpoint(&id)).await
}

/// Back to the last saved revision; the reply is the channel as it is now.
#[tauri::command]
pub async fn discard_changes(
    state: State<'_, AppState>,
    id: String,
) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.discard_changes(&id)).await
}

/// The value arrives once and goes straight to the vault; the reply says only which
/// secrets are set.
#[tauri::command]
pub async fn set_secret(
    state: State<'_, AppState>,
    id: String,
    path: String,
    value: Sensitive<String>,
) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.set_secret(&id, &path, &value)).await
}

#[tauri::command]
pub async fn clear_secret(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.clear_secret(&id, &path)).await
}

#[tauri::command]
pub async fn delete_channel(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    with_service(&state, move |s| s.delete(&id)).await
}

#[tauri::command]
pub async fn undelete_channel(
    state: State<'_, AppState>,
    id: String,
) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.undelete(&id)).await
}

#[tauri::command]
pub async fn duplicate_channel(
    state: State<'_, AppState>,
    id: String,
) -> Result<ChannelView, IpcError> {
    let l10n = state.localizer();
    with_service(&state, move |s| {
        s.duplicate(&id, &|name| {
            l10n.format(&Msg::new("channels-copy-of").arg("name", name))
        })
    })
    .await
}

/// After "the database cannot be opened": restore the newest automatic backup.
#[tauri::command]
pub async fn restore_newest_backup(state: State<'_, AppState>) -> Result<String, IpcError> {
    // Copies a whole database file: a blocking thread's work.
    let slot = state.channel_slot();
    tauri::async_runtime::spawn_blocking(move || slot.restore_newest_backup())
        .await
        .map_err(IpcError::internal)?
}
