//! Channels: create, autosave, read, list/filter/count, delete with undo, duplicate,
//! sync state, reference data, sealed-secret bookkeeping.

use crate::common::*;
use serde_json::json;
use switchboard_store::{
    ListQuery, Origin, RefKind, SortKey, Store, StoreError, SyncState, Validity,
};

#[test]
fn create_get_and_autosave_a_draft() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "Support");
    let ch = s.get(&id).unwrap();
    assert_eq!(ch.kind, "email");
    assert_eq!(ch.meta.name, "Support");
    assert_eq!(ch.sync_state, SyncState::Local);
    assert_eq!(ch.draft_seq, 0);

    let mut doc = ch.doc.clone();
    doc["general"]["name"] = json!("Support FR");
    let seq = s
        .save_draft(&id, &doc, &valid(meta_of("email", &doc)))
        .unwrap();
    assert_eq!(seq, 1);
    let ch = s.get(&id).unwrap();
    assert_eq!(ch.doc, doc);
    assert_eq!(ch.meta.name, "Support FR");
    assert_eq!(ch.meta.validity, Validity::Valid);
    assert!(ch.updated_at >= ch.created_at);
}

#[test]
fn saving_an_unknown_channel_is_not_found() {
    let mut s = Store::open_in_memory().unwrap();
    let doc = email_doc("x");
    let e = s
        .save_draft("nope", &doc, &meta_of("email", &doc))
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)));
    assert_eq!(e.msg().id, "store-err-not-found");
}

