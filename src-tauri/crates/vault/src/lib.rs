//! The vault keeps secrets out of plain sight. The OS keychain (Secret Service, macOS
//! Keychain, Windows Credential Manager) is reached through `keyring` and holds one thing:
//! the 256-bit master key, under a service name derived from the app identifier so test
//! builds never touch a user's secrets. Secret values are sealed with it
//! (XChaCha20-Poly1305) and only the sealed blobs are stored (switchboard-store).

pub mod key;
pub mod keychain;
pub mod seal;

pub use key::{KeySource, KeychainKeySource, MasterKey, MemoryKeySource};
pub use keychain::{probe, service_name, KeychainError};
pub use seal::{Vault, VaultError};

/// The vault of an app identifier, backed by the OS keychain.
pub fn for_app(app_id: &str) -> Vault {
    Vault::new(KeychainKeySource::new(service_name(app_id)))
}
