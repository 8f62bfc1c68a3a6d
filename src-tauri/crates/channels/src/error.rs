//! What can go wrong in the editor's engine, each with a message a person can act on.

use switchboard_core::Msg;

#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[error("unknown channel kind {0:?}")]
    UnknownKind(String),
    #[error("{0} is not a secret setting of this channel")]
    NotASecret(String),
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    /// An account's settings, each problem naming its field.
    #[error("invalid account settings")]
    InvalidAccount(Vec<switchboard_core::FieldMsg>),
    /// The account has no API token in the vault yet.
    #[error("no API token")]
    NoToken,
    #[error(transparent)]
    Store(#[from] switchboard_store::StoreError),
    #[error(transparent)]
    Vault(#[from] switchboard_vault::VaultError),
    /// A value the user typed is not acceptable; `path` names the field.
    #[error("{path}: {id}")]
    Invalid { path: String, id: &'static str },
}

impl ChannelError {
    pub fn msg(&self) -> Msg {
        match self {
            ChannelError::UnknownKind(k) => Msg::new("err-unknown-kind").arg("kind", k.as_str()),
            ChannelError::NotASecret(p) => Msg::new("err-not-a-secret").arg("path", p.as_str()),
            ChannelError::Io { path, reason } => Msg::new("err-io")
                .arg("path", path.as_str())
                .arg("reason", reason.as_str()),
            ChannelError::InvalidAccount(_) => Msg::new("platform-account-invalid"),
            ChannelError::NoToken => Msg::new("platform-account-no-token"),
            ChannelError::Store(e) => e.msg(),
            ChannelError::Vault(e) => e.msg(),
            ChannelError::Invalid { id, .. } => Msg::new(*id),
        }
    }
}
