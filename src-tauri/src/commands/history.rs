//! A channel's revisions: list, labelled differences with the current draft, restore.

use crate::commands::channels::with_service;
use crate::{state::AppState, IpcError};
use switchboard_channels::{ChangeView, ChannelView};
use switchboard_store::RevisionSummary;
use tauri::State;

#[tauri::command]
pub async fn list_revisions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<RevisionSummary>, IpcError> {
    with_service(&state, move |s| s.revisions(&id)).await
}

#[tauri::command]
pub async fn revision_diff(
    state: State<'_, AppState>,
    rev: i64,
) -> Result<Vec<ChangeView>, IpcError> {
    with_service(&state, move |s| s.diff_with_draft(rev)).await
}

#[tauri::command]
pub async fn restore_revision(
    state: State<'_, AppState>,
    rev: i64,
) -> Result<ChannelView, IpcError> {
    with_service(&state, move |s| s.restore(rev)).await
}
