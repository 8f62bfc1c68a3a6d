//! The flow engine: authorization code + PKCE (S256) over a loopback redirect (RFC 8252),
//! token exchange, serialized refresh, and the account's name. One `OAuth` per app (or
//! CLI run) owns the HTTP client, the single loopback listener slot and the per-grant
//! refresh locks.
//!
//! A sign-in is `begin` (bind the listener, build the URL) → the caller opens the URL in
//! the system browser → `callback` (wait for the redirect, bounded by the timeout and the
//! cancellation token) → `exchange`. `sign_in` does the three in a row.

use crate::app::ProviderApp;
use crate::error::{from_token_error, OAuthError};
use crate::loopback::{self, Event, Listener, CALLBACK_PATH};
use crate::page::CallbackPages;
use crate::provider::{Provider, RedirectPort};
use crate::tokens::{jwt_claims, name_from, TokenResponse, Tokens};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, Scope, StandardRevocableToken,
    TokenUrl,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};
use tokio::time::Instant;
use url::Url;

/// How long the user has to complete a sign-in in the browser.
pub const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// Bound on each request to a provider.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

type Client = oauth2::Client<
    BasicErrorResponse,
    TokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

fn client(
    provider: &Provider,
    app: &ProviderApp,
    redirect: Option<&str>,
) -> Result<Client, OAuthError> {
    let bad = |e: url::ParseError| OAuthError::BadUrl {
        cause: e.to_string(),
    };
    let mut c = oauth2::Client::new(ClientId::new(app.client_id.clone()))
        .set_auth_uri(AuthUrl::from_url(provider.authorize.clone()))
        .set_token_uri(TokenUrl::from_url(provider.token.clone()));
    if let Some(secret) = &app.client_secret {
        c = c.set_client_secret(ClientSecret::new(secret.expose().clone()));
    }
    if let Some(r) = redirect {
        c = c.set_redirect_uri(RedirectUrl::new(r.to_owned()).map_err(bad)?);
    }
    Ok(c)
}

/// The code a callback carried, for `exchange`.
#[derive(Debug, Clone)]
pub struct AuthCode(Sensitive<String>);

pub struct OAuth {
    http: reqwest::Client,
    slot: Arc<AsyncMutex<()>>,
    refresh_locks: Mutex<HashMap<String, Arc<AsyncMutex<()>>>>,
    timeout: Duration,
}

/// The HTTP client every provider call uses (token endpoints, Graph, OAuth 1.0a): redirects
/// are not followed (oauth2's advice against SSRF: a token endpoint that redirects is
/// refused), and each request has `REQUEST_TIMEOUT`.
pub(crate) fn provider_http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("static reqwest configuration")
}

impl Default for OAuth {
    fn default() -> Self {
        OAuth::new()
    }
}

impl OAuth {
    pub fn new() -> OAuth {
        OAuth {
            http: provider_http(),
            slot: Arc::default(),
            refresh_locks: Mutex::default(),
            timeout: SIGN_IN_TIMEOUT,
        }
    }

    /// A shorter sign-in timeout (tests).
    pub fn with_timeout(mut self, timeout: Duration) -> OAuth {
        self.timeout = timeout;
        self
    }

    /// Binds the loopback listener and builds the authorization URL. Fails with `Busy`
    /// while another sign-in of this engine is waiting.
    pub async fn begin(
        &self,
        provider: &Provider,
        scopes: &[&str],
        app: &ProviderApp,
        pages: Arc<CallbackPages>,
    ) -> Result<Pending, OAuthError> {
        let slot = self
            .slot
            .clone()
            .try_lock_owned()
            .map_err(|_| OAuthError::Busy)?;
        let port = match (provider.redirect_port, app.redirect_port) {
            (_, Some(p)) => p,
            (RedirectPort::Any, None) => 0,
            (RedirectPort::Registered, None) => {
                return Err(OAuthError::AppMissing {
                    provider: provider.id.key().into(),
                })
            }
        };
        let csrf = CsrfToken::new_random();
        let listener =
            loopback::listen(port, csrf.secret().clone(), provider.issuer.clone(), pages).await?;
        let redirect = format!("http://127.0.0.1:{}{CALLBACK_PATH}", listener.port);
        let client = client(provider, app, Some(&redirect))?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut req = client
            .authorize_url(move || csrf)
            .add_scopes(scopes.iter().map(|s| Scope::new((*s).to_owned())))
            .set_pkce_challenge(challenge);
        for (k, v) in &provider.extra_params {
            req = req.add_extra_param(k.clone(), v.clone());
        }
        let (url, _) = req.url();
        tracing::info!(
            provider = provider.id.key(),
            port = listener.port,
            "sign-in started"
        );
        Ok(Pending {
            url,
            client,
            verifier: Sensitive::new(verifier.secret().clone()),
            listener,
            deadline: Instant::now() + self.timeout,
            http: self.http.clone(),
            _slot: slot,
        })
    }

    /// A whole sign-in: `begin`, `open` the URL (the system browser), wait, exchange.
    pub async fn sign_in(
        &self,
        provider: &Provider,
        scopes: &[&str],
        app: &ProviderApp,
        pages: Arc<CallbackPages>,
        open: impl FnOnce(&Url) -> Result<(), String>,
        cancel: &CancellationToken,
    ) -> Result<Tokens, OAuthError> {
        let mut pending = self.begin(provider, scopes, app, pages).await?;
        open(&pending.url).map_err(|cause| OAuthError::Browser { cause })?;
        let code = pending.callback(cancel).await?;
        pending.exchange(&code, cancel).await
    }

