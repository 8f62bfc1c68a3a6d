//! Bulk edit: preview, apply as one batch, undo.

use crate::common::*;
use serde_json::json;
use switchboard_store::{BulkStatus, Origin, Store, StoreError};

fn three(s: &mut Store) -> Vec<String> {
    let ids: Vec<_> = ["A", "B", "C"].iter().map(|n| add_email(s, n)).collect();
    // C already has the target value.
    let mut doc = s.get(&ids[2]).unwrap().doc;
    doc["routing"]["sla"] = json!(15);
    s.save_draft(&ids[2], &doc, &meta_of("email", &doc))
        .unwrap();
    ids
}

#[test]
fn preview_says_exactly_what_changes_per_channel() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = three(&mut s);
    let p = s
        .bulk_preview(&ids, "routing.sla", &json!(15), &TestSchema)
        .unwrap();
    let got: Vec<_> = p
        .channels
        .iter()
        .map(|c| (c.name.as_str(), c.status, c.before.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("A", BulkStatus::Changes, Some(json!(60))),
            ("B", BulkStatus::Changes, Some(json!(60))),
            ("C", BulkStatus::Unchanged, Some(json!(15))),
        ]
    );
    // The preview wrote nothing.
    assert_eq!(s.get(&ids[0]).unwrap().doc["routing"]["sla"], 60);
}

#[test]
fn apply_changes_each_channel_once_and_undo_reverts_the_batch() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = three(&mut s);
    let applied = s
        .bulk_apply(&ids, "routing.sla", &json!(15), &TestSchema)
        .unwrap();
    assert_eq!(applied.changed, [ids[0].clone(), ids[1].clone()]);
    assert_eq!(applied.untouched, [ids[2].clone()]);
    for id in &ids[..2] {
        assert_eq!(s.get(id).unwrap().doc["routing"]["sla"], 15);
        let r = &s.revisions(id).unwrap()[0];
        assert_eq!(
            (r.origin, r.batch_id.as_deref()),
            (Origin::BulkEdit, Some(applied.batch_id.as_str()))
        );
    }
    assert_eq!(
        s.revisions(&ids[2]).unwrap().len(),
        1,
        "unchanged channel has no new revision"
    );

    // B is edited at that path after the batch: undo must not clobber it.
    let mut doc = s.get(&ids[1]).unwrap().doc;
    doc["routing"]["sla"] = json!(99);
    doc["general"]["name"] = json!("B2");
    s.save_draft(&ids[1], &doc, &meta_of("email", &doc))
        .unwrap();

    let undone = s.bulk_undo(&applied.batch_id, &TestSchema).unwrap();
    assert_eq!(undone.reverted, [ids[0].clone()]);
    assert_eq!(undone.skipped, [ids[1].clone()]);
    assert_eq!(s.get(&ids[0]).unwrap().doc["routing"]["sla"], 60);
    assert_eq!(s.get(&ids[1]).unwrap().doc["routing"]["sla"], 99);
    assert!(matches!(
        s.bulk_undo(&applied.batch_id, &TestSchema),
        Err(StoreError::BatchAlreadyUndone(_))
    ));
    assert!(matches!(
        s.bulk_undo("nope", &TestSchema),
        Err(StoreError::BatchNotFound(_))
    ));
}

#[test]
fn active_flag_updates_the_indexed_column_and_absent_paths_are_removed_on_undo() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = three(&mut s);
    let applied = s
        .bulk_apply(&ids, "general.active", &json!(false), &TestSchema)
        .unwrap();
    assert!(ids.iter().all(|id| !s.get(id).unwrap().meta.active));
    s.bulk_undo(&applied.batch_id, &TestSchema).unwrap();
    assert!(ids.iter().all(|id| s.get(id).unwrap().meta.active));

    let applied = s
        .bulk_apply(&ids, "routing.new_setting", &json!("x"), &TestSchema)
        .unwrap();
    assert_eq!(applied.changed.len(), 3);
    s.bulk_undo(&applied.batch_id, &TestSchema).unwrap();
    assert!(s.get(&ids[0]).unwrap().doc["routing"]
        .get("new_setting")
        .is_none());
}

#[test]
fn secrets_and_paths_that_do_not_fit_are_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let ids = three(&mut s);
    let e = s
        .bulk_apply(&ids, "imap.password", &json!("x"), &TestSchema)
        .unwrap_err();
    assert!(matches!(e, StoreError::BadPath(_)));
    assert_eq!(e.msg().id, "store-err-bad-path");
    let p = s
        .bulk_preview(&ids, "routing.sla.deeper", &json!(1), &TestSchema)
        .unwrap();
    assert!(p
        .channels
        .iter()
        .all(|c| c.status == BulkStatus::NotApplicable));
    let applied = s
        .bulk_apply(&ids, "routing.sla.deeper", &json!(1), &TestSchema)
        .unwrap();
    assert!(applied.changed.is_empty());
}
