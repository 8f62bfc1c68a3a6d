//! Test harness: starts the real authorization server (tests/support/oauth/server.mjs,
//! oidc-provider) for the duration of a test, and plays the browser's part over HTTP
//! with a cookie jar (the fast suite) or in a real Chromium (browser.mjs).
//! Without Node or the harness's node_modules the tests skip with a note, unless
//! SWITCHBOARD_REQUIRE_REAL_SERVERS=1 (CI), where they fail.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use switchboard_i18n::{Lang, Localizer};
use switchboard_oauth::{CallbackPages, Provider, ProviderApp, ProviderId, PAGE_IDS};

pub fn harness_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/support/oauth")
}

fn required() -> bool {
    std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").is_ok_and(|v| v == "1")
}

/// Skips (or fails in CI) when a prerequisite is missing.
pub fn available(what: &str, ok: bool) -> bool {
    if !ok {
        assert!(
            !required(),
            "{what} is required (SWITCHBOARD_REQUIRE_REAL_SERVERS=1)"
        );
        eprintln!("skipped: {what} is not available");
    }
    ok
}

pub struct AuthServer {
    child: Child,
    pub bases: serde_json::Value,
}

impl Drop for AuthServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl AuthServer {
    /// Starts the harness, or returns `None` (skip) when it cannot run here.
    pub fn start() -> Option<AuthServer> {
        Self::start_with(&[])
    }

    pub fn start_with(env: &[(&str, &str)]) -> Option<AuthServer> {
        let dir = harness_dir();
        let node_ok = Command::new("node").arg("--version").output().is_ok();
        if !available(
            "node + tests/support/oauth/node_modules",
            node_ok && dir.join("node_modules/oidc-provider").is_dir(),
        ) {
            return None;
        }
        let mut cmd = Command::new("node");
        cmd.arg(dir.join("server.mjs"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start node");
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line)
            .expect("harness prints its addresses");
        // Keep draining: a closed pipe would kill the server at its next write.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let bases = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
        Some(AuthServer { child, bases })
    }

    pub fn base(&self, shape: &str) -> String {
        self.bases[shape].as_str().unwrap().to_owned()
    }

    pub fn provider(&self, id: ProviderId) -> Provider {
        Provider::get(id)
            .unwrap()
            .with_base(&self.base(id.key()))
            .unwrap()
    }

    /// The app registered in the harness for a provider shape.
    pub fn app(&self, id: ProviderId) -> ProviderApp {
        match id {
            ProviderId::Google => ProviderApp::public("google-client").with_secret("google-secret"),
            ProviderId::Microsoft => ProviderApp::public("microsoft-client"),
            ProviderId::RingCentral => ProviderApp::public("ringcentral-client")
                .with_secret("ringcentral-secret")
                .with_port(free_port()),
            _ => unreachable!(),
        }
    }
}

/// An engine whose sign-ins give up after 30 s: a broken browser leg fails the test
/// quickly instead of waiting the real 5 minutes.
pub fn engine() -> switchboard_oauth::OAuth {
    switchboard_oauth::OAuth::new().with_timeout(std::time::Duration::from_secs(30))
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn pages(lang: Lang) -> Arc<CallbackPages> {
    let l = Localizer::new(lang);
    assert!(PAGE_IDS.iter().all(|id| l.has(id)));
    Arc::new(CallbackPages::new(lang.code(), |id| l.text(id)))
}

/// What the scripted browser saw at the end.
#[derive(Debug)]
pub struct BrowserEnd {
    /// The callback URL it was redirected to (code, state, iss).
    pub callback: reqwest::Url,
    pub status: u16,
    pub page: String,
}

/// The browser leg over HTTP: follows redirects with a cookie jar, answers the sign-in
/// page (`decision` = allow or deny), and stops at the loopback callback — which it
/// requests too unless `deliver` is false.
pub async fn browse(url: &reqwest::Url, decision: &str, user: &str, deliver: bool) -> BrowserEnd {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut next = url.clone();
    let mut form: Option<(reqwest::Url, Vec<(String, String)>)> = None;
    for _ in 0..20 {
        let res = match form.take() {
            Some((action, fields)) => http.post(action).form(&fields).send().await,
            None => http.get(next.clone()).send().await,
        }
        .expect("authorization server answers");
        let status = res.status();
        if status.is_redirection() {
            let loc = res.headers()["location"].to_str().unwrap().to_owned();
            next = next.join(&loc).unwrap();
            if next.path() == "/callback" {
                if !deliver {
                    return BrowserEnd {
                        callback: next,
                        status: 0,
                        page: String::new(),
                    };
                }
                let res = http
                    .get(next.clone())
                    .send()
                    .await
                    .expect("loopback answers");
                let status = res.status().as_u16();
                let page = res.text().await.unwrap();
                return BrowserEnd {
                    callback: next,
                    status,
                    page,
                };
            }
            continue;
        }
        let base = res.url().clone();
        let body = res.text().await.unwrap();
        assert!(status.is_success(), "{status}: {body}");
        let action = body
            .split("action=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no sign-in form in: {body}"));
        form = Some((
            base.join(action).unwrap(),
            vec![
                ("username".into(), user.into()),
                ("decision".into(), decision.into()),
            ],
        ));
    }
    panic!("too many redirects");
}
