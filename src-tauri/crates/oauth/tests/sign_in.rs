//! Authorization code + PKCE over the loopback redirect, against a real oidc-provider
//! shaped like each provider, with the browser leg scripted over HTTP.

mod support;

use std::time::Duration;
use support::{browse, pages, AuthServer};
use switchboard_core::progress::CancellationToken;
use switchboard_i18n::{Lang, Localizer};
use switchboard_oauth::{OAuth, OAuthError, ProviderId, Purpose};

fn query(url: &reqwest::Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// `url` with the query parameter `key` set to `value`.
fn with_param(url: &reqwest::Url, key: &str, value: &str) -> reqwest::Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == key {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    let mut out = url.clone();
    out.query_pairs_mut().clear().extend_pairs(pairs);
    out
}

async fn port_is_closed(port: u16) -> bool {
    // The listener task is aborted on drop; give the runtime a turn to close the socket.
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn google_sign_in_gets_a_refresh_token_names_the_account_and_ends_on_a_localized_page() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Google);
    let engine = support::engine();
    let cancel = CancellationToken::new();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::Youtube.scopes(),
            &server.app(ProviderId::Google),
            pages(Lang::Fr),
        )
        .await
        .unwrap();
    let url = pending.url.clone();
    assert_eq!(
        query(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(query(&url, "access_type").as_deref(), Some("offline"));
    assert_eq!(query(&url, "prompt").as_deref(), Some("consent"));
    let redirect = query(&url, "redirect_uri").unwrap();
    assert_eq!(
        redirect,
        format!("http://127.0.0.1:{}/callback", pending.port())
    );

    let browser = tokio::spawn(async move { browse(&url, "allow", "ada", true).await });
    let code = pending.callback(&cancel).await.unwrap();
    let end = browser.await.unwrap();
    assert_eq!(end.status, 200);
    let fr = Localizer::new(Lang::Fr);
    assert!(
        end.page.contains(&fr.text("oauth-page-done")),
        "{}",
        end.page
    );
    assert!(end.page.contains("lang=\"fr\""));
    // RFC 9207: the provider named itself and it was the one asked.
    assert_eq!(query(&end.callback, "iss"), provider.issuer);

    let tokens = pending.exchange(&code, &cancel).await.unwrap();
    assert!(
        tokens.refresh_token.is_some(),
        "offline access with consent"
    );
    assert!(tokens.access_expires_at.is_some());
    assert_eq!(
        engine.account_name(&provider, &tokens).await.as_deref(),
        Some("ada@example.test")
    );
    drop(pending);
}

#[tokio::test]
async fn without_the_consent_prompt_google_gives_no_refresh_token() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let mut provider = server.provider(ProviderId::Google);
    provider.extra_params.retain(|(k, _)| k != "prompt");
    let engine = support::engine();
    let cancel = CancellationToken::new();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::Youtube.scopes(),
            &server.app(ProviderId::Google),
            pages(Lang::En),
        )
        .await
        .unwrap();
    let url = pending.url.clone();
    tokio::spawn(async move { browse(&url, "allow", "ada", true).await });
    let code = pending.callback(&cancel).await.unwrap();
    let tokens = pending.exchange(&code, &cancel).await.unwrap();
    assert!(tokens.refresh_token.is_none());
}

#[tokio::test]
async fn microsoft_and_ringcentral_shapes_sign_in_and_name_the_account() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let engine = support::engine();
    let cancel = CancellationToken::new();
    for (id, purpose, user, name) in [
        (
            ProviderId::Microsoft,
            Purpose::MicrosoftMail,
            "grace",
            "grace@example.test",
        ),
        (
            ProviderId::RingCentral,
            Purpose::RingcentralSms,
            "linus",
            "linus",
        ),
    ] {
        let provider = server.provider(id);
        let app = server.app(id);
        let mut pending = engine
            .begin(&provider, purpose.scopes(), &app, pages(Lang::En))
            .await
            .unwrap();
        if let Some(port) = app.redirect_port {
            // RingCentral matches redirects exactly: the registered port is the one used.
            assert_eq!(pending.port(), port);
        }
        let url = pending.url.clone();
        tokio::spawn(async move { browse(&url, "allow", user, true).await });
        let code = pending.callback(&cancel).await.unwrap();
        let tokens = pending.exchange(&code, &cancel).await.unwrap();
        assert!(tokens.refresh_token.is_some(), "{id:?}");
        assert_eq!(
            engine.account_name(&provider, &tokens).await.as_deref(),
            Some(name),
            "{id:?}"
        );
    }
}

#[tokio::test]
async fn deny_ends_the_sign_in_with_access_denied_and_a_refusal_page() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Microsoft);
    let engine = support::engine();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &server.app(ProviderId::Microsoft),
            pages(Lang::En),
        )
        .await
        .unwrap();
    let url = pending.url.clone();
    let browser = tokio::spawn(async move { browse(&url, "deny", "ada", true).await });
    let e = pending
        .callback(&CancellationToken::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, OAuthError::Denied { error } if error == "access_denied"),
        "{e:?}"
    );
    assert_eq!(e.msg().id, "oauth-err-denied");
    let end = browser.await.unwrap();
    assert!(end
        .page
        .contains(&Localizer::new(Lang::En).text("oauth-page-denied")));
}

