//! OAuth connections through the editor's engine: provider apps (secret sealed), a
//! sign-in's tokens sealed for their field, "connected as", health and re-authorization.

use switchboard_catalogue::ActionKind;
use switchboard_channels::{ChannelService, VaultGrant};
use switchboard_core::Sensitive;
use switchboard_oauth::{GrantStore, Health, OAuthError, ProviderId, Tokens};
use switchboard_store::{Store, LOCAL_ACCOUNT};
use switchboard_vault::{MemoryKeySource, Vault};

fn service() -> ChannelService {
    ChannelService::new(
        Store::open_in_memory().unwrap(),
        Vault::new(MemoryKeySource::random()),
    )
}

fn tokens(refresh: Option<&str>) -> Tokens {
    Tokens {
        access_token: Sensitive::new("ACCESS-MARKER".into()),
        access_expires_at: Some(1),
        refresh_token: refresh.map(|r| Sensitive::new(r.into())),
        refresh_expires_at: None,
        id_token: None,
        scopes: vec![],
    }
}

#[test]
fn a_missing_provider_app_is_said_before_the_click_and_a_configured_one_is_opened_for_the_flow() {
    let mut s = service();
    let id = s.create("youtube", Some("Tube")).unwrap().channel.id;
    let st = s
        .action_status(LOCAL_ACCOUNT, &id, ActionKind::OauthYoutube)
        .unwrap();
    assert!(st.supported);
    assert_eq!(st.provider, Some(ProviderId::Google));
    assert!(!st.app_configured);
    let e = s
        .provider_for(LOCAL_ACCOUNT, ProviderId::Google)
        .unwrap_err();
    assert_eq!(e.to_string(), "the provider app is not configured: google");

    // Google needs a secret: an id alone is not enough.
    s.set_provider_app(LOCAL_ACCOUNT, ProviderId::Google, "cid", None, None, None)
        .unwrap();
    assert!(
        !s.action_status(LOCAL_ACCOUNT, &id, ActionKind::OauthYoutube)
            .unwrap()
            .app_configured
    );
    let view = s
        .set_provider_app(
            LOCAL_ACCOUNT,
            ProviderId::Google,
            " cid ",
            Some(&Sensitive::new("APP-SECRET-MARKER".into())),
            Some("http://127.0.0.1:9"),
            None,
        )
        .unwrap();
    assert!(view.secret_set);
    assert_eq!(view.client_id, "cid");
    let apps = serde_json::to_string(&s.provider_apps(LOCAL_ACCOUNT).unwrap()).unwrap();
    assert!(!apps.contains("APP-SECRET-MARKER"), "{apps}");
    // Saving again without a secret keeps the stored one.
    s.set_provider_app(
        LOCAL_ACCOUNT,
        ProviderId::Google,
        "cid",
        None,
        Some("http://127.0.0.1:9"),
        None,
    )
    .unwrap();
    let (provider, app) = s.provider_for(LOCAL_ACCOUNT, ProviderId::Google).unwrap();
    assert_eq!(provider.token.as_str(), "http://127.0.0.1:9/token");
    assert_eq!(app.client_secret.unwrap().expose(), "APP-SECRET-MARKER");
    assert!(
        s.action_status(LOCAL_ACCOUNT, &id, ActionKind::OauthYoutube)
            .unwrap()
            .app_configured
    );

    // Facebook and Twitter say they are not built yet instead of failing.
    assert!(
        !s.action_status(LOCAL_ACCOUNT, &id, ActionKind::OauthFacebook)
            .unwrap()
            .supported
    );
}

#[test]
fn bad_provider_app_input_names_the_field() {
    let mut s = service();
    let e = s
        .set_provider_app(LOCAL_ACCOUNT, ProviderId::Microsoft, "  ", None, None, None)
        .unwrap_err();
    assert_eq!(e.msg().id, "oauth-app-client-id-required");
    let e = s
        .set_provider_app(
            LOCAL_ACCOUNT,
            ProviderId::Microsoft,
            "id",
            None,
            Some("ftp://x"),
            None,
        )
        .unwrap_err();
    assert_eq!(e.msg().id, "oauth-app-base-url-invalid");
}

#[test]
fn a_sign_in_seals_the_refresh_token_for_its_field_and_shows_only_the_account() {
    let mut s = service();
    let id = s.create("youtube", Some("Tube")).unwrap().channel.id;
    let view = s
        .store_connection(
            &id,
            "youtube.refresh_token",
            ProviderId::Google,
            &tokens(Some("REFRESH-MARKER")),
            Some("ada@example.test".into()),
        )
        .unwrap();
    assert_eq!(view.account_name.as_deref(), Some("ada@example.test"));
    assert_eq!(view.health, Health::Ok);
    let ch = s.get(&id).unwrap();
    assert_eq!(ch.secrets_set, ["youtube.refresh_token"]);
    assert!(
        !ch.problems
            .iter()
            .any(|p| p.path == "youtube.refresh_token"),
        "the required token is now set"
    );
    assert_eq!(
        s.open_secrets(&id).unwrap()["youtube.refresh_token"].expose(),
        "REFRESH-MARKER"
    );
    let st = s
        .action_status(LOCAL_ACCOUNT, &id, ActionKind::OauthYoutube)
        .unwrap();
    let json = serde_json::to_string(&(st, s.connections(&id).unwrap(), ch)).unwrap();
    assert!(!json.contains("MARKER"), "{json}");

    // A sign-in can only fill its own channel's secret fields.
    let mail = s.create("email", Some("Mail")).unwrap().channel.id;
    assert!(s
        .store_connection(
            &mail,
            "youtube.refresh_token",
            ProviderId::Google,
            &tokens(Some("x")),
            None
        )
        .is_err());
}

