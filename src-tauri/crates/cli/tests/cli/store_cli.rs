//! `switchboard-cli list | export | import` against a store in a temporary data folder.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn cli(data: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard-cli"))
        .args(args)
        .env("SWITCHBOARD_DATA_DIR", data)
        .env("SWITCHBOARD_APP_ID", "com.switchboard.test.cli")
        .env("SWITCHBOARD_LANG", lang)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn export_file(channels: Vec<Value>) -> String {
    json!({"format": "switchboard.channels", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
           "channels": channels})
    .to_string()
}

/// A valid channel of `kind` (the catalogue's own example: import validates with the
/// catalogue, as the app does).
fn channel(kind: &str, name: &str) -> Value {
    let kind = switchboard_catalogue::Kind::parse(kind).unwrap();
    let (mut doc, _secrets) = switchboard_catalogue::example_document(kind);
    doc["general"]["name"] = json!(name);
    doc
}

#[test]
fn import_list_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("in.json");
    let mut support = channel("email", "Support Inbox");
    support["secrets_to_reenter"] = json!(["imap.password"]);
    std::fs::write(
        &file,
        export_file(vec![support, channel("facebook_page", "Facebook Page")]),
    )
    .unwrap();

    let out = cli(&data, "en", &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("2 channels imported."), "{stdout}");
    assert!(
        stdout.contains("Support Inbox: re-enter imap.password"),
        "{stdout}"
    );

    let out = cli(&data, "en", &["list"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.starts_with("Name"), "{stdout}");
    assert!(
        stdout.contains("Facebook Page") && stdout.contains("Support Inbox"),
        "{stdout}"
    );
    assert!(stdout.contains("2 channels."), "{stdout}");

    let out = cli(&data, "en", &["list", "--json", "--search", "inbox"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["name"], "Support Inbox");
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();

    let out = cli(&data, "en", &["list", "--json", "--kind", "facebook_page"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["items"][0]["name"], "Facebook Page");

    let all = dir.path().join("all.json");
    let out = cli(
        &data,
        "en",
        &["export", "--all", "-o", all.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 channels exported to"));
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&all).unwrap()).unwrap();
    assert_eq!(exported["format"], "switchboard.channels");
    assert_eq!(exported["channels"].as_array().unwrap().len(), 2);

    let one = dir.path().join("one.json");
    let out = cli(&data, "en", &["export", &id, "-o", one.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&one).unwrap()).unwrap();
    assert_eq!(exported["channels"][0]["general"]["name"], "Support Inbox");

    let out = cli(&data, "en", &["export", "-o", one.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--all"));

    let out = cli(&data, "fr", &["list"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Nom") && stdout.contains("2 canaux."),
        "{stdout}"
    );
}

#[test]
fn a_bad_file_reports_every_problem_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("bad.json");
    let no_kind = json!({"general": {"name": "x"}});
    let no_name = json!({"kind": "email", "general": {}});
    std::fs::write(
        &file,
        export_file(vec![channel("email", "Fine"), no_kind, no_name]),
    )
    .unwrap();

    let out = cli(&data, "en", &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("channel 1,"),
        "the valid channel has no problem: {stderr}"
    );
    assert!(stderr.contains("channel 2, kind:"), "{stderr}");
    assert!(
        !stderr.contains("channel 3,"),
        "a draft without a name is unfinished, not broken (issue 12): {stderr}"
    );

    let out = cli(&data, "en", &["list", "--json"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 0, "nothing was imported");

    let out = cli(
        &data,
        "fr",
        &["import", dir.path().join("missing.json").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stderr).is_empty());
}
