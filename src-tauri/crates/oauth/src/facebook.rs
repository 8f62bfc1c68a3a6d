//! Facebook's documented desktop flow. Facebook does not accept a loopback redirect for
//! a desktop app: it sends the user token to `https://www.facebook.com/connect/login_success.html`
//! in the URL fragment, and the app watches its own login window for that address
//! (<https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow>).
//! This module builds the dialog URL, reads the redirect, then makes the Graph calls: the
//! exchange for a long-lived token, the account's name, the pages the token can manage
//! (the page picker) and a page's Instagram professional account. The window itself is
//! the shell's (it needs Tauri); everything here is plain HTTP, tested against
//! `tests/support/graph` (a stand-in answering with the documentation's shapes).
//!
//! Graph takes tokens and the app secret as query parameters, so no URL of a Graph
//! request may ever reach an error message or a log: errors are built from Graph's own
//! `error.message` and reqwest errors `without_url()`.

use crate::app::ProviderApp;
use crate::error::{error_chain, OAuthError};
use crate::provider::folder_base;
use crate::tokens::now_ms;
use serde::{Deserialize, Serialize};
use switchboard_core::Sensitive;
use url::Url;

/// The Graph API version the calls are written against.
pub const GRAPH_VERSION: &str = "v21.0";
/// How many `/me/accounts` pages are followed (25 pages each) before giving up.
const MAX_PAGES: usize = 40;

/// What the sign-in is for: the permissions asked for differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacebookUse {
    /// A Facebook page or Messenger channel.
    Page,
    /// An Instagram professional account linked to a page.
    Instagram,
}

impl FacebookUse {
    /// Permissions (Facebook's "scope"), from the Pages and Instagram Graph API docs.
    pub fn scopes(self) -> &'static [&'static str] {
        match self {
            FacebookUse::Page => &[
                "pages_show_list",
                "pages_manage_metadata",
                "pages_read_engagement",
                "pages_read_user_content",
                "pages_manage_posts",
                "pages_manage_engagement",
                "pages_messaging",
            ],
            FacebookUse::Instagram => &[
                "pages_show_list",
                "pages_read_engagement",
                "pages_manage_metadata",
                "business_management",
                "instagram_basic",
                "instagram_manage_comments",
                "instagram_manage_messages",
            ],
        }
    }
}

/// A fresh `state` for the dialog (unguessable, single use).
pub fn new_state() -> String {
    oauth2::CsrfToken::new_random().secret().clone()
}

/// Facebook's two origins: the login dialog's and the Graph API's.
#[derive(Debug, Clone, PartialEq)]
pub struct Facebook {
    pub www: Url,
    pub graph: Url,
}

impl Default for Facebook {
    fn default() -> Self {
        Facebook {
            www: Url::parse("https://www.facebook.com/").expect("static URL"),
            graph: Url::parse("https://graph.facebook.com/").expect("static URL"),
        }
    }
}

impl Facebook {
    /// Both origins moved to `base` (a local stand-in, in tests).
    pub fn with_base(base: &str) -> Result<Facebook, OAuthError> {
        let url = folder_base(base)?;
        Ok(Facebook {
            www: url.clone(),
            graph: url,
        })
    }

    /// Where the dialog sends desktop apps.
    pub fn login_success(&self) -> Url {
        self.www
            .join("connect/login_success.html")
            .expect("relative path")
    }

    /// The login dialog, asking for a token in the fragment (`response_type=token`).
    pub fn dialog_url(&self, app: &ProviderApp, usage: FacebookUse, state: &str) -> Url {
        let mut url = self
            .www
            .join(&format!("{GRAPH_VERSION}/dialog/oauth"))
            .expect("relative path");
        url.query_pairs_mut()
            .append_pair("client_id", &app.client_id)
            .append_pair("redirect_uri", self.login_success().as_str())
            .append_pair("state", state)
            .append_pair("response_type", "token")
            .append_pair("scope", &usage.scopes().join(","));
        url
    }

    /// Whether the login window has reached the end of the dialog: the exact
    /// `login_success.html` address, whatever its query and fragment.
    pub fn is_redirect(&self, url: &Url) -> bool {
        let target = self.login_success();
        url.origin() == target.origin() && url.path() == target.path()
    }

    fn graph(&self, path: &str) -> Url {
        self.graph
            .join(&format!("{GRAPH_VERSION}/{path}"))
            .expect("relative path")
    }
}

/// The short-lived user token the dialog's redirect carried.
#[derive(Debug)]
pub struct UserToken {
    pub token: Sensitive<String>,
    /// Unix ms.
    pub expires_at: Option<i64>,
}

