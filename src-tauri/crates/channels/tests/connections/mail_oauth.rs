//! Microsoft OAuth for e-mail at connection-test time: the refresh token sealed for
//! `imap.` / `smtp.oauth_refresh_token` is exchanged for a fresh access token (rotating
//! the stored one), which signs in to the harness's Dovecot and Postfix with XOAUTH2;
//! each refresh counts toward the connection's health; a channel linked to a platform
//! account uses that account's provider app. The mail servers and their authorization
//! server are `tests/support/mail/start.sh`'s (CI: `with-mail-servers.sh`).

use super::*;
use std::collections::HashMap;
use std::sync::Mutex;
use switchboard_channels::{fill_mail_tokens, IMAP_REFRESH_TOKEN, SMTP_REFRESH_TOKEN};
use switchboard_core::progress::{CancellationToken, StepStatus};
use switchboard_mailcheck::{diagnose, from_document, DiagnosisReport, MailSettings, OAuthToken};
use switchboard_oauth::OAuth;
use switchboard_store::{AccountFields, Environment, SyncBase, SyncState};

/// The mail harness with its authorization server, or `None` (skip; CI fails instead).
fn harness() -> Option<HashMap<String, String>> {
    let env = switchboard_mailcheck::harness::env()?;
    if env.get("OAUTH_BASE").is_none_or(|b| b.is_empty()) {
        assert!(
            std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() != Ok("1"),
            "the mail harness started without its authorization server"
        );
        eprintln!("note: skipped (the mail harness has no authorization server)");
        return None;
    }
    Some(env)
}

/// A refresh token of a new grant for the mailbox user (the harness's `/_test/mint`).
async fn mint_refresh_token(env: &HashMap<String, String>) -> String {
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/_test/mint", env["OAUTH_BASE"]))
        .form(&[("account", env["USER"].as_str())])
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    v["refresh_token"].as_str().unwrap().to_owned()
}

async fn revoke(env: &HashMap<String, String>, refresh_token: &str) {
    reqwest::Client::new()
        .post(format!("{}/common/oauth2/v2.0/revoke", env["OAUTH_BASE"]))
        .form(&[("token", refresh_token), ("client_id", "microsoft-client")])
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
}

/// An e-mail channel (IMAP mode) pointed at the harness, both servers signed in with the
/// Microsoft identity platform.
fn mail_channel(s: &mut ChannelService, env: &HashMap<String, String>) -> String {
    let id = s
        .create("email", Some("Mail via XOAUTH2"))
        .unwrap()
        .channel
        .id;
    let mut doc = s.get(&id).unwrap().channel.doc;
    doc["email"]["mode"] = serde_json::json!("imap");
    doc["imap_smtp"]["email"] = serde_json::json!(env["USER"]);
    for (section, port, ssl) in [
        ("imap", "IMAPS_PORT", true),
        ("smtp", "SUBMISSION_PORT", false),
    ] {
        let d = &mut doc[section];
        d["host"] = serde_json::json!(env["HOST"]);
        d["port"] = serde_json::json!(env[port].parse::<u16>().unwrap());
        d["use_ssl_tls"] = serde_json::json!(ssl);
        d["use_start_tls"] = serde_json::json!(!ssl);
        d["username"] = serde_json::json!(env["USER"]);
        d["ca_file"] = serde_json::json!(env["CA"]);
        d["authentication_type"] = serde_json::json!("microsoft_identity_platform");
    }
    doc["imap"]["folders"] = serde_json::json!(["INBOX"]);
    s.save(&id, doc).unwrap();
    id
}

fn connect(s: &mut ChannelService, id: &str, path: &str, refresh_token: &str) {
    s.store_connection(
        id,
        path,
        ProviderId::Microsoft,
        &tokens(Some(refresh_token)),
        Some("alice".into()),
    )
    .unwrap();
}

/// What the Test button does: the document's settings with the channel's secrets, fresh
/// XOAUTH2 tokens, the diagnosis.
async fn test_channel(service: &Mutex<ChannelService>, oauth: &OAuth, id: &str) -> DiagnosisReport {
    let mut settings: MailSettings = {
        let s = service.lock().unwrap();
        let secrets = s.open_secrets(id).unwrap();
        from_document(&s.get(id).unwrap().channel.doc, |p| secrets.get(p).cloned()).unwrap()
    };
    let cancel = CancellationToken::new();
    fill_mail_tokens(service, oauth, id, &mut settings, &cancel).await;
    let sink = |_e| {};
    diagnose(&settings, &sink, &cancel).await
}

fn step(r: &DiagnosisReport, key: &str) -> (StepStatus, String) {
    let s = r
        .step(key)
        .unwrap_or_else(|| panic!("no {key}: {}", serde_json::to_string(r).unwrap()));
    (
        s.status,
        s.message.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
    )
}