#[test]
fn list_searches_filters_sorts_pages_and_counts() {
    let mut s = Store::open_in_memory().unwrap();
    for name in ["Ventes Été", "Support", "support VIP", "Billing"] {
        add_email(&mut s, name);
    }
    let fb =
        json!({"kind": "facebook_page", "general": {"name": "Facebook Support", "active": false}});
    s.create(
        "facebook_page",
        &fb,
        &meta_of("facebook_page", &fb),
        Origin::Import,
    )
    .unwrap();

    // Case-insensitive, Unicode too.
    let page = s
        .list(&ListQuery {
            search: Some("été".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        page.items
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["Ventes Été"]
    );

    let page = s
        .list(&ListQuery {
            search: Some("SUPPORT".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.counts.by_kind.get("email"), Some(&2));
    assert_eq!(page.counts.by_kind.get("facebook_page"), Some(&1));
    assert_eq!(page.counts.by_validity.get("unknown"), Some(&3));

    let page = s
        .list(&ListQuery {
            search: Some("support".into()),
            kind: Some("email".into()),
            sort: SortKey::Name,
            descending: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        page.items
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["support VIP", "Support"]
    );
    // The chips still count every kind matching the search.
    assert_eq!(page.counts.by_kind.len(), 2);

    let inactive = s
        .list(&ListQuery {
            active: Some(false),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(inactive.total, 1);
    assert_eq!(inactive.items[0].kind, "facebook_page");

    let paged = s
        .list(&ListQuery {
            limit: Some(2),
            offset: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(paged.total, 5);
    assert_eq!(paged.items.len(), 2);
    assert_eq!(
        paged.items[0].name, "Support",
        "sorted by name: Billing, Facebook, Support, …"
    );

    let by_validity = s
        .list(&ListQuery {
            validity: Some(Validity::Valid),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_validity.total, 0);
}

#[test]
fn each_chip_group_counts_under_the_other_filters_and_rows_carry_their_colour() {
    let mut s = Store::open_in_memory().unwrap();
    let support = add_email(&mut s, "Support");
    add_email(&mut s, "Ventes");
    let mut doc = email_doc("Archive");
    doc["general"]["active"] = json!(false);
    doc["general"]["icon_colour"] = json!("#43A047");
    s.create("email", &doc, &meta_of("email", &doc), Origin::LocalEdit)
        .unwrap();
    let fb = json!({"kind": "facebook_page", "general": {"name": "Page", "active": false}});
    s.create(
        "facebook_page",
        &fb,
        &meta_of("facebook_page", &fb),
        Origin::Import,
    )
    .unwrap();

    // Nothing pressed: every group counts every channel.
    let all = s.list(&ListQuery::default()).unwrap();
    assert_eq!(all.counts.by_active.get("true"), Some(&2));
    assert_eq!(all.counts.by_active.get("false"), Some(&2));
    assert_eq!(all.counts.by_kind.get("email"), Some(&3));

    // "Inactive" pressed: the kind chips count inactive channels only, while the status
    // chips still say how many each would select (their own filter left out).
    let inactive = s
        .list(&ListQuery {
            active: Some(false),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(inactive.total, 2);
    assert_eq!(inactive.counts.by_kind.get("email"), Some(&1));
    assert_eq!(inactive.counts.by_kind.get("facebook_page"), Some(&1));
    assert_eq!(inactive.counts.by_active.get("true"), Some(&2));
    assert_eq!(inactive.counts.by_active.get("false"), Some(&2));

    // And the other way round: a kind pressed narrows the status counts.
    let email = s
        .list(&ListQuery {
            kind: Some("email".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(email.counts.by_active.get("true"), Some(&2));
    assert_eq!(email.counts.by_active.get("false"), Some(&1));
    assert_eq!(email.counts.by_kind.get("facebook_page"), Some(&1));

    // Each row carries the icon colour of its draft (none when the draft has none).
    let colour = |name: &str| {
        all.items
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .colour
            .clone()
    };
    assert_eq!(colour("Archive").as_deref(), Some("#43A047"));
    assert_eq!(colour("Page"), None);
    assert!(all.items.iter().any(|c| c.id == support));
}

#[test]
fn delete_hides_and_undelete_brings_back() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "Gone");
    add_email(&mut s, "Kept");
    s.delete(&id).unwrap();
    assert!(matches!(s.get(&id), Err(StoreError::NotFound(_))));
    assert_eq!(s.list(&ListQuery::default()).unwrap().total, 1);
    assert!(
        matches!(s.delete(&id), Err(StoreError::NotFound(_))),
        "deleting twice"
    );
    s.undelete(&id).unwrap();
    assert_eq!(s.get(&id).unwrap().meta.name, "Gone");
    assert_eq!(s.list(&ListQuery::default()).unwrap().total, 2);

    s.delete(&id).unwrap();
    assert_eq!(s.purge_deleted(i64::MAX).unwrap(), 1);
    assert!(
        matches!(s.undelete(&id), Err(StoreError::NotFound(_))),
        "purged for good"
    );
    assert!(
        s.revisions(&id).unwrap().is_empty(),
        "revisions went with it"
    );
}

#[test]
fn duplicate_copies_the_draft_under_a_new_id_without_secrets() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "Original");
    s.set_secret(&id, "imap.password", b"sealed-bytes").unwrap();
    let copy = s
        .duplicate(&id, |doc, meta| {
            doc["general"]["name"] = json!("Copy of Original");
            meta.name = "Copy of Original".into();
        })
        .unwrap();
    assert_ne!(copy, id);
    let c = s.get(&copy).unwrap();
    assert_eq!(c.meta.name, "Copy of Original");
    assert_eq!(c.doc["imap"], s.get(&id).unwrap().doc["imap"]);
    assert!(s.secret_status(&copy).unwrap().is_empty());
    assert_eq!(s.revisions(&copy).unwrap().len(), 1);
}

#[test]
fn an_edit_marks_a_synced_channel_modified() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "S");
    s.set_sync_state(&id, SyncState::Synced, Some("remote-42"))
        .unwrap();
    let ch = s.get(&id).unwrap();
    assert_eq!(
        (ch.sync_state, ch.remote_id.as_deref()),
        (SyncState::Synced, Some("remote-42"))
    );
    s.save_draft(&id, &ch.doc, &ch.meta).unwrap();
    assert_eq!(s.get(&id).unwrap().sync_state, SyncState::Modified);
}

#[test]
fn secrets_table_reports_set_paths_only() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "S");
    assert!(s.secret_status(&id).unwrap().is_empty());
    s.set_secret(&id, "smtp.password", b"blob-1").unwrap();
    s.set_secret(&id, "imap.password", b"blob-2").unwrap();
    s.set_secret(&id, "imap.password", b"blob-3").unwrap();
    assert_eq!(
        s.secret_status(&id).unwrap(),
        ["imap.password", "smtp.password"]
    );
    assert_eq!(
        s.sealed_secret(&id, "imap.password").unwrap().as_deref(),
        Some(&b"blob-3"[..])
    );
    // A counter per secret, never the value: set twice is generation 2, and due until
    // an apply records the push of that generation.
    let gens = s.secret_generations(&id).unwrap();
    assert_eq!(
        gens.iter()
            .map(|g| (g.path.as_str(), g.generation, g.pushed_generation, g.due()))
            .collect::<Vec<_>>(),
        [("imap.password", 2, 0, true), ("smtp.password", 1, 0, true)]
    );
    assert_eq!(s.due_secrets().unwrap().len(), 2);
    assert!(s.mark_secret_pushed(&id, "imap.password", 2).unwrap());
    assert_eq!(s.due_secrets().unwrap()[0].1.path, "smtp.password");
    assert!(s.mark_secret_pushed(&id, "imap.password", 1).unwrap());
    let imap = &s.secret_generations(&id).unwrap()[0];
    assert_eq!(
        (imap.pushed_generation, imap.due()),
        (2, false),
        "never lowered"
    );
    // A provider's rotation of the same grant replaces the value without a change.
    assert!(s
        .rotate_secret(&id, "imap.password", b"blob-rotated")
        .unwrap());
    assert!(
        !s.secret_generations(&id).unwrap()[0].due(),
        "rotated: not due"
    );
    assert_eq!(
        s.sealed_secret(&id, "imap.password").unwrap().as_deref(),
        Some(&b"blob-rotated"[..])
    );
    assert!(!s.rotate_secret(&id, "nowhere.token", b"x").unwrap());
    s.set_secret(&id, "imap.password", b"blob-4").unwrap();
    assert!(
        s.secret_generations(&id).unwrap()[0].due(),
        "replaced: due again"
    );
    assert!(s.clear_secret(&id, "imap.password").unwrap());
    assert!(!s.clear_secret(&id, "imap.password").unwrap());
    assert_eq!(s.secret_status(&id).unwrap(), ["smtp.password"]);
    assert!(matches!(
        s.set_secret("missing", "p", b"x"),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn reference_data_is_cached_with_its_fetch_time() {
    let mut s = Store::open_in_memory().unwrap();
    assert!(s.reference(RefKind::Communities, "acme").unwrap().is_none());
    let data = json!([{"id": "c1", "name": "Main"}]);
    s.put_reference(RefKind::Communities, "acme", &data, 1000)
        .unwrap();
    s.put_reference(RefKind::TimeSheets, "acme", &json!([]), 1001)
        .unwrap();
    let e = s.reference(RefKind::Communities, "acme").unwrap().unwrap();
    assert_eq!((e.data, e.fetched_at), (data, 1000));
    s.put_reference(RefKind::Communities, "acme", &json!([]), 2000)
        .unwrap();
    assert_eq!(
        s.reference(RefKind::Communities, "acme")
            .unwrap()
            .unwrap()
            .fetched_at,
        2000
    );
    assert!(s
        .reference(RefKind::Communities, "other")
        .unwrap()
        .is_none());
    assert_eq!(RefKind::ALL.len(), 5);
}

/// The shell keeps the store in `Mutex<Store>` shared across Tauri commands.
#[test]
fn the_store_can_move_between_threads() {
    fn send<T: Send>(_: &T) {}
    let s = Store::open_in_memory().unwrap();
    send(&s);
    let handle = std::thread::spawn(move || s.list(&ListQuery::default()).unwrap().total);
    assert_eq!(handle.join().unwrap(), 0);
}

#[test]
fn durability_sets_the_synchronous_level() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("switchboard.sqlite3");
    let s = Store::open(&path).unwrap();
    // The level is per connection: read it through the store's own.
    let level = || s.pragma_for_test("synchronous");
    assert_eq!(level(), 2, "FULL by default");
    s.set_durability(switchboard_store::Durability::CrashSafe)
        .unwrap();
    assert_eq!(level(), 1, "NORMAL");
}