#[tokio::test]
async fn timeout_and_cancel_end_the_wait_and_close_the_listener() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Microsoft);
    let app = server.app(ProviderId::Microsoft);

    let engine = OAuth::new().with_timeout(Duration::from_millis(300));
    let mut pending = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &app,
            pages(Lang::En),
        )
        .await
        .unwrap();
    let port = pending.port();
    let e = pending
        .callback(&CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::TimedOut), "{e:?}");
    drop(pending);
    assert!(port_is_closed(port).await, "timeout closes the listener");

    let engine = support::engine();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &app,
            pages(Lang::En),
        )
        .await
        .unwrap();
    let port = pending.port();
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        c2.cancel();
    });
    let started = std::time::Instant::now();
    let e = pending.callback(&cancel).await.unwrap_err();
    assert!(matches!(e, OAuthError::Cancelled), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(pending);
    assert!(port_is_closed(port).await, "cancel closes the listener");
    // …and the slot is free again.
    engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &app,
            pages(Lang::En),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn one_listener_at_a_time() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Microsoft);
    let app = server.app(ProviderId::Microsoft);
    let engine = support::engine();
    let first = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &app,
            pages(Lang::En),
        )
        .await
        .unwrap();
    let e = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &app,
            pages(Lang::En),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::Busy), "{e:?}");
    drop(first);
    engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &app,
            pages(Lang::En),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_forged_callback_is_refused_and_the_real_sign_in_still_completes() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Microsoft);
    let engine = support::engine();
    let cancel = CancellationToken::new();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &server.app(ProviderId::Microsoft),
            pages(Lang::En),
        )
        .await
        .unwrap();
    let port = pending.port();
    let forged = reqwest::get(format!(
        "http://127.0.0.1:{port}/callback?code=attacker-code&state=guessed"
    ))
    .await
    .unwrap();
    assert_eq!(forged.status().as_u16(), 400);
    assert!(forged
        .text()
        .await
        .unwrap()
        .contains(&Localizer::new(Lang::En).text("oauth-page-foreign")));
    let other = reqwest::get(format!("http://127.0.0.1:{port}/favicon.ico"))
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 404);

    let url = pending.url.clone();
    tokio::spawn(async move { browse(&url, "allow", "ada", true).await });
    let code = pending.callback(&cancel).await.unwrap();
    pending.exchange(&code, &cancel).await.unwrap();
}

#[tokio::test]
async fn a_state_mismatch_never_completes_and_says_so() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Microsoft);
    let engine = OAuth::new().with_timeout(Duration::from_secs(3));
    let mut pending = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &server.app(ProviderId::Microsoft),
            pages(Lang::En),
        )
        .await
        .unwrap();
    let url = pending.url.clone();
    let end = browse(&url, "allow", "ada", false).await;
    let state = query(&end.callback, "state").unwrap();
    let tampered = with_param(&end.callback, "state", &format!("{state}x"));
    assert_eq!(reqwest::get(tampered).await.unwrap().status().as_u16(), 400);
    let e = pending
        .callback(&CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::StateMismatch), "{e:?}");
    assert_eq!(e.msg().id, "oauth-err-state");
}

#[tokio::test]
async fn a_callback_naming_another_issuer_is_refused() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Google);
    let engine = support::engine();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::Youtube.scopes(),
            &server.app(ProviderId::Google),
            pages(Lang::En),
        )
        .await
        .unwrap();
    let url = pending.url.clone();
    let end = browse(&url, "allow", "ada", false).await;
    let mixed = with_param(&end.callback, "iss", "https://evil.example");
    assert_eq!(reqwest::get(mixed).await.unwrap().status().as_u16(), 400);
    let e = pending
        .callback(&CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::IssuerMismatch), "{e:?}");
}

#[tokio::test]
async fn a_code_is_redeemed_once() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Microsoft);
    let engine = support::engine();
    let cancel = CancellationToken::new();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::MicrosoftMail.scopes(),
            &server.app(ProviderId::Microsoft),
            pages(Lang::En),
        )
        .await
        .unwrap();
    let url = pending.url.clone();
    tokio::spawn(async move { browse(&url, "allow", "ada", true).await });
    let code = pending.callback(&cancel).await.unwrap();
    pending.exchange(&code, &cancel).await.unwrap();
    let e = pending.exchange(&code, &cancel).await.unwrap_err();
    assert!(matches!(e, OAuthError::InvalidGrant { .. }), "{e:?}");
    assert!(e.needs_reauthorization());
}

#[tokio::test]
async fn a_wrong_client_secret_is_named_as_the_apps_problem() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Google);
    let engine = support::engine();
    let cancel = CancellationToken::new();
    let app = switchboard_oauth::ProviderApp::public("google-client").with_secret("wrong");
    let mut pending = engine
        .begin(&provider, Purpose::Youtube.scopes(), &app, pages(Lang::En))
        .await
        .unwrap();
    let url = pending.url.clone();
    tokio::spawn(async move { browse(&url, "allow", "ada", true).await });
    let code = pending.callback(&cancel).await.unwrap();
    let e = pending.exchange(&code, &cancel).await.unwrap_err();
    assert!(matches!(e, OAuthError::InvalidClient { .. }), "{e:?}");
    assert_eq!(e.msg().id, "oauth-err-client");
}
