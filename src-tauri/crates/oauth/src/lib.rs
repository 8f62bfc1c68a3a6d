//! Sign-in to the providers the platform's channels need ("Continue with Google", …),
//! without Tauri: the desktop shell and the CLI both drive it.
//!
//! - `provider`: the registry (endpoints, scopes per use, app requirements).
//! - `flow`: authorization code + PKCE (S256) over an RFC 8252 loopback redirect on
//!   127.0.0.1, one listener at a time, 5-minute timeout, cancellable; refresh serialized
//!   per grant with rotated refresh tokens stored before use.
//! - `health`: OK / expires soon / needs re-authorization, with a failure threshold.
//! - `oauth1`: Twitter/X's OAuth 1.0a three-legged sign-in (loopback callback or PIN).
//! - `facebook`: Facebook's desktop flow (the shell's login window stops at
//!   `login_success.html`) and the Graph calls after it (long-lived token, page picker).
//!
//! Tokens only ever travel as `Sensitive<String>`; the caller seals them in the vault.

pub mod app;
pub mod error;
pub mod facebook;
pub mod flow;
pub mod health;
mod loopback;
pub mod oauth1;
pub mod page;
pub mod provider;
pub mod tokens;

pub use app::ProviderApp;
pub use error::OAuthError;
pub use flow::{AuthCode, GrantStore, OAuth, Pending, SIGN_IN_TIMEOUT};
pub use health::{GrantState, Health};
pub use loopback::CALLBACK_PATH;
pub use page::{CallbackPages, PAGE_IDS};
pub use provider::{Provider, ProviderId, Purpose, SecretNeed};
pub use tokens::Tokens;
