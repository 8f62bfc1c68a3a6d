//! What `switchboard-cli doctor` and the Diagnostics panel report: where the data and logs
//! live and whether they are writable, whether the OS keychain really works (a round
//! trip, not a guess), and the versions in use.

use serde::Serialize;
use std::path::Path;
use switchboard_core::{paths::AppPaths, Msg};
use ts_rs::TS;

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
    pub fn timed_out(self, paths: &AppPaths, app_id: &str) -> Check {
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

/// Runs every check in turn. Blocking: call from a blocking thread.
pub fn run(app_id: &str, paths: &AppPaths, versions: Vec<(String, String)>) -> Report {
    let checks = plan().into_iter().map(|s| s.run(app_id, paths)).collect();
    report(app_id, checks, versions)
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

    #[test]
    fn the_report_is_camel_case_json() {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths {
            data_dir: dir.path().join("d"),
            log_dir: dir.path().join("l"),
        };
        let r = run(
            "com.switchboard.test.doctor",
            &paths,
            vec![("x".into(), "1".into())],
        );
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
    }
}
