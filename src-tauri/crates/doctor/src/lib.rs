//! What `switchboard-cli doctor` and the Diagnostics panel report: where the data and logs
//! live and whether they are writable, whether the OS keychain really works (a round
//! trip, not a guess), and the versions in use.
//!
//! `diagnose` owns the step loop for both: announce each check, run it on a blocking
//! thread bounded by `CHECK_TIMEOUT` (a keychain daemon can hang on a prompt), report it,
//! and stop at once on cancel. The shell passes a sink that forwards to the window, the
//! CLI one that prints nothing; neither repeats the loop.

use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};
use switchboard_core::progress::{
    bounded, CancellationToken, ProgressEvent, ProgressSink, StepError, StepStatus,
};
use switchboard_core::{paths::AppPaths, Msg};
use ts_rs::TS;

/// How long one check may take before it is reported as not answering.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Check {
    /// Stable key: `dataDir`, `logDir`, `keychain`.
    pub key: String,
    pub label: Msg,
    pub ok: bool,
    /// A path or a value, shown as is.
    #[ts(optional)]
    pub value: Option<String>,
    pub detail: Msg,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Report {
    pub app_id: String,
    pub version: String,
    pub checks: Vec<Check>,
    /// Component versions: (name, version).
    pub versions: Vec<(String, String)>,
    pub ok: bool,
}

/// One check of the plan, run one at a time so the UI can stream them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStep {
    DataDir,
    LogDir,
    Keychain,
}

/// The checks, in the order they run.
pub fn plan() -> Vec<CheckStep> {
    vec![CheckStep::DataDir, CheckStep::LogDir, CheckStep::Keychain]
}

impl CheckStep {
    pub fn key(self) -> &'static str {
        match self {
            CheckStep::DataDir => "dataDir",
            CheckStep::LogDir => "logDir",
            CheckStep::Keychain => "keychain",
        }
    }

    pub fn label(self) -> Msg {
        Msg::new(match self {
            CheckStep::DataDir => "doctor-data-dir",
            CheckStep::LogDir => "doctor-log-dir",
            CheckStep::Keychain => "doctor-keychain",
        })
    }

    fn value(self, app_id: &str, paths: &AppPaths) -> String {
        match self {
            CheckStep::DataDir => paths.data_dir.display().to_string(),
            CheckStep::LogDir => paths.log_dir.display().to_string(),
            CheckStep::Keychain => switchboard_vault::service_name(app_id),
        }
    }

    /// Runs the check. Blocking (the keychain probe talks to a daemon).
    pub fn run(self, app_id: &str, paths: &AppPaths) -> Check {
        let (ok, detail) = match self {
            CheckStep::DataDir => dir_writable(&paths.data_dir),
            CheckStep::LogDir => dir_writable(&paths.log_dir),
            CheckStep::Keychain => match switchboard_vault::probe(&self.value(app_id, paths)) {
                Ok(()) => (true, Msg::new("doctor-keychain-ok")),
                Err(e) => (false, e.msg()),
            },
        };
        Check {
            key: self.key().into(),
            label: self.label(),
            ok,
            value: Some(self.value(app_id, paths)),
            detail,
        }
    }

    /// The verdict when the check did not answer in time.
    pub fn timed_out(self, app_id: &str, paths: &AppPaths) -> Check {
        Check {
            key: self.key().into(),
            label: self.label(),
            ok: false,
            value: Some(self.value(app_id, paths)),
            detail: Msg::new("doctor-timed-out"),
        }
    }
}

/// Assembles the report from finished checks.
pub fn report(app_id: &str, checks: Vec<Check>, versions: Vec<(String, String)>) -> Report {
    let ok = checks.iter().all(|c| c.ok);
    Report {
        app_id: app_id.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        checks,
        versions,
        ok,
    }
}

/// The diagnosis was cancelled before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("diagnosis cancelled")]
pub struct Cancelled;

