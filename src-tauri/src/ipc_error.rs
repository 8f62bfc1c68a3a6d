//! The one error shape that crosses IPC, and the one place that decides which code each
//! domain error gets. The UI switches on `code`, shows `message` through Fluent and
//! highlights `fields`; it never parses text. `detail` is for the log and a "details"
//! disclosure, never for secrets (domain errors carry `Sensitive` values, whose Display is
//! `<redacted>`).
//!
//! Every `From<DomainError>` below is an exhaustive `match` without a catch-all arm: a new
//! variant in a domain crate does not compile until someone decides here what the UI does
//! with it. Commands never pick a code themselves.

use serde::Serialize;
use switchboard_channels::ChannelError;
use switchboard_core::{FieldMsg, Msg};
use switchboard_store::{OpenFailure, StoreError};
use switchboard_vault::{KeychainError, VaultError};
use ts_rs::TS;

/// Add a code only when the UI does something different for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// A bug or an unexpected failure; the message says so and the log has the rest.
    Internal,
    /// Some inputs are wrong: see `fields`.
    InvalidInput,
    /// The user cancelled.
    Cancelled,
    /// A file could not be read or written.
    Io,
    /// The OS keychain is unreachable or locked: secrets cannot be saved.
    KeychainUnavailable,
    /// The channel (or other record) is gone: the editor closes it.
    NotFound,
    /// The local database cannot be opened; the message says why and what to do, and the
    /// UI offers to restore the newest automatic backup.
    StoreUnavailable,
    /// Another process (the CLI, a second window) held the database longer than the busy
    /// timeout. Nothing is damaged: trying again works, restoring a backup must not be
    /// offered.
    Busy,
    /// A sign-in needs a provider app that is not configured: the UI links to Settings.
    OauthAppMissing,
    /// The connection's grant is gone: the UI offers Re-authorize.
    OauthReauthorize,
    /// A sign-in failed otherwise (denied, timed out, provider unreachable).
    OauthFailed,
    /// The platform failed or could not be reached (network, TLS, timeout, 5xx, rate
    /// limit, an answer it does not document): retrying later may help.
    Remote,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: Msg,
    pub fields: Vec<FieldMsg>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: Msg) -> Self {
        IpcError {
            code,
            message,
            fields: Vec::new(),
            detail: None,
        }
    }

    pub fn with_fields(mut self, fields: Vec<FieldMsg>) -> Self {
        self.fields = fields;
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// An unexpected failure: logged in full, shown as a generic message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        let detail = detail.to_string();
        tracing::error!(%detail, "internal error");
        IpcError::new(ErrorCode::Internal, Msg::new("err-internal")).with_detail(detail)
    }

    pub fn cancelled() -> Self {
        IpcError::new(ErrorCode::Cancelled, Msg::new("err-cancelled"))
    }

    /// Restoring a backup was asked for while the database opens normally.
    pub fn store_is_fine() -> Self {
        IpcError::new(ErrorCode::InvalidInput, Msg::new("err-store-is-fine"))
    }

    /// The preferences file could not be written.
    pub fn prefs_not_saved(path: &std::path::Path, e: &std::io::Error) -> Self {
        IpcError::new(
            ErrorCode::Io,
            Msg::new("err-prefs-save")
                .arg("path", path.display().to_string())
                .arg("reason", e.to_string()),
        )
    }

    /// A section of the mail settings on screen cannot be read for a test (a wrong type in
    /// a field): the section is highlighted.
    pub fn mail_section_unreadable(section: String, e: &serde_json::Error) -> Self {
        IpcError::new(ErrorCode::InvalidInput, Msg::new("err-invalid-input"))
            .with_fields(vec![FieldMsg::new(
                section,
                Msg::new("err-mail-settings-unreadable"),
            )])
            .with_detail(e.to_string())
    }

    /// A domain error with its code: the message is the domain's own, the detail its
    /// Display (for the log and the disclosure). Internal errors are logged here, once.
    fn domain(code: ErrorCode, message: Msg, detail: String) -> Self {
        if code == ErrorCode::Internal {
            tracing::error!(%detail, "internal error");
        }
        IpcError::new(code, message).with_detail(detail)
    }
}

impl From<switchboard_doctor::Cancelled> for IpcError {
    fn from(_: switchboard_doctor::Cancelled) -> Self {
        IpcError::cancelled()
    }
}

impl From<KeychainError> for IpcError {
    fn from(e: KeychainError) -> Self {
        let code = match e {
            KeychainError::Unavailable { .. }
            | KeychainError::Locked { .. }
            | KeychainError::Mismatch
            | KeychainError::Other { .. } => ErrorCode::KeychainUnavailable,
        };
        IpcError::domain(code, e.msg(), e.to_string())
    }
}

