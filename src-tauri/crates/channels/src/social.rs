//! The social networks' "Continue with …": Facebook (page, Messenger, Instagram) and
//! Twitter/X. Their flows differ from the authorization-code providers (a desktop login
//! window, OAuth 1.0a) and they fill more than one field: a token AND the page id or
//! Instagram account, or a token AND its secret. This module says which fields each
//! channel kind gets, reads the provider app (both need their secret: the Facebook token
//! exchange and every OAuth 1.0a signature use it), and stores a result in one go: every
//! secret sealed for its own field, the plain fields written into the draft.

use crate::connections::{
    app_secret_scope, now_ms, view_of, ActionStatus, ConnectionView, OAuthOrChannel,
};
use crate::error::ChannelError;
use crate::service::ChannelService;
use serde_json::Value;
use switchboard_catalogue::{ActionKind, Kind};
use switchboard_core::Sensitive;
use switchboard_oauth::facebook::FacebookUse;
use switchboard_oauth::{OAuthError, ProviderApp, ProviderId};
use switchboard_store::GrantRow;

/// What a social "Continue with …" fills on a channel of a given kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocialTarget {
    Facebook {
        usage: FacebookUse,
        /// The secret field the user token is sealed for.
        token_path: &'static str,
        /// The plain field the picked page id (or Instagram account) fills.
        id_path: &'static str,
    },
    Twitter {
        token_path: &'static str,
        secret_path: &'static str,
    },
}

impl SocialTarget {
    pub fn provider(self) -> ProviderId {
        match self {
            SocialTarget::Facebook { .. } => ProviderId::Facebook,
            SocialTarget::Twitter { .. } => ProviderId::Twitter,
        }
    }

    /// The field whose connection ("connected as …", health) the button shows.
    pub fn grant_path(self) -> &'static str {
        match self {
            SocialTarget::Facebook { token_path, .. } => token_path,
            SocialTarget::Twitter { token_path, .. } => token_path,
        }
    }
}

/// The fields of the catalogue each kind's button fills.
pub fn social_target(kind: Kind, action: ActionKind) -> Option<SocialTarget> {
    match (action, kind) {
        (ActionKind::OauthFacebook, Kind::Instagram) => Some(SocialTarget::Facebook {
            usage: FacebookUse::Instagram,
            token_path: "instagram.user_token",
            id_path: "instagram.business_account",
        }),
        (ActionKind::OauthFacebook, Kind::FacebookPage | Kind::FacebookMessenger) => {
            Some(SocialTarget::Facebook {
                usage: FacebookUse::Page,
                token_path: "facebook.user_token",
                id_path: "facebook.page_id",
            })
        }
        (ActionKind::OauthTwitter, Kind::Twitter) => Some(SocialTarget::Twitter {
            token_path: "twitter.oauth_token",
            secret_path: "twitter.oauth_token_secret",
        }),
        _ => None,
    }
}

/// Whether `base` is unusable as the address of a Facebook or Twitter app (their
/// endpoints are not in the provider registry, so `set_provider_app` asks here).
pub(crate) fn social_base_invalid(provider: ProviderId, base: &str) -> bool {
    match provider {
        ProviderId::Facebook => switchboard_oauth::facebook::Facebook::with_base(base).is_err(),
        ProviderId::Twitter => switchboard_oauth::oauth1::Twitter::with_base(base).is_err(),
        _ => false,
    }
}

impl ChannelService {
    /// The social target of `action` on channel `id`, if it is one.
    pub fn social_target_of(
        &self,
        id: &str,
        action: ActionKind,
    ) -> Result<Option<SocialTarget>, ChannelError> {
        if !matches!(action, ActionKind::OauthFacebook | ActionKind::OauthTwitter) {
            return Ok(None);
        }
        let kind = self.store.get(id)?.kind;
        let kind = Kind::parse(&kind).ok_or(ChannelError::UnknownKind(kind))?;
        Ok(social_target(kind, action))
    }

