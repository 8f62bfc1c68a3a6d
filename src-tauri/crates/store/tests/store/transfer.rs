//! Export and import: versioned file, secrets stripped and listed, validation of the whole
//! file before anything is written, all-or-nothing.

use crate::common::*;
use serde_json::{json, Value};
use switchboard_store::{
    validate_import, BasicSchema, ImportError, ListQuery, Origin, Store, EXPORT_FORMAT,
};

#[test]
fn export_strips_secrets_and_lists_them_to_reenter() {
    let mut s = Store::open_in_memory().unwrap();
    let mut doc = email_doc("Support");
    // A secret that slipped into the document itself is stripped too.
    doc["smtp"] = json!({"host": "smtp.example.com", "password": "plain-in-doc"});
    let id = s
        .create("email", &doc, &meta_of("email", &doc), Origin::LocalEdit)
        .unwrap();
    s.set_secret(&id, "imap.password", b"sealed").unwrap();
    let file = s.export(std::slice::from_ref(&id), &TestSchema).unwrap();
    assert_eq!(file.format, EXPORT_FORMAT);
    assert_eq!(file.version, 1);
    assert!(file.exported_at.ends_with('Z'));
    let ch = &file.channels[0];
    assert_eq!(ch["kind"], "email");
    assert_eq!(ch["general"]["name"], "Support");
    assert_eq!(
        ch["secrets_to_reenter"],
        json!(["imap.password", "smtp.password"])
    );
    let text = file.to_json_pretty();
    assert!(!text.contains("plain-in-doc"));
    assert!(!text.contains("sealed"));
}

#[test]
fn export_then_import_round_trips_under_new_ids_with_an_import_revision() {
    let mut a = Store::open_in_memory().unwrap();
    let ids: Vec<_> = ["One", "Two", "Three"]
        .iter()
        .map(|n| add_email(&mut a, n))
        .collect();
    a.set_secret(&ids[0], "imap.password", b"x").unwrap();
    let text = a.export_all(&TestSchema).unwrap().to_json_pretty();

    let mut b = Store::open_in_memory().unwrap();
    let report = b.import(text.as_bytes(), &TestSchema).unwrap();
    assert_eq!(report.channels.len(), 3);
    let one = report.channels.iter().find(|c| c.name == "One").unwrap();
    assert_eq!(one.secrets_to_reenter, ["imap.password"]);
    assert!(!ids.contains(&one.id), "new local ids");
    let ch = b.get(&one.id).unwrap();
    assert_eq!(
        ch.doc,
        a.get(&ids[0]).unwrap().doc,
        "document unchanged, marker key removed"
    );
    assert!(ch.doc.get("secrets_to_reenter").is_none());
    let revs = b.revisions(&one.id).unwrap();
    assert_eq!((revs.len(), revs[0].origin), (1, Origin::Import));

    // Importing the same file again brings the copies in as drafts whose name is taken,
    // as saving a second "One" would (issue 11: import used to skip the unique-name
    // rule; issue 12: the app imports its own export, unfinished drafts included).
    let again = b.import(text.as_bytes(), &TestSchema).unwrap();
    assert_eq!(again.channels.len(), 3);
    for c in &again.channels {
        let ids: Vec<_> = c.problems.iter().map(|p| p.message.id.as_str()).collect();
        assert_eq!(ids, ["val-name-duplicate"], "{c:?}");
    }
    assert_eq!(b.list(&ListQuery::default()).unwrap().total, 6);
}

#[test]
fn import_reports_every_problem_and_writes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    add_email(&mut s, "Existing");
    let file = json!({
        "format": "switchboard.channels",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "channels": [
            email_doc("Fine"),
            {"kind": "email", "general": {"name": ""}, "imap": {"port": 70000}},
            "not an object",
            {"general": {"name": "No kind"}},
            email_doc("Also fine"),
        ]
    });
    let err = s
        .import(file.to_string().as_bytes(), &TestSchema)
        .unwrap_err();
    let ImportError::Invalid(problems) = &err else {
        panic!("{err:?}")
    };
    let got: Vec<(Option<usize>, &str, &str)> = problems
        .iter()
        .map(|p| (p.channel, p.path.as_str(), p.message.id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), "general.name", "store-import-name-missing"),
            (Some(1), "imap.port", "err-number-range"),
            (Some(2), "", "store-import-not-object"),
            (Some(3), "kind", "store-import-kind-missing"),
        ]
    );
    assert_eq!(err.msg().id, "store-err-import-invalid");
    assert_eq!(
        s.list(&ListQuery::default()).unwrap().total,
        1,
        "nothing imported"
    );
    assert_eq!(
        validate_import(file.to_string().as_bytes(), &TestSchema).len(),
        4
    );
}

#[test]
fn import_checks_the_envelope() {
    let mut s = Store::open_in_memory().unwrap();
    let bad_json = s.import(b"{nope", &BasicSchema).unwrap_err();
    let ImportError::Invalid(p) = bad_json else {
        panic!()
    };
    assert_eq!(p[0].message.id, "store-import-not-json");

    let other = json!({"format": "something.else", "version": 9, "channels": []});
    let ImportError::Invalid(p) = s
        .import(other.to_string().as_bytes(), &BasicSchema)
        .unwrap_err()
    else {
        panic!()
    };
    let ids: Vec<_> = p.iter().map(|p| p.message.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "store-import-wrong-format",
            "store-import-unsupported-version"
        ]
    );
}

#[test]
fn secret_values_inside_an_imported_file_are_dropped_not_stored() {
    let mut s = Store::open_in_memory().unwrap();
    let mut doc = email_doc("With secret");
    doc["imap"]["password"] = json!("MARKER-in-import");
    let file = json!({"format": "switchboard.channels", "version": 1, "exported_at": "x", "channels": [doc]});
    let report = s.import(file.to_string().as_bytes(), &TestSchema).unwrap();
    assert_eq!(report.channels[0].secrets_to_reenter, ["imap.password"]);
    let stored = s.get(&report.channels[0].id).unwrap().doc;
    assert_eq!(stored["imap"].get("password"), None::<&Value>);
}

#[test]
fn a_failure_midway_rolls_the_whole_import_back() {
    // Validation passes, then the write fails: another connection holds the write lock
    // (a second window, the CLI). The import gives up after busy_timeout and none of its
    // channels is visible afterwards.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    let mut s = Store::open(&path).unwrap();
    add_email(&mut s, "Existing");
    // Under another name: the same name would be refused before any write.
    let text = s
        .export_all(&BasicSchema)
        .unwrap()
        .to_json_pretty()
        .replace("\"Existing\"", "\"Imported\"");
    // Another connection holds the write lock: the import cannot commit, and must leave
    // nothing behind once the lock is gone.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let err = s.import(text.as_bytes(), &BasicSchema).unwrap_err();
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(4),
        "waited for busy_timeout"
    );
    assert_eq!(err.msg().id, "store-err-busy");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(s.list(&ListQuery::default()).unwrap().total, 1);
}
