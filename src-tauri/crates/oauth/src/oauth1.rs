//! OAuth 1.0a three-legged sign-in (RFC 5849), which Twitter/X still uses for the
//! credentials the platform's Twitter channel takes: request token → the user authorizes
//! in the system browser → access token, with the OAuth token, its secret and the
//! account's id and screen name. Requests are signed by `oauth1-request` (HMAC-SHA1).
//!
//! The verifier comes back one of two ways. When the app has a loopback callback
//! registered with Twitter (Twitter matches callback URLs exactly, so the port is fixed),
//! a listener on 127.0.0.1 receives it like the OAuth 2 redirect; otherwise the flow is
//! "out of band" (`oob`): Twitter shows a PIN that the user types into the window.
//! The request token plays the part of OAuth 2's `state`: a callback for another one is
//! refused and ignored.

use crate::app::ProviderApp;
use crate::error::{error_chain, OAuthError};
use crate::loopback::serve;
use crate::page::{CallbackPages, PageKind};
use crate::provider::folder_base;
use hyper::{Request, StatusCode};
use oauth1_request as oauth;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use url::Url;

/// Twitter's endpoints, under one origin (`https://api.twitter.com/`).
#[derive(Debug, Clone, PartialEq)]
pub struct Twitter {
    pub base: Url,
}

impl Default for Twitter {
    fn default() -> Self {
        Twitter {
            base: Url::parse("https://api.twitter.com/").expect("static URL"),
        }
    }
}

impl Twitter {
    /// The endpoints moved to `base` (a local provider, in tests).
    pub fn with_base(base: &str) -> Result<Twitter, OAuthError> {
        let url = folder_base(base)?;
        Ok(Twitter { base: url })
    }

    fn endpoint(&self, path: &str) -> Url {
        self.base.join(path).expect("relative path")
    }
}

/// Where the verifier comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callback {
    /// `http://127.0.0.1:PORT/callback`, registered with the provider.
    Loopback(u16),
    /// The user types the PIN the provider shows.
    Pin,
}

impl Callback {
    /// The registered loopback port of the app, or the PIN flow without one.
    pub fn for_app(app: &ProviderApp) -> Callback {
        app.redirect_port.map_or(Callback::Pin, Callback::Loopback)
    }
}

/// The credentials a completed sign-in yields. Debug shows no secret.
#[derive(Debug)]
pub struct AccessToken {
    pub token: Sensitive<String>,
    pub secret: Sensitive<String>,
    pub user_id: Option<String>,
    pub screen_name: Option<String>,
}

impl AccessToken {
    /// "@name (id)" for "connected as …".
    pub fn account_name(&self) -> Option<String> {
        match (&self.screen_name, &self.user_id) {
            (Some(n), Some(id)) => Some(format!("@{n} ({id})")),
            (Some(n), None) => Some(format!("@{n}")),
            (None, Some(id)) => Some(id.clone()),
            (None, None) => None,
        }
    }
}

/// A sign-in waiting for the user's authorization. Dropping it closes the listener.
pub struct Pending1 {
    /// Open this in the browser.
    pub url: Url,
    pub callback: Callback,
    token: String,
    secret: Sensitive<String>,
    listener: Option<CallbackListener>,
}

impl std::fmt::Debug for Pending1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending1")
            .field("callback", &self.callback)
            .finish_non_exhaustive()
    }
}

/// The OAuth 1.0a client: one HTTP client for every request.
pub struct OAuth1 {
    http: reqwest::Client,
    pub twitter: Twitter,
}

fn transport(e: reqwest::Error) -> OAuthError {
    OAuthError::Transport {
        cause: error_chain(&e.without_url()),
    }
}

impl OAuth1 {
    pub fn new(twitter: Twitter) -> OAuth1 {
        OAuth1 {
            http: crate::flow::provider_http(),
            twitter,
        }
    }

    fn consumer(app: &ProviderApp) -> Result<oauth::Credentials<String>, OAuthError> {
        let secret = app
            .client_secret
            .as_ref()
            .ok_or_else(|| OAuthError::AppMissing {
                provider: "twitter".into(),
            })?;
        Ok(oauth::Credentials::new(
            app.client_id.clone(),
            secret.expose().clone(),
        ))
    }

