//! Write-only secrets ("will be set" by a change counter, pushed once, then quiet) and the
//! server change's author from the journal, against the emulator.

use crate::common::{client_for, World};
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_core::Sensitive;
use switchboard_platform::ClientConfig;
use switchboard_store::{JournalStep, LinkedChannel};
use switchboard_sync::{FieldClass, SyncError};

fn linked_of_kind(w: &World, kind: &str) -> Vec<LinkedChannel> {
    w.service
        .lock()
        .unwrap()
        .linked_channels(&w.account)
        .unwrap()
        .into_iter()
        .filter(|c| c.doc["kind"] == kind)
        .collect()
}

fn set_secret(w: &World, channel: &str, path: &str, value: &str) {
    w.service
        .lock()
        .unwrap()
        .set_secret(channel, path, &Sensitive::new(value.to_owned()))
        .unwrap();
}

fn times_set(w: &World, remote: &str, name: &str) -> i64 {
    w.emu
        .control()
        .raw_source(remote)
        .and_then(|r| r["_secrets_set"][name].as_i64())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_set_here_is_planned_by_its_counter_sent_once_and_then_quiet() {
    let w = World::new(40, 31);
    w.pull().await;
    let mail = linked_of_kind(&w, "email");
    let (a, b) = (&mail[0], &mail[1]);
    let (pw, token) = ("Imap-pw-7f3a91", "M365-refresh-0c4d22");
    set_secret(&w, &a.channel_id, "imap.password", "first-value-replaced");
    set_secret(&w, &a.channel_id, "imap.password", pw);
    set_secret(&w, &b.channel_id, "smtp.oauth_refresh_token", token);

    let plan = w.plan().await;
    assert_eq!(plan.channels.len(), 2, "{:#?}", plan.channels);
    let pa = plan
        .channels
        .iter()
        .find(|c| c.channel_id == a.channel_id)
        .unwrap();
    assert!(pa.fields.is_empty(), "secrets are never compared as fields");
    assert_eq!(pa.secrets.len(), 1);
    assert_eq!(pa.secrets[0].field, "imap_password");
    assert_eq!(pa.secrets[0].generation, 2, "set twice: generation 2");
    assert!(pa.secrets[0].label.is_some());
    assert!(pa.actionable());
    let text = serde_json::to_string(&plan).unwrap();
    assert!(!text.contains(pw) && !text.contains(token));

    w.emu.control().reset_stats();
    let report = w.apply(&plan).await.unwrap();
    assert_eq!(report.count(JournalStep::Applied), 2, "{report:#?}");
    let oa = report
        .outcomes
        .iter()
        .find(|o| o.channel_id == a.channel_id)
        .unwrap();
    assert_eq!(oa.secrets_set, ["imap_password"]);
    // The server holds the values, set once each, through the endpoints the spec gives.
    let ctl = w.emu.control();
    assert_eq!(
        ctl.secret(&a.remote_id, "imap_password").as_deref(),
        Some(pw)
    );
    assert_eq!(
        ctl.secret(&b.remote_id, "smtp_oauth_refresh_token")
            .as_deref(),
        Some(token)
    );
    assert_eq!(times_set(&w, &a.remote_id, "imap_password"), 1);
    let stats = ctl.stats();
    let endpoints: Vec<&str> = stats.puts[&a.remote_id]
        .iter()
        .map(|p| p.endpoint.as_str())
        .collect();
    assert_eq!(endpoints, ["email_credentials"]);
    let endpoints: Vec<&str> = stats.puts[&b.remote_id]
        .iter()
        .map(|p| p.endpoint.as_str())
        .collect();
    assert_eq!(endpoints, ["content_source"]);
    // What the emulator recorded does not echo the values.
    let recorded = serde_json::to_string(&stats.puts).unwrap();
    assert!(!recorded.contains(pw) && !recorded.contains(token));

    // Pushed: the counters match, the next plan is empty, nothing is sent again.
    assert!(w.plan().await.is_empty());
    // Replaced here: due again, with the next generation.
    set_secret(&w, &a.channel_id, "imap.password", "Imap-pw-rotated");
    let again = w.plan().await;
    assert_eq!(again.channels.len(), 1);
    assert_eq!(again.channels[0].secrets[0].generation, 3);
    // Replaced once more after the plan: the plan is stale (it approved generation 3).
    set_secret(&w, &a.channel_id, "imap.password", "Imap-pw-rotated-2");
    assert!(matches!(w.apply(&again).await, Err(SyncError::PlanStale)));
    let fresh = w.plan().await;
    w.apply(&fresh).await.unwrap();
    assert_eq!(
        ctl.secret(&a.remote_id, "imap_password").as_deref(),
        Some("Imap-pw-rotated-2")
    );
    assert_eq!(times_set(&w, &a.remote_id, "imap_password"), 2);
    assert!(w.plan().await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_the_api_cannot_write_is_to_do_in_the_web_admin() {
    let w = World::new(40, 33);
    w.pull().await;
    let Some(fb) = linked_of_kind(&w, "facebook_page").into_iter().next() else {
        panic!("the fixture has a Facebook page");
    };
    set_secret(
        &w,
        &fb.channel_id,
        "facebook.user_token",
        "EAAG-user-token-19",
    );
    let plan = w.plan().await;
    let cp = plan
        .channels
        .iter()
        .find(|c| c.channel_id == fb.channel_id)
        .expect("listed even with nothing else to do: never silently ignored");
    assert!(
        cp.secrets.is_empty() && cp.fields.is_empty(),
        "nothing is sent"
    );
    assert!(cp
        .web_admin
        .iter()
        .any(|w| w.field == "facebook.user_token" && w.label.is_some()));
    assert_eq!(cp.web_admin_secrets.len(), 1);
    assert!(cp.actionable());
    assert!(!serde_json::to_string(&plan)
        .unwrap()
        .contains("EAAG-user-token-19"));
    // Applying the plan sends nothing for it and records it as told: the next plan does
    // not list it again (no perpetual diff), until the token is replaced here.
    w.emu.control().reset_stats();
    let r = w.apply(&plan).await.unwrap();
    assert_eq!(r.count(JournalStep::Applied), plan.channels.len(), "{r:#?}");
    assert!(
        w.emu.control().stats().puts.is_empty(),
        "no request writes anything"
    );
    assert!(w.plan().await.is_empty());
    set_secret(
        &w,
        &fb.channel_id,
        "facebook.user_token",
        "EAAG-user-token-20",
    );
    let again = w.plan().await;
    assert_eq!(again.channels.len(), 1);
    assert_eq!(again.channels[0].web_admin_secrets[0].generation, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn who_changed_the_server_copy_comes_from_the_journal_else_updated_at() {
    let w = World::new(30, 35);
    w.pull().await;
    let chans: Vec<LinkedChannel> = w
        .service
        .lock()
        .unwrap()
        .linked_channels(&w.account)
        .unwrap()
        .into_iter()
        .take(3)
        .collect();
    // One edited here only (no author needed), two edited on the server by the other
    // administrator.
    w.rename(&chans[0].channel_id, "Mine only");
    w.rename_on_server(&chans[1].remote_id, "Theirs 1");
    w.rename_on_server(&chans[2].remote_id, "Theirs 2");
    let plan = w.plan().await;
    let other = w
        .emu
        .tokens()
        .into_iter()
        .find(|t| t.holder == switchboard_emulator::Holder::OtherAdmin)
        .unwrap();
    let events = w.emu.control().events();
    for c in &chans[1..] {
        let cp = plan
            .channels
            .iter()
            .find(|p| p.channel_id == c.channel_id)
            .unwrap();
        assert_eq!(cp.fields[0].class, FieldClass::Take);
        let change = cp.server_change.as_ref().expect("an author");
        assert!(change.from_journal, "{change:?}");
        assert_eq!(change.user_id.as_deref(), Some(other.user_id.as_str()));
        let name = change.by.as_deref().expect("the user's name");
        assert!(!name.is_empty() && name != other.user_id);
        let last = events
            .iter()
            .rev()
            .find(|e| e["extra_infos"]["content_source_id"] == c.remote_id.as_str())
            .unwrap();
        assert_eq!(change.at.as_deref(), last["created_at"].as_str());
    }
    let mine = plan
        .channels
        .iter()
        .find(|p| p.channel_id == chans[0].channel_id)
        .unwrap();
    assert!(mine.server_change.is_none(), "nothing changed there");

    // A token that may not search the journal: `updated_at`, said as such.
    let reader = client_for(&w.emu, &w.emu.reader_token(), ClientConfig::default());
    let sink = |_: ProgressEvent| {};
    let plan = switchboard_sync::plan(
        w.service.clone(),
        &w.account,
        &reader,
        &sink,
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    let visible: Vec<_> = plan
        .channels
        .iter()
        .filter(|p| p.error.is_none() && p.channel_id != chans[0].channel_id)
        .collect();
    assert!(!visible.is_empty());
    for cp in visible {
        let change = cp.server_change.as_ref().unwrap();
        assert!(!change.from_journal && change.by.is_none());
        assert_eq!(change.at, cp.remote_updated_at);
        assert!(change.at.is_some());
    }
}

/// A writer the log goes to, readable afterwards.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn leak_scan_no_secret_in_plans_reports_history_journal_database_files_or_logs() {
    // Every thread's log (apply work runs on blocking threads): the process-wide
    // subscriber, at TRACE, set once in this test binary.
    let out = Captured::default();
    let w2 = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || w2.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");

    let w = World::new(30, 37);
    w.pull().await;
    let mail = linked_of_kind(&w, "email");
    let secrets = [
        ("imap.password", "Leak-imap-pw-b81c"),
        ("smtp.password", "Leak-smtp-pw-77e0"),
        ("imap.oauth_refresh_token", "Leak-refresh-0.AXo-9f"),
    ];
    for (path, value) in secrets {
        set_secret(&w, &mail[0].channel_id, path, value);
    }
    set_secret(
        &w,
        &mail[1].channel_id,
        "smtp.password",
        "Leak-second-pw-3d",
    );
    w.rename(&mail[0].channel_id, "Leak scan renamed");
    let plan = w.plan().await;
    let report = w.apply(&plan).await.unwrap();
    assert_eq!(report.count(JournalStep::Applied), 2, "{report:#?}");
    // The secrets did reach the server (the scan below is not vacuous).
    let ctl = w.emu.control();
    assert_eq!(
        ctl.secret(&mail[0].remote_id, "imap_oauth_refresh_token")
            .as_deref(),
        Some("Leak-refresh-0.AXo-9f")
    );
    assert_eq!(
        ctl.secret(&mail[1].remote_id, "smtp_password").as_deref(),
        Some("Leak-second-pw-3d")
    );
    // A replaced secret, a second plan and apply, a pull: more rows, more log.
    set_secret(
        &w,
        &mail[0].channel_id,
        "imap.password",
        "Leak-imap-pw-rotated",
    );
    let second = w.plan().await;
    w.apply(&second).await.unwrap();
    w.pull().await;
    assert!(w.plan().await.is_empty());

    let mut values: Vec<&str> = secrets.iter().map(|(_, v)| *v).collect();
    values.extend(["Leak-second-pw-3d", "Leak-imap-pw-rotated"]);
    let token = w.emu.admin_token();
    values.push(&token);
    let history = w
        .service
        .lock()
        .unwrap()
        .store()
        .sync_history(&w.account)
        .unwrap();
    let db = rusqlite::Connection::open(&w.db).unwrap();
    let rows: String = db
        .query_row(
            "SELECT COALESCE((SELECT group_concat(plan, '|') FROM sync_applies), '') || \
             COALESCE((SELECT group_concat(COALESCE(result, ''), '|') FROM sync_journal), '')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        rows.contains("imap_password"),
        "the journal names what was set"
    );
    drop(db);
    let mut texts: Vec<(String, Vec<u8>)> = vec![
        ("plan".into(), serde_json::to_vec(&plan).unwrap()),
        ("second plan".into(), serde_json::to_vec(&second).unwrap()),
        ("apply report".into(), serde_json::to_vec(&report).unwrap()),
        ("history".into(), serde_json::to_vec(&history).unwrap()),
        ("plans and journal rows".into(), rows.into_bytes()),
        (
            "the emulator's record of what it received".into(),
            serde_json::to_vec(&ctl.stats().puts).unwrap(),
        ),
    ];
    for entry in std::fs::read_dir(w.db.parent().unwrap()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            texts.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    let log = out.0.lock().unwrap().clone();
    assert!(
        String::from_utf8_lossy(&log).contains("email_credentials"),
        "the log saw the apply"
    );
    texts.push(("log".into(), log));
    assert!(texts.iter().any(|(n, _)| n.ends_with(".sqlite3-wal")) || texts.len() > 6);
    for (name, bytes) in &texts {
        for v in &values {
            assert!(
                !bytes.windows(v.len()).any(|x| x == v.as_bytes()),
                "{v:?} found in {name}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_survive_a_429_storm_and_a_failed_push_stays_due() {
    use switchboard_emulator::FaultsPatch;
    let w = World::new(40, 39);
    w.pull().await;
    let mail = linked_of_kind(&w, "email");
    for (i, c) in mail.iter().enumerate() {
        set_secret(&w, &c.channel_id, "smtp.password", &format!("Storm-pw-{i}"));
    }
    let ctl = w.emu.control();
    // A 429 storm: everything is set, once each.
    let plan = w.plan().await;
    ctl.set_faults(&FaultsPatch {
        force_429: Some(3),
        ..FaultsPatch::default()
    })
    .unwrap();
    let r = w.apply(&plan).await.unwrap();
    assert_eq!(r.count(JournalStep::Applied), mail.len(), "{r:#?}");
    assert!(ctl.stats().forced_429 > 0, "the storm happened");
    for (i, c) in mail.iter().enumerate() {
        assert_eq!(
            ctl.secret(&c.remote_id, "smtp_password"),
            Some(format!("Storm-pw-{i}"))
        );
        assert_eq!(times_set(&w, &c.remote_id, "smtp_password"), 1);
    }
    assert!(w.plan().await.is_empty());

    // 5xx on every request: nothing is marked pushed, so the next plan offers them again,
    // and once the server is well they are set.
    for (i, c) in mail.iter().enumerate() {
        set_secret(&w, &c.channel_id, "smtp.password", &format!("Flaky-pw-{i}"));
    }
    let plan = w.plan().await;
    ctl.set_faults(&FaultsPatch {
        error_rate: Some(1.0),
        ..FaultsPatch::default()
    })
    .unwrap();
    let r = w.apply(&plan).await.unwrap();
    assert_eq!(r.count(JournalStep::Failed), mail.len(), "{r:#?}");
    ctl.set_faults(&FaultsPatch {
        error_rate: Some(0.0),
        ..FaultsPatch::default()
    })
    .unwrap();
    let again = w.plan().await;
    assert_eq!(
        again.channels.len(),
        mail.len(),
        "still due after the failure"
    );
    assert!(again
        .channels
        .iter()
        .all(|c| c.secrets.len() == 1 && c.secrets[0].field == "smtp_password"));
    w.apply(&again).await.unwrap();
    for (i, c) in mail.iter().enumerate() {
        assert_eq!(
            ctl.secret(&c.remote_id, "smtp_password"),
            Some(format!("Flaky-pw-{i}"))
        );
    }
    assert!(w.plan().await.is_empty());
}
