//! Export / import files and bulk edit. Paths come from the native Save/Open dialogs.

use crate::commands::channels::with_service;
use crate::{state::AppState, IpcError};
use serde_json::Value;
use std::path::PathBuf;
use switchboard_channels::{ExportSummary, ImportOutcome};
use switchboard_store::{BulkApplied, BulkPreview, BulkUndone};
use tauri::State;

/// `ids` empty: every channel.
#[tauri::command]
pub async fn export_channels(
    state: State<'_, AppState>,
    ids: Vec<String>,
    path: PathBuf,
) -> Result<ExportSummary, IpcError> {
    with_service(&state, move |s| s.export_to(&ids, &path)).await
}

#[tauri::command]
pub async fn import_channels(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<ImportOutcome, IpcError> {
    with_service(&state, move |s| s.import_from(&path)).await
}

#[tauri::command]
pub async fn bulk_preview(
    state: State<'_, AppState>,
    ids: Vec<String>,
    path: String,
    value: Value,
) -> Result<BulkPreview, IpcError> {
    with_service(&state, move |s| s.bulk_preview(&ids, &path, &value)).await
}

#[tauri::command]
pub async fn bulk_apply(
    state: State<'_, AppState>,
    ids: Vec<String>,
    path: String,
    value: Value,
) -> Result<BulkApplied, IpcError> {
    with_service(&state, move |s| s.bulk_apply(&ids, &path, &value)).await
}

#[tauri::command]
pub async fn bulk_undo(
    state: State<'_, AppState>,
    batch_id: String,
) -> Result<BulkUndone, IpcError> {
    with_service(&state, move |s| s.bulk_undo(&batch_id)).await
}
