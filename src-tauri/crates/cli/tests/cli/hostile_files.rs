//! Hostile files and careless machines, from a terminal (issue 11): names that carry
//! terminal escapes, duplicate names in an import, a read-only data folder, secrets an
//! import dropped, and `list --json | head`.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn command(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("SWITCHBOARD_DATA_DIR", data)
        .env("SWITCHBOARD_APP_ID", "com.switchboard.test.cli")
        .env("SWITCHBOARD_LANG", "en");
    c
}

fn cli(data: &Path, args: &[&str]) -> Output {
    command(data, args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn export_file(channels: Vec<Value>) -> String {
    json!({"format": "switchboard.channels", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
           "channels": channels})
    .to_string()
}

fn channel(kind: &str, name: &str) -> Value {
    let kind = switchboard_catalogue::Kind::parse(kind).unwrap();
    let (mut doc, _secrets) = switchboard_catalogue::example_document(kind);
    doc["general"]["name"] = json!(name);
    doc
}

fn import(data: &Path, dir: &Path, channels: Vec<Value>) -> Output {
    let file = dir.join(format!("in-{}.json", channels.len()));
    std::fs::write(&file, export_file(channels)).unwrap();
    cli(data, &["import", file.to_str().unwrap()])
}

const HOSTILE: &str = "Evil\u{1b}[2J\u{7}\r\nfake row\u{0}\u{202E}txt.exe";

#[test]
fn names_with_control_characters_are_refused_by_validate_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.json");
    std::fs::write(&file, export_file(vec![channel("sms", HOSTILE)])).unwrap();
    let out = cli(
        &dir.path().join("data"),
        &["validate", file.to_str().unwrap()],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "invalid, not valid: {stdout}");
    assert!(stdout.contains("general.name"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{202E}'),
        "nothing raw reaches the terminal: {stdout:?}"
    );
    assert!(
        stdout.contains("Evil\\e[2J\\x07\\r\\nfake row\\x00<U+202E>txt.exe"),
        "{stdout}"
    );
    let out = cli(
        &dir.path().join("data"),
        &["import", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}

#[test]
fn list_escapes_what_a_name_carries_and_shows_bidi_overrides() {
    // A bidi override is not a control character: it is valid in a name, but a
    // terminal must show it rather than obey it.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = import(
        &data,
        dir.path(),
        vec![channel("sms", "Invoice \u{202E}fdp.exe")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = cli(&data, &["list"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Invoice <U+202E>fdp.exe"), "{stdout}");
    assert!(!stdout.contains('\u{202E}'), "{stdout:?}");
    // JSON keeps the value exact: a program reads it, not a terminal.
    let out = cli(&data, &["list", "--json"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["items"][0]["name"], "Invoice \u{202E}fdp.exe");
}

#[test]
fn duplicate_names_come_in_as_invalid_drafts_in_the_file_and_against_existing_channels() {
    // Issue 11 made import check the unique-name rule; issue 12 makes a taken name one of
    // the draft's problems rather than a reason to refuse the file.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let validity = |data: &Path| -> Vec<(String, String)> {
        let out = cli(data, &["list", "--json"]);
        let page: Value = serde_json::from_slice(&out.stdout).unwrap();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_owned(),
                    r["validity"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let out = import(
        &data,
        dir.path(),
        vec![channel("sms", "Support"), channel("viber", " support ")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("incomplete draft"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        validity(&data).iter().all(|(_, v)| v == "invalid"),
        "{:?}",
        validity(&data)
    );

    let dir2 = tempfile::tempdir().unwrap();
    let data = dir2.path().join("data");
    let out = import(&data, dir2.path(), vec![channel("sms", "Support")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(
        dir2.path().join("again.json"),
        export_file(vec![channel("viber", "SUPPORT"), channel("sms", "Other")]),
    )
    .unwrap();
    let out = cli(
        &data,
        &[
            "import",
            "--json",
            dir2.path().join("again.json").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &report["channels"][0]["problems"];
    assert_eq!(first[0]["path"], "general.name", "{report}");
    assert_eq!(first[0]["message"]["id"], "val-name-duplicate");
    let mut got = validity(&data);
    got.sort();
    assert_eq!(
        got,
        [
            ("Other".to_owned(), "valid".to_owned()),
            ("SUPPORT".to_owned(), "invalid".to_owned()),
            ("Support".to_owned(), "invalid".to_owned()),
        ],
        "the channel already here lost its unique name too"
    );
}

#[test]
fn secrets_an_import_dropped_are_remembered_until_entered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut support = channel("email", "Support Inbox");
    support["secrets_to_reenter"] = json!(["imap.password", "smtp.password"]);
    let out = import(&data, dir.path(), vec![support]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = cli(&data, &["list", "--json"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &page["items"][0];
    assert_eq!(row["secrets_to_reenter"], true, "{row}");
    assert_eq!(
        row["validity"], "invalid",
        "not valid without its passwords: {row}"
    );
    let out = cli(&data, &["list"]);
    assert!(
        text(&out.stdout).contains("secrets to re-enter"),
        "{}",
        text(&out.stdout)
    );

    // The next export still lists them, for whoever imports it next.
    let again = dir.path().join("again.json");
    let out = cli(
        &data,
        &["export", "--all", "--output", again.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    let listed = &file["channels"][0]["secrets_to_reenter"];
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "imap.password"),
        "{listed}"
    );
}

#[test]
fn list_json_into_a_closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let many: Vec<Value> = (0..200)
        .map(|i| channel("sms", &format!("SMS {i}")))
        .collect();
    assert!(import(&data, dir.path(), many).status.success());
    // `| head -1`: the reader takes one line and goes away.
    let mut child = command(&data, &["list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "quiet, as Unix tools are: {stderr}");
    assert_eq!(out.status.code(), Some(0));
}

/// Runs the CLI as an unprivileged user when the tests run as root (CI), so that a
/// folder's permissions mean something.
fn as_unprivileged(data: &Path, args: &[&str]) -> Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| text(&o.stdout).trim() == "0");
    let mut c = if root.unwrap_or(false) {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            BIN,
        ]);
        c
    } else {
        Command::new(BIN)
    };
    c.args(args)
        .env("SWITCHBOARD_DATA_DIR", data)
        .env("SWITCHBOARD_APP_ID", "com.switchboard.test.cli")
        .env("SWITCHBOARD_LANG", "en")
        .env("HOME", "/nonexistent")
        .output()
        .unwrap()
}

#[test]
fn a_read_only_data_folder_still_lists_and_says_what_to_do_on_import() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(import(&data, dir.path(), vec![channel("sms", "Kept")])
        .status
        .success());
    let file = dir.path().join("in-1.json");
    std::fs::write(&file, export_file(vec![channel("sms", "New")])).unwrap();
    let mode =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    mode(dir.path(), 0o755);
    mode(&file, 0o644);
    for entry in std::fs::read_dir(&data).unwrap() {
        let p = entry.unwrap().path();
        mode(&p, if p.is_dir() { 0o555 } else { 0o444 });
    }
    mode(&data, 0o555);

    let out = as_unprivileged(&data, &["list", "--json"]);
    let restore = || mode(&data, 0o755);
    if !out.status.success() {
        restore();
    }
    assert!(
        out.status.success(),
        "reading still works: {}",
        text(&out.stderr)
    );
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["items"][0]["name"], "Kept");
    assert!(
        text(&out.stderr).contains("read-only"),
        "{}",
        text(&out.stderr)
    );

    let out = as_unprivileged(&data, &["import", file.to_str().unwrap()]);
    restore();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("read-only") && stderr.contains("writable"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("unable to open database file") && !stderr.contains("backup"),
        "not reported as damage: {stderr}"
    );
}