impl From<VaultError> for IpcError {
    fn from(e: VaultError) -> Self {
        let code = match e {
            VaultError::Keychain(k) => return k.into(),
            // The message asks to enter the secret again; the cause belongs in the log.
            VaultError::Tampered | VaultError::Format => ErrorCode::Internal,
        };
        IpcError::domain(code, e.msg(), e.to_string())
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match e {
            StoreError::NotFound(_)
            | StoreError::RevisionNotFound(_)
            | StoreError::BatchNotFound(_)
            | StoreError::AccountNotFound(_)
            | StoreError::BackupNotFound => ErrorCode::NotFound,
            StoreError::BatchAlreadyUndone(_) | StoreError::BadPath(_) => ErrorCode::InvalidInput,
            StoreError::NewerDatabase { .. } => ErrorCode::StoreUnavailable,
            StoreError::Busy => ErrorCode::Busy,
            // The message says what is wrong with the disk or folder and what to do.
            StoreError::Io { .. } | StoreError::ReadOnly | StoreError::DiskFull => ErrorCode::Io,
            StoreError::NoDatabaseFile | StoreError::Corrupt(_) | StoreError::Sqlite(_) => {
                ErrorCode::Internal
            }
        };
        IpcError::domain(code, e.msg(), e.to_string())
    }
}

/// The database could not be opened. Every cause but a busy file offers the backups; a
/// busy file is healthy, and restoring over it would put an older copy in its place.
impl From<Box<OpenFailure>> for IpcError {
    fn from(failure: Box<OpenFailure>) -> Self {
        let code = match failure.error {
            StoreError::Busy => ErrorCode::Busy,
            // Not damage: no backup to offer; the message says what to do.
            StoreError::ReadOnly | StoreError::DiskFull => ErrorCode::Io,
            StoreError::NotFound(_)
            | StoreError::RevisionNotFound(_)
            | StoreError::BatchNotFound(_)
            | StoreError::AccountNotFound(_)
            | StoreError::BatchAlreadyUndone(_)
            | StoreError::BackupNotFound
            | StoreError::NoDatabaseFile
            | StoreError::NewerDatabase { .. }
            | StoreError::BadPath(_)
            | StoreError::Corrupt(_)
            | StoreError::Io { .. }
            | StoreError::Sqlite(_) => ErrorCode::StoreUnavailable,
        };
        tracing::error!(path = %failure.path.display(), error = ?failure, "database unavailable");
        IpcError::new(code, failure.msg()).with_detail(failure.to_string())
    }
}

impl From<ChannelError> for IpcError {
    fn from(e: ChannelError) -> Self {
        let code = match e {
            ChannelError::Store(s) => return s.into(),
            ChannelError::Vault(v) => return v.into(),
            ChannelError::UnknownKind(_) | ChannelError::NotASecret(_) => ErrorCode::InvalidInput,
            ChannelError::Io { .. } => ErrorCode::Io,
            ChannelError::Invalid { path, id } => {
                return IpcError::new(ErrorCode::InvalidInput, Msg::new("err-invalid-input"))
                    .with_fields(vec![FieldMsg::new(path, Msg::new(id))])
            }
            ChannelError::InvalidAccount(fields) => {
                return IpcError::new(
                    ErrorCode::InvalidInput,
                    Msg::new("platform-account-invalid"),
                )
                .with_fields(fields)
            }
            ChannelError::NoToken => {
                let msg = Msg::new("platform-account-no-token");
                return IpcError::new(ErrorCode::InvalidInput, msg.clone())
                    .with_fields(vec![FieldMsg::new("token", msg)]);
            }
        };
        IpcError::domain(code, e.msg(), e.to_string())
    }
}

impl From<switchboard_oauth::OAuthError> for IpcError {
    fn from(e: switchboard_oauth::OAuthError) -> Self {
        let code = match e.code() {
            "cancelled" => ErrorCode::Cancelled,
            "oauth_app_missing" => ErrorCode::OauthAppMissing,
            "oauth_reauthorize" => ErrorCode::OauthReauthorize,
            _ => ErrorCode::OauthFailed,
        };
        // The detail names the cause (never a token: they travel as `Sensitive`).
        tracing::warn!(error = %e, "sign-in failed");
        IpcError::new(code, e.msg()).with_detail(e.to_string())
    }
}

