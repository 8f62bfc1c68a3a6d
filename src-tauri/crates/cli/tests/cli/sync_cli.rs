//! `switchboard-cli plan` and `apply` against the emulator started in this process: exit
//! codes, refusals (stale, edited, declined), and an apply killed with SIGKILL at random
//! points, 50 times: each resume completes, the store stays sound, and no field reaches
//! the server twice without a re-read. Inside tests/support/with-keyring.sh (the account
//! token is sealed with the keychain's key); skipped with a note otherwise.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use switchboard_channels::ChannelService;
use switchboard_emulator::{Config, Emulator, FaultsPatch, Running};
use switchboard_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn keyring() -> bool {
    let required = std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() == Ok("1");
    if std::env::var_os("SWITCHBOARD_TEST_KEYRING").is_none() {
        assert!(!required, "the keyring harness is required here");
        eprintln!("note: skipped (needs tests/support/with-keyring.sh)");
        return false;
    }
    true
}

struct Env {
    emu: Running,
    data: std::path::PathBuf,
    app_id: String,
    dir: tempfile::TempDir,
}

impl Env {
    fn new(tag: &str, sources: usize) -> Env {
        let emu = Emulator::start(Config {
            sources,
            seed: 17,
            ..Config::default()
        })
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let env = Env {
            emu,
            data: dir.path().join("data"),
            app_id: format!("com.switchboard.test.cli.sync.{tag}.{}", std::process::id()),
            dir,
        };
        let out = env
            .command(&[
                "account",
                "add",
                "Emu",
                "--url",
                &env.emu.url(),
                "--token-env",
                "SB_TOKEN",
                "--rate-limit",
                "100000",
            ])
            .env("SB_TOKEN", env.emu.admin_token())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(env.run(&["pull", "--account", "Emu"]).status.success());
        env
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("SWITCHBOARD_DATA_DIR", &self.data)
            .env("SWITCHBOARD_APP_ID", &self.app_id)
            .env("SWITCHBOARD_LANG", "en");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    fn plan_file(&self) -> String {
        self.dir
            .path()
            .join("plan.json")
            .to_str()
            .unwrap()
            .to_owned()
    }

    fn service(&self) -> ChannelService {
        ChannelService::new(
            Store::open(&self.data.join("switchboard.sqlite3")).unwrap(),
            switchboard_vault::for_app(&self.app_id),
        )
    }

    /// Renames the first `n` valid linked channels here; returns (remote id, name).
    fn rename(&self, n: usize, tag: &str) -> Vec<(String, String)> {
        let mut s = self.service();
        let account = s.accounts().unwrap()[0].id.clone();
        let mut out = Vec::new();
        for ch in s.linked_channels(&account).unwrap() {
            if out.len() == n {
                break;
            }
            if ch.doc["kind"] != "email" && ch.doc["kind"] != "sms" {
                continue;
            }
            let name = format!("{tag} {}", ch.remote_id);
            let mut doc = ch.doc.clone();
            doc["general"]["name"] = json!(name);
            s.save(&ch.channel_id, doc).unwrap();
            out.push((ch.remote_id, name));
        }
        out
    }

    fn server_name(&self, id: &str) -> String {
        self.emu.control().raw_source(id).unwrap()["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn plan_exit_codes_and_apply_refusals() {
    if !keyring() {
        return;
    }
    let env = Env::new("codes", 30);
    let out = env.run(&["plan", "--account", "Emu"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );

    let renamed = env.rename(2, "Planned");
    let file = env.plan_file();
    let out = env.run(&["plan", "--account", "Emu", "--out", &file]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("[send]") && stdout.contains("→"),
        "{stdout}"
    );
    assert!(stdout.contains(&renamed[0].1), "{stdout}");
    let out = env.run(&["plan", "--account", "Emu", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["channels"].as_array().unwrap().len(), 2);

    // Declined (no --yes, answer "n"): nothing sent.
    let mut child = env
        .command(&["apply", &file])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"n\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Nothing was sent."));
    assert_ne!(env.server_name(&renamed[0].0), renamed[0].1);

    // An edited plan file is refused.
    let mut tampered: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    tampered["channels"][0]["fields"][0]["local"] = json!("Injected");
    let bad = env.dir.path().join("bad.json");
    std::fs::write(&bad, tampered.to_string()).unwrap();
    let out = env.run(&["apply", bad.to_str().unwrap(), "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("changed after it was made"),
        "{}",
        text(&out.stderr)
    );

    // Answer "y": applied.
    let mut child = env
        .command(&["apply", &file])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"y\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Applied: 2"),
        "{}",
        text(&out.stdout)
    );
    for (id, name) in &renamed {
        assert_eq!(&env.server_name(id), name);
    }
    assert_eq!(
        env.run(&["plan", "--account", "Emu"]).status.code(),
        Some(0)
    );

    // A plan made before a draft was saved again is stale.
    env.rename(1, "Again");
    assert_eq!(
        env.run(&["plan", "--account", "Emu", "--out", &file])
            .status
            .code(),
        Some(2)
    );
    env.rename(1, "And again");
    let out = env.run(&["apply", &file, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("make a new plan"),
        "{}",
        text(&out.stderr)
    );
}

fn next(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn apply_killed_at_random_points_resumes_exactly_50_times() {
    if !keyring() {
        return;
    }
    let env = Env::new("kill", 40);
    env.emu
        .control()
        .set_faults(&FaultsPatch {
            latency_ms: Some(15),
            ..FaultsPatch::default()
        })
        .unwrap();
    let file = env.plan_file();
    let mut seed = 0x9e37_79b9_u64 ^ u64::from(std::process::id());
    let (trials, mut interrupted) = (50, 0);
    // One e-mail channel also gets a new SMTP password each trial: a write-only secret
    // sent through its own endpoint, which must survive the kills as the fields do.
    let mail = {
        let s = env.service();
        let account = s.accounts().unwrap()[0].id.clone();
        s.linked_channels(&account)
            .unwrap()
            .into_iter()
            .find(|c| c.doc["kind"] == "email")
            .unwrap()
    };
    for trial in 0..trials {
        let renamed = env.rename(4, &format!("T{trial}"));
        let password = format!("Kill-{trial}-smtp-pw");
        env.service()
            .set_secret(
                &mail.channel_id,
                "smtp.password",
                &switchboard_core::Sensitive::new(password.clone()),
            )
            .unwrap();
        let out = env.run(&["plan", "--account", "Emu", "--out", &file]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "trial {trial}: {}",
            text(&out.stderr)
        );
        let mut child = env
            .command(&["apply", &file, "--yes"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let after = Duration::from_millis(next(&mut seed) % 400);
        let start = Instant::now();
        while start.elapsed() < after && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let conn = rusqlite::Connection::open(env.data.join("switchboard.sqlite3")).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "trial {trial}");
        drop(conn);
        // Resume: the same plan again completes.
        let out = env.run(&["apply", &file, "--yes"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "trial {trial} (killed after {after:?}): {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        for (id, name) in &renamed {
            assert_eq!(&env.server_name(id), name, "trial {trial}");
        }
        assert_eq!(
            env.emu.control().secret(&mail.remote_id, "smtp_password"),
            Some(password),
            "trial {trial}"
        );
        let out = env.run(&["plan", "--account", "Emu"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "trial {trial}: {}",
            text(&out.stdout)
        );
    }
    let stats = env.emu.control().stats();
    for id in env.emu.control().source_ids() {
        assert!(
            stats.resent_without_reread(&id).is_empty(),
            "source {id}: sent twice without a re-read"
        );
    }
    assert!(
        interrupted >= trials / 3,
        "only {interrupted} of {trials} applies were interrupted"
    );
    eprintln!("apply kill -9: {interrupted} of {trials} trials interrupted mid-apply, all resumed");
}

#[test]
fn promote_maps_by_name_takes_corrections_and_writes_the_targets_plan() {
    if !keyring() {
        return;
    }
    let env = Env::new("promote", 20);
    let prod = Emulator::start(Config {
        sources: 20,
        seed: 18,
        ..Config::default()
    })
    .unwrap();
    let out = env
        .command(&[
            "account",
            "add",
            "Prod",
            "--url",
            &prod.url(),
            "--token-env",
            "SB_TOKEN",
            "--rate-limit",
            "100000",
        ])
        .env("SB_TOKEN", prod.admin_token())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Production has an e-mail source of the sandbox one's name: the promotion's target.
    let sandbox_mail = {
        let s = env.service();
        let account = s.accounts().unwrap()[0].id.clone();
        s.linked_channels(&account)
            .unwrap()
            .into_iter()
            .find(|c| c.doc["kind"] == "email")
            .unwrap()
            .remote_id
    };
    let twin = prod
        .control()
        .source_ids()
        .into_iter()
        .find(|id| prod.control().raw_source(id).unwrap()["type"] == "email")
        .unwrap();
    let mut f = serde_json::Map::new();
    f.insert("name".into(), json!(env.server_name(&sandbox_mail)));
    prod.control().edit_source(&twin, &f, None).unwrap();
    assert!(env.run(&["pull", "--account", "Prod"]).status.success());
    // A sandbox e-mail channel with business hours set (the sandbox's London office).
    let (channel, london) = {
        let mut s = env.service();
        let account = s.accounts().unwrap()[0].id.clone();
        let sheets = s
            .store()
            .reference(switchboard_store::RefKind::TimeSheets, &account)
            .unwrap()
            .unwrap()
            .data;
        let london = sheets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "London office")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let ch = s
            .linked_channels(&account)
            .unwrap()
            .into_iter()
            .find(|c| c.doc["kind"] == "email")
            .unwrap();
        let mut doc = ch.doc.clone();
        doc["general"]["business_hours"] = json!(london);
        s.save(&ch.channel_id, doc).unwrap();
        (ch.channel_id, london)
    };
    let prod_all_day = {
        let s = env.service();
        let prod_account = s.accounts().unwrap()[1].id.clone();
        let sheets = s
            .store()
            .reference(switchboard_store::RefKind::TimeSheets, &prod_account)
            .unwrap()
            .unwrap()
            .data;
        sheets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "24/7")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // A mapping to an entry the target lacks is refused, with the reason.
    let out = env.run(&[
        "promote",
        "--from",
        "Emu",
        "--to",
        "Prod",
        "--channel",
        &channel,
        "--map",
        "time_sheets:London office=Nowhere",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Nowhere"),
        "{}",
        text(&out.stderr)
    );

    let file = env.plan_file();
    let out = env.run(&[
        "promote",
        "--from",
        "Emu",
        "--to",
        "Prod",
        "--channel",
        &channel,
        "--map",
        "time_sheets:London office=24/7",
        "--out",
        &file,
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("Business hours: London office → 24/7"),
        "{stdout}"
    );
    assert!(
        stdout.contains("draft updated"),
        "onto the production twin: {stdout}"
    );
    assert!(stdout.contains("[send]"), "{stdout}");
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let s = env.service();
    assert_eq!(plan["accountId"], s.accounts().unwrap()[1].id);
    let cp = plan["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["remoteId"] == twin.as_str())
        .expect("the twin is in the production plan");
    let sheets = cp["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "time_sheet_ids")
        .unwrap();
    assert_eq!(sheets["local"], json!([prod_all_day]));
    // The plan file applies like any other; production then holds the corrected hours.
    let out = env.run(&["apply", &file, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        prod.control().raw_source(&twin).unwrap()["time_sheet_ids"],
        json!([prod_all_day])
    );
    let doc = s
        .get(cp["channelId"].as_str().unwrap())
        .unwrap()
        .channel
        .doc;
    assert_eq!(doc["general"]["business_hours"], json!(prod_all_day));
    assert_ne!(doc["general"]["business_hours"], json!(london));
}

/// The plan's words: a blocked channel's problems by "Section › Label" (never the path),
/// secrets to set counted as changes (a secrets-only plan is not "0 changes"), and a plan
/// file that cannot be written said in the user's language, not the system's English.
#[test]
fn plan_words_labels_secrets_and_write_failures() {
    if !keyring() {
        return;
    }
    let env = Env::new("words", 30);
    let mut s = env.service();
    let account = s.accounts().unwrap()[0].id.clone();
    let linked = s.linked_channels(&account).unwrap();
    let mail = linked.iter().find(|c| c.doc["kind"] == "email").unwrap();
    s.set_secret(
        &mail.channel_id,
        "smtp.password",
        &switchboard_core::Sensitive::new("Words-smtp-pw".to_owned()),
    )
    .unwrap();

    // Only a secret to set: one change, and exit 2.
    let out = env.run(&["plan", "--account", "Emu"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("[will be set]"), "{stdout}");
    assert!(
        stdout.contains("1 channels, 1 changes, 0 conflicts."),
        "{stdout}"
    );
    assert!(!stdout.contains("Words-smtp-pw"), "{stdout}");

    // A blank name: the channel is blocked, its problem named by label.
    let sms = linked.iter().find(|c| c.doc["kind"] == "sms").unwrap();
    let mut doc = sms.doc.clone();
    doc["general"]["name"] = json!(" ");
    s.save(&sms.channel_id, doc).unwrap();
    let out = env.run(&["plan", "--account", "Emu"]);
    let stdout = text(&out.stdout);
    let blocked: Vec<&str> = stdout.lines().filter(|l| l.contains("[blocked]")).collect();
    assert!(!blocked.is_empty(), "{stdout}");
    for line in &blocked {
        assert!(line.contains(" › "), "a label with its section: {line}");
        assert!(!line.contains("general.name"), "not the path: {line}");
    }
    assert!(
        blocked.iter().any(|l| l.contains("General settings › ")),
        "{stdout}"
    );

    // The plan file cannot be written: the cause in words, in English and in French.
    let nowhere = env.dir.path().join("no-such-folder").join("plan.json");
    let nowhere = nowhere.to_str().unwrap();
    let out = env.run(&["plan", "--account", "Emu", "--out", nowhere]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("its folder does not exist"), "{stderr}");
    assert!(!stderr.contains("No such file"), "{stderr}");
    let out = env
        .command(&["plan", "--account", "Emu", "--out", nowhere])
        .env("SWITCHBOARD_LANG", "fr")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("son dossier n'existe pas"), "{stderr}");
}
