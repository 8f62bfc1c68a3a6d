//! Long work (connection tests, sync, diagnostics) reports each step as it happens and can
//! be cancelled. Domain code sees only a `ProgressSink` and a `CancellationToken`; the
//! Tauri shell forwards events to an `ipc::Channel`, the CLI prints them.

use crate::Msg;
use serde::{Deserialize, Serialize};
use std::time::Duration;
pub use tokio_util::sync::CancellationToken;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
/// Where one step of a long task stands.
pub enum StepStatus {
    /// Started, not finished.
    Running,
    /// Finished and fine.
    Ok,
    /// Finished; works, but something deserves attention.
    Warning,
    /// Finished and failed: the report says why and what to fix.
    Failed,
    /// Not run, because an earlier step failed or the task was cancelled.
    Skipped,
    /// Stopped by the user while running.
    Cancelled,
}

/// One event of a long task, streamed as it happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "camelCase")]
#[ts(export)]
pub enum ProgressEvent {
    /// A step started or finished. `step` is a stable key (`imap.login`), `label` what
    /// the user reads.
    #[serde(rename_all = "camelCase")]
    Step {
        /// Stable key of the step (`imap.login`).
        step: String,
        /// What the user reads.
        label: Msg,
        /// Running, or how it ended.
        status: StepStatus,
        /// How long it took, once finished.
        #[ts(optional, as = "Option<f64>")]
        duration_ms: Option<u64>,
        #[ts(optional)]
        /// What it found, once finished.
        detail: Option<Msg>,
    },
    /// Overall advancement, for the status bar.
    Progress {
        /// Steps finished so far.
        done: u32,
        /// Steps in the task.
        total: u32,
    },
    /// The task ended; `ok` is false when any step failed or it was cancelled.
    Finished {
        /// Every step passed.
        ok: bool,
        /// The user stopped it.
        cancelled: bool,
    },
}

/// Where a long task sends its events: the window's channel, the terminal, or a test's list.
/// Any `Fn(ProgressEvent)` is one.
pub trait ProgressSink: Send + Sync {
    /// Delivers one event; must not block.
    fn emit(&self, event: ProgressEvent);
}

impl<F: Fn(ProgressEvent) + Send + Sync> ProgressSink for F {
    fn emit(&self, event: ProgressEvent) {
        self(event)
    }
}

/// Why a step did not complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError<E> {
    /// The cancellation token fired.
    #[error("cancelled")]
    Cancelled,
    /// The step did not finish within its limit.
    #[error("timed out after {0:?}")]
    TimedOut(Duration),
    /// The step itself failed.
    #[error(transparent)]
    Failed(E),
}

/// Runs one step with its own time bound, giving up at once when `cancel` fires.
/// Every network step goes through this, so a silent server never hangs anything.
pub async fn bounded<T, E>(
    cancel: &CancellationToken,
    limit: Duration,
    fut: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, StepError<E>> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(StepError::Cancelled),
        r = tokio::time::timeout(limit, fut) => match r {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(StepError::Failed(e)),
            Err(_) => Err(StepError::TimedOut(limit)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[tokio::test]
    async fn a_step_that_never_ends_is_bounded_by_its_timeout() {
        let cancel = CancellationToken::new();
        let r: Result<(), StepError<()>> =
            bounded(&cancel, Duration::from_millis(50), std::future::pending()).await;
        assert_eq!(r, Err(StepError::TimedOut(Duration::from_millis(50))));
    }

    #[tokio::test]
    async fn cancel_interrupts_a_running_step_promptly() {
        let cancel = CancellationToken::new();
        let c2 = cancel.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            c2.cancel();
        });
        let start = Instant::now();
        let r: Result<(), StepError<()>> =
            bounded(&cancel, Duration::from_secs(30), std::future::pending()).await;
        assert_eq!(r, Err(StepError::Cancelled));
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn results_and_errors_pass_through() {
        let cancel = CancellationToken::new();
        let ok: Result<u8, StepError<&str>> =
            bounded(&cancel, Duration::from_secs(1), async { Ok(7) }).await;
        assert_eq!(ok, Ok(7));
        let err: Result<u8, StepError<&str>> =
            bounded(&cancel, Duration::from_secs(1), async { Err("no") }).await;
        assert_eq!(err, Err(StepError::Failed("no")));
    }

    #[test]
    fn events_have_a_stable_json_shape() {
        let e = ProgressEvent::Step {
            step: "keychain".into(),
            label: Msg::new("doctor-keychain"),
            status: StepStatus::Ok,
            duration_ms: Some(3),
            detail: None,
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["event"], "step");
        assert_eq!(v["status"], "ok");
        assert_eq!(v["durationMs"], 3);
    }
}
