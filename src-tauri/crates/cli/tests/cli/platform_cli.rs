//! `switchboard-cli account …` and `pull` against the platform emulator started in this
//! process. The token is sealed with the master key from the real keychain, so these run
//! inside tests/support/with-keyring.sh (skipped with a note otherwise, failed under
//! SWITCHBOARD_REQUIRE_REAL_SERVERS=1).

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use switchboard_emulator::{Config, Emulator, FaultsPatch, Running};

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

struct Cli {
    data: std::path::PathBuf,
    app_id: String,
    _dir: tempfile::TempDir,
}

impl Cli {
    fn new(tag: &str) -> Cli {
        let dir = tempfile::tempdir().unwrap();
        Cli {
            data: dir.path().join("data"),
            // One keychain entry per test: they run in parallel.
            app_id: format!(
                "com.switchboard.test.cli.platform.{tag}.{}",
                std::process::id()
            ),
            _dir: dir,
        }
    }

    fn command(&self, lang: &str, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("SWITCHBOARD_DATA_DIR", &self.data)
            .env("SWITCHBOARD_APP_ID", &self.app_id)
            .env("SWITCHBOARD_LANG", lang)
            .env_remove("SB_TOKEN");
        c
    }

    fn run(&self, lang: &str, args: &[&str]) -> Output {
        self.command(lang, args).output().unwrap()
    }

    fn add(&self, emu: &Running, name: &str) -> Output {
        self.command(
            "en",
            &[
                "account",
                "add",
                name,
                "--url",
                &emu.url(),
                "--environment",
                "sandbox",
                "--token-env",
                "SB_TOKEN",
                "--rate-limit",
                "100000",
            ],
        )
        .env("SB_TOKEN", emu.admin_token())
        .output()
        .unwrap()
    }

    fn db(&self) -> std::path::PathBuf {
        self.data.join("switchboard.sqlite3")
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn emulator(sources: usize) -> Running {
    Emulator::start(Config {
        sources,
        seed: 7,
        ..Config::default()
    })
    .unwrap()
}

/// Every file under `dir`, read whole, must not contain `needle`.
fn assert_not_in_files(dir: &Path, needle: &str) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert_not_in_files(&path, needle);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "the token is in {}",
                path.display()
            );
        }
    }
}

