//! The Diagnostics panel: the same checks as `switchboard-cli doctor`, streamed check by
//! check, cancellable, each bounded in time; `switchboard_doctor::diagnose` owns the steps.

use crate::{state::AppState, IpcError};
use switchboard_core::progress::ProgressEvent;
use switchboard_doctor::{Report, CHECK_TIMEOUT};
use tauri::{ipc::Channel, State};

#[tauri::command]
pub async fn run_diagnostics(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
) -> Result<Report, IpcError> {
    let guard = state.tasks.start(&task_id);
    let sink = |e: ProgressEvent| {
        // A closed channel means the window went away; the task just finishes.
        let _ = on_event.send(e);
    };
    let versions = vec![
        (
            "switchboard".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned(),
        ),
        ("tauri".to_owned(), tauri::VERSION.to_owned()),
        (
            "os".to_owned(),
            format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        ),
    ];
    let report = switchboard_doctor::diagnose(
        &state.app_id,
        &state.paths,
        versions,
        CHECK_TIMEOUT,
        &sink,
        &guard.token,
    )
    .await?;
    Ok(report)
}
