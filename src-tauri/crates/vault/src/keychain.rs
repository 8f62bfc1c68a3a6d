//! Access to the OS keychain, and the mapping of its failures to messages a person can
//! act on (which service is missing, what to start or unlock).

use switchboard_core::Msg;

/// The keychain service under which this app identifier's secrets live.
pub fn service_name(app_id: &str) -> String {
    format!("{app_id}.vault")
}

#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// No keychain service could be reached (no D-Bus session, no Secret Service daemon).
    #[error("no keychain reachable: {cause}")]
    Unavailable { cause: String },
    /// The keychain is there but locked, or it refused access.
    #[error("keychain locked or access refused: {cause}")]
    Locked { cause: String },
    /// The round trip came back with something else than what was written.
    #[error("keychain returned a different value than the one written")]
    Mismatch,
    #[error("keychain error: {cause}")]
    Other { cause: String },
}

impl From<keyring::Error> for KeychainError {
    fn from(e: keyring::Error) -> Self {
        // keyring's own Display can include platform error text but never the secret.
        let cause = e.to_string();
        match e {
            keyring::Error::PlatformFailure(_) => KeychainError::Unavailable { cause },
            keyring::Error::NoStorageAccess(_) => {
                if cause.to_ascii_lowercase().contains("lock") {
                    KeychainError::Locked { cause }
                } else {
                    KeychainError::Unavailable { cause }
                }
            }
            _ => KeychainError::Other { cause },
        }
    }
}

impl KeychainError {
    /// The localized explanation, with a fix hint for this platform.
    pub fn msg(&self) -> Msg {
        match self {
            KeychainError::Locked { .. } => Msg::new("err-keychain-locked"),
            KeychainError::Unavailable { cause } | KeychainError::Other { cause } => {
                Msg::new("err-keychain-unavailable")
                    .arg("cause", short(cause))
                    .arg("hint", platform_hint())
            }
            KeychainError::Mismatch => Msg::new("err-keychain-unavailable")
                .arg("cause", "round trip mismatch")
                .arg("hint", platform_hint()),
        }
    }
}

/// This platform's fix hint, a nested message.
fn platform_hint() -> Msg {
    if cfg!(target_os = "macos") {
        Msg::new("err-keychain-hint-macos")
    } else if cfg!(windows) {
        Msg::new("err-keychain-hint-windows")
    } else {
        Msg::new("err-keychain-hint-linux")
    }
}

fn short(cause: &str) -> String {
    cause
        .lines()
        .next()
        .unwrap_or(cause)
        .chars()
        .take(160)
        .collect()
}

/// Writes a random value under a probe entry, reads it back and deletes it: the only
/// honest answer to "is the keychain usable?". Blocking: call from a blocking thread.
pub fn probe(service: &str) -> Result<(), KeychainError> {
    let entry = keyring::Entry::new(service, "switchboard-probe")?;
    let mut raw = [0u8; 16];
    getrandom::fill(&mut raw).map_err(|e| KeychainError::Other {
        cause: e.to_string(),
    })?;
    let value: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    entry.set_password(&value)?;
    let back = entry.get_password();
    let _ = entry.delete_credential();
    if back? != value {
        return Err(KeychainError::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_name_follows_the_app_identifier() {
        assert_eq!(
            service_name("com.switchboard.desktop"),
            "com.switchboard.desktop.vault"
        );
        assert_ne!(
            service_name("com.switchboard.test"),
            service_name("com.switchboard.desktop")
        );
    }

    #[test]
    fn platform_failures_map_to_an_actionable_message() {
        let e: KeychainError =
            keyring::Error::PlatformFailure("org.freedesktop.DBus.Error.ServiceUnknown".into())
                .into();
        assert!(matches!(e, KeychainError::Unavailable { .. }));
        let m = e.msg();
        assert_eq!(m.id, "err-keychain-unavailable");
        assert!(m.args.contains_key("hint"));
    }

    /// Runs against the real Secret Service started by the test harness
    /// (tests/support/with-keyring.sh); skipped with a note when there is none, so plain
    /// `cargo test` works on a laptop too.
    #[test]
    fn round_trip_against_the_real_keychain() {
        if std::env::var_os("SWITCHBOARD_TEST_KEYRING").is_none() {
            eprintln!("skipped: set SWITCHBOARD_TEST_KEYRING=1 inside a keyring session");
            return;
        }
        probe(&service_name("com.switchboard.test.unit")).expect("keychain round trip");
    }
}
