//! Plan and apply against the emulator: the round trip for every kind, conflicts and
//! every resolution, staleness, faults during apply, the journal and history, and no
//! secret in any of them.

use crate::common::World;
use std::collections::BTreeSet;
use switchboard_emulator::FaultsPatch;
use switchboard_store::{JournalStep, SyncState};
use switchboard_sync::{FieldClass, Resolution, SyncError};

fn one_per_kind(w: &World) -> Vec<switchboard_store::LinkedChannel> {
    let mut seen = BTreeSet::new();
    w.service
        .lock()
        .unwrap()
        .linked_channels(&w.account)
        .unwrap()
        .into_iter()
        .filter(|c| seen.insert(c.doc["kind"].as_str().unwrap().to_owned()))
        .collect()
}

fn assert_no_blind_resend(w: &World) {
    let stats = w.emu.control().stats();
    for id in w.emu.control().source_ids() {
        assert!(
            stats.resent_without_reread(&id).is_empty(),
            "source {id}: a field was sent twice without a re-read"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn round_trip_for_every_kind_edit_plan_apply_pull_then_an_empty_plan() {
    let w = World::new(60, 7);
    w.pull().await;
    let empty = w.plan().await;
    assert!(empty.is_empty(), "no edit, no plan: {:#?}", empty.channels);

    let chans = one_per_kind(&w);
    assert_eq!(chans.len(), switchboard_catalogue::Kind::ALL.len());
    for c in &chans {
        w.rename(&c.channel_id, &format!("Pushed {}", c.remote_id));
    }
    let plan = w.plan().await;
    assert_eq!(plan.channels.len(), chans.len());
    for cp in &plan.channels {
        let f: Vec<_> = cp
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.class))
            .collect();
        assert_eq!(f, vec![("name", FieldClass::Send)], "{}", cp.kind);
        assert!(cp.actionable(), "{} {:?}", cp.kind, cp.problems);
        assert!(cp.fields[0].label.is_some());
    }
    assert!(plan.is_intact());

    let report = w.apply(&plan).await.unwrap();
    assert_eq!(
        report.count(JournalStep::Applied),
        chans.len(),
        "{report:#?}"
    );
    for c in &chans {
        assert_eq!(
            w.server_name(&c.remote_id),
            format!("Pushed {}", c.remote_id)
        );
        let s = w.service.lock().unwrap();
        assert_eq!(
            s.get(&c.channel_id).unwrap().channel.sync_state,
            SyncState::Synced
        );
        // Only the planned parameter was sent.
        let stats = w.emu.control().stats();
        assert_eq!(
            stats.accepted_put_params(&c.remote_id),
            vec!["name".to_owned()]
        );
    }
    // Our own write is the base: the next plan is empty, and so after a pull.
    assert!(w.plan().await.is_empty());
    let r = w.pull().await;
    assert_eq!(
        r.counts.followed, 0,
        "our writes do not come back as server changes"
    );
    assert!(w.plan().await.is_empty());
    assert_no_blind_resend(&w);

    // History: the apply, its hash, the outcome per channel, the fields changed.
    let history = w
        .service
        .lock()
        .unwrap()
        .store()
        .sync_history(&w.account)
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].plan_hash, plan.hash);
    assert!(history[0].finished_at.is_some());
    assert!(history[0]
        .entries
        .iter()
        .all(|e| e.step == JournalStep::Applied));
    // A revision with origin "pushed".
    let db = rusqlite::Connection::open(&w.db).unwrap();
    let pushed: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM revisions WHERE origin = 'server_push'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(pushed as usize, chans.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn take_only_changes_need_no_request() {
    let w = World::new(20, 3);
    w.pull().await;
    let c = &one_per_kind(&w)[0];
    // Between pull and plan the server moves; the draft did not.
    w.rename_on_server(&c.remote_id, "Server side");
    let plan = w.plan().await;
    assert_eq!(plan.channels.len(), 1);
    assert_eq!(plan.channels[0].fields[0].class, FieldClass::Take);
    w.emu.control().reset_stats();
    let r = w.apply(&plan).await.unwrap();
    assert_eq!(r.count(JournalStep::Applied), 1);
    assert!(w
        .emu
        .control()
        .stats()
        .accepted_put_params(&c.remote_id)
        .is_empty());
    let doc = w
        .service
        .lock()
        .unwrap()
        .get(&c.channel_id)
        .unwrap()
        .channel
        .doc;
    assert_eq!(doc["general"]["name"], "Server side");
    assert!(w.plan().await.is_empty());
}

/// Both sides renamed channel `i` between pull and plan: a conflict per channel.
async fn conflicted(n: usize) -> (World, Vec<switchboard_store::LinkedChannel>) {
    let w = World::new(30, 5);
    w.pull().await;
    let chans: Vec<_> = one_per_kind(&w).into_iter().take(n).collect();
    for c in &chans {
        w.rename(&c.channel_id, &format!("Mine {}", c.remote_id));
        w.rename_on_server(&c.remote_id, &format!("Theirs {}", c.remote_id));
    }
    (w, chans)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_on_the_server_between_pull_and_plan_is_a_conflict_resolved_per_field() {
    let (w, chans) = conflicted(3).await;
    let mut plan = w.plan().await;
    assert_eq!(plan.conflicts(), 3);
    // Unresolved: nothing is sent for those channels.
    assert!(plan.channels.iter().all(|c| !c.actionable()));
    let r = w.apply(&plan).await.unwrap();
    assert!(r.outcomes.is_empty());
    assert_eq!(
        w.server_name(&chans[0].remote_id),
        format!("Theirs {}", chans[0].remote_id)
    );

    // Keep mine / take the server's / edit, one per channel.
    let mut plan2 = w.plan().await;
    assert!(plan2.resolve(&chans[0].channel_id, "name", Resolution::Mine));
    assert!(plan2.resolve(&chans[1].channel_id, "name", Resolution::Server));
    assert!(plan2.resolve(
        &chans[2].channel_id,
        "name",
        Resolution::Edit(serde_json::json!("Agreed name"))
    ));
    assert!(plan2.is_intact(), "resolving refreezes the plan");
    let r = w.apply(&plan2).await.unwrap();
    assert_eq!(r.count(JournalStep::Applied), 3, "{r:#?}");
    assert_eq!(
        w.server_name(&chans[0].remote_id),
        format!("Mine {}", chans[0].remote_id)
    );
    assert_eq!(
        w.server_name(&chans[1].remote_id),
        format!("Theirs {}", chans[1].remote_id)
    );
    assert_eq!(w.server_name(&chans[2].remote_id), "Agreed name");
    let name = |id: &str| {
        let s = w.service.lock().unwrap();
        s.get(id).unwrap().channel.doc["general"]["name"].clone()
    };
    assert_eq!(
        name(&chans[1].channel_id),
        format!("Theirs {}", chans[1].remote_id)
    );
    assert_eq!(name(&chans[2].channel_id), "Agreed name");
    assert!(w.plan().await.is_empty());

    // A plan changed after it was frozen is refused.
    plan.channels[0].fields[0].resolution = Some(Resolution::Mine);
    assert!(matches!(w.apply(&plan).await, Err(SyncError::PlanTampered)));
}

#[tokio::test(flavor = "multi_thread")]
async fn keep_all_mine_and_take_all_from_the_server() {
    let (w, chans) = conflicted(2).await;
    let mut plan = w.plan().await;
    plan.resolve_all(&Resolution::Mine);
    w.apply(&plan).await.unwrap();
    for c in &chans {
        assert_eq!(w.server_name(&c.remote_id), format!("Mine {}", c.remote_id));
    }
    let (w, chans) = conflicted(2).await;
    let mut plan = w.plan().await;
    plan.resolve_all(&Resolution::Server);
    w.emu.control().reset_stats();
    w.apply(&plan).await.unwrap();
    for c in &chans {
        assert_eq!(
            w.server_name(&c.remote_id),
            format!("Theirs {}", c.remote_id)
        );
        assert!(w
            .emu
            .control()
            .stats()
            .accepted_put_params(&c.remote_id)
            .is_empty());
    }
    assert!(w.plan().await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_on_the_server_between_plan_and_apply_is_stale_and_skipped() {
    let w = World::new(30, 9);
    w.pull().await;
    let chans = one_per_kind(&w);
    let (a, b) = (&chans[0], &chans[1]);
    w.rename(&a.channel_id, "Mine A");
    w.rename(&b.channel_id, "Mine B");
    let plan = w.plan().await;
    w.rename_on_server(&a.remote_id, "Someone else");
    let r = w.apply(&plan).await.unwrap();
    let step = |id: &str| r.outcomes.iter().find(|o| o.channel_id == id).unwrap().step;
    assert_eq!(step(&a.channel_id), JournalStep::Stale);
    assert_eq!(
        step(&b.channel_id),
        JournalStep::Applied,
        "independent channels go on"
    );
    assert_eq!(
        w.server_name(&a.remote_id),
        "Someone else",
        "never overwritten"
    );
    assert_eq!(w.server_name(&b.remote_id), "Mine B");
    // A re-plan shows the conflict.
    let again = w.plan().await;
    assert_eq!(again.conflicts(), 1);

    // A draft saved after the plan makes the whole plan stale.
    w.rename(&b.channel_id, "Mine B2");
    let p = w.plan().await;
    w.rename(&b.channel_id, "Mine B3");
    assert!(matches!(w.apply(&p).await, Err(SyncError::PlanStale)));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_429_storm_during_apply_loses_nothing_and_5xx_fail_only_their_channel() {
    let w = World::new(40, 13);
    w.pull().await;
    let chans = one_per_kind(&w);
    for c in &chans {
        w.rename(&c.channel_id, &format!("Storm {}", c.remote_id));
    }
    let plan = w.plan().await;
    w.emu
        .control()
        .set_faults(&FaultsPatch {
            force_429: Some(6),
            ..FaultsPatch::default()
        })
        .unwrap();
    let r = w.apply(&plan).await.unwrap();
    assert_eq!(r.count(JournalStep::Applied), chans.len(), "{r:#?}");
    for c in &chans {
        assert_eq!(
            w.server_name(&c.remote_id),
            format!("Storm {}", c.remote_id)
        );
    }
    assert_no_blind_resend(&w);

    for c in &chans {
        w.rename(&c.channel_id, &format!("Flaky {}", c.remote_id));
    }
    let plan = w.plan().await;
    w.emu
        .control()
        .set_faults(&FaultsPatch {
            error_rate: Some(0.3),
            ..FaultsPatch::default()
        })
        .unwrap();
    let r = w.apply(&plan).await.unwrap();
    let failed = r.count(JournalStep::Failed);
    assert_eq!(failed + r.count(JournalStep::Applied), chans.len());
    w.emu
        .control()
        .set_faults(&FaultsPatch {
            error_rate: Some(0.0),
            ..FaultsPatch::default()
        })
        .unwrap();
    // A new plan picks up what failed, and only that.
    let retry = w.plan().await;
    assert!(
        retry.channels.len() <= failed,
        "{} > {failed}",
        retry.channels.len()
    );
    w.apply(&retry).await.unwrap();
    for c in &chans {
        assert_eq!(
            w.server_name(&c.remote_id),
            format!("Flaky {}", c.remote_id)
        );
    }
    assert!(w.plan().await.is_empty());
    assert_no_blind_resend(&w);
}

#[tokio::test(flavor = "multi_thread")]
async fn plans_history_and_journal_hold_no_secret() {
    let w = World::new(20, 21);
    w.pull().await;
    let email = w
        .service
        .lock()
        .unwrap()
        .linked_channels(&w.account)
        .unwrap()
        .into_iter()
        .find(|c| c.doc["kind"] == "email")
        .unwrap();
    let secret = "Sup3r-s3cret-imap-pw";
    {
        let mut s = w.service.lock().unwrap();
        s.set_secret(
            &email.channel_id,
            "imap.password",
            &switchboard_core::Sensitive::new(secret.to_owned()),
        )
        .unwrap();
    }
    w.rename(&email.channel_id, "Mail renamed");
    let plan = w.plan().await;
    let text = serde_json::to_string(&plan).unwrap();
    assert!(!text.contains(secret));
    assert!(!text.contains(&w.emu.admin_token()));
    w.apply(&plan).await.unwrap();
    let bytes = std::fs::read(&w.db).unwrap();
    for needle in [secret, &w.emu.admin_token()] {
        assert!(!bytes.windows(needle.len()).any(|x| x == needle.as_bytes()));
    }
    let db = rusqlite::Connection::open(&w.db).unwrap();
    let dump: String = db
        .query_row(
            "SELECT COALESCE(group_concat(plan), '') || (SELECT COALESCE(group_concat(result), '') FROM sync_journal) FROM sync_applies",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        dump.contains("Mail renamed"),
        "the history shows non-secret values"
    );
    assert!(!dump.contains(secret));
}

/// Every visible, writable on/off setting of `kind`: (document path, API name).
fn switches(kind: switchboard_catalogue::Kind, doc: &serde_json::Value) -> Vec<(String, String)> {
    use switchboard_catalogue::model::FieldType;
    // A pulled document carries every setting (the adoption completes it).
    let full = doc;
    let mut out = Vec::new();
    for s in &switchboard_catalogue::kind_schema(kind).sections {
        if s.repeat || s.visible_when.as_ref().is_some_and(|r| !r.eval(full)) {
            continue;
        }
        for f in &s.fields {
            let Some(api) = &f.api else { continue };
            let visible = f.visible_when.as_ref().is_none_or(|r| r.eval(full));
            if matches!(f.ty, FieldType::Bool)
                && visible
                && switchboard_platform::writable_source_param(&api.name)
            {
                out.push((f.path.clone(), api.name.clone()));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn round_trip_for_every_kind_with_every_switch_it_has() {
    let w = World::new(60, 17);
    w.pull().await;
    let chans = one_per_kind(&w);
    let mut expected = std::collections::BTreeMap::new();
    for c in &chans {
        let kind = switchboard_catalogue::Kind::parse(c.doc["kind"].as_str().unwrap()).unwrap();
        let mut s = w.service.lock().unwrap();
        let mut doc = s.get(&c.channel_id).unwrap().channel.doc;
        let mut fields = vec!["name".to_owned()];
        doc["general"]["name"] = serde_json::json!(format!("Switched {}", c.remote_id));
        let baseline = s.save(&c.channel_id, doc.clone()).unwrap().problems.len();
        for (path, api) in switches(kind, &doc) {
            let now = switchboard_core::jsonpath::get(&doc, &path)
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            let mut next = doc.clone();
            switchboard_core::jsonpath::set(&mut next, &path, serde_json::json!(!now));
            // A switch that opens settings this channel lacks would make it invalid (it
            // then blocks only itself, tested elsewhere): leave that one as it is.
            if s.save(&c.channel_id, next.clone()).unwrap().problems.len() > baseline {
                s.save(&c.channel_id, doc.clone()).unwrap();
                continue;
            }
            doc = next;
            fields.push(api);
        }
        fields.sort();
        expected.insert(c.channel_id.clone(), fields);
    }
    let plan = w.plan().await;
    assert_eq!(plan.channels.len(), chans.len());
    let mut switched = 0;
    for cp in &plan.channels {
        let mut sent: Vec<String> = cp
            .fields
            .iter()
            .filter(|f| f.class == FieldClass::Send)
            .map(|f| f.field.clone())
            .collect();
        sent.sort();
        assert_eq!(&sent, &expected[&cp.channel_id], "{}", cp.kind);
        switched += sent.len() - 1;
    }
    println!("{switched} switches toggled over {} kinds", chans.len());
    assert!(
        switched >= chans.len(),
        "{switched} switches over {} kinds",
        chans.len()
    );
    assert!(plan.channels.iter().all(|c| c.actionable()));
    let report = w.apply(&plan).await.unwrap();
    assert_eq!(report.outcomes.len(), chans.len());
    for o in &report.outcomes {
        assert_eq!(o.step, JournalStep::Applied, "{o:?}");
        assert!(
            o.server_changed.is_empty(),
            "the server kept what was sent: {o:?}"
        );
    }
    for c in &chans {
        let raw = w.emu.control().raw_source(&c.remote_id).unwrap();
        for api in &expected[&c.channel_id] {
            let planned = plan
                .channels
                .iter()
                .find(|p| p.channel_id == c.channel_id)
                .unwrap()
                .fields
                .iter()
                .find(|f| f.field == *api)
                .unwrap()
                .local
                .clone();
            assert_eq!(
                raw[api],
                planned,
                "{} {api}: {:?}",
                c.remote_id,
                w.emu.control().stats().puts.get(&c.remote_id)
            );
        }
    }
    // Our writes are the base: the next plan is empty, and so after a pull.
    assert!(w.plan().await.is_empty());
    w.pull().await;
    assert!(w.plan().await.is_empty());
    assert_no_blind_resend(&w);
}

/// A linked channel still pointing at a bundled sample entry (picked before the account
/// was pulled) is blocked with the setting named; the other channels are applied.
#[tokio::test(flavor = "multi_thread")]
async fn a_channel_on_sample_data_is_blocked_and_named_the_others_go() {
    let w = World::new(20, 3);
    w.pull().await;
    let linked = one_per_kind(&w);
    let (on_sample, other) = (&linked[0], &linked[1]);
    {
        let mut s = w.service.lock().unwrap();
        let mut doc = s.get(&on_sample.channel_id).unwrap().channel.doc;
        doc["general"]["community"] = serde_json::json!("sample-community-1");
        doc["general"]["name"] = serde_json::json!("Sample-bound");
        s.save(&on_sample.channel_id, doc).unwrap();
    }
    w.rename(&other.channel_id, "Goes through");
    let plan = w.plan().await;
    let blocked = plan
        .channels
        .iter()
        .find(|c| c.channel_id == on_sample.channel_id)
        .expect("the channel on sample data is in the plan");
    assert!(blocked.invalid, "blocked: {:?}", blocked.problems);
    assert!(blocked
        .problems
        .iter()
        .any(|p| p.path == "general.community" && p.message.id == "sync-plan-sample-reference"));
    w.emu.control().reset_stats();
    w.apply(&plan).await.unwrap();
    assert!(w
        .emu
        .control()
        .stats()
        .accepted_put_params(&on_sample.remote_id)
        .is_empty());
    assert_eq!(w.server_name(&other.remote_id), "Goes through");
    assert_ne!(w.server_name(&on_sample.remote_id), "Sample-bound");
}
