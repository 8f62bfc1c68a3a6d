//! Cancelling a long task started by another command.

use crate::state::AppState;
use tauri::State;

/// Returns whether a running task was told to stop (false: it had already ended).
#[tauri::command]
pub fn cancel_task(state: State<'_, AppState>, task_id: String) -> bool {
    state.tasks.cancel(&task_id)
}
