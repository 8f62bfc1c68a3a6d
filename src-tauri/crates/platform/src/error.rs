//! What can go wrong talking to the platform, typed so that callers decide by kind (retry,
//! pause, stop, report) and the user reads a message that names the cause and the fix.

use switchboard_core::Msg;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 401: the token is missing, wrong, expired or revoked.
    #[error("unauthorized")]
    Unauthorized,
    /// 403: the token's user lacks the permission for this operation.
    #[error("forbidden")]
    Forbidden,
    /// 404: no such record, OR the token may not read it (the platform does not say which).
    /// Never read as a deletion.
    #[error("not found or hidden: {path}")]
    NotFoundOrHidden { path: String },
    /// 422 with the server's own message.
    #[error("rejected by the platform: {message}")]
    Validation { message: String },
    /// 429 past the bounded number of pauses.
    #[error("rate limited")]
    RateLimited,
    /// 5xx, or another status the API does not document.
    #[error("server error {status}")]
    Server { status: u16 },
    /// The connection failed or broke. `connect` is true when it never opened, which
    /// proves the request never reached the server (a PUT may then be sent again).
    #[error("network: {detail}")]
    Network { connect: bool, detail: String },
    #[error("timed out after {secs} s")]
    Timeout { secs: u64 },
    /// The TLS handshake failed (certificate, protocol).
    #[error("TLS: {detail}")]
    Tls { detail: String },
    /// The answer is not what the API documents (not JSON, wrong shape, too large).
    #[error("unexpected answer: {detail}")]
    Decode { detail: String },
    #[error("cancelled")]
    Cancelled,
}

impl ApiError {
    /// The message the user reads (Fluent id + args), naming what to check.
    pub fn msg(&self) -> Msg {
        match self {
            ApiError::Unauthorized => Msg::new("platform-err-unauthorized"),
            ApiError::Forbidden => Msg::new("platform-err-forbidden"),
            ApiError::NotFoundOrHidden { .. } => Msg::new("platform-err-not-found-or-hidden"),
            ApiError::Validation { message } => {
                Msg::new("platform-err-validation").arg("message", message.as_str())
            }
            ApiError::RateLimited => Msg::new("platform-err-rate-limited"),
            ApiError::Server { status } => {
                Msg::new("platform-err-server").arg("status", *status as i64)
            }
            ApiError::Network { .. } => Msg::new("platform-err-network"),
            ApiError::Timeout { secs } => {
                Msg::new("platform-err-timeout").arg("secs", *secs as i64)
            }
            ApiError::Tls { .. } => Msg::new("platform-err-tls"),
            ApiError::Decode { .. } => Msg::new("platform-err-decode"),
            ApiError::Cancelled => Msg::new("platform-err-cancelled"),
        }
    }

    /// The account setting the user should look at, when one is to blame.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ApiError::Unauthorized | ApiError::Forbidden => Some("token"),
            ApiError::Network { .. } | ApiError::Tls { .. } | ApiError::Timeout { .. } => {
                Some("base_url")
            }
            _ => None,
        }
    }

    /// Whether sending the same request again can help and is safe.
    pub(crate) fn retryable(&self, idempotent: bool) -> bool {
        match self {
            ApiError::Network { connect: true, .. } => true,
            ApiError::Network { .. } | ApiError::Timeout { .. } => idempotent,
            ApiError::Server { status } => idempotent && *status >= 500,
            _ => false,
        }
    }
}
