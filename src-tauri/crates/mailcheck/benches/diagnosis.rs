//! Figures for issue 5, against the throwaway servers of tests/support/mail:
//!   tests/support/mail/with-mail-servers.sh \
//!     cargo bench -p switchboard-mailcheck --bench diagnosis
//! 1. full IMAP (implicit TLS) + SMTP (STARTTLS) diagnosis: median of 20 (target < 300 ms)
//! 2. a refused port reported (target < 50 ms)
//! 3. time from cancel to the diagnosis returning, on a silent server (target < 200 ms)
//!
//! Plain timing (no criterion): these are end-to-end latencies of a few ms to a few
//! hundred, measured as the UI would see them.

use std::collections::HashMap;
use std::time::{Duration, Instant};
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_mailcheck::*;

const RUNS: usize = 20;

fn env() -> Option<HashMap<String, String>> {
    switchboard_mailcheck::harness::env()
}

fn server(e: &HashMap<String, String>, port: &str, sec: Security) -> ServerSettings {
    ServerSettings {
        host: e["HOST"].clone(),
        port: e[&format!("{port}_PORT")].parse().unwrap(),
        username: e["USER"].clone(),
        password: e["PASSWORD"].clone().into(),
        use_ssl_tls: sec == Security::Tls,
        use_start_tls: sec == Security::Starttls,
        ssl_verify_mode: SslVerifyMode::Default,
        ca_file: Some(e["CA"].clone()),
        authentication_type: Default::default(),
        oauth: None,
    }
}

fn stats(name: &str, mut ms: Vec<f64>, target: f64) -> f64 {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0;
    let p90 = ms[(ms.len() * 9).div_ceil(10) - 1];
    println!(
        "{name}: median {median:.1} ms, min {:.1}, p90 {p90:.1}, max {:.1} (n={}, target < {target} ms) {}",
        ms[0],
        ms[ms.len() - 1],
        ms.len(),
        if median < target { "OK" } else { "MISSED" }
    );
    median
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: same run.
    let Some(e) = env() else { return };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let sink = |_: ProgressEvent| {};
    rt.block_on(async {
        let full = MailSettings {
            imap: Some(ImapSettings {
                server: server(&e, "IMAPS", Security::Tls),
                folders: vec!["INBOX".into()],
                sent_folder: Some("Sent".into()),
            }),
            smtp: Some(SmtpSettings {
                server: server(&e, "SUBMISSION", Security::Starttls),
                helo_domain: None,
            }),
            ..MailSettings::default()
        };
        // Warm-up: loads the system roots once, as the app does on its first test.
        assert!(diagnose(&full, &sink, &CancellationToken::new()).await.ok);
        let mut ms = Vec::new();
        for _ in 0..RUNS {
            let t = Instant::now();
            let r = diagnose(&full, &sink, &CancellationToken::new()).await;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(r.ok, "{:#?}", r.failed_steps().collect::<Vec<_>>());
        }
        stats("full IMAP+SMTP diagnosis", ms, 300.0);

        let refused = MailSettings {
            imap: Some(ImapSettings {
                server: server(&e, "CLOSED", Security::Tls),
                folders: vec![],
                sent_folder: None,
            }),
            ..MailSettings::default()
        };
        let mut ms = Vec::new();
        for _ in 0..RUNS {
            let t = Instant::now();
            let r = diagnose(&refused, &sink, &CancellationToken::new()).await;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(
                r.step("imap.connect").unwrap().message.as_ref().unwrap().id,
                "mailcheck-connect-refused"
            );
        }
        stats("refused port reported", ms, 50.0);

        let silent = MailSettings {
            imap: Some(ImapSettings {
                server: server(&e, "SILENT", Security::None),
                folders: vec![],
                sent_folder: None,
            }),
            smtp: Some(SmtpSettings {
                server: server(&e, "SILENT", Security::Tls),
                helo_domain: None,
            }),
            ..MailSettings::default()
        };
        let mut ms = Vec::new();
        for _ in 0..RUNS {
            let cancel = CancellationToken::new();
            let c2 = cancel.clone();
            let cancelled_at = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                c2.cancel();
                Instant::now()
            });
            let r = diagnose(&silent, &sink, &cancel).await;
            let idle = Instant::now();
            let at = cancelled_at.await.unwrap();
            ms.push(idle.duration_since(at).as_secs_f64() * 1000.0);
            assert!(r.cancelled);
        }
        stats("cancel to idle", ms, 200.0);
    });
}