    /// A signed POST without a body; the answer as form pairs. A 401 means the provider
    /// refused the signature or the credentials: `refused` says which error that is.
    async fn post(
        &self,
        url: Url,
        authorization: String,
        refused: impl FnOnce(String) -> OAuthError,
    ) -> Result<Vec<(String, String)>, OAuthError> {
        let res = self
            .http
            .post(url)
            .header("authorization", authorization)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .map_err(transport)?;
        let status = res.status();
        let body = res.text().await.map_err(transport)?;
        if status == reqwest::StatusCode::UNAUTHORIZED {
            return Err(refused(format!("HTTP {status}")));
        }
        if !status.is_success() {
            return Err(OAuthError::Transport {
                cause: format!("HTTP {status}"),
            });
        }
        Ok(url::form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect())
    }

    /// Leg 1: a request token bound to the callback, and the URL the user authorizes it
    /// at. With a loopback callback, the listener is bound before the URL exists.
    pub async fn begin(
        &self,
        app: &ProviderApp,
        callback: Callback,
        pages: Arc<CallbackPages>,
    ) -> Result<Pending1, OAuthError> {
        let consumer = Self::consumer(app)?;
        let mut listener = None;
        let callback_uri = match callback {
            Callback::Pin => "oob".to_owned(),
            Callback::Loopback(port) => {
                let l = CallbackListener::bind(port, pages).await?;
                let uri = format!("http://127.0.0.1:{}/callback", l.port);
                listener = Some(l);
                uri
            }
        };
        let url = self.twitter.endpoint("oauth/request_token");
        let header = {
            let mut b = oauth::Builder::<_, _>::new(consumer, oauth::HmacSha1::new());
            b.callback(callback_uri.as_str());
            b.post(url.as_str(), &())
        };
        let pairs = self
            .post(url, header, |detail| OAuthError::InvalidClient { detail })
            .await?;
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        if get("oauth_callback_confirmed").as_deref() != Some("true") {
            return Err(OAuthError::Transport {
                cause: "the provider did not confirm the callback".into(),
            });
        }
        let (Some(token), Some(secret)) = (get("oauth_token"), get("oauth_token_secret")) else {
            return Err(OAuthError::Transport {
                cause: "no request token in the answer".into(),
            });
        };
        let mut authorize = self.twitter.endpoint("oauth/authorize");
        authorize
            .query_pairs_mut()
            .append_pair("oauth_token", &token);
        if let Some(l) = &mut listener {
            l.expect(token.clone());
        }
        tracing::info!(pin = listener.is_none(), "oauth1 sign-in started");
        Ok(Pending1 {
            url: authorize,
            callback,
            token,
            secret: Sensitive::new(secret),
            listener,
        })
    }

    /// Leg 3: the access token for the verifier (from the callback or the PIN).
    pub async fn finish(
        &self,
        app: &ProviderApp,
        pending: &Pending1,
        verifier: &str,
    ) -> Result<AccessToken, OAuthError> {
        let verifier = verifier.trim();
        if verifier.is_empty() {
            return Err(OAuthError::Denied {
                error: "invalid_verifier".into(),
            });
        }
        let consumer = Self::consumer(app)?;
        let url = self.twitter.endpoint("oauth/access_token");
        let header = {
            let mut b = oauth::Builder::<_, _>::new(consumer, oauth::HmacSha1::new());
            b.token(oauth::Credentials::new(
                pending.token.clone(),
                pending.secret.expose().clone(),
            ));
            b.verifier(verifier);
            b.post(url.as_str(), &())
        };
        // A refused verifier or a used request token: only a new sign-in helps.
        let pairs = self
            .post(url, header, |detail| OAuthError::InvalidGrant { detail })
            .await?;
        let take = |k: &str| {
            pairs
                .iter()
                .position(|(key, _)| key == k)
                .map(|i| pairs[i].1.clone())
        };
        let (Some(token), Some(secret)) = (take("oauth_token"), take("oauth_token_secret")) else {
            return Err(OAuthError::Transport {
                cause: "no access token in the answer".into(),
            });
        };
        Ok(AccessToken {
            token: Sensitive::new(token),
            secret: Sensitive::new(secret),
            user_id: take("user_id"),
            screen_name: take("screen_name"),
        })
    }
}

