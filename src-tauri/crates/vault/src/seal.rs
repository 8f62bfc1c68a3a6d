//! Sealing secret values with XChaCha20-Poly1305 before they reach SQLite. The AAD binds
//! a blob to its channel id and field path, so a blob copied to another field or channel
//! fails to open instead of revealing a secret where it does not belong. The random
//! 192-bit nonce makes nonce reuse a non-issue without any counter state.
//!
//! Blob layout: `[version = 1][nonce: 24 bytes][ciphertext + 16-byte tag]`.

use crate::key::{KeySource, MasterKey};
use crate::keychain::KeychainError;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use std::sync::Mutex;
use switchboard_core::{Msg, Sensitive};

const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
const AAD_DOMAIN: &[u8] = b"switchboard.secret.v1\0";

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    /// Wrong key, altered blob, or a blob moved to another channel/field.
    #[error("sealed secret failed authentication")]
    Tampered,
    #[error("sealed secret has an unknown format")]
    Format,
}

impl VaultError {
    pub fn msg(&self) -> Msg {
        match self {
            VaultError::Keychain(e) => e.msg(),
            VaultError::Tampered => Msg::new("vault-err-open-failed"),
            VaultError::Format => Msg::new("vault-err-format"),
        }
    }
}

/// Seals and opens secret values. The key is fetched lazily on first use and then kept
/// for the life of the vault, so an unreachable keychain only matters when a secret is
/// actually saved or used, and a failure is retried next time.
pub struct Vault {
    source: Box<dyn KeySource>,
    key: Mutex<Option<MasterKey>>,
}

fn aad(channel_id: &str, path: &str) -> Vec<u8> {
    let mut a = Vec::with_capacity(AAD_DOMAIN.len() + channel_id.len() + path.len() + 1);
    a.extend_from_slice(AAD_DOMAIN);
    a.extend_from_slice(channel_id.as_bytes());
    a.push(0);
    a.extend_from_slice(path.as_bytes());
    a
}

impl Vault {
    pub fn new(source: impl KeySource + 'static) -> Self {
        Vault {
            source: Box::new(source),
            key: Mutex::new(None),
        }
    }

    fn cipher(&self) -> Result<XChaCha20Poly1305, VaultError> {
        let mut slot = self.key.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(self.source.master_key()?);
        }
        let key = slot.as_ref().expect("set above");
        Ok(XChaCha20Poly1305::new(Key::from_slice(key.bytes())))
    }

    /// Whether secrets can be saved now (fetches or creates the key).
    pub fn check(&self) -> Result<(), VaultError> {
        self.cipher().map(|_| ())
    }

    pub fn seal(
        &self,
        channel_id: &str,
        path: &str,
        secret: &Sensitive<String>,
    ) -> Result<Vec<u8>, VaultError> {
        let cipher = self.cipher()?;
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| KeychainError::Other {
            cause: e.to_string(),
        })?;
        let aad = aad(channel_id, path);
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: secret.expose().as_bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| VaultError::Format)?;
        let mut blob = Vec::with_capacity(1 + NONCE_LEN + ct.len());
        blob.push(VERSION);
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ct);
        tracing::debug!(channel = %channel_id, path, "secret sealed");
        Ok(blob)
    }

    pub fn open(
        &self,
        channel_id: &str,
        path: &str,
        blob: &[u8],
    ) -> Result<Sensitive<String>, VaultError> {
        if blob.len() < 1 + NONCE_LEN + 16 || blob[0] != VERSION {
            return Err(VaultError::Format);
        }
        let cipher = self.cipher()?;
        let (nonce, ct) = blob[1..].split_at(NONCE_LEN);
        let aad = aad(channel_id, path);
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .map_err(|_| VaultError::Tampered)?;
        String::from_utf8(plain)
            .map(Sensitive::new)
            .map_err(|_| VaultError::Format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::MemoryKeySource;

    fn vault() -> Vault {
        Vault::new(MemoryKeySource::random())
    }

    fn s(v: &str) -> Sensitive<String> {
        Sensitive::new(v.to_owned())
    }

    #[test]
    fn seals_and_opens() {
        let v = vault();
        let blob = v.seal("ch-1", "imap.password", &s("hunter2")).unwrap();
        assert!(
            !blob.windows(7).any(|w| w == b"hunter2"),
            "ciphertext hides the value"
        );
        assert_eq!(
            v.open("ch-1", "imap.password", &blob).unwrap().expose(),
            "hunter2"
        );
    }

    #[test]
    fn two_seals_of_one_value_differ() {
        let v = vault();
        assert_ne!(
            v.seal("c", "p", &s("same")).unwrap(),
            v.seal("c", "p", &s("same")).unwrap()
        );
    }

    #[test]
    fn a_blob_moved_to_another_field_or_channel_does_not_open() {
        let v = vault();
        let blob = v.seal("ch-1", "imap.password", &s("pw")).unwrap();
        assert!(matches!(
            v.open("ch-1", "smtp.password", &blob),
            Err(VaultError::Tampered)
        ));
        assert!(matches!(
            v.open("ch-2", "imap.password", &blob),
            Err(VaultError::Tampered)
        ));
        // the separator keeps ("a", "b.c") and ("a\0b", "c")-style splits apart
        assert!(matches!(
            v.open("ch-1imap", ".password", &blob),
            Err(VaultError::Tampered)
        ));
    }

    #[test]
    fn altered_blobs_and_other_keys_fail() {
        let v = vault();
        let mut blob = v.seal("c", "p", &s("pw")).unwrap();
        assert!(matches!(
            vault().open("c", "p", &blob),
            Err(VaultError::Tampered)
        ));
        let last = blob.len() - 1;
        blob[last] ^= 1;
        assert!(matches!(v.open("c", "p", &blob), Err(VaultError::Tampered)));
        assert!(matches!(
            v.open("c", "p", &blob[..10]),
            Err(VaultError::Format)
        ));
        blob[0] = 9;
        let e = v.open("c", "p", &blob).unwrap_err();
        assert_eq!(e.msg().id, "vault-err-format");
    }

    struct NoKeychain;
    impl KeySource for NoKeychain {
        fn master_key(&self) -> Result<MasterKey, KeychainError> {
            Err(
                keyring::Error::PlatformFailure("org.freedesktop.DBus.Error.NoServer".into())
                    .into(),
            )
        }
    }

    #[test]
    fn without_a_keychain_sealing_fails_with_a_localized_cause_and_fix() {
        let v = Vault::new(NoKeychain);
        let e = v.seal("c", "p", &s("pw")).unwrap_err();
        let m = e.msg();
        assert_eq!(m.id, "err-keychain-unavailable");
        assert!(
            matches!(&m.args["cause"], switchboard_core::Arg::Str(c) if c.contains("NoServer"))
        );
        assert!(m.args.contains_key("hint"));
        assert!(v.check().is_err());
    }
}