/// Runs every check in turn, each on a blocking thread and bounded by `limit`, streaming a
/// `Step` event before and after each and `Progress` after each, then `Finished`. A check
/// that does not answer in time is reported failed with `doctor-timed-out`; a cancel
/// stops at once. Needs a Tokio runtime with blocking threads.
pub async fn diagnose(
    app_id: &str,
    paths: &AppPaths,
    versions: Vec<(String, String)>,
    limit: Duration,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> Result<Report, Cancelled> {
    let run = |step: CheckStep, app_id: &str, paths: &AppPaths| step.run(app_id, paths);
    run_plan(run, app_id, paths, versions, limit, sink, cancel).await
}

/// `diagnose` with the way a check runs passed in, so the tests can make one hang.
async fn run_plan(
    run: fn(CheckStep, &str, &AppPaths) -> Check,
    app_id: &str,
    paths: &AppPaths,
    versions: Vec<(String, String)>,
    limit: Duration,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> Result<Report, Cancelled> {
    let plan = plan();
    let total = plan.len() as u32;
    let mut checks = Vec::with_capacity(plan.len());
    for (i, step) in plan.into_iter().enumerate() {
        sink.emit(ProgressEvent::Step {
            step: step.key().into(),
            label: step.label(),
            status: StepStatus::Running,
            duration_ms: None,
            detail: None,
        });
        let started = Instant::now();
        let (a, p) = (app_id.to_owned(), paths.clone());
        let task = tokio::task::spawn_blocking(move || run(step, &a, &p));
        let check = match bounded(cancel, limit, task).await {
            Ok(check) => check,
            Err(StepError::Cancelled) => {
                sink.emit(ProgressEvent::Finished {
                    ok: false,
                    cancelled: true,
                });
                return Err(Cancelled);
            }
            Err(StepError::TimedOut(_)) => step.timed_out(app_id, paths),
            // The check panicked: a bug, reported as a failed check rather than lost.
            Err(StepError::Failed(e)) => {
                let mut c = step.timed_out(app_id, paths);
                c.detail = Msg::new("doctor-check-crashed").arg("reason", e.to_string());
                c
            }
        };
        sink.emit(ProgressEvent::Step {
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
        sink.emit(ProgressEvent::Progress {
            done: i as u32 + 1,
            total,
        });
        checks.push(check);
    }
    let report = report(app_id, checks, versions);
    sink.emit(ProgressEvent::Finished {
        ok: report.ok,
        cancelled: false,
    });
    Ok(report)
}

/// A folder is fine when it exists (or can be created) and a file can be written in it.
fn dir_writable(dir: &Path) -> (bool, Msg) {
    let result = std::fs::create_dir_all(dir).and_then(|_| {
        let probe = dir.join(".switchboard-write-probe");
        std::fs::write(&probe, b"ok")?;
        std::fs::remove_file(&probe)
    });
    match result {
        Ok(()) => (true, Msg::new("doctor-writable")),
        Err(e) => (
            false,
            Msg::new("doctor-not-writable").arg("reason", e.to_string()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_writable_and_unwritable_folders() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let paths = AppPaths {
            data_dir: dir.path().join("new/sub"),
            // A file where a folder should be: cannot be created.
            log_dir: file.join("logs"),
        };
        let ok = CheckStep::DataDir.run("app", &paths);
        assert!(ok.ok, "{ok:?}");
        assert!(dir.path().join("new/sub").is_dir());
        let bad = CheckStep::LogDir.run("app", &paths);
        assert!(!bad.ok);
        assert_eq!(bad.detail.id, "doctor-not-writable");
    }

    fn temp_paths(dir: &Path) -> AppPaths {
        AppPaths {
            data_dir: dir.join("d"),
            log_dir: dir.join("l"),
        }
    }

    #[tokio::test]
    async fn the_report_is_camel_case_json_and_every_check_is_streamed() {
        let dir = tempfile::tempdir().unwrap();
        let events = std::sync::Mutex::new(Vec::new());
        let sink = |e: ProgressEvent| events.lock().unwrap().push(e);
        let r = diagnose(
            "com.switchboard.test.doctor",
            &temp_paths(dir.path()),
            vec![("x".into(), "1".into())],
            CHECK_TIMEOUT,
            &sink,
            &CancellationToken::new(),
        )
        .await
        .unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["appId"], "com.switchboard.test.doctor");
        assert_eq!(v["checks"].as_array().unwrap().len(), 3);
        // The keychain verdict is whatever the real keychain says; `ok` must agree with it.
        let all_ok = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["ok"] == true);
        assert_eq!(v["ok"], all_ok);
        let events = events.into_inner().unwrap();
        let finished: Vec<_> = events
            .iter()
            .filter(|e| matches!(e, ProgressEvent::Step { status, .. } if *status != StepStatus::Running))
            .collect();
        assert_eq!(finished.len(), 3, "one finished step per check: {events:?}");
        assert_eq!(
            events.last(),
            Some(&ProgressEvent::Finished {
                ok: r.ok,
                cancelled: false
            })
        );
    }

    #[tokio::test]
    async fn a_check_that_does_not_answer_is_reported_failed_not_awaited() {
        let dir = tempfile::tempdir().unwrap();
        let hang = |step: CheckStep, app_id: &str, paths: &AppPaths| {
            std::thread::sleep(Duration::from_secs(2));
            step.run(app_id, paths)
        };
        let started = Instant::now();
        let r = run_plan(
            hang,
            "com.switchboard.test.doctor",
            &temp_paths(dir.path()),
            Vec::new(),
            Duration::from_millis(20),
            &|_e: ProgressEvent| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap();
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "the checks were not awaited past their bound"
        );
        assert!(!r.ok);
        assert_eq!(r.checks.len(), 3, "every check is reported");
        assert!(r.checks.iter().all(|c| c.detail.id == "doctor-timed-out"));
    }

    #[tokio::test]
    async fn a_cancelled_diagnosis_stops_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let cancel = CancellationToken::new();
        cancel.cancel();
        let events = std::sync::Mutex::new(Vec::new());
        let sink = |e: ProgressEvent| events.lock().unwrap().push(e);
        let r = diagnose(
            "com.switchboard.test.doctor",
            &temp_paths(dir.path()),
            Vec::new(),
            CHECK_TIMEOUT,
            &sink,
            &cancel,
        )
        .await;
        assert_eq!(r.unwrap_err(), Cancelled);
        assert_eq!(
            events.into_inner().unwrap().last(),
            Some(&ProgressEvent::Finished {
                ok: false,
                cancelled: true
            })
        );
    }
}
