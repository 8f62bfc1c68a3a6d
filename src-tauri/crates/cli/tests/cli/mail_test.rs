//! `switchboard-cli mail-test` as a user runs it, against the throwaway mail servers of
//! tests/support/mail (skipped with a note when they are not running, unless
//! SWITCHBOARD_REQUIRE_REAL_SERVERS=1).

use std::collections::HashMap;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn mail_env() -> Option<HashMap<String, String>> {
    switchboard_mailcheck::harness::env()
}

fn cli(args: &[&str], password: Option<&str>) -> Output {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("SWITCHBOARD_LANG", "en")
        .env_remove("TEST_MAIL_PW");
    if let Some(p) = password {
        c.env("TEST_MAIL_PW", p);
    }
    c.output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_full_test_with_round_trip_passes_and_lists_folders() {
    let Some(env) = mail_env() else { return };
    let imap = format!("{}:{}", env["HOST"], env["IMAPS_PORT"]);
    let smtp = format!("{}:{}", env["HOST"], env["SUBMISSION_PORT"]);
    let out = cli(
        &[
            "mail-test",
            "--imap",
            &imap,
            "--imap-security",
            "tls",
            "--smtp",
            &smtp,
            "--smtp-security",
            "starttls",
            "--user",
            &env["USER"],
            "--password-env",
            "TEST_MAIL_PW",
            "--ca-file",
            &env["CA"],
            "--helo",
            "switchboard.example",
            "--round-trip",
            "--timeout",
            "10",
            "--json",
        ],
        Some(&env["PASSWORD"]),
    );
    let v = json(&out);
    assert!(out.status.success(), "{v:#}");
    assert_eq!(v["ok"], true);
    let steps = v["steps"].as_array().unwrap();
    for key in [
        "imap.login",
        "imap.list",
        "smtp.starttls",
        "smtp.auth",
        "smtp.roundtrip",
    ] {
        let s = steps
            .iter()
            .find(|s| s["step"] == key)
            .unwrap_or_else(|| panic!("{key}: {v:#}"));
        assert_eq!(s["status"], "ok", "{key}: {v:#}");
        assert!(s["duration_ms"].is_u64());
        assert!(s["protocol"] == "imap" || s["protocol"] == "smtp");
    }
    let names: Vec<_> = v["folders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Réclamations") && names.contains(&"日本語"),
        "{names:?}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&env["PASSWORD"]));
}

#[test]
fn a_wrong_password_fails_with_fields_and_a_readable_explanation() {
    let Some(env) = mail_env() else { return };
    let imap = format!("{}:{}", env["HOST"], env["IMAP_STARTTLS_PORT"]);
    let smtp = format!("{}:{}", env["HOST"], env["SMTPS_PORT"]);
    let args = [
        "mail-test",
        "--imap",
        &imap,
        "--imap-security",
        "starttls",
        "--smtp",
        &smtp,
        "--smtp-security",
        "tls",
        "--user",
        &env["USER"],
        "--password-env",
        "TEST_MAIL_PW",
        "--ca-file",
        &env["CA"],
    ];
    let out = cli(&args, Some("not-the-password"));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("✗ IMAP: log in"), "{text}");
    assert!(text.contains("imap.username, imap.password"), "{text}");
    assert!(
        text.contains("535"),
        "the SMTP server's reply is shown: {text}"
    );
    assert!(!text.contains("not-the-password"));

    let mut with_json = args.to_vec();
    with_json.push("--json");
    let v = json(&cli(&with_json, Some("not-the-password")));
    let login = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "imap.login")
        .unwrap();
    assert_eq!(login["status"], "failed");
    assert_eq!(
        login["fields"],
        serde_json::json!(["imap.username", "imap.password"])
    );
    assert!(login["message"].as_str().unwrap().contains("password"));
}

#[test]
fn french_output_explains_in_french() {
    let Some(env) = mail_env() else { return };
    let imap = format!("{}:{}", env["HOST"], env["CLOSED_PORT"]);
    let out = cli(
        &[
            "--lang",
            "fr",
            "mail-test",
            "--imap",
            &imap,
            "--user",
            "u",
            "--password-env",
            "TEST_MAIL_PW",
        ],
        Some("x"),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Rien n’écoute sur ce port"), "{text}");
}

#[test]
fn passwords_are_only_taken_from_the_environment() {
    let out = cli(
        &[
            "mail-test",
            "--imap",
            "127.0.0.1:993",
            "--user",
            "u",
            "--password-env",
            "TEST_MAIL_PW",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TEST_MAIL_PW"));
    let out = cli(
        &[
            "mail-test",
            "--imap",
            "127.0.0.1:993",
            "--user",
            "u",
            "--password",
            "x",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "there is no --password option");
}

#[test]
fn an_unknown_stored_channel_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["mail-test", "--channel", "no-such-channel"])
        .env("SWITCHBOARD_DATA_DIR", dir.path())
        .env("SWITCHBOARD_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no longer exists") && err.contains("no-such-channel"),
        "{err}"
    );
}

#[test]
fn bad_arguments_are_explained() {
    let out = cli(
        &[
            "mail-test",
            "--imap",
            "no-port",
            "--user",
            "u",
            "--password-env",
            "TEST_MAIL_PW",
        ],
        Some("x"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("host:port"));
    let out = cli(&["mail-test", "--user", "u"], Some("x"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing to test"));
}

#[test]
fn ctrl_c_cancels_a_test_stuck_on_a_silent_server() {
    let Some(env) = mail_env() else { return };
    let imap = format!("{}:{}", env["HOST"], env["SILENT_PORT"]);
    let child = Command::new(BIN)
        .args([
            "mail-test",
            "--imap",
            &imap,
            "--imap-security",
            "none",
            "--user",
            "u",
        ])
        .args(["--password-env", "TEST_MAIL_PW", "--timeout", "60"])
        .env("SWITCHBOARD_LANG", "en")
        .env("TEST_MAIL_PW", "x")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let start = std::time::Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    assert!(
        start.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Test cancelled."), "{text}");
    assert!(text.contains("⊘ IMAP: server greeting"), "{text}");
}
