//! The one error shape that crosses IPC. The UI switches on `code`, shows `message` through
//! Fluent and highlights `fields`; it never parses text. `detail` is for the log and a
//! "details" disclosure, never for secrets (domain errors carry `Sensitive` values, whose
//! Display is `<redacted>`).

use serde::Serialize;
use switchboard_core::{FieldMsg, Msg};
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
    /// The local database cannot be opened; the message says why and what to do.
    StoreUnavailable,
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
}

impl From<switchboard_vault::KeychainError> for IpcError {
    fn from(e: switchboard_vault::KeychainError) -> Self {
        IpcError::new(ErrorCode::KeychainUnavailable, e.msg()).with_detail(e.to_string())
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
        let e: IpcError = switchboard_vault::KeychainError::Unavailable {
            cause: "no dbus".into(),
        }
        .into();
        assert_eq!(e.code, ErrorCode::KeychainUnavailable);
        assert_eq!(e.message.id, "err-keychain-unavailable");
    }
}
