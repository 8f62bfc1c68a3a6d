//! "Create it in the web admin, then link it": a local-only channel linked to the source
//! made for it. Linking sends nothing; the next plan shows the draft's own values as "will
//! send"; a second link, a source of another kind, or a source already held are refused,
//! naming the field.

use crate::common::World;
use switchboard_channels::ChannelError;
use switchboard_core::progress::CancellationToken;
use switchboard_sync::FieldClass;

#[tokio::test(flavor = "multi_thread")]
async fn a_local_channel_linked_to_its_source_shows_its_values_as_will_send_and_pushes_nothing() {
    let w = World::new(40, 3);
    // No pull: every source is still unlinked, as one just created in the web admin.
    let plan = w.plan().await;
    assert!(plan.is_empty());
    let first = source_of(&w, "viber");
    let local = w
        .service
        .lock()
        .unwrap()
        .create("viber", Some("Made here first"))
        .unwrap()
        .channel
        .id;
    let plan = w.plan().await;
    let offered = plan
        .local_only
        .iter()
        .find(|l| l.channel_id == local)
        .expect("the local channel is offered for linking");
    assert!(
        offered.candidates.iter().any(|c| c.remote_id == first),
        "the viber source is a candidate: {:?}",
        offered.candidates
    );
    assert!(offered
        .candidates
        .iter()
        .all(|c| w.emu.control().raw_source(&c.remote_id).unwrap()["type"] == "viber"));

    let server_before = w.server_name(&first);
    let record = w
        .client()
        .source(&first, &CancellationToken::new())
        .await
        .unwrap();
    w.service
        .lock()
        .unwrap()
        .link_to_source(&local, &w.account, &record)
        .unwrap();
    assert_eq!(w.server_name(&first), server_before, "linking sent nothing");

    let plan = w.plan().await;
    assert!(plan.local_only.iter().all(|l| l.channel_id != local));
    let cp = plan
        .channels
        .iter()
        .find(|c| c.channel_id == local)
        .expect("the linked channel is planned");
    let name = cp.fields.iter().find(|f| f.field == "name").unwrap();
    assert_eq!(name.class, FieldClass::Send);
    assert_eq!(name.local, serde_json::json!("Made here first"));
    assert_eq!(name.remote, serde_json::json!(server_before));
    assert_eq!(
        w.server_name(&first),
        server_before,
        "planning sent nothing"
    );

    // Refusals, each naming the field.
    let field_of = |e: ChannelError| match e {
        ChannelError::Invalid { path, id } => (path, id),
        other => panic!("expected a field error, got {other:?}"),
    };
    let again = w
        .service
        .lock()
        .unwrap()
        .link_to_source(&local, &w.account, &record)
        .unwrap_err();
    assert_eq!(
        field_of(again),
        ("remote_id".into(), "sync-link-already-linked")
    );
    let other = w
        .service
        .lock()
        .unwrap()
        .create("viber", Some("Another"))
        .unwrap()
        .channel
        .id;
    let taken = w
        .service
        .lock()
        .unwrap()
        .link_to_source(&other, &w.account, &record)
        .unwrap_err();
    assert_eq!(field_of(taken), ("remote_id".into(), "sync-link-taken"));
    let sms = source_of(&w, "sms");
    let sms_record = w
        .client()
        .source(&sms, &CancellationToken::new())
        .await
        .unwrap();
    let kind = w
        .service
        .lock()
        .unwrap()
        .link_to_source(&other, &w.account, &sms_record)
        .unwrap_err();
    assert_eq!(field_of(kind), ("remote_id".into(), "sync-link-other-kind"));
}

/// The id of the emulator's first source of `api_type`.
fn source_of(w: &World, api_type: &str) -> String {
    let ids = w.emu.control().source_ids();
    ids.into_iter()
        .find(|id| {
            w.emu
                .control()
                .raw_source(id)
                .is_some_and(|s| s["type"] == api_type)
        })
        .unwrap_or_else(|| panic!("the emulator has a {api_type} source"))
}
