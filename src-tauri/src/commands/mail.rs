//! The e-mail connection test: the settings ON SCREEN (the document the editor holds,
//! saved or not) with the channel's stored secrets, diagnosed step by step by
//! `switchboard-mailcheck`, streamed live and cancellable.

use crate::{state::AppState, ErrorCode, IpcError};
use serde_json::Value;
use switchboard_core::{progress::ProgressEvent, FieldMsg, Msg};
use switchboard_mailcheck::{diagnose, from_document, DiagnosisReport};
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
    let service = state.channels()?;
    let secrets = tauri::async_runtime::spawn_blocking(move || {
        let s = service.lock().unwrap_or_else(|p| p.into_inner());
        s.open_secrets(&id)
    })
    .await
    .map_err(IpcError::internal)??;
    let mut settings =
        from_document(&doc, |path| secrets.get(path).cloned()).map_err(|(section, e)| {
            IpcError::new(ErrorCode::InvalidInput, Msg::new("err-invalid-input"))
                .with_fields(vec![FieldMsg::new(
                    section,
                    Msg::new("err-mail-settings-unreadable"),
                )])
                .with_detail(e.to_string())
        })?;
    settings.round_trip = round_trip;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    let report = diagnose(&settings, &sink, &guard.token).await;
    tracing::info!(
        ok = report.ok,
        cancelled = report.cancelled,
        steps = report.steps.len(),
        "mail test finished"
    );
    Ok(report)
}
