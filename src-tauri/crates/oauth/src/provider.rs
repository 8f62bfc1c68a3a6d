//! The provider registry: where each provider signs in, which scopes each use of it asks
//! for, what it needs from the app registered with it, and how the account is named.
//! Production endpoints are the defaults; `with_base` moves every endpoint to one origin
//! keeping its path, which is how tests point a provider at a local authorization server
//! shaped like it (tests/support/oauth/server.mjs).

use crate::error::OAuthError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProviderId {
    Google,
    Microsoft,
    #[serde(rename = "ringcentral")]
    RingCentral,
    Facebook,
    Twitter,
}

impl ProviderId {
    pub const ALL: [ProviderId; 5] = [
        ProviderId::Google,
        ProviderId::Microsoft,
        ProviderId::RingCentral,
        ProviderId::Facebook,
        ProviderId::Twitter,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProviderId::Google => "google",
            ProviderId::Microsoft => "microsoft",
            ProviderId::RingCentral => "ringcentral",
            ProviderId::Facebook => "facebook",
            ProviderId::Twitter => "twitter",
        }
    }

    pub fn from_key(key: &str) -> Option<ProviderId> {
        ProviderId::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// What a sign-in is for: decides the provider and the scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Purpose {
    Youtube,
    GoogleMyBusiness,
    /// IMAP and SMTP through the Microsoft identity platform (XOAUTH2).
    MicrosoftMail,
    /// RingCentral SMS/MMS.
    RingcentralSms,
}

impl Purpose {
    pub fn provider(self) -> ProviderId {
        match self {
            Purpose::Youtube | Purpose::GoogleMyBusiness => ProviderId::Google,
            Purpose::MicrosoftMail => ProviderId::Microsoft,
            Purpose::RingcentralSms => ProviderId::RingCentral,
        }
    }

    pub fn scopes(self) -> &'static [&'static str] {
        match self {
            Purpose::Youtube => &[
                "openid",
                "email",
                "https://www.googleapis.com/auth/youtube.force-ssl",
            ],
            Purpose::GoogleMyBusiness => &[
                "openid",
                "email",
                "https://www.googleapis.com/auth/business.manage",
            ],
            Purpose::MicrosoftMail => &[
                "openid",
                "email",
                "offline_access",
                "https://outlook.office.com/IMAP.AccessAsUser.All",
                "https://outlook.office.com/SMTP.Send",
            ],
            Purpose::RingcentralSms => &["SMS", "ReadMessages", "ReadAccounts"],
        }
    }
}

/// Which loopback port the redirect may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectPort {
    /// Any port (RFC 8252 §7.3): the listener takes a free one.
    Any,
    /// The provider matches redirects exactly: the app registration names the port.
    Registered,
}

/// Whether the provider app needs a client secret at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SecretNeed {
    /// Public client: PKCE only.
    None,
    /// The provider issues a secret even to desktop apps and requires it.
    Required,
}

/// One provider's endpoints and rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    pub id: ProviderId,
    pub authorize: Url,
    pub token: Url,
    /// Where the account's name is read when the ID token does not give it.
    pub userinfo: Option<Url>,
    pub revoke: Option<Url>,
    /// Token introspection (RFC 7662): what mail servers validate XOAUTH2 tokens with.
    pub introspect: Option<Url>,
    /// Compared with the callback's `iss` (RFC 9207) when the provider sends one.
    pub issuer: Option<String>,
    pub redirect_port: RedirectPort,
    pub secret: SecretNeed,
    /// Extra authorization parameters (offline access, consent to get a refresh token).
    pub extra_params: Vec<(String, String)>,
    /// Claims of the ID token or userinfo answer that name the account, best first.
    pub name_claims: &'static [&'static str],
}

fn u(s: &str) -> Url {
    Url::parse(s).expect("static provider URL")
}