    /// Exchanges the refresh token held by `store` for a new access token. Refreshes of
    /// one grant (`grant_key`) run one at a time, and the token is read inside the lock,
    /// so a caller that waited uses the token its predecessor stored. A rotated refresh
    /// token is stored before this returns: if it cannot be stored, the refresh fails.
    pub async fn refresh(
        &self,
        grant_key: &str,
        provider: &Provider,
        app: &ProviderApp,
        store: &dyn GrantStore,
        cancel: &CancellationToken,
    ) -> Result<Tokens, OAuthError> {
        let lock = {
            let mut locks = self.refresh_locks.lock().unwrap_or_else(|p| p.into_inner());
            locks.entry(grant_key.to_owned()).or_default().clone()
        };
        let _held = lock.lock().await;
        let current = store
            .refresh_token()
            .map_err(|cause| OAuthError::Store { cause })?
            .ok_or(OAuthError::NoRefreshToken)?;
        let client = client(provider, app, None)?;
        let rt = RefreshToken::new(current.expose().clone());
        let req = client.exchange_refresh_token(&rt).request_async(&self.http);
        let tokens: Tokens = bounded(cancel, req)
            .await?
            .map_err(from_token_error)?
            .into();
        if let Some(new) = &tokens.refresh_token {
            if new.expose() != current.expose() {
                store
                    .replace_refresh_token(new)
                    .map_err(|cause| OAuthError::Store { cause })?;
                tracing::info!(
                    provider = provider.id.key(),
                    "refresh token rotated and stored"
                );
            }
        }
        Ok(tokens)
    }

    /// The account's name for "connected as …": the ID token's claims, else userinfo.
    /// `None` when the provider says nothing usable (the sign-in still succeeded).
    pub async fn account_name(&self, provider: &Provider, tokens: &Tokens) -> Option<String> {
        if let Some(claims) = tokens
            .id_token
            .as_ref()
            .and_then(|t| jwt_claims(t.expose()))
        {
            if let Some(n) = name_from(&claims, provider.name_claims) {
                return Some(n);
            }
        }
        let url = provider.userinfo.as_ref()?;
        let res = self
            .http
            .get(url.clone())
            .bearer_auth(tokens.access_token.expose())
            .header("accept", "application/json")
            .send()
            .await
            .ok()?;
        if !res.status().is_success() {
            tracing::warn!(status = %res.status(), "userinfo refused");
            return None;
        }
        let claims: serde_json::Value = res.json().await.ok()?;
        name_from(&claims, provider.name_claims)
    }
}

/// Where a grant's refresh token lives (the vault, sealed for its field).
pub trait GrantStore: Send + Sync {
    fn refresh_token(&self) -> Result<Option<Sensitive<String>>, String>;
    /// Replaces the stored refresh token in one atomic write.
    fn replace_refresh_token(&self, token: &Sensitive<String>) -> Result<(), String>;
}

async fn bounded<T>(
    cancel: &CancellationToken,
    fut: impl std::future::Future<Output = T>,
) -> Result<T, OAuthError> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(OAuthError::Cancelled),
        r = tokio::time::timeout(REQUEST_TIMEOUT, fut) => r.map_err(|_| OAuthError::Transport {
            cause: format!("no answer within {} s", REQUEST_TIMEOUT.as_secs()),
        }),
    }
}

/// A sign-in waiting for its redirect. Dropping it closes the listener.
pub struct Pending {
    /// Open this in the browser.
    pub url: Url,
    client: Client,
    verifier: Sensitive<String>,
    listener: Listener,
    deadline: Instant,
    http: reqwest::Client,
    _slot: OwnedMutexGuard<()>,
}

impl Pending {
    pub fn port(&self) -> u16 {
        self.listener.port
    }

    /// Waits for this sign-in's redirect. Callbacks of other sign-ins are refused and
    /// ignored; if only such callbacks came before the deadline, the error says so.
    pub async fn callback(&mut self, cancel: &CancellationToken) -> Result<AuthCode, OAuthError> {
        let mut foreign = false;
        loop {
            let event = tokio::select! {
                biased;
                _ = cancel.cancelled() => return Err(OAuthError::Cancelled),
                _ = tokio::time::sleep_until(self.deadline) => {
                    return Err(if foreign { OAuthError::StateMismatch } else { OAuthError::TimedOut });
                }
                e = self.listener.events.recv() => e,
            };
            match event {
                Some(Event::Code(c)) => return Ok(AuthCode(Sensitive::new(c))),
                Some(Event::Error(error)) => return Err(OAuthError::Denied { error }),
                Some(Event::IssuerMismatch) => return Err(OAuthError::IssuerMismatch),
                Some(Event::Foreign) => {
                    tracing::warn!("refused a callback that is not this sign-in's");
                    foreign = true;
                }
                None => {
                    return Err(OAuthError::Listen {
                        cause: "listener stopped".into(),
                    })
                }
            }
        }
    }

    /// Redeems the code with the PKCE verifier.
    pub async fn exchange(
        &self,
        code: &AuthCode,
        cancel: &CancellationToken,
    ) -> Result<Tokens, OAuthError> {
        let req = self
            .client
            .exchange_code(AuthorizationCode::new(code.0.expose().clone()))
            .set_pkce_verifier(PkceCodeVerifier::new(self.verifier.expose().clone()))
            .request_async(&self.http);
        let r = bounded(cancel, req).await?.map_err(|e| {
            let e = from_token_error(e);
            if let OAuthError::Transport { cause } = &e {
                tracing::warn!(cause, "code exchange failed");
            }
            e
        })?;
        Ok(r.into())
    }
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("port", &self.listener.port)
            .finish_non_exhaustive()
    }
}
