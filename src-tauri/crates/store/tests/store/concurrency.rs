//! Two processes writing one database, as the app and `switchboard-cli` do. Every method
//! that reads and then writes takes the write lock first (`BEGIN IMMEDIATE`), so a writer
//! waits for the other instead of failing at once with SQLITE_BUSY; and two first opens of
//! a new file migrate it once.
//!
//! The parent test starts this same test binary again, filtered to `child_role`, with the
//! role in the environment: real processes, each with its own connection.

use crate::common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use switchboard_store::{Origin, Store, LATEST_VERSION};

const ROLE_ENV: &str = "SWITCHBOARD_STORE_CHILD_ROLE";
const DB_ENV: &str = "SWITCHBOARD_STORE_CHILD_DB";
const WRITE_FOR: Duration = Duration::from_secs(3);
/// The channels both writers bulk-edit; each writer also owns one channel.
const SHARED: usize = 3;

fn spawn_child(role: &str, db: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["concurrency::child_role", "--exact", "--nocapture"])
        .env(ROLE_ENV, role)
        .env(DB_ENV, db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The last `RESULT {json}` line a child printed, after checking it succeeded.
fn result_of(role: &str, out: Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "child {role} failed:\n{stdout}\n{stderr}"
    );
    let line = stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("child {role} reported nothing:\n{stdout}\n{stderr}"));
    serde_json::from_str(line).unwrap()
}

/// Runs only when started by a parent test below; otherwise there is nothing to do.
#[test]
fn child_role() {
    let (Ok(role), Some(db)) = (std::env::var(ROLE_ENV), std::env::var_os(DB_ENV)) else {
        return;
    };
    let db = Path::new(&db);
    let result = match role.as_str() {
        "open" => {
            let s = Store::open(db).unwrap_or_else(|f| panic!("open failed: {f}"));
            json!({"version": s.schema_version().unwrap()})
        }
        writer => write_for_a_while(db, writer.parse().unwrap()),
    };
    println!("RESULT {result}");
}

/// One writer: autosaves, checkpoints, restores and duplicates its own channel, and
/// bulk-edits the shared ones, as fast as it can; any error fails the process.
fn write_for_a_while(db: &Path, writer: usize) -> Value {
    let mut s = Store::open(db).unwrap();
    let named: Vec<(String, String)> = s
        .all_ids()
        .unwrap()
        .into_iter()
        .map(|id| (s.get(&id).unwrap().meta.name, id))
        .collect();
    let mine = named
        .iter()
        .find(|(name, _)| *name == format!("writer {writer}"))
        .map(|(_, id)| id.clone())
        .unwrap();
    let shared: Vec<String> = named
        .into_iter()
        .filter(|(name, _)| name.starts_with("shared"))
        .map(|(_, id)| id)
        .collect();
    let (mut seq, mut bulk, mut dups, mut restores) = (0u64, 0u64, 0u64, 0u64);
    let start = Instant::now();
    while start.elapsed() < WRITE_FOR {
        seq += 1;
        let mut doc = email_doc(&format!("writer {writer}"));
        doc["seq"] = json!(seq);
        s.save_draft(&mine, &doc, &meta_of("email", &doc)).unwrap();
        s.checkpoint(&mine, Origin::LocalEdit).unwrap();
        match seq % 4 {
            0 => {
                // Unique per writer and round, so every bulk edit changes every channel.
                let value = json!(writer as u64 * 1_000_000 + seq);
                s.bulk_apply(&shared, "routing.sla", &value, &TestSchema)
                    .unwrap();
                bulk += 1;
            }
            1 => {
                s.duplicate(&mine, |_, m| m.name = format!("copy {writer}"))
                    .unwrap();
                dups += 1;
            }
            2 => {
                let oldest = s.revisions(&mine).unwrap().last().unwrap().id;
                s.restore_revision(oldest).unwrap();
                restores += 1;
            }
            _ => {}
        }
        // A person's pace, not a loop's: without a pause one writer can take the lock
        // back before SQLite's busy handler wakes the other, and the test then measures
        // fairness instead of correctness.
        std::thread::sleep(Duration::from_millis(2));
    }
    // The last word is the newest draft, so the parent can check it was not lost.
    let mut doc = email_doc(&format!("writer {writer}"));
    doc["seq"] = json!(seq);
    s.save_draft(&mine, &doc, &meta_of("email", &doc)).unwrap();
    json!({"seq": seq, "bulk": bulk, "dups": dups, "restores": restores})
}

#[test]
fn two_processes_writing_one_store_lose_nothing_and_never_see_busy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("switchboard.sqlite3");
    let mut s = Store::open(&db).unwrap();
    let writers = ["0", "1"];
    let mut own = Vec::new();
    for w in writers {
        own.push(add_email(&mut s, &format!("writer {w}")));
    }
    let shared: Vec<String> = (0..SHARED)
        .map(|i| add_email(&mut s, &format!("shared {i}")))
        .collect();
    drop(s);

    let children: Vec<_> = writers.iter().map(|w| spawn_child(w, &db)).collect();
    let results: Vec<Value> = children
        .into_iter()
        .zip(writers)
        .map(|(c, w)| result_of(w, c.wait_with_output().unwrap()))
        .collect();

    let s = Store::open(&db).unwrap();
    let mut total_bulk = 0;
    let mut total_dups = 0;
    for ((w, r), id) in writers.iter().zip(&results).zip(&own) {
        assert!(
            r["seq"].as_u64().unwrap() >= 4,
            "writer {w} made progress: {r}"
        );
        let draft = s.get(id).unwrap().doc;
        assert_eq!(
            draft["seq"], r["seq"],
            "writer {w}'s last autosave is the draft"
        );
        let restores = s
            .revisions(id)
            .unwrap()
            .iter()
            .filter(|rev| rev.origin == Origin::Restore)
            .count() as u64;
        assert_eq!(
            restores,
            r["restores"].as_u64().unwrap(),
            "every acknowledged restore of writer {w} was recorded"
        );
        total_bulk += r["bulk"].as_u64().unwrap();
        total_dups += r["dups"].as_u64().unwrap();
    }
    for id in &shared {
        let bulk_revisions = s
            .revisions(id)
            .unwrap()
            .iter()
            .filter(|rev| rev.origin == Origin::BulkEdit)
            .count() as u64;
        assert_eq!(
            bulk_revisions, total_bulk,
            "every bulk edit of both writers reached shared channel {id}"
        );
    }
    let channels = s.all_ids().unwrap().len() as u64;
    assert_eq!(
        channels,
        (writers.len() + SHARED) as u64 + total_dups,
        "every acknowledged duplicate exists"
    );
    assert!(s.integrity_check().unwrap().is_empty());
    eprintln!("two writers for {WRITE_FOR:?}: {results:?}");
}

#[test]
fn processes_opening_a_new_database_at_once_all_succeed() {
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("switchboard.sqlite3");
        let children: Vec<_> = (0..4).map(|_| spawn_child("open", &db)).collect();
        for c in children {
            let r = result_of("open", c.wait_with_output().unwrap());
            assert_eq!(r["version"], LATEST_VERSION);
        }
    }
}
