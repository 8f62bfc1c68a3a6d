//! The CLI's own surface: localized help, version, and `doctor`.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn run(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("SWITCHBOARD_DATA_DIR", data_dir)
        .env("SWITCHBOARD_APP_ID", "com.switchboard.test.cli-help")
        .env_remove("SWITCHBOARD_LANG")
        .output()
        .unwrap()
}

#[test]
fn help_is_localized_down_to_the_section_headings() {
    let dir = tempfile::tempdir().unwrap();
    let fr = String::from_utf8(run(&["--lang", "fr", "--help"], dir.path()).stdout).unwrap();
    assert!(fr.contains("Utilisation : switchboard-cli"), "{fr}");
    assert!(fr.contains("Commandes:") && fr.contains("doctor"), "{fr}");
    assert!(!fr.contains("Print help"), "{fr}");
    let en = String::from_utf8(run(&["--lang", "en", "--help"], dir.path()).stdout).unwrap();
    assert!(
        en.contains("Usage: switchboard-cli") && en.contains("Commands:"),
        "{en}"
    );
    assert_ne!(fr, en);
}

#[test]
fn version_prints_the_package_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["--version"], dir.path());
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("switchboard-cli {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn doctor_reports_folders_and_a_keychain_verdict_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["doctor", "--json", "--lang", "en"], dir.path());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["appId"], "com.switchboard.test.cli-help");
    let checks = report["checks"].as_array().unwrap();
    let keys: Vec<_> = checks.iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["dataDir", "logDir", "keychain"]);
    assert_eq!(checks[0]["value"], dir.path().display().to_string());
    assert_eq!(checks[0]["ok"], true);
    // Exit code and verdict agree; inside the keyring harness the keychain must work.
    let keychain_ok = checks[2]["ok"] == true;
    assert_eq!(out.status.success(), keychain_ok);
    if std::env::var_os("SWITCHBOARD_TEST_KEYRING").is_some() {
        assert!(keychain_ok, "{report:#}");
    } else if !keychain_ok {
        assert!(
            checks[2]["text"].as_str().unwrap().contains("keychain"),
            "{report:#}"
        );
    }
}
