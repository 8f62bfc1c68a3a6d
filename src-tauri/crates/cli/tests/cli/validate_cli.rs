//! `switchboard-cli validate` on real files: a valid document, an invalid one, the export
//! format, `--json`, and unreadable input.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};
use switchboard_catalogue::{example_document, Kind};

fn cli(lang: &str, args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard-cli"))
        .arg("validate")
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

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p.display().to_string()
}

fn invalid_email() -> Value {
    let (mut doc, _) = example_document(Kind::Email);
    doc["general"]["name"] = json!("Support FR");
    doc["imap"]["port"] = json!(70000);
    doc["imap"]["use_start_tls"] = json!(true);
    doc
}

#[test]
fn valid_file_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let (doc, _) = example_document(Kind::Whatsapp);
    let f = write(dir.path(), "whatsapp.json", &doc);
    let out = cli("en", &[&f], dir.path());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("✓") && stdout.contains("WhatsApp"),
        "{stdout}"
    );
    assert!(stdout.contains("1 channel checked, all valid."), "{stdout}");
}

#[test]
fn invalid_file_lists_localized_problems_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "email.json", &invalid_email());
    let out = cli("fr", &[&f], dir.path());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("Support FR") && stdout.contains("E-mail"),
        "{stdout}"
    );
    assert!(
        stdout.contains("imap.port (Port de serveur): Saisissez un nombre entre 1 et 65"),
        "{stdout}"
    );
    assert!(stdout.contains("imap.use_start_tls"), "{stdout}");
    assert!(
        stdout.contains("Choisissez SSL/TLS ou StartTLS, pas les deux."),
        "{stdout}"
    );
}

#[test]
fn export_format_and_json_output() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _) = example_document(Kind::Viber);
    let mut dup = ok.clone();
    dup["secrets_to_reenter"] = json!(["viber.auth_token"]);
    let export = json!({"format": "switchboard.channels", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
                        "channels": [ok, dup, invalid_email()]});
    let f = write(dir.path(), "export.json", &export);
    let out = cli("en", &["--json", &f], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["channels"], 3);
    assert_eq!(
        v["invalid"], 3,
        "two share a name, one has field problems: {v:#}"
    );
    let channels = v["files"][0]["channels"].as_array().unwrap();
    let first = &channels[0]["problems"][0];
    assert_eq!(first["path"], "general.name");
    assert_eq!(first["message"]["id"], "val-name-duplicate");
    let email = &channels[2]["problems"];
    let port = email
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "imap.port")
        .unwrap();
    assert_eq!(port["message"]["id"], "err-number-range");
    assert_eq!(port["message"]["args"]["max"], 65535.0);
    assert_eq!(port["field"], "Server port");
    assert_eq!(port["text"], "Enter a number between 1 and 65535.");
}

#[test]
fn unreadable_input_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json").display().to_string();
    let out = cli("en", &[&missing], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("missing.json"),
        "{}",
        text(&out.stderr)
    );

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = cli("en", &[bad.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not valid JSON"),
        "{}",
        text(&out.stderr)
    );

    let other = write(
        dir.path(),
        "other.json",
        &json!({"format": "something.else", "version": 1}),
    );
    let out = cli("en", &[&other], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let newer = write(
        dir.path(),
        "newer.json",
        &json!({"format": "switchboard.channels", "version": 9, "channels": []}),
    );
    let out = cli("en", &[&newer], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("version 9"),
        "{}",
        text(&out.stderr)
    );
}
