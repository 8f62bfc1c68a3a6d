//! `switchboard-cli mail-test --channel ID`: a channel stored by the app (settings in the
//! store, password sealed with the master key from the real keychain) tested against the
//! throwaway mail servers. Needs both harnesses: tests/support/with-keyring.sh and
//! tests/support/mail/with-mail-servers.sh (skipped with a note otherwise, failed under
//! SWITCHBOARD_REQUIRE_REAL_SERVERS=1).

use serde_json::json;
use std::collections::HashMap;
use std::process::Command;
use switchboard_channels::ChannelService;
use switchboard_core::Sensitive;
use switchboard_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn environment() -> Option<HashMap<String, String>> {
    // The stored password is sealed with a key from the keychain: both harnesses needed.
    let required = std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() == Ok("1");
    if std::env::var_os("SWITCHBOARD_TEST_KEYRING").is_none() {
        assert!(!required, "the keyring harness is required here");
        eprintln!("note: skipped (needs tests/support/with-keyring.sh)");
        return None;
    }
    switchboard_mailcheck::harness::env()
}

fn stored_channel(
    app_id: &str,
    data_dir: &std::path::Path,
    env: &HashMap<String, String>,
    password: &str,
) -> String {
    let store = Store::open(&data_dir.join("switchboard.sqlite3")).unwrap();
    let mut service = ChannelService::new(store, switchboard_vault::for_app(app_id));
    let id = service
        .create("email", Some("Support (stored)"))
        .unwrap()
        .channel
        .id;
    let mut doc = service.get(&id).unwrap().channel.doc;
    let port = |k: &str| env[k].parse::<u16>().unwrap();
    doc["email"]["mode"] = json!("imap");
    doc["imap_smtp"]["email"] = json!(format!("{}@localhost", env["USER"]));
    doc["imap"] = json!({
        "host": env["HOST"], "port": port("IMAPS_PORT"), "use_ssl_tls": true, "use_start_tls": false,
        // The harness's CA is not in the system store, and a document has no CA file:
        // verification off, which the report must flag.
        "ssl_verify_mode": "NONE", "username": env["USER"], "folders": ["INBOX"]
    });
    doc["smtp"] = json!({
        "host": env["HOST"], "port": port("SUBMISSION_PORT"), "use_ssl_tls": false, "use_start_tls": true,
        "ssl_verify_mode": "NONE", "username": env["USER"]
    });
    service.save(&id, doc).unwrap();
    for path in ["imap.password", "smtp.password"] {
        service
            .set_secret(&id, path, &Sensitive::new(password.to_owned()))
            .unwrap();
    }
    id
}

#[test]
fn a_stored_channel_is_tested_with_its_sealed_password() {
    let Some(env) = environment() else { return };
    let dir = tempfile::tempdir().unwrap();
    // Each test its own app identifier, so its own vault key.
    let app_id = "com.switchboard.test.cli-mail-channel.ok";
    let id = stored_channel(app_id, dir.path(), &env, &env["PASSWORD"]);
    let out = Command::new(BIN)
        .args(["mail-test", "--channel", &id, "--json", "--timeout", "10"])
        .env("SWITCHBOARD_DATA_DIR", dir.path())
        .env("SWITCHBOARD_APP_ID", app_id)
        .env("SWITCHBOARD_LANG", "en")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true, "{report:#}");
    let status = |step: &str| {
        report["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["step"] == step)
            .map(|s| s["status"].as_str().unwrap().to_owned())
    };
    assert_eq!(status("imap.login").as_deref(), Some("ok"));
    assert_eq!(status("smtp.auth").as_deref(), Some("ok"));
    assert!(
        report["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["status"] == "warning"),
        "verification off is flagged"
    );
    assert!(
        !stdout.contains(env["PASSWORD"].as_str()),
        "the password never shows"
    );
}

#[test]
fn a_wrong_stored_password_fails_at_login() {
    let Some(env) = environment() else { return };
    let dir = tempfile::tempdir().unwrap();
    let app_id = "com.switchboard.test.cli-mail-channel.wrong";
    let id = stored_channel(app_id, dir.path(), &env, "not-the-password");
    let out = Command::new(BIN)
        .args(["mail-test", "--channel", &id, "--json", "--timeout", "10"])
        .env("SWITCHBOARD_DATA_DIR", dir.path())
        .env("SWITCHBOARD_APP_ID", app_id)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let login = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "imap.login")
        .unwrap();
    assert_eq!(login["status"], "failed");
    assert!(login["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "imap.password"));
}

#[test]
fn a_channel_that_is_not_email_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("switchboard.sqlite3")).unwrap();
    let mut service = ChannelService::new(
        store,
        switchboard_vault::Vault::new(switchboard_vault::MemoryKeySource::random()),
    );
    let id = service.create("viber", Some("Viber")).unwrap().channel.id;
    drop(service);
    let out = Command::new(BIN)
        .args(["mail-test", "--channel", &id])
        .env("SWITCHBOARD_DATA_DIR", dir.path())
        .env("SWITCHBOARD_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an e-mail channel"));
}

