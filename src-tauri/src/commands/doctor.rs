//! The Diagnostics panel: the same checks as `switchboard-cli doctor`, streamed check by
//! check, cancellable, each bounded in time (a keychain daemon can hang on a prompt).

use crate::{state::AppState, IpcError};
use std::time::{Duration, Instant};
use switchboard_core::progress::{bounded, ProgressEvent, StepError, StepStatus};
use switchboard_doctor::{Check, Report};
use tauri::{ipc::Channel, State};

const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

#[tauri::command]
pub async fn run_diagnostics(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
) -> Result<Report, IpcError> {
    let guard = state.tasks.start(&task_id);
    let emit = |e: ProgressEvent| {
        // A closed channel means the window went away; the task just finishes.
        let _ = on_event.send(e);
    };
    let app_id = state.app_id.clone();
    let paths = state.paths.clone();
    let plan = switchboard_doctor::plan();
    let total = plan.len() as u32;
    let mut checks: Vec<Check> = Vec::new();
    for (i, step) in plan.into_iter().enumerate() {
        emit(ProgressEvent::Step {
            step: step.key().into(),
            label: step.label(),
            status: StepStatus::Running,
            duration_ms: None,
            detail: None,
        });
        let started = Instant::now();
        let (a, p) = (app_id.clone(), paths.clone());
        let run = async move {
            tokio::task::spawn_blocking(move || step.run(&a, &p))
                .await
                .map_err(IpcError::internal)
        };
        let check = match bounded(&guard.token, CHECK_TIMEOUT, run).await {
            Ok(c) => c,
            Err(StepError::Cancelled) => {
                emit(ProgressEvent::Finished {
                    ok: false,
                    cancelled: true,
                });
                return Err(IpcError::cancelled());
            }
            Err(StepError::TimedOut(_)) => step.timed_out(&paths, &app_id),
            Err(StepError::Failed(e)) => return Err(e),
        };
        emit(ProgressEvent::Step {
            step: check.key.clone(),
            label: check.label.clone(),
            status: if check.ok {
                StepStatus::Ok
            } else {
                StepStatus::Failed
            },
            duration_ms: Some(started.elapsed().as_millis() as u64),
            detail: Some(check.detail.clone()),
        });
        emit(ProgressEvent::Progress {
            done: i as u32 + 1,
            total,
        });
        checks.push(check);
    }
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
    let report = switchboard_doctor::report(&app_id, checks, versions);
    emit(ProgressEvent::Finished {
        ok: report.ok,
        cancelled: false,
    });
    Ok(report)
}