impl Provider {
    /// The production endpoints of a provider that signs in with an authorization code.
    /// Facebook and Twitter have their own flows (see the crate docs) and are not here.
    pub fn get(id: ProviderId) -> Option<Provider> {
        let p = match id {
            ProviderId::Google => Provider {
                id,
                authorize: u("https://accounts.google.com/o/oauth2/v2/auth"),
                token: u("https://oauth2.googleapis.com/token"),
                userinfo: Some(u("https://openidconnect.googleapis.com/v1/userinfo")),
                revoke: Some(u("https://oauth2.googleapis.com/revoke")),
                introspect: Some(u("https://oauth2.googleapis.com/tokeninfo")),
                issuer: Some("https://accounts.google.com".into()),
                redirect_port: RedirectPort::Any,
                secret: SecretNeed::Required,
                // A refresh token only with offline access AND the consent screen shown.
                extra_params: vec![
                    ("access_type".into(), "offline".into()),
                    ("prompt".into(), "consent".into()),
                ],
                name_claims: &["email", "name"],
            },
            ProviderId::Microsoft => Provider {
                id,
                authorize: u("https://login.microsoftonline.com/common/oauth2/v2.0/authorize"),
                token: u("https://login.microsoftonline.com/common/oauth2/v2.0/token"),
                userinfo: None,
                revoke: None,
                introspect: None,
                // Tenant-specific, and not sent in the authorization response.
                issuer: None,
                redirect_port: RedirectPort::Any,
                secret: SecretNeed::None,
                extra_params: vec![("prompt".into(), "consent".into())],
                name_claims: &["preferred_username", "email", "name"],
            },
            ProviderId::RingCentral => Provider {
                id,
                authorize: u("https://platform.ringcentral.com/restapi/oauth/authorize"),
                token: u("https://platform.ringcentral.com/restapi/oauth/token"),
                userinfo: Some(u(
                    "https://platform.ringcentral.com/restapi/v1.0/account/~/extension/~",
                )),
                revoke: Some(u("https://platform.ringcentral.com/restapi/oauth/revoke")),
                introspect: None,
                issuer: None,
                redirect_port: RedirectPort::Registered,
                secret: SecretNeed::Required,
                extra_params: vec![],
                name_claims: &["name"],
            },
            ProviderId::Facebook | ProviderId::Twitter => return None,
        };
        Some(p)
    }

    /// Every endpoint moved to `base`'s origin (its path prefixed), and the issuer set to
    /// `base`: a local authorization server shaped like the provider.
    pub fn with_base(mut self, base: &str) -> Result<Provider, OAuthError> {
        let base = http_base(base)?;
        let prefix = base.path().trim_end_matches('/').to_owned();
        let rebase = |url: &Url| -> Url {
            let mut out = base.clone();
            out.set_path(&format!("{prefix}{}", url.path()));
            out.set_query(url.query());
            out
        };
        self.authorize = rebase(&self.authorize);
        self.token = rebase(&self.token);
        self.userinfo = self.userinfo.as_ref().map(rebase);
        self.revoke = self.revoke.as_ref().map(rebase);
        self.introspect = self.introspect.as_ref().map(rebase);
        self.issuer = Some(base.as_str().trim_end_matches('/').to_owned());
        Ok(self)
    }
}

/// A provider address the settings may override (tests point it at a local stand-in):
/// an absolute http(s) URL with a host, or `BadUrl`.
pub(crate) fn http_base(base: &str) -> Result<Url, OAuthError> {
    let url = Url::parse(base).map_err(|e| OAuthError::BadUrl {
        cause: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(OAuthError::BadUrl {
            cause: format!("{url} is not an http(s) address"),
        });
    }
    Ok(url)
}

/// `http_base` ending with `/`, so that relative endpoints join below its path.
pub(crate) fn folder_base(base: &str) -> Result<Url, OAuthError> {
    let mut url = http_base(base)?;
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_base_keeps_its_path_below_a_slash_and_refuses_other_schemes() {
        assert_eq!(
            folder_base("http://127.0.0.1:9/graph").unwrap().as_str(),
            "http://127.0.0.1:9/graph/"
        );
        assert_eq!(
            folder_base("https://x.example/").unwrap().as_str(),
            "https://x.example/"
        );
        for bad in ["file:///x", "ftp://x", "not a url"] {
            assert!(
                matches!(folder_base(bad), Err(OAuthError::BadUrl { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_base_moves_every_endpoint_and_keeps_paths() {
        let p = Provider::get(ProviderId::Google)
            .unwrap()
            .with_base("http://127.0.0.1:4444/")
            .unwrap();
        assert_eq!(
            p.authorize.as_str(),
            "http://127.0.0.1:4444/o/oauth2/v2/auth"
        );
        assert_eq!(p.token.as_str(), "http://127.0.0.1:4444/token");
        assert_eq!(
            p.userinfo.unwrap().as_str(),
            "http://127.0.0.1:4444/v1/userinfo"
        );
        assert_eq!(p.issuer.as_deref(), Some("http://127.0.0.1:4444"));
        let rc = Provider::get(ProviderId::RingCentral)
            .unwrap()
            .with_base("http://127.0.0.1:5/rc")
            .unwrap();
        assert_eq!(
            rc.userinfo.unwrap().as_str(),
            "http://127.0.0.1:5/rc/restapi/v1.0/account/~/extension/~"
        );
    }

    #[test]
    fn a_base_must_be_an_http_address() {
        let g = Provider::get(ProviderId::Google).unwrap();
        assert!(g.clone().with_base("file:///etc").is_err());
        assert!(g.with_base("not a url").is_err());
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for p in ProviderId::ALL {
            assert_eq!(ProviderId::from_key(p.key()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.key());
        }
    }

    #[test]
    fn every_purpose_has_a_provider_with_an_authorization_code_flow() {
        for p in [
            Purpose::Youtube,
            Purpose::GoogleMyBusiness,
            Purpose::MicrosoftMail,
            Purpose::RingcentralSms,
        ] {
            assert!(Provider::get(p.provider()).is_some());
            assert!(!p.scopes().is_empty());
        }
    }
}