/// A refresh token of a new grant for the mailbox user, from the mail harness's
/// Microsoft-shaped authorization server (`/_test/mint`), or `None` when it has none.
async fn mint_refresh_token(env: &HashMap<String, String>) -> Option<String> {
    let base = env.get("OAUTH_BASE").filter(|b| !b.is_empty())?;
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/_test/mint"))
        .form(&[("account", env["USER"].as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Some(v["refresh_token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_stored_microsoft_channel_is_tested_with_xoauth2_and_fresh_tokens() {
    let Some(env) = environment() else { return };
    let Some(imap_rt) = mint_refresh_token(&env).await else {
        assert!(
            std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() != Ok("1"),
            "the mail harness started without its authorization server"
        );
        eprintln!("note: skipped (the mail harness has no authorization server)");
        return;
    };
    let smtp_rt = mint_refresh_token(&env).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app_id = "com.switchboard.test.cli-mail-channel.xoauth2";
    let id = stored_channel(app_id, dir.path(), &env, "unused");
    {
        let store = Store::open(&dir.path().join("switchboard.sqlite3")).unwrap();
        let mut s = ChannelService::new(store, switchboard_vault::for_app(app_id));
        let mut doc = s.get(&id).unwrap().channel.doc;
        for section in ["imap", "smtp"] {
            doc[section]["authentication_type"] = json!("microsoft_identity_platform");
        }
        s.save(&id, doc).unwrap();
        s.set_provider_app(
            switchboard_store::LOCAL_ACCOUNT,
            switchboard_oauth::ProviderId::Microsoft,
            "microsoft-client",
            None,
            Some(&env["OAUTH_BASE"]),
            None,
        )
        .unwrap();
        for (path, rt) in [
            ("imap.oauth_refresh_token", &imap_rt),
            ("smtp.oauth_refresh_token", &smtp_rt),
        ] {
            let tokens = switchboard_oauth::Tokens {
                access_token: Sensitive::new("unused".into()),
                access_expires_at: None,
                refresh_token: Some(Sensitive::new(rt.clone())),
                refresh_expires_at: None,
                id_token: None,
                scopes: vec![],
            };
            s.store_connection(
                &id,
                path,
                switchboard_oauth::ProviderId::Microsoft,
                &tokens,
                None,
            )
            .unwrap();
        }
    }
    let out = Command::new(BIN)
        .args(["mail-test", "--channel", &id, "--json", "--timeout", "10"])
        .env("SWITCHBOARD_DATA_DIR", dir.path())
        .env("SWITCHBOARD_APP_ID", app_id)
        .env("SWITCHBOARD_LANG", "en")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |step: &str| {
        report["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["step"] == step)
            .map(|s| s["status"].as_str().unwrap().to_owned())
    };
    assert_eq!(status("imap.xoauth2").as_deref(), Some("ok"), "{report:#}");
    assert_eq!(status("smtp.xoauth2").as_deref(), Some("ok"), "{report:#}");
    assert_eq!(status("imap.login"), None, "no password login");
    // The provider rotated both refresh tokens during the test: the new ones are sealed.
    let store = Store::open(&dir.path().join("switchboard.sqlite3")).unwrap();
    let s = ChannelService::new(store, switchboard_vault::for_app(app_id));
    let secrets = s.open_secrets(&id).unwrap();
    assert_ne!(secrets["imap.oauth_refresh_token"].expose(), &imap_rt);
    assert_ne!(secrets["smtp.oauth_refresh_token"].expose(), &smtp_rt);
    for t in [
        &imap_rt,
        &smtp_rt,
        secrets["imap.oauth_refresh_token"].expose(),
    ] {
        assert!(!stdout.contains(t.as_str()), "a token never shows");
    }
}