impl Pending1 {
    /// Waits for the loopback callback's verifier, until `timeout` or cancellation.
    /// Only for `Callback::Loopback`; the PIN flow gets its verifier from the user.
    pub async fn verifier(
        &mut self,
        timeout: Duration,
        cancel: &CancellationToken,
    ) -> Result<Sensitive<String>, OAuthError> {
        let Some(listener) = &mut self.listener else {
            return Err(OAuthError::Listen {
                cause: "no callback listener: the PIN flow has none".into(),
            });
        };
        let deadline = tokio::time::Instant::now() + timeout;
        let mut foreign = false;
        loop {
            let event = tokio::select! {
                biased;
                _ = cancel.cancelled() => return Err(OAuthError::Cancelled),
                _ = tokio::time::sleep_until(deadline) => {
                    return Err(if foreign { OAuthError::StateMismatch } else { OAuthError::TimedOut });
                }
                e = listener.events.recv() => e,
            };
            match event {
                Some(Event1::Verifier(v)) => return Ok(Sensitive::new(v)),
                Some(Event1::Denied) => {
                    return Err(OAuthError::Denied {
                        error: "access_denied".into(),
                    })
                }
                Some(Event1::Foreign) => foreign = true,
                None => {
                    return Err(OAuthError::Listen {
                        cause: "listener stopped".into(),
                    })
                }
            }
        }
    }
}

enum Event1 {
    Verifier(String),
    Denied,
    Foreign,
}

/// The loopback listener for the OAuth 1.0a callback: 127.0.0.1 only, `/callback` only,
/// one answer per request, the event handed over after the page was written.
struct CallbackListener {
    port: u16,
    events: mpsc::UnboundedReceiver<Event1>,
    expected: Arc<std::sync::Mutex<Option<String>>>,
    task: JoinHandle<()>,
}

impl Drop for CallbackListener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl CallbackListener {
    async fn bind(port: u16, pages: Arc<CallbackPages>) -> Result<CallbackListener, OAuthError> {
        let listen_err = |e: std::io::Error| OAuthError::Listen {
            cause: e.to_string(),
        };
        let socket = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .await
            .map_err(listen_err)?;
        let port = socket.local_addr().map_err(listen_err)?.port();
        let expected: Arc<std::sync::Mutex<Option<String>>> = Arc::default();
        let (tx, events) = mpsc::unbounded_channel();
        let exp = expected.clone();
        let task = serve(socket, pages, move |req| answer1(&exp, req), tx);
        Ok(CallbackListener {
            port,
            events,
            expected,
            task,
        })
    }

    fn expect(&mut self, token: String) {
        *self.expected.lock().unwrap_or_else(|p| p.into_inner()) = Some(token);
    }
}

/// One callback request: `oauth_token` must be this sign-in's request token (and is
/// consumed), then `oauth_verifier` completes it or `denied` refuses it.
fn answer1<B>(
    expected: &std::sync::Mutex<Option<String>>,
    req: &Request<B>,
) -> (StatusCode, PageKind, Option<Event1>) {
    if req.uri().path() != "/callback" || req.method() != hyper::Method::GET {
        return (StatusCode::NOT_FOUND, PageKind::Foreign, None);
    }
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let token = get("oauth_token").or_else(|| get("denied"));
    let mut exp = expected.lock().unwrap_or_else(|p| p.into_inner());
    if token.is_none() || exp.as_deref() != token {
        return (
            StatusCode::BAD_REQUEST,
            PageKind::Foreign,
            Some(Event1::Foreign),
        );
    }
    *exp = None;
    if get("denied").is_some() {
        return (StatusCode::OK, PageKind::Denied, Some(Event1::Denied));
    }
    match get("oauth_verifier").filter(|v| !v.is_empty()) {
        Some(v) => (
            StatusCode::OK,
            PageKind::Done,
            Some(Event1::Verifier(v.to_owned())),
        ),
        None => (
            StatusCode::BAD_REQUEST,
            PageKind::Failed,
            Some(Event1::Denied),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_named_by_screen_name_and_id() {
        let t = AccessToken {
            token: Sensitive::new("t".into()),
            secret: Sensitive::new("s".into()),
            user_id: Some("783214".into()),
            screen_name: Some("twitterapi".into()),
        };
        assert_eq!(t.account_name().as_deref(), Some("@twitterapi (783214)"));
        assert!(!format!("{t:?}").contains("\"s\""));
    }

    #[test]
    fn a_base_moves_the_endpoints() {
        let t = Twitter::with_base("http://127.0.0.1:7").unwrap();
        assert_eq!(
            t.endpoint("oauth/request_token").as_str(),
            "http://127.0.0.1:7/oauth/request_token"
        );
        assert!(Twitter::with_base("ftp://x").is_err());
    }
}
