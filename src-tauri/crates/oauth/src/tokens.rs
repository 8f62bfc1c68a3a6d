//! What a token endpoint answers, reduced to what Switchboard keeps: the tokens (each in
//! `Sensitive`), their expiry, and the account's name for "connected as …". The name comes
//! from the ID token's claims (received straight from the token endpoint over the
//! provider's own TLS connection, so OIDC Core §3.1.3.7 lets a client skip its signature
//! for this purpose) or, failing that, from the provider's userinfo endpoint.

use base64::Engine;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use switchboard_core::Sensitive;

/// Fields beyond RFC 6749's that some providers send.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct ExtraFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// RingCentral says when the refresh token expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_expires_in: Option<u64>,
}

impl fmt::Debug for ExtraFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtraFields")
            .field("id_token", &self.id_token.as_ref().map(|_| "<redacted>"))
            .field("refresh_token_expires_in", &self.refresh_token_expires_in)
            .finish()
    }
}

impl oauth2::ExtraTokenFields for ExtraFields {}

pub(crate) type TokenResponse =
    oauth2::StandardTokenResponse<ExtraFields, oauth2::basic::BasicTokenType>;

/// Tokens of one grant. Debug shows no token.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: Sensitive<String>,
    /// Unix milliseconds.
    pub access_expires_at: Option<i64>,
    /// Present after a sign-in with offline access, and after a rotating refresh.
    pub refresh_token: Option<Sensitive<String>>,
    pub refresh_expires_at: Option<i64>,
    pub id_token: Option<Sensitive<String>>,
    pub scopes: Vec<String>,
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn at(d: Duration) -> i64 {
    now_ms() + d.as_millis() as i64
}

impl From<TokenResponse> for Tokens {
    fn from(r: TokenResponse) -> Tokens {
        use oauth2::TokenResponse as _;
        Tokens {
            access_token: Sensitive::new(r.access_token().secret().clone()),
            access_expires_at: r.expires_in().map(at),
            refresh_token: r
                .refresh_token()
                .map(|t| Sensitive::new(t.secret().clone())),
            refresh_expires_at: r
                .extra_fields()
                .refresh_token_expires_in
                .map(|s| at(Duration::from_secs(s))),
            id_token: r.extra_fields().id_token.clone().map(Sensitive::new),
            scopes: r
                .scopes()
                .map(|s| s.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default(),
        }
    }
}

/// The claims of a JWT's payload, without checking its signature (see the module docs).
pub(crate) fn jwt_claims(jwt: &str) -> Option<serde_json::Value> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The first non-empty string claim of `names`.
pub(crate) fn name_from(claims: &serde_json::Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| {
        claims
            .get(n)
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jwt_payload_names_the_account() {
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"sub":"1","email":"ada@example.test","name":"Ada"}"#);
        let jwt = format!("e30.{payload}.sig");
        let claims = jwt_claims(&jwt).unwrap();
        assert_eq!(
            name_from(&claims, &["preferred_username", "email"]).as_deref(),
            Some("ada@example.test")
        );
        assert_eq!(name_from(&claims, &["nope"]), None);
        assert!(jwt_claims("garbage").is_none());
    }

    #[test]
    fn debug_never_shows_a_token() {
        let t = Tokens {
            access_token: Sensitive::new("at-marker".into()),
            access_expires_at: None,
            refresh_token: Some(Sensitive::new("rt-marker".into())),
            refresh_expires_at: None,
            id_token: Some(Sensitive::new("id-marker".into())),
            scopes: vec![],
        };
        let e = ExtraFields {
            id_token: Some("id-marker".into()),
            refresh_token_expires_in: None,
        };
        let s = format!("{t:?} {e:?}");
        assert!(!s.contains("marker"), "{s}");
    }
}
