//! `switchboard-cli connect --channel ID` against the real authorization server
//! (tests/support/oauth, Google-shaped): the URL on stdout, the browser leg scripted over
//! HTTP, the token sealed in the vault (real keychain) for the channel's field.

#[path = "../../../oauth/tests/support/mod.rs"]
mod oauth_support;

use oauth_support::{browse, AuthServer};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use switchboard_channels::ChannelService;
use switchboard_core::Sensitive;
use switchboard_oauth::ProviderId;
use switchboard_store::{Store, LOCAL_ACCOUNT};

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

#[tokio::test]
async fn connect_prints_the_url_waits_for_the_callback_and_seals_the_token() {
    let required = std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() == Ok("1");
    if std::env::var_os("SWITCHBOARD_TEST_KEYRING").is_none() {
        assert!(!required, "the keyring harness is required here");
        eprintln!("note: skipped (needs tests/support/with-keyring.sh)");
        return;
    }
    let Some(server) = AuthServer::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let app_id = "com.switchboard.test.cli-connect";
    let id = {
        let store = Store::open(&dir.path().join("switchboard.sqlite3")).unwrap();
        let mut s = ChannelService::new(store, switchboard_vault::for_app(app_id));
        s.set_provider_app(
            LOCAL_ACCOUNT,
            ProviderId::Google,
            "google-client",
            Some(&Sensitive::new("google-secret".into())),
            Some(&server.base("google")),
            None,
        )
        .unwrap();
        s.create("youtube", Some("Tube")).unwrap().channel.id
    };
    let mut child = Command::new(BIN)
        .args(["connect", "--channel", &id])
        .env("SWITCHBOARD_DATA_DIR", dir.path())
        .env("SWITCHBOARD_APP_ID", app_id)
        .env("SWITCHBOARD_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let url = reqwest::Url::parse(url.trim()).expect("the authorization URL on stdout");
    let end = browse(&url, "allow", "ada", true).await;
    assert_eq!(end.status, 200);
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Connected as ada@example.test"), "{stderr}");

    let store = Store::open(&dir.path().join("switchboard.sqlite3")).unwrap();
    let s = ChannelService::new(store, switchboard_vault::for_app(app_id));
    assert_eq!(s.get(&id).unwrap().secrets_set, ["youtube.refresh_token"]);
    let token = s.open_secrets(&id).unwrap()["youtube.refresh_token"]
        .expose()
        .clone();
    assert!(token.len() > 16);
    assert!(!stderr.contains(&token), "the token is never printed");
    let db = std::fs::read(dir.path().join("switchboard.sqlite3")).unwrap();
    assert!(
        !db.windows(token.len()).any(|w| w == token.as_bytes()),
        "sealed at rest"
    );
}
