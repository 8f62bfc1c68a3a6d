//! The e-mail connection test: the settings ON SCREEN (the document the editor holds,
//! saved or not) with the channel's stored secrets, diagnosed step by step by
//! `switchboard-mailcheck`, streamed live and cancellable. IMAP/SMTP signed in with the
//! Microsoft identity platform get a fresh XOAUTH2 access token first.

use crate::{state::AppState, IpcError};
use serde_json::Value;
use switchboard_channels::{fill_mail_tokens, FolderCache};
use switchboard_core::progress::ProgressEvent;
use switchboard_mailcheck::{autodetect, diagnose, from_document, DiagnosisReport, Proposal};
use tauri::{ipc::Channel, State};

#[tauri::command]
pub async fn test_mail(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    id: String,
    doc: Value,
    round_trip: bool,
) -> Result<DiagnosisReport, IpcError> {
    let guard = state.tasks.start(&task_id);
    let slot = state.channel_slot();
    let channel_id = id.clone();
    let (service, secrets) = tauri::async_runtime::spawn_blocking(move || {
        let service = slot.get_or_open()?;
        let secrets = {
            let s = service.lock().unwrap_or_else(|p| p.into_inner());
            s.open_secrets(&id).map_err(IpcError::from)?
        };
        Ok::<_, IpcError>((service, secrets))
    })
    .await
    .map_err(IpcError::internal)??;
    let mut settings = from_document(&doc, |path| secrets.get(path).cloned())
        .map_err(|(section, e)| IpcError::mail_section_unreadable(section, &e))?;
    settings.round_trip = round_trip;
    // Microsoft identity platform: a fresh access token per server, from the refresh
    // token in the vault (the outcome counts toward the connection's health).
    fill_mail_tokens(
        &service,
        &state.oauth,
        &channel_id,
        &mut settings,
        &guard.token,
    )
    .await;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    let report = diagnose(&settings, &sink, &guard.token).await;
    if !report.folders.is_empty() {
        let names: Vec<String> = report
            .folders
            .iter()
            .filter(|f| f.selectable)
            .map(|f| f.name.clone())
            .collect();
        if let Err(e) = FolderCache::new(&state.paths.data_dir).put(&channel_id, &names) {
            tracing::warn!(error = %e, "folder list not cached");
        }
    }
    tracing::info!(
        ok = report.ok,
        cancelled = report.cancelled,
        steps = report.steps.len(),
        "mail test finished"
    );
    Ok(report)
}

/// The folders the last successful test of this channel found (empty before any test).
#[tauri::command]
pub fn cached_folders(state: State<'_, AppState>, id: String) -> Vec<String> {
    FolderCache::new(&state.paths.data_dir).get(&id)
}

/// Server settings proposed for an address: the provider table, then a probe of likely
/// hosts and ports (each proposal says where it came from). Cancellable.
#[tauri::command]
pub async fn autodetect_mail(
    state: State<'_, AppState>,
    task_id: String,
    email: String,
) -> Result<Vec<Proposal>, IpcError> {
    let guard = state.tasks.start(&task_id);
    let proposals = autodetect(&email, None, &guard.token).await;
    if guard.token.is_cancelled() {
        return Err(IpcError::cancelled());
    }
    Ok(proposals)
}
