//! Microsoft OAuth for e-mail at connection-test time: for IMAP and SMTP set to the
//! Microsoft identity platform, a fresh access token from the refresh token sealed for
//! the field (`imap.oauth_refresh_token`, `smtp.oauth_refresh_token`), handed to
//! mailcheck's XOAUTH2 step. The refresh is the oauth crate's (serialized per grant; a
//! rotated refresh token is stored before it is used), with the provider app of the
//! channel's platform account, and its outcome counts toward the connection's health
//! exactly like any other refresh the app makes: a refused grant needs re-authorization
//! at once, a blip only after the threshold.

use crate::connections::{OAuthOrChannel, VaultGrant};
use crate::service::ChannelService;
use std::sync::Mutex;
use switchboard_core::progress::CancellationToken;
use switchboard_core::{Msg, Sensitive};
use switchboard_mailcheck::{MailSettings, OAuthToken};
use switchboard_oauth::{OAuth, OAuthError, ProviderId};
use switchboard_store::LOCAL_ACCOUNT;

/// The secret fields the Microsoft sign-ins fill, per protocol.
pub const IMAP_REFRESH_TOKEN: &str = "imap.oauth_refresh_token";
pub const SMTP_REFRESH_TOKEN: &str = "smtp.oauth_refresh_token";

impl ChannelService {
    /// Whose provider apps a channel signs in with: its platform account's when it is
    /// linked to one (a token belongs to the app that obtained it, and the platform
    /// accepts only its tenant's app), the local settings' otherwise.
    pub fn apps_account(&self, id: &str) -> Result<String, crate::ChannelError> {
        Ok(self
            .store
            .get(id)?
            .account_id
            .unwrap_or_else(|| LOCAL_ACCOUNT.to_owned()))
    }
}

/// Refreshes the grant sealed for `path` of channel `id` and records the outcome for the
/// connection's health. Returns the new access token.
pub async fn refresh_access_token(
    service: &Mutex<ChannelService>,
    oauth: &OAuth,
    id: &str,
    path: &str,
    cancel: &CancellationToken,
) -> Result<Sensitive<String>, OAuthOrChannel> {
    let (provider, app) = {
        let s = service.lock().unwrap_or_else(|p| p.into_inner());
        let account = s.apps_account(id)?;
        s.provider_for(&account, ProviderId::Microsoft)?
    };
    let grant = VaultGrant {
        service,
        channel_id: id.to_owned(),
        path: path.to_owned(),
    };
    let result = oauth
        .refresh(&format!("{id}/{path}"), &provider, &app, &grant, cancel)
        .await;
    // A cancelled test says nothing about the grant.
    if !matches!(result, Err(OAuthError::Cancelled)) {
        let mut s = service.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = s.record_refresh(id, path, result.as_ref().map(|_| ())) {
            tracing::warn!(error = %e, "refresh outcome not recorded");
        }
    }
    Ok(result?.access_token)
}

/// What the XOAUTH2 step gets for a refresh's outcome.
pub fn oauth_token(result: Result<Sensitive<String>, OAuthOrChannel>) -> OAuthToken {
    match result {
        Ok(t) => OAuthToken::Access(t),
        Err(OAuthOrChannel::OAuth(e)) if e.needs_reauthorization() => OAuthToken::Reauthorize,
        // The provider app is missing: its own message says where to add it.
        Err(OAuthOrChannel::OAuth(e @ OAuthError::AppMissing { .. })) => {
            OAuthToken::Unavailable(e.msg())
        }
        Err(OAuthOrChannel::OAuth(e)) => OAuthToken::Unavailable(
            Msg::new("mailcheck-xoauth2-token-unavailable").arg("reason", e.msg()),
        ),
        Err(OAuthOrChannel::Channel(e)) => OAuthToken::Unavailable(
            Msg::new("mailcheck-xoauth2-token-unavailable").arg("reason", e.msg()),
        ),
    }
}

/// Fills the access token of each server of `settings` that signs in with XOAUTH2
/// (IMAP and SMTP refreshed side by side: they are separate grants).
pub async fn fill_mail_tokens(
    service: &Mutex<ChannelService>,
    oauth: &OAuth,
    id: &str,
    settings: &mut MailSettings,
    cancel: &CancellationToken,
) {
    let imap_needs = settings
        .imap
        .as_ref()
        .is_some_and(|i| i.server.uses_xoauth2());
    let smtp_needs = settings
        .smtp
        .as_ref()
        .is_some_and(|s| s.server.uses_xoauth2());
    let imap = async {
        if imap_needs {
            Some(refresh_access_token(service, oauth, id, IMAP_REFRESH_TOKEN, cancel).await)
        } else {
            None
        }
    };
    let smtp = async {
        if smtp_needs {
            Some(refresh_access_token(service, oauth, id, SMTP_REFRESH_TOKEN, cancel).await)
        } else {
            None
        }
    };
    let (imap, smtp) = tokio::join!(imap, smtp);
    if let (Some(s), Some(r)) = (settings.imap.as_mut(), imap) {
        s.server.oauth = Some(oauth_token(r));
    }
    if let (Some(s), Some(r)) = (settings.smtp.as_mut(), smtp) {
        s.server.oauth = Some(oauth_token(r));
    }
}
