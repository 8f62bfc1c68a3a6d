//! The vault keeps secrets out of plain sight. The OS keychain (Secret Service, macOS
//! Keychain, Windows Credential Manager) is reached through `keyring`; the service name
//! is derived from the app identifier so test builds never touch a user's secrets.

pub mod keychain;

pub use keychain::{probe, service_name, KeychainError};
