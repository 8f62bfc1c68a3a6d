//! OAuth connections of channels, on top of the store and the vault: which field a
//! "Continue with …" fills, the provider apps (client id in the store, secret sealed),
//! and each connected token — sealed for its field the moment it arrives, with only
//! "connected as …", its expiry and its health ever shown.

use crate::error::ChannelError;
use crate::service::ChannelService;
use serde::Serialize;
use switchboard_catalogue::ActionKind;
use switchboard_core::Sensitive;
use switchboard_oauth::{
    GrantState, GrantStore, Health, OAuthError, Provider, ProviderApp, ProviderId, Purpose,
    SecretNeed, Tokens,
};
use switchboard_store::{GrantRow, OAuthAppRow, LOCAL_ACCOUNT};
use ts_rs::TS;

/// The field a sign-in fills, and what it signs in for.
pub fn oauth_target(action: ActionKind) -> Option<(Purpose, &'static str)> {
    match action {
        ActionKind::OauthYoutube => Some((Purpose::Youtube, "youtube.refresh_token")),
        ActionKind::OauthGoogle => Some((
            Purpose::GoogleMyBusiness,
            "google_my_business.refresh_token",
        )),
        ActionKind::OauthRingcentral => Some((Purpose::RingcentralSms, "sms.refresh_token")),
        ActionKind::OauthMicrosoftImap => {
            Some((Purpose::MicrosoftMail, "imap.oauth_refresh_token"))
        }
        ActionKind::OauthMicrosoftSmtp => {
            Some((Purpose::MicrosoftMail, "smtp.oauth_refresh_token"))
        }
        // Their own flows (desktop window, OAuth 1.0a) and fields: `social_target`.
        ActionKind::OauthFacebook | ActionKind::OauthTwitter => None,
    }
}

/// What the editor shows about a connected token: never the token.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionView {
    pub path: String,
    pub provider: ProviderId,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// Unix ms.
    #[ts(optional, as = "Option<f64>")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    pub health: Health,
    pub refresh_failures: u32,
}

/// A provider app as the settings show it: the secret as set / not set.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProviderAppView {
    pub provider: ProviderId,
    pub client_id: String,
    pub secret_set: bool,
    pub secret_need: SecretNeed,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_port: Option<u16>,
}

/// What a "Continue with …" button needs to know before it is clicked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionStatus {
    /// False for the flows not built yet (the button says so instead of failing).
    pub supported: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<ProviderId>,
    /// Whether the provider app it signs in with is configured.
    pub app_configured: bool,
    /// The platform account whose provider apps the channel signs in with (its label),
    /// or none: the local settings'. Where the UI says to add a missing app.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apps_account: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<ConnectionView>,
}

/// The vault binds an app's secret to its account and provider.
pub(crate) fn app_secret_scope(account_id: &str) -> String {
    format!("oauth-app:{account_id}")
}