impl From<switchboard_channels::OAuthOrChannel> for IpcError {
    fn from(e: switchboard_channels::OAuthOrChannel) -> Self {
        match e {
            switchboard_channels::OAuthOrChannel::OAuth(e) => e.into(),
            switchboard_channels::OAuthOrChannel::Channel(e) => e.into(),
        }
    }
}
impl From<switchboard_sync::SyncError> for IpcError {
    fn from(e: switchboard_sync::SyncError) -> Self {
        use switchboard_sync::SyncError as S;
        match e {
            S::Api(api) => IpcError::from(api),
            S::Channel(c) => IpcError::from(c),
            S::Store(s) => IpcError::from(s),
            S::PlanStale | S::PlanTampered | S::BaseUrl(_) => {
                IpcError::new(ErrorCode::InvalidInput, e.msg())
            }
            S::Join(detail) => IpcError::internal(detail),
        }
    }
}

impl From<switchboard_platform::ApiError> for IpcError {
    fn from(e: switchboard_platform::ApiError) -> Self {
        use switchboard_platform::ApiError as A;
        let code = match &e {
            A::Cancelled => ErrorCode::Cancelled,
            A::Unauthorized | A::Forbidden | A::Validation { .. } => ErrorCode::InvalidInput,
            A::NotFoundOrHidden { .. } => ErrorCode::NotFound,
            A::RateLimited
            | A::Server { .. }
            | A::Network { .. }
            | A::Timeout { .. }
            | A::Tls { .. }
            | A::Decode { .. } => ErrorCode::Remote,
        };
        let fields = e
            .field()
            .map(|f| vec![FieldMsg::new(f, e.msg())])
            .unwrap_or_default();
        IpcError::new(code, e.msg())
            .with_fields(fields)
            .with_detail(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_the_documented_envelope() {
        let e = IpcError::new(ErrorCode::InvalidInput, Msg::new("err-invalid-input")).with_fields(
            vec![FieldMsg::new(
                "imap.port",
                Msg::new("err-number-range").arg("min", 1).arg("max", 65535),
            )],
        );
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "code": "invalid_input",
                "message": {"id": "err-invalid-input"},
                "fields": [{"path": "imap.port", "message": {"id": "err-number-range", "args": {"min": 1.0, "max": 65535.0}}}]
            })
        );
    }

    #[test]
    fn keychain_errors_keep_their_code_and_hint() {
        let e: IpcError = KeychainError::Unavailable {
            cause: "no dbus".into(),
        }
        .into();
        assert_eq!(e.code, ErrorCode::KeychainUnavailable);
        assert_eq!(e.message.id, "err-keychain-unavailable");
    }

    fn store_error(variant: &str) -> StoreError {
        match variant {
            "NotFound" => StoreError::NotFound("c1".into()),
            "RevisionNotFound" => StoreError::RevisionNotFound(7),
            "BatchNotFound" => StoreError::BatchNotFound("b1".into()),
            "BatchAlreadyUndone" => StoreError::BatchAlreadyUndone("b1".into()),
            "BackupNotFound" => StoreError::BackupNotFound,
            "NoDatabaseFile" => StoreError::NoDatabaseFile,
            "NewerDatabase" => StoreError::NewerDatabase {
                found: 9,
                supported: 1,
            },
            "Busy" => StoreError::Busy,
            "BadPath" => StoreError::BadPath("kind".into()),
            "Corrupt" => StoreError::Corrupt("bad json".into()),
            "Io" => StoreError::Io {
                path: "/x".into(),
                reason: "denied".into(),
            },
            "Sqlite" => StoreError::Sqlite(rusqlite_error()),
            other => panic!("unknown variant {other}"),
        }
    }

    /// A plain SQLite failure, made the way the store meets one (a syntax error).
    fn rusqlite_error() -> rusqlite::Error {
        rusqlite::Connection::open_in_memory()
            .unwrap()
            .execute_batch("NOT SQL")
            .unwrap_err()
    }

    /// What the UI receives for every store error, whether it comes straight from the
    /// store or through the channel service (the path every channel command takes).
    #[test]
    fn every_store_error_reaches_the_ui_with_its_code_and_message() {
        let expected = [
            ("NotFound", ErrorCode::NotFound, "store-err-not-found"),
            (
                "RevisionNotFound",
                ErrorCode::NotFound,
                "store-err-revision-not-found",
            ),
            (
                "BatchNotFound",
                ErrorCode::NotFound,
                "store-err-batch-not-found",
            ),
            (
                "BatchAlreadyUndone",
                ErrorCode::InvalidInput,
                "store-err-batch-undone",
            ),
            (
                "BackupNotFound",
                ErrorCode::NotFound,
                "store-err-backup-not-found",
            ),
            (
                "NoDatabaseFile",
                ErrorCode::Internal,
                "store-err-no-database-file",
            ),
            (
                "NewerDatabase",
                ErrorCode::StoreUnavailable,
                "store-err-newer-database",
            ),
            ("Busy", ErrorCode::Busy, "store-err-busy"),
            ("BadPath", ErrorCode::InvalidInput, "store-err-bad-path"),
            ("Corrupt", ErrorCode::Internal, "store-err-corrupt"),
            ("Io", ErrorCode::Io, "err-io"),
            ("Sqlite", ErrorCode::Internal, "store-err-database"),
        ];
        for (variant, code, id) in expected {
            let direct: IpcError = store_error(variant).into();
            assert_eq!(direct.code, code, "{variant} straight from the store");
            assert_eq!(direct.message.id, id, "{variant}");
            assert!(
                direct.detail.is_some(),
                "{variant} keeps its detail for the log"
            );
            let wire = serde_json::to_value(&direct).unwrap();
            assert_eq!(
                wire["code"],
                serde_json::to_value(code).unwrap(),
                "{variant} on the wire"
            );
            let via_service: IpcError = ChannelError::Store(store_error(variant)).into();
            assert_eq!(
                via_service.code, code,
                "{variant} through the channel service"
            );
            assert_eq!(via_service.message.id, id, "{variant} through the service");
        }
    }

    #[test]
    fn channel_and_vault_errors_reach_the_ui_with_their_codes() {
        let cases: Vec<(ChannelError, ErrorCode, &str)> = vec![
            (
                ChannelError::UnknownKind("fax".into()),
                ErrorCode::InvalidInput,
                "err-unknown-kind",
            ),
            (
                ChannelError::NotASecret("imap.host".into()),
                ErrorCode::InvalidInput,
                "err-not-a-secret",
            ),
            (
                ChannelError::Io {
                    path: "/x.json".into(),
                    reason: "denied".into(),
                },
                ErrorCode::Io,
                "err-io",
            ),
            (
                ChannelError::Vault(VaultError::Keychain(KeychainError::Locked {
                    cause: "locked".into(),
                })),
                ErrorCode::KeychainUnavailable,
                "err-keychain-locked",
            ),
            (
                ChannelError::Vault(VaultError::Tampered),
                ErrorCode::Internal,
                "vault-err-open-failed",
            ),
            (
                ChannelError::Vault(VaultError::Format),
                ErrorCode::Internal,
                "vault-err-format",
            ),
        ];
        for (error, code, id) in cases {
            let label = format!("{error:?}");
            let e: IpcError = error.into();
            assert_eq!(e.code, code, "{label}");
            assert_eq!(e.message.id, id, "{label}");
        }
        for k in [
            KeychainError::Unavailable { cause: "x".into() },
            KeychainError::Locked { cause: "x".into() },
            KeychainError::Mismatch,
            KeychainError::Other { cause: "x".into() },
        ] {
            let e: IpcError = k.into();
            assert_eq!(e.code, ErrorCode::KeychainUnavailable);
        }
    }

    /// A database that cannot be opened offers the backups, except when it is only busy:
    /// restoring over a healthy file held by the CLI would replace it with an older copy.
    #[test]
    fn a_busy_database_is_not_offered_a_restore() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("switchboard.sqlite3");
        std::fs::write(&path, b"this is not a database at all, just text....").unwrap();
        let broken: IpcError = switchboard_store::Store::open(&path).err().unwrap().into();
        assert_eq!(broken.code, ErrorCode::StoreUnavailable);
        assert_eq!(broken.message.id, "store-err-open-failed");

        let failure = OpenFailure {
            path: path.clone(),
            error: StoreError::Busy,
            integrity: None,
            backups: Vec::new(),
        };
        let busy: IpcError = Box::new(failure).into();
        assert_eq!(busy.code, ErrorCode::Busy);
        assert_eq!(busy.message.id, "store-err-busy");
    }

    #[test]
    fn shell_situations_have_their_codes() {
        assert_eq!(IpcError::store_is_fine().code, ErrorCode::InvalidInput);
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let e = IpcError::prefs_not_saved(std::path::Path::new("/p.json"), &io);
        assert_eq!(
            (e.code, e.message.id.as_str()),
            (ErrorCode::Io, "err-prefs-save")
        );
        let json = serde_json::from_str::<u16>("\"x\"").unwrap_err();
        let e = IpcError::mail_section_unreadable("imap".into(), &json);
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(e.fields[0].path, "imap");
    }
}