/// Reads the dialog's redirect: the token from the fragment (checking `state`), or the
/// refusal from the query.
pub fn read_redirect(url: &Url, state: &str) -> Result<UserToken, OAuthError> {
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let fragment: Vec<(String, String)> =
        url::form_urlencoded::parse(url.fragment().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let get = |set: &[(String, String)], k: &str| {
        set.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
    };
    let got_state = get(&fragment, "state").or_else(|| get(&query, "state"));
    if got_state.as_deref() != Some(state) {
        return Err(OAuthError::StateMismatch);
    }
    if let Some(error) = get(&query, "error").or_else(|| get(&fragment, "error")) {
        return Err(OAuthError::Denied { error });
    }
    let token = get(&fragment, "access_token")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| OAuthError::Denied {
            error: "invalid_request".into(),
        })?;
    let expires_at = get(&fragment, "expires_in")
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|s| *s > 0)
        .map(|s| now_ms() + s * 1000);
    Ok(UserToken {
        token: Sensitive::new(token),
        expires_at,
    })
}

/// A page the token can manage, for the picker. Its own token stays here.
#[derive(Debug, Clone)]
pub struct FacebookPage {
    pub id: String,
    pub name: String,
    pub category: Option<String>,
    pub token: Sensitive<String>,
}

/// An Instagram professional account linked to a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstagramAccount {
    pub id: String,
    pub username: Option<String>,
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    code: i64,
}

#[derive(Deserialize)]
struct ExchangeAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<i64>,
}

