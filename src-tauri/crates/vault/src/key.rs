//! The master key: 256 random bits, created on first use and kept in the OS keychain.
//! Where it comes from is a `KeySource`, so unit tests use an in-memory key while the
//! harness tests the real keychain (tests/keychain.rs).

use crate::keychain::KeychainError;
use std::fmt;
use zeroize::Zeroize;

pub const KEY_LEN: usize = 32;
/// The keychain account under the vault's service name.
pub const MASTER_KEY_ACCOUNT: &str = "master-key";

/// Zeroed on drop; never printed.
#[derive(Clone)]
pub struct MasterKey([u8; KEY_LEN]);

impl MasterKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        MasterKey(bytes)
    }

    pub fn random() -> Result<Self, KeychainError> {
        let mut k = [0u8; KEY_LEN];
        getrandom::fill(&mut k).map_err(|e| KeychainError::Other {
            cause: e.to_string(),
        })?;
        Ok(MasterKey(k))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.len() != KEY_LEN * 2 || !s.is_ascii() {
            return None;
        }
        let mut k = [0u8; KEY_LEN];
        for (i, b) in k.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(MasterKey(k))
    }
}

impl Drop for MasterKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(switchboard_core::sensitive::REDACTED)
    }
}

/// Where the master key comes from.
pub trait KeySource: Send + Sync {
    /// The key, created if this is the first use. Blocking (the keychain may prompt).
    fn master_key(&self) -> Result<MasterKey, KeychainError>;
}

/// A fixed key held in memory (tests, previews).
pub struct MemoryKeySource(MasterKey);

impl MemoryKeySource {
    pub fn new(key: MasterKey) -> Self {
        MemoryKeySource(key)
    }

    pub fn random() -> Self {
        MemoryKeySource(MasterKey::random().expect("OS random source"))
    }
}

impl KeySource for MemoryKeySource {
    fn master_key(&self) -> Result<MasterKey, KeychainError> {
        Ok(self.0.clone())
    }
}

/// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) under
/// `service_name(app_id)`, account `master-key`, stored as hex text (the one format
/// every backend accepts).
pub struct KeychainKeySource {
    service: String,
}

impl KeychainKeySource {
    pub fn new(service: impl Into<String>) -> Self {
        KeychainKeySource {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self) -> Result<keyring::Entry, KeychainError> {
        Ok(keyring::Entry::new(&self.service, MASTER_KEY_ACCOUNT)?)
    }

    /// Removes the master key: every sealed secret becomes unreadable. For tests and a
    /// deliberate "forget all secrets".
    pub fn delete(&self) -> Result<(), KeychainError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Serializes "read or create the master key" between processes of this user (the app and
/// the CLI, or parallel tests): without it two first uses can each write a key, and the
/// secrets sealed with the overwritten one are lost. The lock is released on drop.
fn creation_lock(service: &str) -> Option<std::fs::File> {
    let name: String = service
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = std::env::temp_dir().join(format!("{name}.master-key.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .ok()?;
    // Best effort: a filesystem without locks leaves only the read-back below.
    file.lock().ok()?;
    Some(file)
}

impl KeySource for KeychainKeySource {
    fn master_key(&self) -> Result<MasterKey, KeychainError> {
        let entry = self.entry()?;
        let _lock = creation_lock(&self.service);
        match entry.get_password() {
            Ok(text) => MasterKey::from_hex(&text).ok_or_else(|| KeychainError::Other {
                // Never overwritten: a malformed entry may still be someone's key.
                cause: format!(
                    "the entry {}/{MASTER_KEY_ACCOUNT} is not a Switchboard key",
                    self.service
                ),
            }),
            Err(keyring::Error::NoEntry) => {
                let key = MasterKey::random()?;
                entry.set_password(&key.to_hex())?;
                // Read back: proves the keychain really stored it, and if another process
                // created a key at the same moment, both end up using the stored one.
                let stored = entry.get_password()?;
                tracing::info!(service = %self.service, "vault master key created");
                MasterKey::from_hex(&stored).ok_or(KeychainError::Mismatch)
            }
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_garbage() {
        let k = MasterKey::random().unwrap();
        let back = MasterKey::from_hex(&k.to_hex()).unwrap();
        assert_eq!(back.bytes(), k.bytes());
        assert!(MasterKey::from_hex("abc").is_none());
        assert!(MasterKey::from_hex(&"zz".repeat(32)).is_none());
    }

    #[test]
    fn the_key_never_prints() {
        let k = MasterKey::from_bytes([0xab; KEY_LEN]);
        assert_eq!(format!("{k:?}"), "<redacted>");
    }
}