fn health(s: &ChannelService, id: &str, path: &str) -> (Health, u32) {
    let c = s
        .connections(id)
        .unwrap()
        .into_iter()
        .find(|c| c.path == path)
        .unwrap();
    (c.health, c.refresh_failures)
}

fn stored(s: &ChannelService, id: &str, path: &str) -> String {
    s.open_secrets(id).unwrap()[path].expose().clone()
}

#[tokio::test]
async fn the_connection_test_signs_in_with_fresh_tokens_and_a_revoked_grant_needs_reauthorization()
{
    let Some(env) = harness() else { return };
    let mut s = service();
    s.set_provider_app(
        LOCAL_ACCOUNT,
        ProviderId::Microsoft,
        "microsoft-client",
        None,
        Some(&env["OAUTH_BASE"]),
        None,
    )
    .unwrap();
    let id = mail_channel(&mut s, &env);
    let (imap_rt, smtp_rt) = (
        mint_refresh_token(&env).await,
        mint_refresh_token(&env).await,
    );
    connect(&mut s, &id, IMAP_REFRESH_TOKEN, &imap_rt);
    connect(&mut s, &id, SMTP_REFRESH_TOKEN, &smtp_rt);
    let service = Mutex::new(s);
    let oauth = OAuth::new();

    let r = test_channel(&service, &oauth, &id).await;
    assert!(r.ok, "{}", serde_json::to_string_pretty(&r).unwrap());
    assert_eq!(step(&r, "imap.xoauth2").0, StepStatus::Ok);
    assert_eq!(step(&r, "smtp.xoauth2").0, StepStatus::Ok);
    {
        let s = service.lock().unwrap();
        // The server rotated both refresh tokens: the new ones were stored before use.
        assert_ne!(stored(&s, &id, IMAP_REFRESH_TOKEN), imap_rt);
        assert_ne!(stored(&s, &id, SMTP_REFRESH_TOKEN), smtp_rt);
        assert_eq!(health(&s, &id, IMAP_REFRESH_TOKEN), (Health::Ok, 0));
    }
    // A second test works with the rotated tokens (the old ones would revoke the grant).
    assert!(test_channel(&service, &oauth, &id).await.ok);

    // The administrator revokes the IMAP grant at the provider.
    let current = stored(&service.lock().unwrap(), &id, IMAP_REFRESH_TOKEN);
    revoke(&env, &current).await;
    let r = test_channel(&service, &oauth, &id).await;
    assert_eq!(
        step(&r, "imap.capability").0,
        StepStatus::Ok,
        "server reached"
    );
    assert_eq!(
        step(&r, "imap.xoauth2"),
        (StepStatus::Failed, "mailcheck-xoauth2-reauthorize".into())
    );
    assert_eq!(
        step(&r, "smtp.xoauth2").0,
        StepStatus::Ok,
        "SMTP's grant is its own"
    );
    assert_eq!(
        health(&service.lock().unwrap(), &id, IMAP_REFRESH_TOKEN).0,
        Health::NeedsReauthorization,
        "a refused grant needs re-authorization at once"
    );
    assert!(service
        .lock()
        .unwrap()
        .connection_health()
        .unwrap()
        .contains(&(id.clone(), Health::NeedsReauthorization)));

    // Re-authorize (a new sign-in's tokens) works after the failure and clears it.
    let fresh = mint_refresh_token(&env).await;
    connect(
        &mut service.lock().unwrap(),
        &id,
        IMAP_REFRESH_TOKEN,
        &fresh,
    );
    assert_eq!(
        health(&service.lock().unwrap(), &id, IMAP_REFRESH_TOKEN),
        (Health::Ok, 0)
    );
    let r = test_channel(&service, &oauth, &id).await;
    assert!(r.ok, "{}", serde_json::to_string_pretty(&r).unwrap());
}

#[tokio::test]
async fn an_unreachable_sign_in_server_counts_toward_reauthorization_only_past_the_threshold() {
    let mut s = service();
    // Nothing listens there: each refresh is a transient failure, not a refused grant.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    s.set_provider_app(
        LOCAL_ACCOUNT,
        ProviderId::Microsoft,
        "microsoft-client",
        None,
        Some(&base),
        None,
    )
    .unwrap();
    let id = s.create("email", Some("Mail")).unwrap().channel.id;
    connect(&mut s, &id, IMAP_REFRESH_TOKEN, "rt-1");
    let service = Mutex::new(s);
    let oauth = OAuth::new();
    let cancel = CancellationToken::new();
    for n in 1..=switchboard_oauth::health::FAILURE_THRESHOLD {
        let r = switchboard_channels::refresh_access_token(
            &service,
            &oauth,
            &id,
            IMAP_REFRESH_TOKEN,
            &cancel,
        )
        .await;
        let token = switchboard_channels::oauth_token(r);
        assert!(
            matches!(&token, OAuthToken::Unavailable(m) if m.id == "mailcheck-xoauth2-token-unavailable"),
            "{token:?}"
        );
        let (h, failures) = health(&service.lock().unwrap(), &id, IMAP_REFRESH_TOKEN);
        assert_eq!(failures, n);
        let expected = if n < switchboard_oauth::health::FAILURE_THRESHOLD {
            Health::Ok
        } else {
            Health::NeedsReauthorization
        };
        assert_eq!(h, expected, "after {n} failures");
    }
    // The stored token was never touched by the failures.
    assert_eq!(
        stored(&service.lock().unwrap(), &id, IMAP_REFRESH_TOKEN),
        "rt-1"
    );
}

