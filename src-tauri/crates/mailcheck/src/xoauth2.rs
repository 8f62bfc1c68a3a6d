//! XOAUTH2, the SASL mechanism of Microsoft's (and Google's) mail servers: IMAP
//! `AUTHENTICATE XOAUTH2` and SMTP `AUTH XOAUTH2` with an access token instead of a
//! password. The token is obtained by the caller (a refresh of the grant in the vault)
//! and handed over as `OAuthToken`; this module signs in with it and explains a refusal
//! in the user's terms: a token the server refuses, or none to be had, is fixed by
//! **Re-authorize**, never by a password.
//!
//! On a refused token the server does not answer NO / 535 at once: it sends a
//! base64 JSON error as a challenge, which the client answers with an empty line
//! (Microsoft's and Google's XOAUTH2 documentation); only then comes the failure.

use crate::explain;
use crate::report::Protocol;
use crate::settings::{OAuthToken, ServerSettings};
use crate::step::Failure;
use async_imap::error::Error as ImapError;
use switchboard_core::Msg;

/// The initial client response: `user=…^Aauth=Bearer …^A^A`.
pub(crate) fn initial_response(user: &str, token: &str) -> String {
    format!("user={user}\x01auth=Bearer {token}\x01\x01")
}

/// The access token to sign in with, or the failure that stands for its absence.
pub fn token(s: &ServerSettings, proto: Protocol) -> Result<&str, Failure> {
    match &s.oauth {
        Some(OAuthToken::Access(t)) => Ok(t.expose()),
        Some(OAuthToken::Unavailable(msg)) => Err(Failure::new(
            msg.clone(),
            &[explain::field(proto, "connect")],
        )),
        Some(OAuthToken::Reauthorize) | None => Err(reauthorize(proto)),
    }
}

/// No usable grant: the connection must be authorized again.
pub fn reauthorize(proto: Protocol) -> Failure {
    Failure::new(
        Msg::new("mailcheck-xoauth2-reauthorize").arg("protocol", proto.as_str().to_uppercase()),
        &[
            explain::field(proto, "oauth_refresh_token"),
            explain::field(proto, "connect"),
        ],
    )
}

/// The server refused the token: expired, revoked, or given for another mailbox.
pub fn rejected(proto: Protocol, user: &str) -> Failure {
    Failure::new(
        Msg::new("mailcheck-xoauth2-rejected")
            .arg("protocol", proto.as_str().to_uppercase())
            .arg("user", user),
        &[
            explain::field(proto, "connect"),
            explain::field(proto, "username"),
        ],
    )
}

/// The server does not offer XOAUTH2 (at least not on this connection).
pub fn not_offered(proto: Protocol, encrypted: bool) -> Failure {
    if !encrypted {
        return explain::auth_needs_tls(proto);
    }
    Failure::new(
        Msg::new("mailcheck-xoauth2-not-offered").arg("protocol", proto.as_str().to_uppercase()),
        &[explain::field(proto, "authentication_type")],
    )
}

/// async-imap's side of the exchange: the initial response to the server's first
/// (empty) continuation, an empty answer to anything after it (the error challenge).
pub struct ImapAuthenticator {
    response: Option<String>,
}

impl ImapAuthenticator {
    pub fn new(user: &str, token: &str) -> ImapAuthenticator {
        ImapAuthenticator {
            response: Some(initial_response(user, token)),
        }
    }
}

impl async_imap::Authenticator for ImapAuthenticator {
    type Response = String;
    fn process(&mut self, _challenge: &[u8]) -> String {
        self.response.take().unwrap_or_default()
    }
}

/// What a failed `AUTHENTICATE XOAUTH2` means. A tagged NO/BAD is the refusal; an error
/// without one (dropped, not IMAP) is left to the caller.
pub fn imap_refusal(e: &ImapError, user: &str) -> Option<Failure> {
    match e {
        ImapError::No(text) | ImapError::Bad(text) => {
            let upper = text.to_ascii_uppercase();
            Some(if upper.contains("[UNAVAILABLE]") {
                explain::auth_unavailable(Protocol::Imap)
            } else {
                rejected(Protocol::Imap, user)
            })
        }
        _ => None,
    }
}

/// SMTP: `AUTH XOAUTH2 <initial response>`, the empty answer to an error challenge, and
/// the outcome.
pub mod smtp {
    use lettre::transport::smtp::authentication::{Credentials, Mechanism};
    use lettre::transport::smtp::client::AsyncSmtpConnection;
    use lettre::transport::smtp::commands::Auth;
    use lettre::transport::smtp::response::Response;

    /// The empty line that answers the server's JSON error challenge.
    struct EmptyResponse;

    impl std::fmt::Display for EmptyResponse {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("\r\n")
        }
    }

    /// Sends the exchange; `Ok` with the final reply (235 or not), `Err` with lettre's
    /// error (a 4xx/5xx reply, or no reply at all).
    pub async fn authenticate(
        conn: &mut AsyncSmtpConnection,
        user: &str,
        token: &str,
    ) -> Result<Response, lettre::transport::smtp::Error> {
        let creds = Credentials::new(user.to_owned(), token.to_owned());
        let mut resp = conn
            .command(Auth::new(Mechanism::Xoauth2, creds, None)?)
            .await?;
        // One error challenge is the protocol; a server that keeps asking is looping and
        // gets one more empty answer before its reply is taken as final.
        for _ in 0..2 {
            if !resp.has_code(334) {
                break;
            }
            resp = conn.command(EmptyResponse).await?;
        }
        Ok(resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_imap::Authenticator;

    #[test]
    fn the_initial_response_follows_the_xoauth2_format() {
        assert_eq!(
            initial_response("a@b.test", "tok"),
            "user=a@b.test\x01auth=Bearer tok\x01\x01"
        );
    }

    #[test]
    fn the_authenticator_answers_an_error_challenge_with_nothing() {
        let mut a = ImapAuthenticator::new("a@b.test", "tok");
        assert_eq!(a.process(b""), "user=a@b.test\x01auth=Bearer tok\x01\x01");
        assert_eq!(a.process(br#"{"status":"401"}"#), "");
    }

    #[test]
    fn no_token_names_the_reauthorize_action() {
        let s: ServerSettings = serde_json::from_value(serde_json::json!({
            "authentication_type": "microsoft_identity_platform"
        }))
        .unwrap();
        let f = token(&s, Protocol::Smtp).unwrap_err();
        assert_eq!(f.message.id, "mailcheck-xoauth2-reauthorize");
        assert_eq!(f.fields, vec!["smtp.oauth_refresh_token", "smtp.connect"]);
    }
}