#[test]
fn refresh_failures_count_to_a_threshold_and_reauthorizing_clears_them() {
    let mut s = service();
    let id = s.create("sms", Some("Texts")).unwrap().channel.id;
    let path = "sms.refresh_token";
    s.store_connection(
        &id,
        path,
        ProviderId::RingCentral,
        &tokens(Some("rt-1")),
        Some("linus".into()),
    )
    .unwrap();
    let blip = OAuthError::Transport {
        cause: "reset".into(),
    };
    for _ in 0..2 {
        let v = s.record_refresh(&id, path, Err(&blip)).unwrap().unwrap();
        assert_eq!(v.health, Health::Ok, "not on a blip");
    }
    let v = s.record_refresh(&id, path, Err(&blip)).unwrap().unwrap();
    assert_eq!(v.health, Health::NeedsReauthorization);
    assert_eq!(
        s.connection_health().unwrap(),
        vec![(id.clone(), Health::NeedsReauthorization)]
    );

    // Re-authorize: a new sign-in replaces the token and starts afresh.
    s.store_connection(
        &id,
        path,
        ProviderId::RingCentral,
        &tokens(Some("rt-2")),
        Some("linus".into()),
    )
    .unwrap();
    assert_eq!(s.connections(&id).unwrap()[0].health, Health::Ok);
    let revoked = OAuthError::InvalidGrant {
        detail: "grant request is invalid".into(),
    };
    let v = s.record_refresh(&id, path, Err(&revoked)).unwrap().unwrap();
    assert_eq!(
        v.health,
        Health::NeedsReauthorization,
        "a refused grant at once"
    );
}

#[test]
fn the_vault_grant_reads_and_atomically_replaces_the_refresh_token() {
    let mut s = service();
    let id = s.create("youtube", Some("Tube")).unwrap().channel.id;
    s.store_connection(
        &id,
        "youtube.refresh_token",
        ProviderId::Google,
        &tokens(Some("rt-1")),
        None,
    )
    .unwrap();
    let service = std::sync::Mutex::new(s);
    let g = VaultGrant {
        service: &service,
        channel_id: id.clone(),
        path: "youtube.refresh_token".into(),
    };
    assert_eq!(g.refresh_token().unwrap().unwrap().expose(), "rt-1");
    g.replace_refresh_token(&Sensitive::new("rt-2".into()))
        .unwrap();
    assert_eq!(g.refresh_token().unwrap().unwrap().expose(), "rt-2");
}

#[test]
fn the_lists_health_filter_uses_the_same_thresholds_as_the_health_rules() {
    assert_eq!(
        switchboard_store::REFRESH_FAILURE_THRESHOLD,
        switchboard_oauth::health::FAILURE_THRESHOLD
    );
    assert_eq!(
        switchboard_store::EXPIRES_SOON_MS,
        switchboard_oauth::health::EXPIRES_SOON_MS
    );
}

#[test]
fn an_email_channel_signs_in_with_microsoft_for_imap_and_smtp_instead_of_a_password() {
    let mut s = service();
    let id = s.create("email", Some("Mail")).unwrap().channel.id;
    let mut doc = s.get(&id).unwrap().channel.doc;
    doc["email"]["mode"] = serde_json::json!("imap");
    s.save(&id, doc.clone()).unwrap();
    let needs = |s: &ChannelService, path: &str| {
        s.get(&id).unwrap().problems.iter().any(|p| p.path == path)
    };
    assert!(
        needs(&s, "imap.password"),
        "basic sign-in asks for the password"
    );
    assert!(!needs(&s, "imap.oauth_refresh_token"));

    for section in ["imap", "smtp"] {
        doc[section]["authentication_type"] = serde_json::json!("microsoft_identity_platform");
    }
    s.save(&id, doc).unwrap();
    assert!(!needs(&s, "imap.password"), "no password with Microsoft");
    assert!(needs(&s, "imap.oauth_refresh_token"));
    let st = s
        .action_status(LOCAL_ACCOUNT, &id, ActionKind::OauthMicrosoftImap)
        .unwrap();
    assert_eq!(st.provider, Some(ProviderId::Microsoft));
    for (action, path) in [
        (ActionKind::OauthMicrosoftImap, "imap.oauth_refresh_token"),
        (ActionKind::OauthMicrosoftSmtp, "smtp.oauth_refresh_token"),
    ] {
        assert_eq!(switchboard_channels::oauth_target(action).unwrap().1, path);
        s.store_connection(
            &id,
            path,
            ProviderId::Microsoft,
            &tokens(Some("rt")),
            Some("grace@example.test".into()),
        )
        .unwrap();
    }
    assert!(!needs(&s, "imap.oauth_refresh_token"));
    assert!(!needs(&s, "smtp.oauth_refresh_token"));
    assert_eq!(s.connections(&id).unwrap().len(), 2);
}
