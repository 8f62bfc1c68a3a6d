//! XOAUTH2 against the harness's Dovecot, whose `oauth2` passdb asks the Microsoft-shaped
//! authorization server (oidc-provider) whether a token is active, and Postfix, whose
//! SASL goes through that Dovecot. Tokens come from the same authorization server
//! (`/_test/mint`: a real grant, without the browser leg), so revoking or expiring them
//! there is what the mail servers see.

use super::*;

/// The authorization server Dovecot trusts, or `None` (skip) when the harness has none.
fn oauth_base(env: &MailEnv) -> Option<String> {
    let base = env.get("OAUTH_BASE");
    if base.is_empty() {
        assert!(
            std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() != Ok("1"),
            "the mail harness started without its authorization server (node, tests/support/oauth/node_modules)"
        );
        eprintln!("note: skipped (the mail harness has no authorization server)");
        return None;
    }
    Some(base)
}

struct Minted {
    access: String,
    refresh: String,
}

async fn mint(base: &str, account: &str, access_ttl: Option<u32>) -> Minted {
    let mut form = vec![("account", account.to_owned())];
    if let Some(ttl) = access_ttl {
        form.push(("access_ttl", ttl.to_string()));
    }
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/_test/mint"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    Minted {
        access: v["access_token"].as_str().unwrap().to_owned(),
        refresh: v["refresh_token"].as_str().unwrap().to_owned(),
    }
}

/// Whether the authorization server still calls the token active (what Dovecot asks).
async fn active(base: &str, token: &str) -> bool {
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/common/oauth2/v2.0/introspect"))
        .basic_auth("dovecot", Some("dovecot-secret"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["active"] == serde_json::json!(true)
}

fn with_token(mut s: ServerSettings, token: OAuthToken) -> ServerSettings {
    s.authentication_type = AuthType::MicrosoftIdentityPlatform;
    s.password = String::new().into();
    s.oauth = Some(token);
    s
}

fn xoauth2_settings(env: &MailEnv, token: OAuthToken, round_trip: bool) -> MailSettings {
    let mut imap = env.imap("IMAPS", Security::Tls);
    imap.server = with_token(imap.server, token.clone());
    imap.folders = vec!["INBOX".into()];
    let mut smtp = env.smtp("SUBMISSION", Security::Starttls);
    smtp.server = with_token(smtp.server, token);
    MailSettings {
        address: Some(env.user()),
        imap: Some(imap),
        smtp: Some(smtp),
        round_trip,
        ..settings()
    }
}

#[tokio::test]
async fn a_valid_token_signs_in_to_imap_and_smtp_and_the_round_trip_works() {
    let Some(env) = mail_env() else { return };
    let Some(base) = oauth_base(&env) else { return };
    let t = mint(&base, &env.user(), None).await;
    let r = run(&xoauth2_settings(
        &env,
        OAuthToken::Access(t.access.clone().into()),
        true,
    ))
    .await;
    assert_all_ok(
        &r,
        &[
            "imap.capability",
            "imap.xoauth2",
            "imap.list",
            "imap.select:INBOX",
            "smtp.starttls",
            "smtp.xoauth2",
            "smtp.send",
            "smtp.roundtrip",
        ],
    );
    assert!(r.step("imap.login").is_none() && r.step("smtp.auth").is_none());
    assert!(
        !dump(&r).contains(&t.access),
        "the token is never in a report"
    );
}

/// What every refused sign-in must look like: the server was reached, the XOAUTH2 step
/// failed, and the explanation points at Re-authorize.
fn refused_at_the_xoauth2_step(r: &DiagnosisReport, id: &str, secret: &str) {
    for p in ["imap", "smtp"] {
        let before = if p == "imap" {
            "imap.capability"
        } else {
            "smtp.starttls"
        };
        assert_eq!(status(r, before), StepStatus::Ok, "{}", dump(r));
        failed_with(r, &format!("{p}.xoauth2"), id, &[&format!("{p}.connect")]);
    }
    assert_eq!(status(r, "imap.list"), StepStatus::Skipped, "{}", dump(r));
    assert!(!dump(r).contains(secret), "the token is never in a report");
}

#[tokio::test]
async fn a_revoked_grant_fails_at_the_xoauth2_step_and_names_reauthorize() {
    let Some(env) = mail_env() else { return };
    let Some(base) = oauth_base(&env) else { return };
    let t = mint(&base, &env.user(), None).await;
    assert!(active(&base, &t.access).await);
    // Revoking the refresh token revokes the grant, and its access tokens with it.
    reqwest::Client::new()
        .post(format!("{base}/common/oauth2/v2.0/revoke"))
        .form(&[
            ("token", t.refresh.as_str()),
            ("client_id", "microsoft-client"),
        ])
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    assert!(!active(&base, &t.access).await);
    let r = run(&xoauth2_settings(
        &env,
        OAuthToken::Access(t.access.clone().into()),
        false,
    ))
    .await;
    refused_at_the_xoauth2_step(&r, "mailcheck-xoauth2-rejected", &t.access);
    let smtp = r.step("smtp.xoauth2").unwrap();
    assert!(
        smtp.server_reply.as_deref().unwrap_or("").contains("535"),
        "{}",
        dump(&r)
    );
}

#[tokio::test]
async fn an_expired_token_fails_at_the_xoauth2_step_and_names_reauthorize() {
    let Some(env) = mail_env() else { return };
    let Some(base) = oauth_base(&env) else { return };
    let t = mint(&base, &env.user(), Some(1)).await;
    // Wait for the state, not for a time: the server says when the token has expired.
    let deadline = Instant::now() + Duration::from_secs(20);
    while active(&base, &t.access).await {
        assert!(Instant::now() < deadline, "the token never expired");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let r = run(&xoauth2_settings(
        &env,
        OAuthToken::Access(t.access.clone().into()),
        false,
    ))
    .await;
    refused_at_the_xoauth2_step(&r, "mailcheck-xoauth2-rejected", &t.access);
}

#[tokio::test]
async fn a_token_of_another_mailbox_is_refused() {
    let Some(env) = mail_env() else { return };
    let Some(base) = oauth_base(&env) else { return };
    let t = mint(&base, "bob@switchboard.test", None).await;
    let r = run(&xoauth2_settings(
        &env,
        OAuthToken::Access(t.access.clone().into()),
        false,
    ))
    .await;
    refused_at_the_xoauth2_step(&r, "mailcheck-xoauth2-rejected", &t.access);
}

#[tokio::test]
async fn without_a_grant_the_xoauth2_step_fails_after_the_server_was_reached() {
    let Some(env) = mail_env() else { return };
    let r = run(&xoauth2_settings(&env, OAuthToken::Reauthorize, false)).await;
    refused_at_the_xoauth2_step(&r, "mailcheck-xoauth2-reauthorize", "\u{1}");
    failed_with(
        &r,
        "imap.xoauth2",
        "mailcheck-xoauth2-reauthorize",
        &["imap.oauth_refresh_token"],
    );
}