#[test]
fn a_channel_linked_to_an_account_signs_in_with_that_accounts_app() {
    let mut s = service();
    let account = s
        .create_account(
            AccountFields {
                label: "Tenant EU".into(),
                environment: Environment::Sandbox,
                base_url: "https://eu.example.test/api/v1".into(),
                token_user_email: None,
                demo: false,
                rate_limit: 500,
            },
            None,
        )
        .unwrap()
        .id;
    let id = s.create("email", Some("Linked mail")).unwrap().channel.id;
    let unlinked = s.create("email", Some("Local mail")).unwrap().channel.id;
    let doc = s.get(&id).unwrap().channel.doc;
    let base = SyncBase::agreed(doc.as_object().unwrap().clone(), None, 0);
    s.store_mut()
        .link_channel(&id, &account, "remote-1", &base, SyncState::Synced)
        .unwrap();
    // Only the local settings have a Microsoft app: the linked channel has none.
    s.set_provider_app(
        LOCAL_ACCOUNT,
        ProviderId::Microsoft,
        "local-app",
        None,
        None,
        None,
    )
    .unwrap();
    assert_eq!(s.apps_account(&id).unwrap(), account);
    assert_eq!(s.apps_account(&unlinked).unwrap(), LOCAL_ACCOUNT);
    let st = |s: &ChannelService, id: &str| {
        let acc = s.apps_account(id).unwrap();
        s.action_status(&acc, id, ActionKind::OauthMicrosoftImap)
            .unwrap()
    };
    let linked = st(&s, &id);
    assert!(!linked.app_configured, "the account's app is missing");
    assert_eq!(linked.apps_account.as_deref(), Some("Tenant EU"));
    let local = st(&s, &unlinked);
    assert!(local.app_configured && local.apps_account.is_none());

    s.set_provider_app(
        &account,
        ProviderId::Microsoft,
        "tenant-app",
        None,
        None,
        None,
    )
    .unwrap();
    assert!(st(&s, &id).app_configured);
    let (_, app) = s
        .provider_for(&s.apps_account(&id).unwrap(), ProviderId::Microsoft)
        .unwrap();
    assert_eq!(app.client_id, "tenant-app");
    let (_, app) = s
        .provider_for(&s.apps_account(&unlinked).unwrap(), ProviderId::Microsoft)
        .unwrap();
    assert_eq!(app.client_id, "local-app");
    assert_eq!(s.provider_apps(&account).unwrap().len(), 1);
    // Removing the account removes its apps; the local settings' stay.
    s.delete_account(&account).unwrap();
    assert!(s.provider_apps(&account).unwrap().is_empty());
    assert_eq!(s.provider_apps(LOCAL_ACCOUNT).unwrap().len(), 1);
}

/// Sync sends secrets by their catalogue field's API name: the Microsoft sign-ins must
/// fill exactly the write-only `imap_/smtp_oauth_refresh_token` of the platform's Source.
#[test]
fn the_microsoft_refresh_tokens_are_the_secret_fields_sync_sends_as_the_platforms_oauth_tokens() {
    use switchboard_catalogue::{kind_schema, secret_paths, Kind};
    let email = Kind::parse("email").unwrap();
    for (path, api) in [
        (IMAP_REFRESH_TOKEN, "imap_oauth_refresh_token"),
        (SMTP_REFRESH_TOKEN, "smtp_oauth_refresh_token"),
    ] {
        assert!(secret_paths(email).iter().any(|p| p == path), "{path}");
        let f = kind_schema(email).field(path).unwrap();
        assert_eq!(f.api.as_ref().map(|a| a.name.as_str()), Some(api));
    }
    for (action, path) in [
        (ActionKind::OauthMicrosoftImap, IMAP_REFRESH_TOKEN),
        (ActionKind::OauthMicrosoftSmtp, SMTP_REFRESH_TOKEN),
    ] {
        assert_eq!(switchboard_channels::oauth_target(action).unwrap().1, path);
    }
}
