//! The diagnosis against real Dovecot and Postfix on loopback (see support/mod.rs for how
//! they are started). Assertions are on step keys, statuses, Fluent ids and field paths:
//! what the UI and the CLI act on.

mod support;

use std::time::{Duration, Instant};
use support::*;
use switchboard_core::progress::{CancellationToken, ProgressEvent, StepStatus};
use switchboard_mailcheck::*;

fn status(r: &DiagnosisReport, key: &str) -> StepStatus {
    r.step(key)
        .unwrap_or_else(|| panic!("no step {key} in {}", dump(r)))
        .status
}

fn assert_all_ok(r: &DiagnosisReport, keys: &[&str]) {
    assert!(r.ok, "{}", dump(r));
    for k in keys {
        assert_eq!(status(r, k), StepStatus::Ok, "{k}: {}", dump(r));
    }
}

fn failed_with(r: &DiagnosisReport, key: &str, id: &str, fields: &[&str]) {
    assert!(!r.ok, "{}", dump(r));
    let s = r
        .step(key)
        .unwrap_or_else(|| panic!("no step {key} in {}", dump(r)));
    assert_eq!(s.status, StepStatus::Failed, "{}", dump(r));
    assert_eq!(s.message.as_ref().unwrap().id, id, "{}", dump(r));
    for f in fields {
        assert!(
            s.fields.iter().any(|x| x == f),
            "{key} should highlight {f}: {}",
            dump(r)
        );
    }
}

#[tokio::test]
async fn imap_implicit_tls_lists_decoded_folders_and_opens_the_chosen_ones() {
    let Some(env) = mail_env() else { return };
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.folders = vec!["INBOX".into(), "Réclamations".into(), "日本語".into()];
    imap.sent_folder = Some("Sent".into());
    let r = run(&MailSettings {
        imap: Some(imap),
        ..settings()
    })
    .await;
    assert_all_ok(
        &r,
        &[
            "imap.resolve",
            "imap.connect",
            "imap.tls",
            "imap.greeting",
            "imap.capability",
            "imap.login",
            "imap.list",
            "imap.select:INBOX",
            "imap.select:Réclamations",
            "imap.select:日本語",
            "imap.select:Sent",
        ],
    );
    let names: Vec<_> = r
        .folders
        .iter()
        .map(|f| (f.name.as_str(), f.raw.as_str()))
        .collect();
    assert!(
        names.contains(&("Réclamations", "R&AOk-clamations")),
        "{names:?}"
    );
    assert!(names.contains(&("日本語", "&ZeVnLIqe-")), "{names:?}");
    assert_eq!(r.folders[0].raw, "INBOX", "INBOX comes first");
    let sent = r.folders.iter().find(|f| f.raw == "Sent").unwrap();
    assert_eq!(sent.special_use.as_deref(), Some("Sent"));
    let greeting = r
        .step("imap.greeting")
        .unwrap()
        .server_reply
        .clone()
        .unwrap();
    assert!(greeting.starts_with("* OK"), "{greeting}");
    let tls = r.step("imap.tls").unwrap();
    assert_eq!(tls.message.as_ref().unwrap().id, "mailcheck-note-tls");
}

#[tokio::test]
async fn imap_starttls_and_plain_succeed() {
    let Some(env) = mail_env() else { return };
    let r = run(&MailSettings {
        imap: Some(env.imap("IMAP_STARTTLS", Security::Starttls)),
        ..settings()
    })
    .await;
    assert_all_ok(
        &r,
        &["imap.greeting", "imap.starttls", "imap.login", "imap.list"],
    );
    assert!(
        r.step("imap.tls").is_none(),
        "no implicit TLS step in STARTTLS mode"
    );

    let r = run(&MailSettings {
        imap: Some(env.imap("IMAP_PLAIN", Security::None)),
        ..settings()
    })
    .await;
    assert_all_ok(&r, &["imap.greeting", "imap.login", "imap.list"]);
    assert!(r.folders.iter().any(|f| f.name == "Réclamations"));
}

