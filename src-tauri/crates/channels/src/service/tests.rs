use super::*;
use switchboard_store::Validity;
use switchboard_vault::MemoryKeySource;

fn service() -> ChannelService {
    ChannelService::new(
        Store::open_in_memory().unwrap(),
        Vault::new(MemoryKeySource::random()),
    )
}

#[test]
fn a_new_channel_has_defaults_and_is_listed_as_invalid_until_filled() {
    let mut s = service();
    let view = s.create("email", Some("Support")).unwrap();
    assert_eq!(view.channel.kind, "email");
    assert_eq!(view.channel.meta.name, "Support");
    assert!(
        !view.problems.is_empty(),
        "a fresh e-mail channel lacks required settings"
    );
    let page = s.list(&ListQuery::default()).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].validity, Validity::Invalid);
}

#[test]
fn unknown_kinds_are_refused_with_a_message() {
    let mut s = service();
    let err = s.create("fax", None).unwrap_err();
    assert_eq!(err.msg().id, "err-unknown-kind");
}

#[test]
fn an_invalid_draft_is_kept_with_its_problems() {
    let mut s = service();
    let id = s.create("email", Some("Support")).unwrap().channel.id;
    let mut doc = s.get(&id).unwrap().channel.doc;
    switchboard_core::jsonpath::set(&mut doc, "email.mode", "imap".into());
    switchboard_core::jsonpath::set(&mut doc, "imap.port", 70000.into());
    let saved = s.save(&id, doc).unwrap();
    assert!(
        saved.problems.iter().any(|p| p.path == "imap.port"),
        "{:?}",
        saved.problems
    );
    let back = s.get(&id).unwrap();
    assert_eq!(
        document::get(&back.channel.doc, "imap.port"),
        Some(&Value::from(70000))
    );
}

#[test]
fn secret_values_never_enter_the_document_and_count_as_set() {
    let mut s = service();
    let id = s.create("viber", Some("Viber")).unwrap().channel.id;
    let secret_path = document::secret_paths(Kind::Viber)
        .into_iter()
        .next()
        .expect("viber has an authorization token");
    // A document that smuggles the secret in: dropped.
    let mut doc = s.get(&id).unwrap().channel.doc;
    switchboard_core::jsonpath::set(&mut doc, &secret_path, "LEAK-MARKER".into());
    s.save(&id, doc).unwrap();
    let stored = s.get(&id).unwrap();
    assert!(!stored.channel.doc.to_string().contains("LEAK-MARKER"));
    assert!(
        stored.problems.iter().any(|p| p.path == secret_path),
        "required secret missing"
    );

    let view = s
        .set_secret(&id, &secret_path, &Sensitive::new("tok-123".into()))
        .unwrap();
    assert_eq!(view.secrets_set, vec![secret_path.clone()]);
    assert!(!view.problems.iter().any(|p| p.path == secret_path));
    assert!(!serde_json::to_string(&view).unwrap().contains("tok-123"));

    let opened = s.open_secrets(&id).unwrap();
    assert_eq!(
        opened.get(&secret_path).map(|v| v.expose().as_str()),
        Some("tok-123")
    );

    let cleared = s.clear_secret(&id, &secret_path).unwrap();
    assert!(cleared.secrets_set.is_empty());
}

#[test]
fn only_declared_secret_paths_can_be_set() {
    let mut s = service();
    let id = s.create("viber", Some("Viber")).unwrap().channel.id;
    let err = s
        .set_secret(&id, "general.name", &Sensitive::new("x".into()))
        .unwrap_err();
    assert!(matches!(err, ChannelError::NotASecret(_)));
}

#[test]
fn delete_can_be_undone_and_duplicate_renames() {
    let mut s = service();
    let id = s.create("sms", Some("SMS FR")).unwrap().channel.id;
    let copy = s.duplicate(&id, &|n| format!("Copy of {n}")).unwrap();
    assert_eq!(copy.channel.meta.name, "Copy of SMS FR");
    assert_ne!(copy.channel.id, id);
    s.delete(&id).unwrap();
    assert_eq!(s.list(&ListQuery::default()).unwrap().items.len(), 1);
    s.undelete(&id).unwrap();
    assert_eq!(s.list(&ListQuery::default()).unwrap().items.len(), 2);
}

#[test]
fn a_second_channel_with_the_same_name_is_flagged_on_its_name() {
    let mut s = service();
    s.create("sms", Some("Support")).unwrap();
    let other = s.create("viber", Some("Other")).unwrap().channel.id;
    let mut doc = s.get(&other).unwrap().channel.doc;
    doc["general"]["name"] = " support ".into();
    let saved = s.save(&other, doc.clone()).unwrap();
    let dup: Vec<_> = saved
        .problems
        .iter()
        .filter(|p| p.message.id == "val-name-duplicate")
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].path, "general.name");
    doc["general"]["name"] = "Support 2".into();
    let saved = s.save(&other, doc).unwrap();
    assert!(!saved
        .problems
        .iter()
        .any(|p| p.message.id == "val-name-duplicate"));
}