#[derive(Deserialize)]
struct AccountsAnswer {
    data: Vec<AccountEntry>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct AccountEntry {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    category: Option<String>,
    access_token: String,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct PageIg {
    #[serde(default)]
    instagram_business_account: Option<IdOnly>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

/// The Graph calls of the flow, over one HTTP client.
pub struct Graph {
    http: reqwest::Client,
    pub facebook: Facebook,
}

impl Graph {
    pub fn new(facebook: Facebook) -> Graph {
        Graph {
            http: crate::flow::provider_http(),
            facebook,
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, url: Url) -> Result<T, OAuthError> {
        let res = self.http.get(url).send().await.map_err(|e| {
            // The URL holds the token: never let it into the message.
            OAuthError::Transport {
                cause: error_chain(&e.without_url()),
            }
        })?;
        let status = res.status();
        let body = res.bytes().await.map_err(|e| OAuthError::Transport {
            cause: error_chain(&e.without_url()),
        })?;
        if !status.is_success() {
            return Err(match serde_json::from_slice::<GraphErrorBody>(&body) {
                // 190: the token is invalid or expired; 102: the session is gone.
                Ok(GraphErrorBody { error }) if matches!(error.code, 190 | 102) => {
                    OAuthError::InvalidGrant {
                        detail: error.message,
                    }
                }
                // 1 / 101: the app id or secret was refused.
                Ok(GraphErrorBody { error }) if matches!(error.code, 1 | 101) => {
                    OAuthError::InvalidClient {
                        detail: error.message,
                    }
                }
                Ok(GraphErrorBody { error }) => OAuthError::Transport {
                    cause: format!("Graph error {}: {}", error.code, error.message),
                },
                Err(_) => OAuthError::Transport {
                    cause: format!("HTTP {status}"),
                },
            });
        }
        // serde's message may quote a value of the answer (a token): only where it broke.
        serde_json::from_slice(&body).map_err(|e| OAuthError::Transport {
            cause: format!(
                "unexpected answer (line {}, column {})",
                e.line(),
                e.column()
            ),
        })
    }

    /// Exchanges a short-lived user token for a long-lived one (about 60 days); this
    /// needs the app secret, which is why the exchange runs here and not in a page.
    pub async fn long_lived(
        &self,
        app: &ProviderApp,
        short: &Sensitive<String>,
    ) -> Result<UserToken, OAuthError> {
        let secret = app
            .client_secret
            .as_ref()
            .ok_or_else(|| OAuthError::AppMissing {
                provider: "facebook".into(),
            })?;
        let mut url = self.facebook.graph("oauth/access_token");
        url.query_pairs_mut()
            .append_pair("grant_type", "fb_exchange_token")
            .append_pair("client_id", &app.client_id)
            .append_pair("client_secret", secret.expose())
            .append_pair("fb_exchange_token", short.expose());
        let a: ExchangeAnswer = self.get(url).await?;
        Ok(UserToken {
            token: Sensitive::new(a.access_token),
            expires_at: a.expires_in.filter(|s| *s > 0).map(|s| now_ms() + s * 1000),
        })
    }

    /// The account's name, for "connected as …" (`None` if Graph does not say).
    pub async fn user_name(&self, token: &Sensitive<String>) -> Option<String> {
        let mut url = self.facebook.graph("me");
        url.query_pairs_mut()
            .append_pair("fields", "name")
            .append_pair("access_token", token.expose());
        let n: Named = self.get(url).await.ok()?;
        n.name.filter(|n| !n.trim().is_empty())
    }

    /// Every page the user token can manage, following Graph's `next` links.
    pub async fn pages(&self, token: &Sensitive<String>) -> Result<Vec<FacebookPage>, OAuthError> {
        let mut url = self.facebook.graph("me/accounts");
        url.query_pairs_mut()
            .append_pair("fields", "id,name,category,access_token")
            .append_pair("access_token", token.expose());
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let a: AccountsAnswer = self.get(url.clone()).await?;
            out.extend(a.data.into_iter().map(|e| FacebookPage {
                id: e.id,
                name: e.name,
                category: e.category,
                token: Sensitive::new(e.access_token),
            }));
            // Only a `next` on Graph's own origin is followed: it carries the token.
            match a
                .paging
                .and_then(|p| p.next)
                .and_then(|n| Url::parse(&n).ok())
            {
                Some(next) if next.origin() == self.facebook.graph.origin() => url = next,
                _ => return Ok(out),
            }
        }
        Ok(out)
    }

    /// The Instagram professional account linked to `page`, with its username.
    pub async fn instagram_account(
        &self,
        page: &FacebookPage,
    ) -> Result<Option<InstagramAccount>, OAuthError> {
        let mut url = self.facebook.graph(&page.id);
        url.query_pairs_mut()
            .append_pair("fields", "instagram_business_account")
            .append_pair("access_token", page.token.expose());
        let p: PageIg = self.get(url).await?;
        let Some(ig) = p.instagram_business_account else {
            return Ok(None);
        };
        let mut url = self.facebook.graph(&ig.id);
        url.query_pairs_mut()
            .append_pair("fields", "username")
            .append_pair("access_token", page.token.expose());
        let username = self.get::<Named>(url).await.ok().and_then(|n| n.username);
        Ok(Some(InstagramAccount {
            id: ig.id,
            username,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_url_asks_for_a_token_at_login_success() {
        let fb = Facebook::default();
        let url = fb.dialog_url(&ProviderApp::public("123"), FacebookUse::Instagram, "st");
        assert_eq!(url.host_str(), Some("www.facebook.com"));
        assert_eq!(url.path(), format!("/{GRAPH_VERSION}/dialog/oauth"));
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["client_id"], "123");
        assert_eq!(
            q["redirect_uri"],
            "https://www.facebook.com/connect/login_success.html"
        );
        assert_eq!(q["response_type"], "token");
        assert!(q["scope"].contains("instagram_basic"));
    }

    #[test]
    fn only_the_exact_login_success_address_ends_the_dialog() {
        let fb = Facebook::default();
        let ok = Url::parse(
            "https://www.facebook.com/connect/login_success.html#access_token=x&state=s",
        )
        .unwrap();
        assert!(fb.is_redirect(&ok));
        for other in [
            "https://evil.example/connect/login_success.html#access_token=x",
            "http://www.facebook.com/connect/login_success.html",
            "https://www.facebook.com/connect/login_success.htm",
            "https://www.facebook.com/v21.0/dialog/oauth",
        ] {
            assert!(!fb.is_redirect(&Url::parse(other).unwrap()), "{other}");
        }
    }

    #[test]
    fn the_redirect_gives_the_token_or_the_refusal() {
        let url = Url::parse("https://www.facebook.com/connect/login_success.html#access_token=EAAx&data_access_expiration_time=1&expires_in=5183&state=s1").unwrap();
        let t = read_redirect(&url, "s1").unwrap();
        assert_eq!(t.token.expose(), "EAAx");
        assert!(t.expires_at.unwrap() > now_ms());
        assert!(matches!(
            read_redirect(&url, "other"),
            Err(OAuthError::StateMismatch)
        ));
        let denied = Url::parse("https://www.facebook.com/connect/login_success.html?error_reason=user_denied&error=access_denied&error_description=Permissions+error.&state=s1").unwrap();
        assert!(
            matches!(read_redirect(&denied, "s1"), Err(OAuthError::Denied { error }) if error == "access_denied")
        );
    }

    #[test]
    fn a_base_moves_both_origins() {
        let fb = Facebook::with_base("http://127.0.0.1:9").unwrap();
        assert_eq!(
            fb.login_success().as_str(),
            "http://127.0.0.1:9/connect/login_success.html"
        );
        assert_eq!(
            fb.graph("me/accounts").as_str(),
            format!("http://127.0.0.1:9/{GRAPH_VERSION}/me/accounts")
        );
        assert!(Facebook::with_base("file:///x").is_err());
    }
}
