//! Promotion between accounts: translations to `switchboard_sync::promote_preview` /
//! `promote`. Both work offline from the two accounts' pulled reference caches; the
//! result is reviewed as the target account's plan (`plan_account`).

use crate::{state::AppState, IpcError};
use switchboard_channels::ChannelService;
use switchboard_sync::{PromotePreview, PromoteReport, PromoteRequest, SyncError};
use tauri::State;

/// Runs `f` with the channel service on a blocking thread (SQLite blocks).
async fn with_sync<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut ChannelService) -> Result<T, SyncError> + Send + 'static,
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

/// The proposed mapping and targets for the user to confirm and correct.
#[tauri::command]
pub async fn promote_preview(
    state: State<'_, AppState>,
    from_account: String,
    to_account: String,
    channel_ids: Vec<String>,
) -> Result<PromotePreview, IpcError> {
    with_sync(&state, move |s| {
        switchboard_sync::promote_preview(s, &from_account, &to_account, &channel_ids)
    })
    .await
}

/// Writes the confirmed promotion into the target account's drafts.
#[tauri::command]
pub async fn promote_channels(
    state: State<'_, AppState>,
    request: PromoteRequest,
) -> Result<PromoteReport, IpcError> {
    with_sync(&state, move |s| switchboard_sync::promote(s, &request)).await
}