#[tokio::test]
async fn smtp_succeeds_in_each_tls_mode() {
    let Some(env) = mail_env() else { return };
    for (port, sec, extra) in [
        ("SMTPS", Security::Tls, "smtp.tls"),
        ("SUBMISSION", Security::Starttls, "smtp.starttls"),
        ("SMTP_PLAIN", Security::None, "smtp.ehlo"),
    ] {
        let r = run(&MailSettings {
            smtp: Some(env.smtp(port, sec)),
            ..settings()
        })
        .await;
        assert_all_ok(
            &r,
            &[
                "smtp.resolve",
                "smtp.connect",
                "smtp.banner",
                "smtp.ehlo",
                "smtp.auth",
                extra,
            ],
        );
        let banner = r.step("smtp.banner").unwrap().server_reply.clone().unwrap();
        assert!(banner.starts_with("220 "), "{banner}");
    }
}

#[tokio::test]
async fn imap_and_smtp_run_together_with_a_custom_helo() {
    let Some(env) = mail_env() else { return };
    let mut smtp = env.smtp("SUBMISSION", Security::Starttls);
    smtp.helo_domain = Some("switchboard.example".into());
    let events = Events::default();
    let sink = events.sink();
    let s = MailSettings {
        imap: Some(env.imap("IMAPS", Security::Tls)),
        smtp: Some(smtp),
        ..settings()
    };
    let r = diagnose(&s, &sink, &CancellationToken::new()).await;
    assert!(r.ok, "{}", dump(&r));
    assert!(r.steps.iter().any(|s| s.protocol == Protocol::Imap));
    assert!(r.steps.iter().any(|s| s.protocol == Protocol::Smtp));
    // Each step is announced before it ends, and the task ends with Finished.
    let ev = events.all();
    let pos = |st: StepStatus| {
        ev.iter()
            .position(|e| matches!(e, ProgressEvent::Step { step, status, .. } if step == "smtp.ehlo" && *status == st))
            .unwrap()
    };
    assert!(pos(StepStatus::Running) < pos(StepStatus::Ok));
    assert!(matches!(
        ev.last(),
        Some(ProgressEvent::Finished {
            ok: true,
            cancelled: false
        })
    ));
    // Progress counts every step once and ends complete.
    let progress: Vec<_> = ev
        .iter()
        .filter_map(|e| match e {
            ProgressEvent::Progress { done, total } => Some((*done, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.len(), r.steps.len());
    let (done, total) = *progress.last().unwrap();
    assert_eq!((done, total), (r.steps.len() as u32, r.steps.len() as u32));
}

#[tokio::test]
async fn a_wrong_password_highlights_username_and_password() {
    let Some(env) = mail_env() else { return };
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.server.password = "wrong-password".to_owned().into();
    let mut smtp = env.smtp("SUBMISSION", Security::Starttls);
    smtp.server.password = "wrong-password".to_owned().into();
    let r = run(&MailSettings {
        imap: Some(imap),
        smtp: Some(smtp),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.login",
        "mailcheck-auth-failed",
        &["imap.username", "imap.password"],
    );
    failed_with(
        &r,
        "smtp.auth",
        "mailcheck-auth-failed",
        &["smtp.username", "smtp.password"],
    );
    let reply = r.step("smtp.auth").unwrap().server_reply.clone().unwrap();
    assert!(reply.contains("535"), "{reply}");
    assert_eq!(status(&r, "imap.list"), StepStatus::Skipped);
    // The password never appears anywhere in the report.
    assert!(!dump(&r).contains("wrong-password"));
}

#[tokio::test]
async fn an_unknown_user_is_an_authentication_failure() {
    let Some(env) = mail_env() else { return };
    let mut imap = env.imap("IMAP_STARTTLS", Security::Starttls);
    imap.server.username = "nobody-here@switchboard.test".into();
    let mut smtp = env.smtp("SMTPS", Security::Tls);
    smtp.server.username = "nobody-here@switchboard.test".into();
    let r = run(&MailSettings {
        imap: Some(imap),
        smtp: Some(smtp),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.login",
        "mailcheck-auth-failed",
        &["imap.username"],
    );
    failed_with(&r, "smtp.auth", "mailcheck-auth-failed", &["smtp.username"]);
}

#[tokio::test]
async fn nothing_listening_is_reported_at_once() {
    let Some(env) = mail_env() else { return };
    let start = Instant::now();
    let r = run(&MailSettings {
        imap: Some(env.imap("CLOSED", Security::Tls)),
        smtp: Some(env.smtp("CLOSED", Security::Starttls)),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.connect",
        "mailcheck-connect-refused",
        &["imap.host", "imap.port"],
    );
    failed_with(
        &r,
        "smtp.connect",
        "mailcheck-connect-refused",
        &["smtp.port"],
    );
    assert_eq!(status(&r, "imap.login"), StepStatus::Skipped);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_silent_port_is_bounded_by_the_step_timeout() {
    let Some(env) = mail_env() else { return };
    let mut s = MailSettings {
        imap: Some(env.imap("SILENT", Security::None)),
        smtp: Some(env.smtp("SILENT", Security::Tls)),
        ..settings()
    };
    s.timeouts.step_ms = 400;
    let start = Instant::now();
    let r = run(&s).await;
    failed_with(
        &r,
        "imap.greeting",
        "mailcheck-greeting-timeout-plain",
        &["imap.use_ssl_tls", "imap.port"],
    );
    failed_with(
        &r,
        "smtp.tls",
        "mailcheck-tls-timeout",
        &["smtp.use_ssl_tls", "smtp.port"],
    );
    // Both protocols ran side by side: well under two timeouts back to back.
    assert!(
        start.elapsed() < Duration::from_millis(2_000),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_silent_port_can_be_cancelled() {
    let Some(env) = mail_env() else { return };
    let mut s = MailSettings {
        imap: Some(env.imap("SILENT", Security::None)),
        smtp: Some(env.smtp("SILENT", Security::None)),
        ..settings()
    };
    s.timeouts.step_ms = 60_000;
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        c2.cancel();
    });
    let events = Events::default();
    let sink = events.sink();
    let start = Instant::now();
    let r = diagnose(&s, &sink, &cancel).await;
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(r.cancelled && !r.ok, "{}", dump(&r));
    assert_eq!(status(&r, "imap.greeting"), StepStatus::Cancelled);
    assert_eq!(status(&r, "smtp.banner"), StepStatus::Cancelled);
    assert_eq!(status(&r, "imap.login"), StepStatus::Skipped);
    assert_eq!(
        r.step("imap.login").unwrap().message.as_ref().unwrap().id,
        "mailcheck-skipped-after-cancel"
    );
    assert!(matches!(
        events.all().last(),
        Some(ProgressEvent::Finished {
            ok: false,
            cancelled: true
        })
    ));
}

#[tokio::test]
async fn tls_spoken_to_a_plaintext_port_names_the_switch_and_the_port() {
    let Some(env) = mail_env() else { return };
    let r = run(&MailSettings {
        imap: Some(env.imap("IMAP_PLAIN", Security::Tls)),
        smtp: Some(env.smtp("SMTP_PLAIN", Security::Tls)),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.tls",
        "mailcheck-tls-plaintext-port",
        &["imap.use_ssl_tls", "imap.port"],
    );
    failed_with(
        &r,
        "smtp.tls",
        "mailcheck-tls-plaintext-port",
        &["smtp.use_ssl_tls", "smtp.port"],
    );
}

#[tokio::test]
async fn plaintext_spoken_to_a_tls_port_suggests_turning_tls_on() {
    let Some(env) = mail_env() else { return };
    let mut s = MailSettings {
        imap: Some(env.imap("IMAPS", Security::None)),
        smtp: Some(env.smtp("SMTPS", Security::None)),
        ..settings()
    };
    s.timeouts.step_ms = 800;
    let r = run(&s).await;
    failed_with(
        &r,
        "imap.greeting",
        "mailcheck-greeting-timeout-plain",
        &["imap.use_ssl_tls", "imap.port"],
    );
    failed_with(
        &r,
        "smtp.banner",
        "mailcheck-greeting-timeout-plain",
        &["smtp.use_ssl_tls", "smtp.port"],
    );
}

#[tokio::test]
async fn a_self_signed_certificate_fails_with_verification_and_warns_without() {
    let Some(env) = mail_env() else { return };
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.server.ca_file = None;
    let mut smtp = env.smtp("SUBMISSION", Security::Starttls);
    smtp.server.ca_file = None;
    let r = run(&MailSettings {
        imap: Some(imap.clone()),
        smtp: Some(smtp.clone()),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.tls",
        "mailcheck-cert-unknown-issuer",
        &["imap.ssl_verify_mode"],
    );
    failed_with(
        &r,
        "smtp.starttls",
        "mailcheck-cert-unknown-issuer",
        &["smtp.ssl_verify_mode"],
    );

    imap.server.ssl_verify_mode = SslVerifyMode::None;
    smtp.server.ssl_verify_mode = SslVerifyMode::None;
    let r = run(&MailSettings {
        imap: Some(imap),
        smtp: Some(smtp),
        ..settings()
    })
    .await;
    assert!(r.ok, "warnings do not fail the test: {}", dump(&r));
    for key in ["imap.tls", "smtp.starttls"] {
        let s = r.step(key).unwrap();
        assert_eq!(s.status, StepStatus::Warning, "{}", dump(&r));
        assert_eq!(s.message.as_ref().unwrap().id, "mailcheck-verify-off");
        assert!(s.fields[0].ends_with(".ssl_verify_mode"));
    }
    assert_eq!(status(&r, "imap.login"), StepStatus::Ok);
    assert_eq!(status(&r, "smtp.auth"), StepStatus::Ok);
}

#[tokio::test]
async fn starttls_not_offered_is_named() {
    let Some(env) = mail_env() else { return };
    let r = run(&MailSettings {
        imap: Some(env.imap("IMAP_PLAIN", Security::Starttls)),
        smtp: Some(env.smtp("SMTP_PLAIN", Security::Starttls)),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.starttls",
        "mailcheck-starttls-not-offered",
        &["imap.use_start_tls"],
    );
    failed_with(
        &r,
        "smtp.starttls",
        "mailcheck-starttls-not-offered",
        &["smtp.use_start_tls"],
    );
}

#[tokio::test]
async fn a_name_that_does_not_resolve_highlights_the_host() {
    let Some(env) = mail_env() else { return };
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.server.host = "no-such-host.switchboard.invalid".into();
    let mut smtp = env.smtp("SMTPS", Security::Tls);
    smtp.server.host = "no-such-host.switchboard.invalid".into();
    let r = run(&MailSettings {
        imap: Some(imap),
        smtp: Some(smtp),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.resolve",
        "mailcheck-resolve-failed",
        &["imap.host"],
    );
    failed_with(
        &r,
        "smtp.resolve",
        "mailcheck-resolve-failed",
        &["smtp.host"],
    );
    assert_eq!(status(&r, "imap.connect"), StepStatus::Skipped);
}

#[tokio::test]
async fn a_missing_folder_is_reported_without_hiding_the_others() {
    let Some(env) = mail_env() else { return };
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.folders = vec!["Nope".into(), "Réclamations".into()];
    imap.sent_folder = Some("Sent".into());
    let r = run(&MailSettings {
        imap: Some(imap),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.select:Nope",
        "mailcheck-folder-missing",
        &["imap.folders"],
    );
    assert_eq!(status(&r, "imap.select:Réclamations"), StepStatus::Ok);
    assert_eq!(status(&r, "imap.select:Sent"), StepStatus::Ok);
}

#[tokio::test]
async fn a_test_message_goes_out_over_smtp_comes_back_over_imap_and_is_deleted() {
    let Some(env) = mail_env() else { return };
    let s = MailSettings {
        address: Some(env.user()),
        imap: Some(env.imap("IMAPS", Security::Tls)),
        smtp: Some(env.smtp("SUBMISSION", Security::Starttls)),
        round_trip: true,
        ..settings()
    };
    let r = run(&s).await;
    assert_all_ok(&r, &["smtp.auth", "smtp.send", "smtp.roundtrip"]);
    assert_eq!(
        r.step("smtp.roundtrip")
            .unwrap()
            .message
            .as_ref()
            .unwrap()
            .id,
        "mailcheck-note-roundtrip"
    );
    // Deleted: nothing marked as a Switchboard test is left in the inbox.
    let mut session = harness::imap_session(&s.imap.as_ref().unwrap().server)
        .await
        .unwrap();
    session.select("INBOX").await.unwrap();
    let left = session
        .search("HEADER X-Switchboard-Test \"\"")
        .await
        .unwrap();
    assert!(left.is_empty(), "test messages left: {left:?}");
}

#[tokio::test]
async fn the_round_trip_is_skipped_with_a_reason_without_imap() {
    let Some(env) = mail_env() else { return };
    let s = MailSettings {
        address: Some(env.user()),
        smtp: Some(env.smtp("SMTPS", Security::Tls)),
        round_trip: true,
        ..settings()
    };
    let r = run(&s).await;
    let rt = r.step("smtp.roundtrip").unwrap();
    assert_eq!(rt.status, StepStatus::Skipped);
    assert_eq!(
        rt.message.as_ref().unwrap().id,
        "mailcheck-roundtrip-needs-imap"
    );
    assert!(r.ok);
}

#[tokio::test]
async fn the_probe_finds_the_loopback_servers() {
    let Some(env) = mail_env() else { return };
    let h = env.host();
    let c = |port: &str, sec| Candidate::new(&h, env.port(port), sec);
    // Two silent candidates per protocol: probed one after the other they would take at
    // least two timeouts; in parallel, about one.
    let opts = ProbeOptions {
        imap: vec![
            c("CLOSED", Security::Tls),
            c("SILENT", Security::Tls),
            c("SILENT", Security::Starttls),
            c("IMAPS", Security::Tls),
            c("IMAP_STARTTLS", Security::Starttls),
        ],
        smtp: vec![
            c("SILENT", Security::Tls),
            c("SILENT", Security::Starttls),
            c("IMAPS", Security::Tls), // answers, but as IMAP
            c("SUBMISSION", Security::Starttls),
        ],
        timeout: Duration::from_millis(1_000),
    };
    let start = Instant::now();
    let found = autodetect(
        "alice@switchboard.test",
        Some(opts),
        &CancellationToken::new(),
    )
    .await;
    assert!(
        start.elapsed() < Duration::from_millis(1_800),
        "probes run in parallel: {:?}",
        start.elapsed()
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].source, ProposalSource::Probe);
    assert_eq!(found[0].imap.as_ref().unwrap().port, env.port("IMAPS"));
    assert_eq!(found[0].smtp.as_ref().unwrap().port, env.port("SUBMISSION"));
    assert_eq!(found[0].smtp.as_ref().unwrap().security, Security::Starttls);
}

#[tokio::test]
async fn a_certificate_for_another_name_highlights_host_and_verification_mode() {
    let Some(env) = mail_env() else { return };
    // Dovecot also listens on 127.0.0.2, which its certificate does not name.
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.server.host = env.get("MISMATCH_HOST");
    let r = run(&MailSettings {
        imap: Some(imap.clone()),
        ..settings()
    })
    .await;
    failed_with(
        &r,
        "imap.tls",
        "mailcheck-cert-name-mismatch",
        &["imap.host", "imap.ssl_verify_mode"],
    );
    let reply = r.step("imap.tls").unwrap().server_reply.clone().unwrap();
    assert!(
        reply.contains("not valid for name"),
        "the TLS library's words are kept: {reply}"
    );

    imap.server.ssl_verify_mode = SslVerifyMode::None;
    let r = run(&MailSettings {
        imap: Some(imap),
        ..settings()
    })
    .await;
    assert!(r.ok, "{}", dump(&r));
    assert_eq!(status(&r, "imap.tls"), StepStatus::Warning);
}

#[path = "real_servers/xoauth2.rs"]
mod xoauth2;