#[test]
fn account_add_list_test_remove() {
    if !keyring() {
        return;
    }
    let emu = emulator(20);
    let cli = Cli::new("crud");
    let token = emu.admin_token();

    // The token never as an argument: there is no such option.
    let out = cli.run(
        "en",
        &[
            "account",
            "add",
            "X",
            "--url",
            &emu.url(),
            "--token",
            &token,
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));

    // A named variable that is not set: said, in the user's language, naming the variable.
    let out = cli.run(
        "fr",
        &[
            "account",
            "add",
            "X",
            "--url",
            &emu.url(),
            "--token-env",
            "SB_TOKEN",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("SB_TOKEN") && stderr.contains("variable"),
        "{stderr}"
    );

    // Neither a domain nor a URL.
    let out = cli
        .command("en", &["account", "add", "X", "--token-env", "SB_TOKEN"])
        .env("SB_TOKEN", &token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--domain"),
        "{}",
        text(&out.stderr)
    );

    // Plain http to another host is refused, naming the field.
    let out = cli
        .command(
            "en",
            &[
                "account",
                "add",
                "X",
                "--url",
                "http://example.com/1.0",
                "--token-env",
                "SB_TOKEN",
            ],
        )
        .env("SB_TOKEN", &token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("base_url"),
        "{}",
        text(&out.stderr)
    );

    let out = cli.add(&emu, "Emulated");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Account “Emulated” added"));
    // The same name twice is refused.
    assert_eq!(cli.add(&emu, "Emulated").status.code(), Some(1));

    // A domain with a documented host builds the address.
    let out = cli
        .command(
            "en",
            &[
                "account",
                "add",
                "Acme",
                "--domain",
                "acme",
                "--host",
                "dimelo",
                "--environment",
                "production",
                "--token-env",
                "SB_TOKEN",
                "--token-user-email",
                "admin@acme.example",
            ],
        )
        .env("SB_TOKEN", "some-other-token")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = cli.run("en", &["account", "list", "--json"]);
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let acme = list.iter().find(|a| a["label"] == "Acme").unwrap();
    assert_eq!(
        acme["baseUrl"],
        "https://acme.api.engagement.dimelo.com/1.0"
    );
    assert_eq!(acme["environment"], "production");
    assert_eq!(acme["tokenSet"], true);
    assert!(!text(&out.stdout).contains(&token));
    let out = cli.run("fr", &["account", "list"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("bac à sable") && stdout.contains("2 comptes"),
        "{stdout}"
    );

    let out = cli.run("en", &["account", "test", "Emulated"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("API token") && stdout.contains("The account works."),
        "{stdout}"
    );
    let out = cli.run("en", &["account", "test", "Emulated", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["capabilities"]["readChannels"], true);

    // A token the platform refuses: exit 1, the token step failed.
    let out = cli
        .command(
            "en",
            &[
                "account",
                "add",
                "Bad",
                "--url",
                &emu.url(),
                "--token-env",
                "SB_TOKEN",
            ],
        )
        .env("SB_TOKEN", "not-a-valid-token")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = cli.run("en", &["account", "test", "Bad", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert!(report["fields"].to_string().contains("token"), "{report}");

    let out = cli.run("en", &["account", "remove", "Acme"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = cli.run("en", &["account", "remove", "Acme"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("No account named “Acme”"));

    assert_not_in_files(&cli.data, &token);
}

#[test]
fn pull_adopts_every_source_and_reports() {
    if !keyring() {
        return;
    }
    let emu = emulator(200);
    let cli = Cli::new("pull");
    assert!(cli.add(&emu, "Emulated").status.success());

    let out = cli.run("en", &["pull", "--account", "Emulated"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("200 sources on the platform, 2 pages read (complete: yes)"),
        "{stdout}"
    );
    // Progress goes to stderr, not into the summary.
    assert!(!text(&out.stderr).is_empty());

    let out = cli.run("en", &["pull", "--account", "Emulated", "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["report"]["complete"], true);
    assert_eq!(v["report"]["counts"]["adopted"], 0);
    // A source of a type no kind maps to is listed, not adopted.
    let unadopted = v["report"]["counts"]["unadopted"].as_u64().unwrap();
    assert_eq!(
        v["report"]["unadopted"].as_array().unwrap().len() as u64,
        unadopted
    );
    assert_eq!(v["report"]["counts"]["unchanged"], 200 - unadopted);

    let out = cli.run("en", &["list", "--json"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 200 - unadopted);

    // A server that keeps failing: exit 1 and the localized reason.
    emu.control()
        .set_faults(&FaultsPatch {
            error_rate: Some(1.0),
            ..FaultsPatch::default()
        })
        .unwrap();
    let out = cli.run("fr", &["pull", "--account", "Emulated", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert!(v["error"].as_str().unwrap().contains("plateforme"), "{v}");

    let out = cli.run("en", &["pull", "--account", "Nobody"]);
    assert_eq!(out.status.code(), Some(1));
    assert_not_in_files(&cli.data, &emu.admin_token());
}

/// A tiny deterministic generator (no dependency): the kill points vary per trial.
fn next(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn pull_killed_at_random_points_leaves_a_sound_store_and_the_next_pull_completes() {
    if !keyring() {
        return;
    }
    let sources = 1_000;
    let emu = emulator(sources);
    let cli = Cli::new("kill");
    assert!(cli.add(&emu, "Emulated").status.success());
    // Slow answers so that a kill lands in the middle of the pull, between and during
    // page commits.
    emu.control()
        .set_faults(&FaultsPatch {
            latency_ms: Some(80),
            ..FaultsPatch::default()
        })
        .unwrap();
    let mut seed = 0x5eed_u64 ^ u64::from(std::process::id());
    let trials = 8;
    let mut interrupted = 0;
    for trial in 0..trials {
        let mut child = cli
            .command("en", &["pull", "--account", "Emulated"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let after = Duration::from_millis(50 + next(&mut seed) % 900);
        let start = Instant::now();
        while start.elapsed() < after {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        // SIGKILL: no destructor, no rollback handler, nothing runs.
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let conn = rusqlite::Connection::open(cli.db()).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "trial {trial}, killed after {after:?}");
        // Whole pages only: every linked channel has its base.
        let (linked, based): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM channels WHERE account_id IS NOT NULL), \
                        (SELECT COUNT(*) FROM sync_bases)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(linked, based, "trial {trial}");
    }
    // The kills must have landed mid-pull for the test to mean anything.
    assert!(
        interrupted >= trials / 2,
        "only {interrupted} of {trials} pulls were interrupted"
    );
    emu.control()
        .set_faults(&FaultsPatch {
            latency_ms: Some(0),
            ..FaultsPatch::default()
        })
        .unwrap();
    let out = cli.run("en", &["pull", "--account", "Emulated", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report"]["complete"], true);
    let unadopted = v["report"]["counts"]["unadopted"].as_u64().unwrap();
    let out = cli.run("en", &["list", "--json"]);
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], sources as u64 - unadopted);
}
