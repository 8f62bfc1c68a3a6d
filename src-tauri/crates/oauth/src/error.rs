//! What can go wrong in a sign-in or a refresh, as data. Each variant maps to one Fluent
//! message; `needs_reauthorization` tells the caller when only a new sign-in can help
//! (the grant is gone), as opposed to a blip worth retrying.

use switchboard_core::Msg;

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// Another sign-in holds the loopback listener.
    #[error("another sign-in is in progress")]
    Busy,
    #[error("could not listen on the loopback interface: {cause}")]
    Listen { cause: String },
    #[error("could not open the browser: {cause}")]
    Browser { cause: String },
    /// Nobody completed the sign-in in time.
    #[error("sign-in timed out")]
    TimedOut,
    #[error("sign-in cancelled")]
    Cancelled,
    /// The user refused, or the provider answered the authorization with an error.
    #[error("authorization refused: {error}")]
    Denied { error: String },
    /// Only callbacks for another sign-in (wrong `state`) arrived before the end.
    #[error("the callback did not belong to this sign-in")]
    StateMismatch,
    /// The callback named another authorization server (RFC 9207 mix-up defence).
    #[error("the callback came from another issuer")]
    IssuerMismatch,
    /// The grant is no longer valid (revoked, expired, code or refresh token reused).
    #[error("the grant is no longer valid: {detail}")]
    InvalidGrant { detail: String },
    /// The provider refused our client (unknown id, wrong secret).
    #[error("the provider refused the app: {detail}")]
    InvalidClient { detail: String },
    /// Network failure or an unexpected answer: worth retrying.
    #[error("the provider could not be reached: {cause}")]
    Transport { cause: String },
    #[error("no refresh token is stored for this connection")]
    NoRefreshToken,
    #[error("the provider app is not configured: {provider}")]
    AppMissing { provider: String },
    #[error("bad provider address: {cause}")]
    BadUrl { cause: String },
    #[error("token storage failed: {cause}")]
    Store { cause: String },
}

impl OAuthError {
    /// Only a new sign-in can fix this.
    pub fn needs_reauthorization(&self) -> bool {
        matches!(
            self,
            OAuthError::InvalidGrant { .. } | OAuthError::NoRefreshToken
        )
    }

    pub fn msg(&self) -> Msg {
        match self {
            OAuthError::Busy => Msg::new("oauth-err-busy"),
            OAuthError::Listen { cause } => {
                Msg::new("oauth-err-listen").arg("cause", cause.as_str())
            }
            OAuthError::Browser { cause } => {
                Msg::new("oauth-err-browser").arg("cause", cause.as_str())
            }
            OAuthError::TimedOut => Msg::new("oauth-err-timeout"),
            OAuthError::Cancelled => Msg::new("oauth-err-cancelled"),
            OAuthError::Denied { error } => {
                Msg::new("oauth-err-denied").arg("error", error.as_str())
            }
            OAuthError::StateMismatch => Msg::new("oauth-err-state"),
            OAuthError::IssuerMismatch => Msg::new("oauth-err-issuer"),
            OAuthError::InvalidGrant { .. } | OAuthError::NoRefreshToken => {
                Msg::new("oauth-err-reauthorize")
            }
            OAuthError::InvalidClient { detail } => {
                Msg::new("oauth-err-client").arg("detail", detail.as_str())
            }
            OAuthError::Transport { cause } => {
                Msg::new("oauth-err-transport").arg("cause", cause.as_str())
            }
            OAuthError::AppMissing { provider } => {
                Msg::new("oauth-app-missing").arg("provider", provider.as_str())
            }
            OAuthError::BadUrl { cause } => Msg::new("oauth-err-url").arg("cause", cause.as_str()),
            OAuthError::Store { cause } => Msg::new("oauth-err-store").arg("cause", cause.as_str()),
        }
    }

    /// A stable code for the IPC envelope.
    pub fn code(&self) -> &'static str {
        match self {
            OAuthError::Busy => "oauth_busy",
            OAuthError::TimedOut => "oauth_timeout",
            OAuthError::Cancelled => "cancelled",
            OAuthError::Denied { .. } => "oauth_denied",
            OAuthError::InvalidGrant { .. } | OAuthError::NoRefreshToken => "oauth_reauthorize",
            OAuthError::AppMissing { .. } => "oauth_app_missing",
            _ => "oauth_failed",
        }
    }
}

/// Maps oauth2's request errors: the standard error codes decide whether the grant is
/// gone; anything else is a transport problem. Error descriptions from the server are
/// kept (they never hold a token); response bodies are not.
pub(crate) fn from_token_error<RE: std::error::Error + 'static>(
    e: oauth2::RequestTokenError<
        RE,
        oauth2::StandardErrorResponse<oauth2::basic::BasicErrorResponseType>,
    >,
) -> OAuthError {
    use oauth2::basic::BasicErrorResponseType as T;
    match e {
        oauth2::RequestTokenError::ServerResponse(r) => {
            let detail = r
                .error_description()
                .cloned()
                .unwrap_or_else(|| r.error().to_string());
            match r.error() {
                T::InvalidGrant => OAuthError::InvalidGrant { detail },
                T::InvalidClient | T::UnauthorizedClient => OAuthError::InvalidClient { detail },
                _ => OAuthError::Transport { cause: detail },
            }
        }
        oauth2::RequestTokenError::Request(re) => OAuthError::Transport {
            cause: error_chain(&re),
        },
        oauth2::RequestTokenError::Parse(pe, _body) => OAuthError::Transport {
            // Only where it broke: serde's message may quote a value (a token) of the body.
            cause: format!(
                "unexpected answer at {} (line {}, column {})",
                pe.path(),
                pe.inner().line(),
                pe.inner().column()
            ),
        },
        oauth2::RequestTokenError::Other(o) => OAuthError::Transport { cause: o },
    }
}

pub(crate) fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push_str(": ");
        s.push_str(&c.to_string());
        src = c.source();
    }
    s
}
