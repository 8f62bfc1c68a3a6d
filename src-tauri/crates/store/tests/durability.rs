//! Durability under SIGKILL. The parent starts this same binary as a child (env
//! `SWITCHBOARD_DURABILITY_CHILD`) that creates channels, autosaves drafts, checkpoints
//! and stores sealed secrets as fast as it can, printing one line per acknowledged
//! (committed) operation. The parent kills it at a random moment, then opens the
//! database like the app would after a crash and checks that every acknowledged
//! operation is there and `PRAGMA integrity_check` is ok. Repeated `TRIALS` times on the
//! same database, so later trials also test recovery after earlier kills.

use serde_json::json;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use switchboard_store::{BasicSchema, DocSchema, Durability, ListQuery, Origin, Store};

const TRIALS: u32 = 120;
const CHILD_ENV: &str = "SWITCHBOARD_DURABILITY_CHILD";

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: enough to scatter kill moments and operations.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1
}

fn doc(name: &str, seq: u64) -> serde_json::Value {
    json!({"kind": "email", "general": {"name": name, "active": true}, "routing": {"sla": seq % 500}, "seq": seq})
}

fn child(db: &Path, base: u64, durability: Durability) {
    let mut store = Store::open(db).expect("child opens the database");
    store.set_durability(durability).unwrap();
    let mut ids = store.all_ids().unwrap();
    let mut rng = Rng(seed() ^ base);
    let mut n = base;
    loop {
        n += 1;
        let op = if ids.is_empty() { 0 } else { rng.below(20) };
        match op {
            0 | 1 => {
                let d = doc(&format!("channel {n}"), n);
                let id = store
                    .create(
                        "email",
                        &d,
                        &BasicSchema.meta("email", &d),
                        Origin::LocalEdit,
                    )
                    .unwrap();
                println!("C {id} {n}");
                ids.push(id);
            }
            2 => {
                let id = &ids[rng.below(ids.len() as u64) as usize];
                if let Some(rev) = store.checkpoint(id, Origin::LocalEdit).unwrap() {
                    println!("K {id} {rev}");
                }
            }
            3 => {
                let id = &ids[rng.below(ids.len() as u64) as usize];
                store
                    .set_secret(id, "imap.password", &n.to_le_bytes())
                    .unwrap();
                println!("X {id} {n}");
            }
            _ => {
                let id = &ids[rng.below(ids.len() as u64) as usize];
                let d = doc(&format!("channel {id}"), n);
                store
                    .save_draft(id, &d, &BasicSchema.meta("email", &d))
                    .unwrap();
                println!("S {id} {n}");
            }
        }
    }
}

#[derive(Default)]
struct Acked {
    /// channel id → highest acknowledged document seq
    docs: HashMap<String, u64>,
    /// channel id → highest acknowledged secret seq
    secrets: HashMap<String, u64>,
    revisions: Vec<(String, i64)>,
}

impl Acked {
    fn record(&mut self, out: &str) -> usize {
        let mut count = 0;
        // A line cut by the kill has no newline: not acknowledged, ignored.
        let complete = match out.rfind('\n') {
            Some(i) => &out[..=i],
            None => "",
        };
        for line in complete.lines() {
            let mut parts = line.split(' ');
            let (Some(op), Some(id), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
                panic!("unexpected child output line: {line:?}");
            };
            let id = id.to_owned();
            match op {
                "C" | "S" => {
                    let seq: u64 = v.parse().unwrap();
                    let e = self.docs.entry(id).or_default();
                    *e = (*e).max(seq);
                }
                "X" => {
                    let seq: u64 = v.parse().unwrap();
                    let e = self.secrets.entry(id).or_default();
                    *e = (*e).max(seq);
                }
                "K" => self.revisions.push((id, v.parse().unwrap())),
                _ => panic!("unexpected child output line: {line:?}"),
            }
            count += 1;
        }
        count
    }

    fn verify(&self, db: &Path, trial: u32) {
        let store = Store::open(db).unwrap_or_else(|e| panic!("trial {trial}: reopen failed: {e}"));
        assert!(
            store.integrity_check().unwrap().is_empty(),
            "trial {trial}: integrity_check not ok"
        );
        for (id, seq) in &self.docs {
            let ch = store.get(id).unwrap_or_else(|e| {
                panic!("trial {trial}: acknowledged channel {id} missing: {e}")
            });
            let stored = ch.doc["seq"].as_u64().unwrap();
            assert!(
                stored >= *seq,
                "trial {trial}: {id} has seq {stored}, acknowledged {seq}"
            );
        }
        for (id, seq) in &self.secrets {
            let blob = store
                .sealed_secret(id, "imap.password")
                .unwrap()
                .expect("acknowledged secret");
            let stored = u64::from_le_bytes(blob.try_into().unwrap());
            assert!(
                stored >= *seq,
                "trial {trial}: secret of {id} older than acknowledged"
            );
        }
        for (id, rev) in &self.revisions {
            assert_eq!(
                &store.revision(*rev).unwrap().summary.channel_id,
                id,
                "trial {trial}"
            );
        }
        assert_eq!(
            store.list(&ListQuery::default()).unwrap().total as usize,
            store.all_ids().unwrap().len()
        );
    }
}

fn parent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("switchboard.sqlite3");
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng(seed());
    let mut acked = Acked::default();
    let started = Instant::now();
    let (mut total_acks, mut killed_busy) = (0usize, 0u32);
    for trial in 0..TRIALS {
        let mut child = Command::new(&exe)
            .env(CHILD_ENV, &db)
            .env(
                "SWITCHBOARD_DURABILITY_BASE",
                (u64::from(trial) * 10_000_000).to_string(),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        // Some kills land during start-up or open, most in the middle of the save stream.
        let wait = if rng.below(10) == 0 {
            rng.below(5)
        } else {
            5 + rng.below(60)
        };
        std::thread::sleep(Duration::from_millis(wait));
        if child.try_wait().unwrap().is_some() {
            panic!("trial {trial}: the child stopped by itself (see its stderr)");
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let n = acked.record(&out);
        total_acks += n;
        killed_busy += u32::from(n > 0);
        acked.verify(&db, trial);
    }
    println!(
        "durability: {TRIALS} SIGKILL trials, {total_acks} acknowledged operations ({} channels), \
         {killed_busy} kills mid-stream, {:.1} s",
        acked.docs.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        killed_busy >= TRIALS / 2,
        "most kills should interrupt a stream of saves"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "keep the test under a minute"
    );
}

fn main() {
    if let Some(db) = std::env::var_os(CHILD_ENV) {
        let base = std::env::var("SWITCHBOARD_DURABILITY_BASE")
            .unwrap()
            .parse()
            .unwrap();
        let durability = match std::env::var("SWITCHBOARD_DURABILITY_FULL").as_deref() {
            Ok("0") => Durability::CrashSafe,
            _ => Durability::PowerLossSafe,
        };
        child(Path::new(&db), base, durability);
        return;
    }
    // `cargo test -- --list` and filters: behave like a one-test harness.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        println!("durability: test");
        return;
    }
    if let Some(filter) = args.iter().find(|a| !a.starts_with('-')) {
        if !"durability".contains(filter.as_str()) {
            return;
        }
    }
    parent();
    println!("test durability ... ok\n\ntest result: ok. 1 passed; 0 failed");
}