    /// The Facebook app or the Twitter consumer, with its secret opened, and its base URL.
    /// `AppMissing` without an app or without its secret.
    pub fn social_app(
        &self,
        account_id: &str,
        provider: ProviderId,
    ) -> Result<(ProviderApp, Option<String>), OAuthOrChannel> {
        let missing = || OAuthError::AppMissing {
            provider: provider.key().to_owned(),
        };
        let row = self
            .store
            .oauth_app(account_id, provider.key())
            .map_err(ChannelError::from)?
            .ok_or_else(missing)?;
        let blob = row.client_secret_sealed.ok_or_else(missing)?;
        let secret = self
            .vault
            .open(&app_secret_scope(account_id), provider.key(), &blob)
            .map_err(ChannelError::from)?;
        Ok((
            ProviderApp {
                client_id: row.client_id,
                client_secret: Some(secret),
                redirect_port: row.redirect_port,
            },
            row.base_url,
        ))
    }

    /// The button's state for a social target (`None`: not a social action).
    pub fn social_action_status(
        &self,
        account_id: &str,
        id: &str,
        action: ActionKind,
    ) -> Result<Option<ActionStatus>, ChannelError> {
        let Some(target) = self.social_target_of(id, action)? else {
            return Ok(None);
        };
        let provider = target.provider();
        let app_configured = self
            .store
            .oauth_app(account_id, provider.key())?
            .is_some_and(|r| r.client_secret_sealed.is_some());
        let connection = self
            .connections(id)?
            .into_iter()
            .find(|c| c.path == target.grant_path());
        Ok(Some(ActionStatus {
            supported: true,
            provider: Some(provider),
            app_configured,
            apps_account: self.apps_account_label(account_id)?,
            connection,
        }))
    }

    /// Stores a social sign-in's result: `grant` is the token the connection follows
    /// (sealed for its field, with the account name and expiry), `more` the other
    /// secrets (each sealed for its own field), `fields` the plain values written into
    /// the draft. Every path is checked against the channel's kind first, so nothing is
    /// written when one is wrong.
    #[allow(clippy::too_many_arguments)]
    pub fn store_social(
        &mut self,
        id: &str,
        provider: ProviderId,
        grant: (&str, &Sensitive<String>),
        more: &[(&str, &Sensitive<String>)],
        fields: &[(&str, Value)],
        account_name: Option<String>,
        expires_at: Option<i64>,
    ) -> Result<ConnectionView, ChannelError> {
        self.check_secret_path(id, grant.0)?;
        for (path, _) in more {
            self.check_secret_path(id, path)?;
        }
        // Seal everything before writing anything: a keychain failure leaves no half.
        let sealed_grant = self.vault.seal(id, grant.0, grant.1)?;
        let sealed_more = more
            .iter()
            .map(|(p, v)| Ok((*p, self.vault.seal(id, p, v)?)))
            .collect::<Result<Vec<_>, ChannelError>>()?;
        for (path, blob) in &sealed_more {
            self.store.set_secret(id, path, blob)?;
        }
        let row = GrantRow {
            channel_id: id.to_owned(),
            path: grant.0.to_owned(),
            provider: provider.key().to_owned(),
            account_name,
            expires_at,
            refresh_failures: 0,
            revoked: false,
            connected_at: 0,
        };
        self.store.connect_grant(&row, &sealed_grant)?;
        let mut doc = self.store.get(id)?.doc;
        for (path, value) in fields {
            switchboard_core::jsonpath::set(&mut doc, path, value.clone());
        }
        self.save(id, doc)?;
        Ok(view_of(&row, now_ms()).expect("known provider"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_social_button_of_the_catalogue_has_a_target() {
        for kind in Kind::ALL {
            for section in &switchboard_catalogue::kind_schema(kind).sections {
                for field in &section.fields {
                    if let switchboard_catalogue::FieldType::Action { action } = field.ty {
                        if matches!(action, ActionKind::OauthFacebook | ActionKind::OauthTwitter) {
                            assert!(
                                social_target(kind, action).is_some(),
                                "{kind:?} has {action:?} and no target"
                            );
                        }
                    }
                }
            }
        }
    }
}
