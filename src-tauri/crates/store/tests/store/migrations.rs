//! Opening databases written by earlier versions (committed fixtures), refusing newer
//! ones, and what happens when a file is damaged: integrity check, backups, restore.

use crate::common::*;
use serde_json::json;
use std::path::{Path, PathBuf};
use switchboard_store::{
    list_backups, restore_newest_backup, ListQuery, Origin, RefKind, Store, StoreError,
    KEEP_BACKUPS, LATEST_VERSION,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Regenerates the fixture of the current schema version. Run it once when adding a
/// migration, *before* adding it: `cargo test -p switchboard-store --test store --
/// --ignored migrations::write_fixture`. Never overwrites an existing fixture.
#[test]
#[ignore]
fn write_fixture() {
    let dest = fixtures().join(format!("v{LATEST_VERSION}.sqlite3"));
    assert!(
        !dest.exists(),
        "{} exists: fixtures are history, keep them",
        dest.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    {
        let mut s = Store::open(&path).unwrap();
        let a = add_email(&mut s, "Fixture Support");
        let mut doc = s.get(&a).unwrap().doc;
        doc["routing"]["sla"] = json!(30);
        s.save_draft(&a, &doc, &meta_of("email", &doc)).unwrap();
        s.checkpoint(&a, Origin::LocalEdit).unwrap();
        s.set_secret(&a, "imap.password", &[1, 2, 3, 4]).unwrap();
        let b = add_email(&mut s, "Fixture Billing");
        s.bulk_apply(&[a.clone(), b], "routing.priority", &json!(2), &TestSchema)
            .unwrap();
        let gone = add_email(&mut s, "Fixture Deleted");
        s.delete(&gone).unwrap();
        s.put_reference(
            RefKind::Communities,
            "acme",
            &json!([{"id": "c1"}]),
            1_700_000_000_000,
        )
        .unwrap();
    }
    // One self-contained file: fold the WAL back in.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(c);
    std::fs::create_dir_all(fixtures()).unwrap();
    std::fs::copy(&path, &dest).unwrap();
}

#[test]
fn every_older_fixture_upgrades_and_keeps_its_data() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let src = entry.unwrap().path();
        if src.extension().is_none_or(|e| e != "sqlite3") {
            continue;
        }
        seen += 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("switchboard.sqlite3");
        std::fs::copy(&src, &path).unwrap();
        let mut s = Store::open(&path).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
        assert!(s.integrity_check().unwrap().is_empty());

        let page = s.list(&ListQuery::default()).unwrap();
        let names: Vec<_> = page.items.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Fixture Billing", "Fixture Support"],
            "{}",
            src.display()
        );
        let support = &page.items[1].id;
        let ch = s.get(support).unwrap();
        assert_eq!(ch.doc["routing"], json!({"sla": 30, "priority": 2}));
        assert_eq!(
            s.revisions(support).unwrap().len(),
            3,
            "create, checkpoint, bulk"
        );
        assert_eq!(s.secret_status(support).unwrap(), ["imap.password"]);
        // A secret stored before the change counters (version 5) counts as never pushed:
        // the next plan offers to set it.
        let g = &s.secret_generations(support).unwrap()[0];
        assert_eq!((g.generation, g.pushed_generation, g.due()), (1, 0, true));
        assert_eq!(
            s.reference(RefKind::Communities, "acme")
                .unwrap()
                .unwrap()
                .fetched_at,
            1_700_000_000_000
        );
        // And it is writable under the new schema.
        s.save_draft(support, &ch.doc, &ch.meta).unwrap();
    }
    assert!(seen >= 1, "the v1 fixture is committed");
}

/// "Restore the newest backup" is offered when the file cannot be opened; a file from a
/// newer Switchboard cannot be opened either, but it is not damaged: an older backup must
/// not take its place.
#[test]
fn no_backup_is_restored_over_a_newer_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    {
        let mut s = Store::open(&path).unwrap();
        add_email(&mut s, "kept");
        s.backup_now().unwrap();
    }
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    assert_eq!(list_backups(&path).len(), 1, "a sound backup exists");
    let e = restore_newest_backup(&path).unwrap_err();
    assert!(matches!(e, StoreError::NewerDatabase { .. }), "{e:?}");
    let v: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, LATEST_VERSION + 1, "the newer file is still in place");
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let failure = Store::open(&path).err().expect("refused");
    assert!(matches!(failure.error, StoreError::NewerDatabase { .. }));
    let m = failure.msg();
    assert_eq!(m.id, "store-err-newer-database");
    assert!(
        failure.backups.is_empty(),
        "no older backup is offered over newer data"
    );
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, LATEST_VERSION + 1);
    let tables: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'channels'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0, "no migration ran");
}

#[test]
fn a_damaged_file_offers_the_newest_backup_and_restoring_it_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    {
        let mut s = Store::open(&path).unwrap();
        add_email(&mut s, "Before the damage");
        let b = s.backup_now().unwrap();
        assert!(b.path.exists() && b.size > 0);
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(&path, vec![0x5a; 8192]).unwrap();

    let failure = Store::open(&path)
        .err()
        .expect("damaged file fails to open");
    assert_eq!(failure.backups.len(), 1);
    let m = failure.msg();
    assert_eq!(m.id, "store-err-open-failed");
    match m.args.get("offer") {
        Some(switchboard_core::Arg::Msg(o)) => assert_eq!(o.id, "store-offer-restore-backup"),
        other => panic!("expected a restore offer, got {other:?}"),
    }

    let restored = restore_newest_backup(&path).unwrap();
    assert_eq!(restored, failure.backups[0]);
    let s = Store::open(&path).unwrap();
    let page = s.list(&ListQuery::default()).unwrap();
    assert_eq!(page.items[0].name, "Before the damage");
    let kept_aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".broken-"));
    assert!(kept_aside, "the damaged file is kept, not deleted");
}

#[test]
fn no_backup_means_no_offer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    std::fs::write(
        &path,
        b"this is not a database at all, just text...........",
    )
    .unwrap();
    let failure = Store::open(&path).err().unwrap();
    match failure.msg().args.get("offer") {
        Some(switchboard_core::Arg::Msg(o)) => assert_eq!(o.id, "store-offer-no-backup"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        restore_newest_backup(&path),
        Err(StoreError::BackupNotFound)
    ));
}

#[test]
fn backups_are_daily_keep_seven_and_skip_unsound_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    let s = Store::open(&path).unwrap();
    let first = s.backup_if_due().unwrap().expect("first backup of the day");
    assert!(s.backup_if_due().unwrap().is_none(), "once a day");

    // Nine older days' backups, then today's again: seven remain, newest first.
    for day in 1..=9 {
        let old = first
            .path
            .with_file_name(format!("switchboard-2020-01-{day:02}.sqlite3"));
        std::fs::copy(&first.path, old).unwrap();
    }
    s.backup_now().unwrap();
    let all = list_backups(&path);
    assert_eq!(all.len(), KEEP_BACKUPS);
    assert_eq!(all[0].date, first.date);
    assert_eq!(all[KEEP_BACKUPS - 1].date, "2020-01-04");
    drop(s);

    // A damaged newest backup is passed over for the next sound one.
    let bad = first.path.with_file_name("switchboard-2999-01-01.sqlite3");
    std::fs::write(&bad, vec![7u8; 4096]).unwrap();
    let restored = restore_newest_backup(&path).unwrap();
    assert_eq!(restored.date, first.date);
}
