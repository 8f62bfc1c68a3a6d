//! Access to the throwaway mail servers started by `tests/support/mail/start.sh` (repo
//! root). Tests call `mail_env()`: without `SWITCHBOARD_TEST_MAIL_ENV` they skip with a
//! note, unless `SWITCHBOARD_REQUIRE_REAL_SERVERS=1`, where a missing server is a failure.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard_core::progress::ProgressEvent;
use switchboard_mailcheck::*;

pub struct MailEnv {
    vars: HashMap<String, String>,
}

impl MailEnv {
    pub fn get(&self, key: &str) -> String {
        self.vars
            .get(&format!("SWITCHBOARD_MAIL_{key}"))
            .unwrap_or_else(|| panic!("{key} missing from the mail env file"))
            .clone()
    }
    pub fn port(&self, key: &str) -> u16 {
        self.get(&format!("{key}_PORT")).parse().unwrap()
    }
    pub fn host(&self) -> String {
        self.get("HOST")
    }
    pub fn user(&self) -> String {
        self.get("USER")
    }
    pub fn password(&self) -> String {
        self.get("PASSWORD")
    }
    pub fn ca(&self) -> String {
        self.get("CA")
    }

    /// Server settings with the throwaway CA trusted.
    pub fn server(&self, port_key: &str, security: Security) -> ServerSettings {
        ServerSettings {
            host: self.host(),
            port: self.port(port_key),
            username: self.user(),
            password: self.password().into(),
            use_ssl_tls: security == Security::Tls,
            use_start_tls: security == Security::Starttls,
            ssl_verify_mode: SslVerifyMode::Default,
            ca_file: Some(self.ca()),
            authentication_type: AuthType::Basic,
            oauth: None,
        }
    }

    pub fn imap(&self, port_key: &str, security: Security) -> ImapSettings {
        ImapSettings {
            server: self.server(port_key, security),
            folders: vec![],
            sent_folder: None,
        }
    }

    pub fn smtp(&self, port_key: &str, security: Security) -> SmtpSettings {
        SmtpSettings {
            server: self.server(port_key, security),
            helo_domain: None,
        }
    }
}

pub fn mail_env() -> Option<MailEnv> {
    let path = match std::env::var("SWITCHBOARD_TEST_MAIL_ENV") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            if std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() == Ok("1") {
                panic!(
                    "SWITCHBOARD_REQUIRE_REAL_SERVERS=1 but SWITCHBOARD_TEST_MAIL_ENV is not set: \
                     run the tests through tests/support/mail/with-mail-servers.sh"
                );
            }
            eprintln!(
                "note: skipped (no real mail servers). Run through \
                 tests/support/mail/with-mail-servers.sh to include this test."
            );
            return None;
        }
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let vars = text
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some(MailEnv { vars })
}

/// Short bounds so failure tests finish quickly; long enough for a loaded CI machine.
pub fn quick() -> Timeouts {
    Timeouts {
        connect_ms: 3_000,
        step_ms: 3_000,
        round_trip_ms: 20_000,
    }
}

pub fn settings() -> MailSettings {
    MailSettings {
        timeouts: quick(),
        ..MailSettings::default()
    }
}

#[derive(Clone, Default)]
pub struct Events(pub Arc<Mutex<Vec<ProgressEvent>>>);

impl Events {
    pub fn sink(&self) -> impl Fn(ProgressEvent) + Send + Sync + 'static {
        let v = self.0.clone();
        move |e| v.lock().unwrap().push(e)
    }
    pub fn all(&self) -> Vec<ProgressEvent> {
        self.0.lock().unwrap().clone()
    }
}

pub async fn run(settings: &MailSettings) -> DiagnosisReport {
    let cancel = switchboard_core::progress::CancellationToken::new();
    let events = Events::default();
    let sink = events.sink();
    tokio::time::timeout(Duration::from_secs(60), diagnose(settings, &sink, &cancel))
        .await
        .expect("a diagnosis never hangs")
}

/// Prints the report on failure so a red test says what the servers answered.
pub fn dump(r: &DiagnosisReport) -> String {
    serde_json::to_string_pretty(r).unwrap()
}
