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

/// Runs every check. Blocking (the keychain probe is): call from a blocking thread.
pub fn run(app_id: &str, paths: &AppPaths, versions: Vec<(String, String)>) -> Report {
    let mut checks = vec![
        dir_check("dataDir", "doctor-data-dir", &paths.data_dir),
        dir_check("logDir", "doctor-log-dir", &paths.log_dir),
    ];
    let service = switchboard_vault::service_name(app_id);
    checks.push(match switchboard_vault::probe(&service) {
        Ok(()) => Check {
            key: "keychain".into(),
            label: Msg::new("doctor-keychain"),
            ok: true,
            value: Some(service),
            detail: Msg::new("doctor-keychain-ok"),
        },
        Err(e) => Check {
            key: "keychain".into(),
            label: Msg::new("doctor-keychain"),
            ok: false,
            value: Some(service),
            detail: e.msg(),
        },
    });
    let ok = checks.iter().all(|c| c.ok);
    Report {
        app_id: app_id.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        checks,
        versions,
        ok,
    }
}

/// A folder is fine when it exists (or can be created) and a file can be written in it.
fn dir_check(key: &str, label: &str, dir: &Path) -> Check {
    let result = std::fs::create_dir_all(dir).and_then(|_| {
        let probe = dir.join(".switchboard-write-probe");
        std::fs::write(&probe, b"ok")?;
        std::fs::remove_file(&probe)
    });
    Check {
        key: key.into(),
        label: Msg::new(label),
        ok: result.is_ok(),
        value: Some(dir.display().to_string()),
        detail: match result {
            Ok(()) => Msg::new("doctor-writable"),
            Err(e) => Msg::new("doctor-not-writable").arg("reason", e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_writable_and_unwritable_folders() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir_check("dataDir", "doctor-data-dir", &dir.path().join("new/sub"));
        assert!(ok.ok, "{ok:?}");
        assert!(dir.path().join("new/sub").is_dir());
        // A file where a folder should be: cannot be created.
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let bad = dir_check("logDir", "doctor-log-dir", &file.join("logs"));
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
        let r = run("com.switchboard.test.doctor", &paths, vec![("x".into(), "1".into())]);
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["appId"], "com.switchboard.test.doctor");
        assert_eq!(v["checks"].as_array().unwrap().len(), 3);
        // The keychain verdict is whatever the real keychain says; `ok` must agree with it.
        let all_ok = v["checks"].as_array().unwrap().iter().all(|c| c["ok"] == true);
        assert_eq!(v["ok"], all_ok);
    }
}
