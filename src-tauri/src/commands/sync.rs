//! Plan, resolve, apply and the sync history: translations to `switchboard_sync`. A plan
//! crosses IPC whole (it holds no secret); resolving one goes back through Rust because
//! the plan's hash (its identity once frozen) is computed here.

use crate::commands::channels::with_service;
use crate::commands::platform::account_client;
use crate::{state::AppState, IpcError};
use switchboard_core::progress::ProgressEvent;
use switchboard_store::ApplyRecord;
use switchboard_sync::{ApplyReport, Plan, Resolution};
use tauri::{ipc::Channel, State};

/// The account's plan: streamed (one progress step per page), cancellable.
#[tauri::command]
pub async fn plan_account(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    id: String,
) -> Result<Plan, IpcError> {
    let guard = state.tasks.start(&task_id);
    let (_, client) = account_client(&state, &id).await?;
    let slot = state.channel_slot();
    let service = tauri::async_runtime::spawn_blocking(move || slot.get_or_open())
        .await
        .map_err(IpcError::internal)??;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    Ok(switchboard_sync::plan(service, &id, &client, &sink, &guard.token).await?)
}

/// One field's resolution (`field: None` with `channelId: None`: every conflict).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldResolution {
    pub channel_id: Option<String>,
    pub field: Option<String>,
    pub resolution: Resolution,
}

/// Applies resolutions and refreezes the plan (a new hash).
#[tauri::command]
pub async fn resolve_plan(
    mut plan: Plan,
    resolutions: Vec<FieldResolution>,
) -> Result<Plan, IpcError> {
    for r in resolutions {
        match (r.channel_id, r.field) {
            (Some(c), Some(f)) => {
                plan.resolve(&c, &f, r.resolution);
            }
            _ => plan.resolve_all(&r.resolution),
        }
    }
    plan.freeze();
    Ok(plan)
}

/// Applies a frozen plan (or resumes its interrupted apply).
#[tauri::command]
pub async fn apply_plan(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    plan: Plan,
) -> Result<ApplyReport, IpcError> {
    let guard = state.tasks.start(&task_id);
    let (_, client) = account_client(&state, &plan.account_id).await?;
    let slot = state.channel_slot();
    let service = tauri::async_runtime::spawn_blocking(move || slot.get_or_open())
        .await
        .map_err(IpcError::internal)??;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    let report = switchboard_sync::apply(service, &client, &plan, &sink, &guard.token).await?;
    tracing::info!(account = %plan.account_id, outcomes = report.outcomes.len(), "apply done");
    Ok(report)
}

/// Every apply of the account, newest first.
#[tauri::command]
pub async fn sync_history(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<ApplyRecord>, IpcError> {
    with_service(&state, move |s| {
        s.store()
            .sync_history(&id)
            .map_err(switchboard_channels::ChannelError::from)
    })
    .await
}