pub(crate) fn view_of(g: &GrantRow, now_ms: i64) -> Option<ConnectionView> {
    let state = GrantState {
        expires_at: g.expires_at,
        refresh_failures: g.refresh_failures,
        revoked: g.revoked,
    };
    Some(ConnectionView {
        path: g.path.clone(),
        provider: ProviderId::from_key(&g.provider)?,
        account_name: g.account_name.clone(),
        expires_at: g.expires_at,
        health: state.health(now_ms),
        refresh_failures: g.refresh_failures,
    })
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl ChannelService {
    pub fn provider_apps(&self, account_id: &str) -> Result<Vec<ProviderAppView>, ChannelError> {
        let rows = self.store.oauth_apps(account_id)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let provider = ProviderId::from_key(&r.provider)?;
                Some(ProviderAppView {
                    provider,
                    client_id: r.client_id,
                    secret_set: r.client_secret_sealed.is_some(),
                    secret_need: Provider::get(provider)
                        .map(|p| p.secret)
                        .unwrap_or(SecretNeed::Required),
                    base_url: r.base_url,
                    redirect_port: r.redirect_port,
                })
            })
            .collect())
    }

    /// Saves a provider app. `secret`: `Some` replaces it, `None` keeps the stored one.
    pub fn set_provider_app(
        &mut self,
        account_id: &str,
        provider: ProviderId,
        client_id: &str,
        secret: Option<&Sensitive<String>>,
        base_url: Option<&str>,
        redirect_port: Option<u16>,
    ) -> Result<ProviderAppView, ChannelError> {
        let client_id = client_id.trim();
        if client_id.is_empty() {
            return Err(ChannelError::Invalid {
                path: "clientId".into(),
                id: "oauth-app-client-id-required",
            });
        }
        let base_url = base_url.map(str::trim).filter(|b| !b.is_empty());
        if let (Some(b), Some(p)) = (base_url, Provider::get(provider)) {
            p.with_base(b).map_err(|_| ChannelError::Invalid {
                path: "baseUrl".into(),
                id: "oauth-app-base-url-invalid",
            })?;
        }
        if base_url.is_some_and(|b| crate::social::social_base_invalid(provider, b)) {
            return Err(ChannelError::Invalid {
                path: "baseUrl".into(),
                id: "oauth-app-base-url-invalid",
            });
        }
        let sealed = match secret.filter(|s| !s.expose().is_empty()) {
            Some(s) => Some(
                self.vault
                    .seal(&app_secret_scope(account_id), provider.key(), s)?,
            ),
            None => self
                .store
                .oauth_app(account_id, provider.key())?
                .and_then(|r| r.client_secret_sealed),
        };
        self.store.put_oauth_app(&OAuthAppRow {
            account_id: account_id.to_owned(),
            provider: provider.key().to_owned(),
            client_id: client_id.to_owned(),
            client_secret_sealed: sealed,
            base_url: base_url.map(str::to_owned),
            redirect_port,
        })?;
        let views = self.provider_apps(account_id)?;
        Ok(views
            .into_iter()
            .find(|v| v.provider == provider)
            .expect("just stored"))
    }

    /// The provider (endpoints moved to the app's base URL, if any) and the app, with its
    /// secret opened, for a sign-in or a refresh. `AppMissing` when there is none yet, or
    /// when the provider needs a secret the app lacks.
    pub fn provider_for(
        &self,
        account_id: &str,
        id: ProviderId,
    ) -> Result<(Provider, ProviderApp), OAuthOrChannel> {
        let missing = || OAuthError::AppMissing {
            provider: id.key().to_owned(),
        };
        let row = self
            .store
            .oauth_app(account_id, id.key())
            .map_err(ChannelError::from)?
            .ok_or_else(missing)?;
        let mut provider = Provider::get(id).ok_or_else(missing)?;
        if let Some(b) = &row.base_url {
            provider = provider.with_base(b)?;
        }
        let client_secret = match &row.client_secret_sealed {
            Some(blob) => Some(
                self.vault
                    .open(&app_secret_scope(account_id), id.key(), blob)
                    .map_err(ChannelError::from)?,
            ),
            None if provider.secret == SecretNeed::Required => return Err(missing().into()),
            None => None,
        };
        Ok((
            provider,
            ProviderApp {
                client_id: row.client_id,
                client_secret,
                redirect_port: row.redirect_port,
            },
        ))
    }

    pub fn action_status(
        &self,
        account_id: &str,
        id: &str,
        action: ActionKind,
    ) -> Result<ActionStatus, ChannelError> {
        // Facebook and Twitter have their own flows and fields (social.rs).
        if let Some(status) = self.social_action_status(account_id, id, action)? {
            return Ok(status);
        }
        let Some((purpose, path)) = oauth_target(action) else {
            return Ok(ActionStatus {
                supported: false,
                provider: None,
                app_configured: false,
                apps_account: None,
                connection: None,
            });
        };
        self.check_secret_path(id, path)?;
        let provider = purpose.provider();
        let app_configured = match self.store.oauth_app(account_id, provider.key())? {
            None => false,
            Some(row) => {
                row.client_secret_sealed.is_some()
                    || Provider::get(provider).is_some_and(|p| p.secret == SecretNeed::None)
            }
        };
        let connection = self.connections(id)?.into_iter().find(|c| c.path == path);
        let apps_account = self.apps_account_label(account_id)?;
        Ok(ActionStatus {
            supported: true,
            provider: Some(provider),
            app_configured,
            apps_account,
            connection,
        })
    }

    /// The label of the platform account whose apps are used, `None` for the local
    /// settings: where the UI tells the user to add a missing app.
    pub(crate) fn apps_account_label(
        &self,
        account_id: &str,
    ) -> Result<Option<String>, ChannelError> {
        if account_id == LOCAL_ACCOUNT {
            return Ok(None);
        }
        Ok(Some(self.store.account(account_id)?.fields.label))
    }

    /// Checks that `path` is a secret field of channel `id` (a sign-in fills only its
    /// own channel's fields).
    pub fn check_connection_target(&self, id: &str, path: &str) -> Result<(), ChannelError> {
        self.check_secret_path(id, path)
    }

    /// Stores a sign-in's result: the refresh token (or, without one, the access token)
    /// sealed for `path`, with the account's name and expiry.
    pub fn store_connection(
        &mut self,
        id: &str,
        path: &str,
        provider: ProviderId,
        tokens: &Tokens,
        account_name: Option<String>,
    ) -> Result<ConnectionView, ChannelError> {
        self.check_secret_path(id, path)?;
        let (token, expires_at) = match &tokens.refresh_token {
            Some(rt) => (rt, tokens.refresh_expires_at),
            None => (&tokens.access_token, tokens.access_expires_at),
        };
        let sealed = self.vault.seal(id, path, token)?;
        let row = GrantRow {
            channel_id: id.to_owned(),
            path: path.to_owned(),
            provider: provider.key().to_owned(),
            account_name,
            expires_at,
            refresh_failures: 0,
            revoked: false,
            connected_at: 0,
        };
        self.store.connect_grant(&row, &sealed)?;
        // The field is now set: the channel's validity follows.
        let doc = self.store.get(id)?.doc;
        self.save(id, doc)?;
        Ok(view_of(&row, now_ms()).expect("known provider"))
    }

    pub fn connections(&self, id: &str) -> Result<Vec<ConnectionView>, ChannelError> {
        let now = now_ms();
        Ok(self
            .store
            .grants(id)?
            .iter()
            .filter_map(|g| view_of(g, now))
            .collect())
    }

    /// Health of every connected channel (the list's filter), worst first per channel.
    pub fn connection_health(&self) -> Result<Vec<(String, Health)>, ChannelError> {
        let now = now_ms();
        let mut out: Vec<(String, Health)> = Vec::new();
        for g in self.store.all_grants()? {
            let Some(v) = view_of(&g, now) else { continue };
            match out.last_mut() {
                Some((c, h)) if *c == g.channel_id => *h = worst(*h, v.health),
                _ => out.push((g.channel_id.clone(), v.health)),
            }
        }
        Ok(out)
    }

    /// Records a refresh outcome against the health rules.
    pub fn record_refresh(
        &mut self,
        id: &str,
        path: &str,
        result: Result<(), &OAuthError>,
    ) -> Result<Option<ConnectionView>, ChannelError> {
        let Some(g) = self.store.grants(id)?.into_iter().find(|g| g.path == path) else {
            return Ok(None);
        };
        let state = GrantState {
            expires_at: g.expires_at,
            refresh_failures: g.refresh_failures,
            revoked: g.revoked,
        }
        .after_refresh(result);
        self.store
            .record_refresh(id, path, state.refresh_failures, state.revoked)?;
        Ok(self.connections(id)?.into_iter().find(|c| c.path == path))
    }
}

