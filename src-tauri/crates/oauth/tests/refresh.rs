//! Refresh against a real oidc-provider: rotation, storing the rotated token before use,
//! serialization per grant, and the grant revoked when an old refresh token is reused.

mod support;

use std::sync::{Arc, Mutex};
use support::{browse, pages, AuthServer};
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;
use switchboard_i18n::Lang;
use switchboard_oauth::{
    GrantState, GrantStore, Health, OAuth, OAuthError, ProviderId, Purpose, Tokens,
};

/// A store that records every write, like the vault-backed one of the app.
#[derive(Default)]
struct MemStore {
    token: Mutex<Option<String>>,
    writes: Mutex<Vec<String>>,
    fail_writes: bool,
}

impl MemStore {
    fn holding(t: &str) -> MemStore {
        MemStore {
            token: Mutex::new(Some(t.to_owned())),
            ..Default::default()
        }
    }
    fn current(&self) -> String {
        self.token.lock().unwrap().clone().unwrap()
    }
}

impl GrantStore for MemStore {
    fn refresh_token(&self) -> Result<Option<Sensitive<String>>, String> {
        Ok(self.token.lock().unwrap().clone().map(Sensitive::new))
    }
    fn replace_refresh_token(&self, token: &Sensitive<String>) -> Result<(), String> {
        if self.fail_writes {
            return Err("disk full".into());
        }
        *self.token.lock().unwrap() = Some(token.expose().clone());
        self.writes.lock().unwrap().push(token.expose().clone());
        Ok(())
    }
}

async fn signed_in(server: &AuthServer, engine: &OAuth) -> Tokens {
    let provider = server.provider(ProviderId::Microsoft);
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
    pending.exchange(&code, &cancel).await.unwrap()
}

#[tokio::test]
async fn a_rotating_refresh_stores_the_new_token_and_reusing_the_old_one_revokes_the_grant() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let engine = support::engine();
    let provider = server.provider(ProviderId::Microsoft);
    let app = server.app(ProviderId::Microsoft);
    let cancel = CancellationToken::new();
    let first = signed_in(&server, &engine).await;
    let old = first.refresh_token.unwrap().expose().clone();
    let store = MemStore::holding(&old);

    let t = engine
        .refresh("grant-1", &provider, &app, &store, &cancel)
        .await
        .unwrap();
    let rotated = store.current();
    assert_ne!(rotated, old, "the server rotated the refresh token");
    assert_eq!(*store.writes.lock().unwrap(), vec![rotated.clone()]);
    assert_eq!(
        t.refresh_token.as_ref().map(|s| s.expose().clone()),
        Some(rotated.clone())
    );
    assert_ne!(t.access_token.expose(), first.access_token.expose());

    // Someone replays the old refresh token (a stale copy, a thief): the server revokes
    // the whole grant, so even the newest token stops working.
    let stale = MemStore::holding(&old);
    let e = engine
        .refresh("grant-1", &provider, &app, &stale, &cancel)
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::InvalidGrant { .. }), "{e:?}");
    let e = engine
        .refresh("grant-1", &provider, &app, &store, &cancel)
        .await
        .unwrap_err();
    assert!(e.needs_reauthorization(), "{e:?}");
    assert_eq!(e.msg().id, "oauth-err-reauthorize");
    let state = GrantState::default().after_refresh(Err(&e));
    assert_eq!(state.health(0), Health::NeedsReauthorization);
}

#[tokio::test]
async fn concurrent_refreshes_of_one_grant_are_serialized_and_all_succeed() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let engine = Arc::new(support::engine());
    let tokens = signed_in(&server, &engine).await;
    let store = Arc::new(MemStore::holding(tokens.refresh_token.unwrap().expose()));
    let provider = server.provider(ProviderId::Microsoft);
    let app = server.app(ProviderId::Microsoft);
    let mut tasks = Vec::new();
    for _ in 0..5 {
        let (engine, store, provider, app) =
            (engine.clone(), store.clone(), provider.clone(), app.clone());
        tasks.push(tokio::spawn(async move {
            engine
                .refresh(
                    "grant-1",
                    &provider,
                    &app,
                    &*store,
                    &CancellationToken::new(),
                )
                .await
                .map(|_| ())
        }));
    }
    for t in tasks {
        // Unserialized, two would present the same token: the second revokes the grant.
        t.await.unwrap().unwrap();
    }
    assert_eq!(store.writes.lock().unwrap().len(), 5);
}

#[tokio::test]
async fn a_rotated_token_that_cannot_be_stored_fails_the_refresh() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let engine = support::engine();
    let tokens = signed_in(&server, &engine).await;
    let store = MemStore {
        token: Mutex::new(Some(tokens.refresh_token.unwrap().expose().clone())),
        fail_writes: true,
        ..Default::default()
    };
    let e = engine
        .refresh(
            "g",
            &server.provider(ProviderId::Microsoft),
            &server.app(ProviderId::Microsoft),
            &store,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::Store { .. }), "{e:?}");
}

#[tokio::test]
async fn an_unreachable_provider_is_a_blip_not_a_revocation() {
    let Some(server) = AuthServer::start() else {
        return;
    };
    let engine = support::engine();
    let provider = server
        .provider(ProviderId::Microsoft)
        .with_base(&format!("http://127.0.0.1:{}", support::free_port()))
        .unwrap();
    let store = MemStore::holding("whatever");
    let e = engine
        .refresh(
            "g",
            &provider,
            &server.app(ProviderId::Microsoft),
            &store,
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::Transport { .. }), "{e:?}");
    assert!(!e.needs_reauthorization());
    assert_eq!(
        GrantState::default().after_refresh(Err(&e)).health(0),
        Health::Ok
    );
}
