//! Revision policy, diff and restore.

use crate::common::*;
use serde_json::json;
use switchboard_store::{Origin, Store, AUTO_CHECKPOINT_AFTER_MS};

#[test]
fn autosaves_within_the_window_add_no_revision() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "A");
    let mut doc = s.get(&id).unwrap().doc;
    for i in 0..50 {
        doc["general"]["name"] = json!(format!("A{i}"));
        s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    }
    let revs = s.revisions(&id).unwrap();
    assert_eq!(revs.len(), 1, "only the creation");
    assert_eq!(revs[0].origin, Origin::LocalEdit);
}

#[test]
fn an_autosave_after_the_window_adds_one_revision() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "A");
    s.age_revisions_for_test(AUTO_CHECKPOINT_AFTER_MS + 1)
        .unwrap();
    let mut doc = s.get(&id).unwrap().doc;
    doc["general"]["name"] = json!("B");
    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    doc["general"]["name"] = json!("C");
    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    let revs = s.revisions(&id).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(s.revision(revs[0].id).unwrap().doc["general"]["name"], "B");
    // The trail, not a save: the draft is still "not saved" (issue 12, item 3).
    assert_eq!(revs[0].origin, Origin::Autosave);
    assert!(s.is_unsaved(&id).unwrap());
}

#[test]
fn unsaved_changes_show_in_the_list_and_can_be_discarded() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "A");
    let row = |s: &Store| s.list(&Default::default()).unwrap().items.remove(0);
    assert!(
        !s.is_unsaved(&id).unwrap(),
        "nothing changed since it was created"
    );
    assert!(!row(&s).unsaved);
    let mut doc = s.get(&id).unwrap().doc;
    doc["general"]["name"] = json!("Renamed");
    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    assert!(s.is_unsaved(&id).unwrap());
    let r = row(&s);
    assert!(r.unsaved);
    assert_eq!(
        (r.name.as_str(), r.saved_name.as_deref()),
        ("Renamed", Some("A"))
    );

    assert!(s.discard_draft(&id).unwrap());
    assert!(!s.discard_draft(&id).unwrap(), "nothing left to discard");
    assert_eq!(s.get(&id).unwrap().doc["general"]["name"], "A");
    let r = row(&s);
    assert!(!r.unsaved);
    assert_eq!(r.name, "A");
    // What was discarded stays in the history, as the autosave's trail.
    let trail = s.revisions(&id).unwrap()[0].id;
    assert_eq!(s.revision(trail).unwrap().doc["general"]["name"], "Renamed");

    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    s.checkpoint(&id, Origin::LocalEdit).unwrap();
    let r = row(&s);
    assert!(!r.unsaved);
    assert_eq!(r.saved_name.as_deref(), Some("Renamed"));
}

#[test]
fn an_explicit_checkpoint_records_changes_once() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "A");
    assert_eq!(
        s.checkpoint(&id, Origin::LocalEdit).unwrap(),
        None,
        "nothing changed"
    );
    let mut doc = s.get(&id).unwrap().doc;
    doc["routing"]["sla"] = json!(30);
    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    let rev = s.checkpoint(&id, Origin::LocalEdit).unwrap();
    assert!(rev.is_some());
    assert_eq!(s.checkpoint(&id, Origin::LocalEdit).unwrap(), None);
    assert_eq!(s.revisions(&id).unwrap().len(), 2);
}

#[test]
fn diff_lists_each_changed_field_against_the_draft() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "A");
    let first = s.revisions(&id).unwrap()[0].id;
    let mut doc = s.get(&id).unwrap().doc;
    doc["routing"]["sla"] = json!(15);
    doc["general"]["name"] = json!("B");
    doc["imap"].as_object_mut().unwrap().remove("port");
    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    let d = s.diff_with_draft(first).unwrap();
    let got: Vec<_> = d
        .iter()
        .map(|c| (c.path.as_str(), c.before.clone(), c.after.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("general.name", Some(json!("A")), Some(json!("B"))),
            ("imap.port", Some(json!(993)), None),
            ("routing.sla", Some(json!(60)), Some(json!(15))),
        ]
    );
    let second = s.checkpoint(&id, Origin::LocalEdit).unwrap().unwrap();
    assert_eq!(s.diff_revisions(first, second).unwrap(), d);
    assert!(s.diff_with_draft(second).unwrap().is_empty());
}

#[test]
fn restore_puts_the_old_document_back_as_a_new_revision() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "Old name");
    let first = s.revisions(&id).unwrap()[0].id;
    let mut doc = s.get(&id).unwrap().doc;
    doc["general"]["name"] = json!("New name");
    s.save_draft(&id, &doc, &meta_of("email", &doc)).unwrap();
    s.checkpoint(&id, Origin::LocalEdit).unwrap();

    let restored = s.restore_revision(first).unwrap();
    let ch = s.get(&id).unwrap();
    assert_eq!(ch.doc["general"]["name"], "Old name");
    assert_eq!(ch.meta.name, "Old name", "indexed columns restored too");
    let revs = s.revisions(&id).unwrap();
    assert_eq!(revs.len(), 3);
    assert_eq!(revs[0].id, restored);
    assert_eq!(revs[0].origin, Origin::Restore);
    assert_eq!(revs[0].restored_from, Some(first));
    assert!(matches!(
        s.restore_revision(9999),
        Err(switchboard_store::StoreError::RevisionNotFound(9999))
    ));
}

#[test]
fn a_server_pull_is_a_revision_of_its_own() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "A");
    let pulled = email_doc("From server");
    s.apply_server_pull(&id, &pulled, &meta_of("email", &pulled))
        .unwrap();
    let revs = s.revisions(&id).unwrap();
    assert_eq!(revs[0].origin, Origin::ServerPull);
    assert_eq!(s.get(&id).unwrap().meta.name, "From server");
}
