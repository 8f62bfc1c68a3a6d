//! Figures for the budgets (printed, never asserted): open + list + filter 10,000
//! channels, autosave latency (p50/p99), export of 10,000 channels, database size.
//! `cargo bench -p switchboard-store`; results go into PERFORMANCE.md by hand.

use criterion::Criterion;
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use switchboard_store::{BasicSchema, DocSchema, ListQuery, Store};

const N: usize = 10_000;
const KINDS: [&str; 5] = ["email", "facebook_page", "twitter", "whatsapp", "instagram"];

/// A document of realistic size (~1.5 KB): a few sections, a signature, auto-messages.
fn doc(i: usize) -> Value {
    let kind = KINDS[i % KINDS.len()];
    json!({
        "kind": kind,
        "general": {"name": format!("{} channel {i:05} support", kind), "active": i % 7 != 0,
                    "community_id": format!("c{}", i % 12), "color": "#3366ff", "source_group": "g1"},
        "imap": {"host": "imap.example.com", "port": 993, "security": "ssl", "login": format!("agent{i}@example.com"),
                 "folder": "INBOX", "delete_after_import": false},
        "smtp": {"host": "smtp.example.com", "port": 587, "security": "starttls", "login": format!("agent{i}@example.com")},
        "routing": {"sla": 60 + i % 120, "priority": i % 3, "category_ids": ["cat1", "cat2"], "time_sheet_id": "ts1"},
        "signatures": [{"name": "Default", "body": "Best regards,\nThe support team\n".repeat(6)}],
        "auto_messages": [{"locale": "en", "body": "We received your message and will answer shortly.".repeat(3)},
                          {"locale": "fr", "body": "Nous avons bien reçu votre message et répondrons rapidement.".repeat(3)}],
        "smart_closing": {"enabled": true, "delay_hours": 48}
    })
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    sample_id: String,
}

fn build() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("switchboard.sqlite3");
    let file = json!({"format": "switchboard.channels", "version": 1, "exported_at": "x",
                      "channels": (0..N).map(doc).collect::<Vec<_>>()});
    let bytes = serde_json::to_vec(&file).unwrap();
    let mut store = Store::open(&db).unwrap();
    let t = Instant::now();
    let report = store.import(&bytes, &BasicSchema).unwrap();
    println!(
        "setup: import of {N} channels ({:.1} MB file) in one transaction: {:.0} ms",
        bytes.len() as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    Fixture {
        _dir: dir,
        db,
        sample_id: report.channels[N / 2].id.clone(),
    }
}

fn open_list_filter(db: &Path) -> usize {
    let store = Store::open(db).unwrap();
    let all = store.list(&ListQuery::default()).unwrap();
    let filtered = store
        .list(&ListQuery {
            search: Some("channel 0".into()),
            kind: Some("email".into()),
            active: Some(true),
            ..Default::default()
        })
        .unwrap();
    all.items.len() + filtered.items.len()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn autosave_percentiles(f: &Fixture) {
    let mut store = Store::open(&f.db).unwrap();
    let mut d = store.get(&f.sample_id).unwrap().doc;
    let mut times = Vec::with_capacity(2000);
    for i in 0..2000 {
        d["general"]["name"] = json!(format!("edited {i}"));
        let meta = BasicSchema.meta("email", &d);
        let t = Instant::now();
        store.save_draft(&f.sample_id, &d, &meta).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "autosave (save_draft, synchronous=FULL, 2000 saves): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
}

fn sizes(f: &Fixture) {
    // Fold the WAL in, as at a clean close, so the main file holds everything.
    let c = rusqlite::Connection::open(&f.db).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(c);
    let size = std::fs::metadata(&f.db).unwrap().len();
    println!(
        "database size for {N} channels (one revision each): {:.1} MB ({:.0} bytes/channel)",
        size as f64 / 1e6,
        size as f64 / N as f64
    );
}

fn main() {
    let f = build();
    autosave_percentiles(&f);
    let t = Instant::now();
    let n = open_list_filter(&f.db);
    println!(
        "open + list all + filter, cold-ish single run: {:.1} ms ({n} rows)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let store = Store::open(&f.db).unwrap();
    let t = Instant::now();
    let text = store.export_all(&BasicSchema).unwrap().to_json_pretty();
    println!(
        "export of {N} channels, single run: {:.0} ms ({:.1} MB)",
        t.elapsed().as_secs_f64() * 1e3,
        text.len() as f64 / 1e6
    );
    drop(store);

    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    c.bench_function("open + list 10k + filter", |b| {
        b.iter(|| black_box(open_list_filter(&f.db)))
    });
    {
        let store = Store::open(&f.db).unwrap();
        c.bench_function("list first page (200) of 10k", |b| {
            b.iter(|| {
                black_box(
                    store
                        .list(&ListQuery {
                            limit: Some(200),
                            ..Default::default()
                        })
                        .unwrap(),
                )
            })
        });
        c.bench_function("export 10k channels (to JSON text)", |b| {
            b.iter(|| {
                black_box(
                    store
                        .export_all(&BasicSchema)
                        .unwrap()
                        .to_json_pretty()
                        .len(),
                )
            })
        });
    }
    {
        let mut store = Store::open(&f.db).unwrap();
        let d = store.get(&f.sample_id).unwrap().doc;
        let meta = BasicSchema.meta("email", &d);
        c.bench_function("autosave one draft", |b| {
            b.iter(|| black_box(store.save_draft(&f.sample_id, &d, &meta).unwrap()))
        });
    }
    sizes(&f);
    c.final_summary();
}
