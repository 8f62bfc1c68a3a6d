//! Figures for the budgets (printed, never asserted): open + list + filter 10,000
//! channels, autosave latency (p50/p99), export of 10,000 channels, database size.
//! `cargo bench -p switchboard-store`; results go into PERFORMANCE.md by hand.

use criterion::Criterion;
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use switchboard_store::{BasicSchema, DocSchema, Durability, ListQuery, Store};

const N: usize = 10_000;
const KINDS: [&str; 5] = ["email", "facebook_page", "twitter", "whatsapp", "instagram"];

/// A document of realistic size (~1.5 KB): a few sections, a signature, auto-messages.
fn doc(i: usize) -> Value {
    let kind = KINDS[i % KINDS.len()];
    json!({
        "kind": kind,
        "general": {"name": format!("{} channel {i:05} support", kind), "active": !i.is_multiple_of(7),
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

/// What the channel list does on start: open, first page, then a filter as one types.
fn open_page_filter(db: &Path) -> usize {
    let store = Store::open(db).unwrap();
    let page = store
        .list(&ListQuery {
            limit: Some(200),
            ..Default::default()
        })
        .unwrap();
    let filtered = store
        .list(&ListQuery {
            search: Some("channel 0".into()),
            kind: Some("email".into()),
            active: Some(true),
            limit: Some(200),
            ..Default::default()
        })
        .unwrap();
    page.items.len() + filtered.items.len()
}

/// The same with every row materialized (a list that is not virtualized).
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

/// One run of each step, to see where the time goes.
fn breakdown(db: &Path) {
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let store = Store::open(db).unwrap();
    let open = ms(t);
    let t = Instant::now();
    let page = store
        .list(&ListQuery {
            limit: Some(200),
            ..Default::default()
        })
        .unwrap();
    let first_page = ms(t);
    let t = Instant::now();
    let all = store.list(&ListQuery::default()).unwrap();
    let list_all = ms(t);
    let t = Instant::now();
    let filtered = store
        .list(&ListQuery {
            search: Some("channel 0".into()),
            kind: Some("email".into()),
            ..Default::default()
        })
        .unwrap();
    let filter = ms(t);
    println!(
        "single run: open {open:.1} ms, first page of {} (+ total and counts) {first_page:.1} ms, \
         all {} rows {list_all:.1} ms, search+kind filter ({} rows) {filter:.1} ms",
        page.items.len(),
        all.items.len(),
        filtered.total
    );
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn autosave_percentiles(f: &Fixture, durability: Durability) {
    let mut store = Store::open(&f.db).unwrap();
    store.set_durability(durability).unwrap();
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
        "autosave ({durability:?}, 2000 saves of a 1.5 KB document): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
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
    autosave_percentiles(&f, Durability::PowerLossSafe);
    autosave_percentiles(&f, Durability::CrashSafe);
    breakdown(&f.db);
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
    c.bench_function("open + first page + filter (10k channels)", |b| {
        b.iter(|| black_box(open_page_filter(&f.db)))
    });
    c.bench_function("open + list all 10k + filter", |b| {
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
        c.bench_function("autosave one draft (PowerLossSafe)", |b| {
            b.iter(|| black_box(store.save_draft(&f.sample_id, &d, &meta).unwrap()))
        });
        store.set_durability(Durability::CrashSafe).unwrap();
        c.bench_function("autosave one draft (CrashSafe)", |b| {
            b.iter(|| black_box(store.save_draft(&f.sample_id, &d, &meta).unwrap()))
        });
    }
    sizes(&f);
    c.final_summary();
}