fn worst(a: Health, b: Health) -> Health {
    let rank = |h| match h {
        Health::Ok => 0,
        Health::ExpiresSoon => 1,
        Health::NeedsReauthorization => 2,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Either side's failure, for the shell to map.
#[derive(Debug, thiserror::Error)]
pub enum OAuthOrChannel {
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    #[error(transparent)]
    Channel(#[from] ChannelError),
}

/// A grant's refresh token in the vault, sealed for its field: what the refresh engine
/// reads and atomically replaces when the provider rotates it.
pub struct VaultGrant<'a> {
    pub service: &'a std::sync::Mutex<ChannelService>,
    pub channel_id: String,
    pub path: String,
}

impl GrantStore for VaultGrant<'_> {
    fn refresh_token(&self) -> Result<Option<Sensitive<String>>, String> {
        let s = self.service.lock().unwrap_or_else(|p| p.into_inner());
        let Some(blob) = s
            .store
            .sealed_secret(&self.channel_id, &self.path)
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        s.vault
            .open(&self.channel_id, &self.path, &blob)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    fn replace_refresh_token(&self, token: &Sensitive<String>) -> Result<(), String> {
        let mut s = self.service.lock().unwrap_or_else(|p| p.into_inner());
        let sealed = s
            .vault
            .seal(&self.channel_id, &self.path, token)
            .map_err(|e| e.to_string())?;
        // One statement: the old token is replaced or not at all. A rotation is the same
        // grant (the platform's copy still works): not a change for the next plan to push.
        // A grant cleared meanwhile is not brought back by a late rotation.
        s.store
            .rotate_secret(&self.channel_id, &self.path, &sealed)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
