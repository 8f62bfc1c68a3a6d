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

    // Another kind's button is not this channel's: said, not failed.
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
    // Facebook and Twitter, outside the registry, are checked the same way.
    for p in [ProviderId::Facebook, ProviderId::Twitter] {
        let e = s
            .set_provider_app(LOCAL_ACCOUNT, p, "id", None, Some("file:///etc"), None)
            .unwrap_err();
        assert_eq!(e.msg().id, "oauth-app-base-url-invalid", "{p:?}");
    }
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
    let generation = |svc: &std::sync::Mutex<ChannelService>| {
        svc.lock().unwrap().store().secret_generations(&id).unwrap()[0].clone()
    };
    let before = generation(&service);
    g.replace_refresh_token(&Sensitive::new("rt-2".into()))
        .unwrap();
    assert_eq!(g.refresh_token().unwrap().unwrap().expose(), "rt-2");
    // A rotation is the same grant: no new "will be set" for the next plan.
    assert_eq!(generation(&service), before);
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

#[test]
fn facebook_and_twitter_fill_every_field_of_their_kind_and_seal_each_secret() {
    use switchboard_channels::{social_target, SocialTarget};
    use switchboard_oauth::facebook::FacebookUse;
    let mut s = service();
    let page = s.create("facebook_page", Some("Page")).unwrap().channel.id;
    let st = s
        .action_status(LOCAL_ACCOUNT, &page, ActionKind::OauthFacebook)
        .unwrap();
    assert!(st.supported);
    assert_eq!(st.provider, Some(ProviderId::Facebook));
    assert!(!st.app_configured, "no Facebook app yet");
    // The token exchange needs the app secret: an id alone is not configured.
    s.set_provider_app(LOCAL_ACCOUNT, ProviderId::Facebook, "fb", None, None, None)
        .unwrap();
    assert!(s.social_app(LOCAL_ACCOUNT, ProviderId::Facebook).is_err());
    s.set_provider_app(
        LOCAL_ACCOUNT,
        ProviderId::Facebook,
        "fb",
        Some(&Sensitive::new("FB-SECRET".into())),
        Some("http://127.0.0.1:9"),
        None,
    )
    .unwrap();
    let (app, base) = s.social_app(LOCAL_ACCOUNT, ProviderId::Facebook).unwrap();
    assert_eq!(app.client_secret.unwrap().expose(), "FB-SECRET");
    assert_eq!(base.as_deref(), Some("http://127.0.0.1:9"));
    assert!(
        s.action_status(LOCAL_ACCOUNT, &page, ActionKind::OauthFacebook)
            .unwrap()
            .app_configured
    );

    let Some(SocialTarget::Facebook {
        usage,
        token_path,
        id_path,
    }) = s
        .social_target_of(&page, ActionKind::OauthFacebook)
        .unwrap()
    else {
        panic!("a Facebook page signs in with Facebook")
    };
    assert_eq!(usage, FacebookUse::Page);
    let view = s
        .store_social(
            &page,
            ProviderId::Facebook,
            (token_path, &Sensitive::new("FB-USER-TOKEN".into())),
            &[],
            &[(id_path, serde_json::json!("134895793791914"))],
            Some("Café Lumière".into()),
            Some(i64::MAX),
        )
        .unwrap();
    assert_eq!(view.account_name.as_deref(), Some("Café Lumière"));
    let ch = s.get(&page).unwrap();
    assert_eq!(ch.channel.doc["facebook"]["page_id"], "134895793791914");
    assert!(!ch.channel.doc.to_string().contains("FB-USER-TOKEN"));
    assert!(ch.secrets_set.contains(&"facebook.user_token".to_owned()));
    assert!(!ch.problems.iter().any(|p| p.path.starts_with("facebook.")));
    let st = s
        .action_status(LOCAL_ACCOUNT, &page, ActionKind::OauthFacebook)
        .unwrap();
    assert_eq!(st.connection.unwrap().path, "facebook.user_token");

    // Instagram fills its professional account; Messenger the page.
    let ig = s.create("instagram", Some("IG")).unwrap().channel.id;
    assert!(matches!(
        s.social_target_of(&ig, ActionKind::OauthFacebook).unwrap(),
        Some(SocialTarget::Facebook {
            usage: FacebookUse::Instagram,
            id_path: "instagram.business_account",
            ..
        })
    ));
    assert!(social_target(
        switchboard_catalogue::Kind::FacebookMessenger,
        ActionKind::OauthFacebook
    )
    .is_some());

    // Twitter: the token and its secret, each sealed for its own field.
    let tw = s.create("twitter", Some("TW")).unwrap().channel.id;
    let Some(SocialTarget::Twitter {
        token_path,
        secret_path,
    }) = s.social_target_of(&tw, ActionKind::OauthTwitter).unwrap()
    else {
        panic!("Twitter signs in with OAuth 1.0a")
    };
    s.store_social(
        &tw,
        ProviderId::Twitter,
        (token_path, &Sensitive::new("TW-TOKEN".into())),
        &[(secret_path, &Sensitive::new("TW-SECRET".into()))],
        &[],
        Some("@cafelumiere (783214)".into()),
        None,
    )
    .unwrap();
    let secrets = s.open_secrets(&tw).unwrap();
    assert_eq!(secrets["twitter.oauth_token"].expose(), "TW-TOKEN");
    assert_eq!(secrets["twitter.oauth_token_secret"].expose(), "TW-SECRET");

    // A path of another kind is refused before anything is written.
    let e = s
        .store_social(
            &tw,
            ProviderId::Twitter,
            ("facebook.user_token", &Sensitive::new("X".into())),
            &[],
            &[],
            None,
            None,
        )
        .unwrap_err();
    assert!(e.to_string().contains("facebook.user_token"), "{e}");
}

#[path = "connections/mail_oauth.rs"]
mod mail_oauth;
