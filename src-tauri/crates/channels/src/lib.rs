//! The channel editor's engine. The catalogue knows what a channel is, the store keeps it,
//! the vault seals its secrets; this crate composes them once so the desktop shell and the
//! CLI do the same thing: every save validates, records validity and the list columns, and
//! keeps the draft even when it is invalid (nothing typed is ever dropped).

mod connections;
mod error;
mod folders;
mod history;
mod mail_oauth;
mod platform;
mod reference;
mod schema_bridge;
mod service;
mod social;
mod transfer;
mod validity;

pub use connections::{
    oauth_target, ActionStatus, ConnectionView, OAuthOrChannel, ProviderAppView, VaultGrant,
};
pub use error::ChannelError;
pub use folders::FolderCache;
pub use history::ChangeView;
pub use mail_oauth::{
    fill_mail_tokens, oauth_token, refresh_access_token, IMAP_REFRESH_TOKEN, SMTP_REFRESH_TOKEN,
};
pub use platform::{account_problems, linked_state};
pub use schema_bridge::CatalogueDocSchema;
pub use service::{ChannelService, ChannelView, SaveResult};
pub use social::{social_target, SocialTarget};
pub use transfer::{ExportSummary, ImportOutcome};
