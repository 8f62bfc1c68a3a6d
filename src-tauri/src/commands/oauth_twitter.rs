//! "Continue with Twitter": OAuth 1.0a in the system browser. With a loopback callback
//! registered in the Twitter app (its port in the provider settings) the sign-in ends by
//! itself; otherwise Twitter shows a PIN that the user types into the field, and
//! `twitter_pin` completes it. The token and its secret go to the vault, each sealed for
//! its own field; the window learns only "connected as @name (id)".

use crate::commands::channels::with_service;
use crate::commands::oauth::open_in_browser;
use crate::commands::oauth_window::SocialPending;
use crate::{state::AppState, ErrorCode, IpcError};
use serde::Serialize;
use std::sync::Arc;
use switchboard_catalogue::ActionKind;
use switchboard_channels::{ConnectionView, SocialTarget};
use switchboard_core::{Msg, Sensitive};
use switchboard_oauth::oauth1::{AccessToken, Callback, OAuth1, Pending1, Twitter};
use switchboard_oauth::{CallbackPages, ProviderApp, ProviderId, SIGN_IN_TIMEOUT};
use tauri::{AppHandle, State};
use ts_rs::TS;

/// A PIN sign-in waiting for the user to type the PIN.
pub(crate) struct TwitterPending {
    client: OAuth1,
    app: ProviderApp,
    pending: Pending1,
    token_path: &'static str,
    secret_path: &'static str,
}

/// Where a Twitter sign-in stands after the browser was opened.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TwitterStep {
    /// The PIN flow: the field asks for the PIN Twitter shows.
    pub needs_pin: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<ConnectionView>,
}

async fn store(
    state: &AppState,
    id: String,
    token_path: &'static str,
    secret_path: &'static str,
    at: AccessToken,
) -> Result<ConnectionView, IpcError> {
    with_service(state, move |s| {
        s.store_social(
            &id,
            ProviderId::Twitter,
            (token_path, &at.token),
            &[(secret_path, &at.secret)],
            &[],
            at.account_name(),
            None,
        )
    })
    .await
}

#[tauri::command]
pub async fn twitter_connect(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, SocialPending>,
    task_id: String,
    id: String,
    action: ActionKind,
) -> Result<TwitterStep, IpcError> {
    let guard = state.tasks.start(&task_id);
    let channel = id.clone();
    let (target, found) = with_service(&state, move |s| {
        Ok((
            s.social_target_of(&channel, action)?,
            // A channel linked to a platform account signs in with that account's app.
            s.social_app(&s.apps_account(&channel)?, ProviderId::Twitter),
        ))
    })
    .await?;
    let Some(SocialTarget::Twitter {
        token_path,
        secret_path,
    }) = target
    else {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            Msg::new("oauth-err-not-yet"),
        ));
    };
    let (provider_app, base) = found?;
    let twitter = match base {
        Some(b) => Twitter::with_base(&b)?,
        None => Twitter::default(),
    };
    let client = OAuth1::new(twitter);
    let l = state.localizer();
    let pages = Arc::new(CallbackPages::new(l.lang().code(), |id| l.text(id)));
    let callback = Callback::for_app(&provider_app);
    let mut p = client.begin(&provider_app, callback, pages).await?;
    open_in_browser(&app, &state.app_id, &p.url)
        .map_err(|cause| switchboard_oauth::OAuthError::Browser { cause })?;
    if callback == Callback::Pin {
        pending
            .twitter
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(
                id,
                TwitterPending {
                    client,
                    app: provider_app,
                    pending: p,
                    token_path,
                    secret_path,
                },
            );
        return Ok(TwitterStep {
            needs_pin: true,
            connection: None,
        });
    }
    let verifier = p.verifier(SIGN_IN_TIMEOUT, &guard.token).await?;
    let at = client.finish(&provider_app, &p, verifier.expose()).await?;
    let connection = store(&state, id, token_path, secret_path, at).await?;
    Ok(TwitterStep {
        needs_pin: false,
        connection: Some(connection),
    })
}

/// Completes a PIN sign-in. A wrong PIN spends the request token (Twitter's rule), so
/// the sign-in is forgotten either way and a new one starts from the button.
#[tauri::command]
pub async fn twitter_pin(
    state: State<'_, AppState>,
    pending: State<'_, SocialPending>,
    id: String,
    pin: Sensitive<String>,
) -> Result<ConnectionView, IpcError> {
    if pin.expose().trim().is_empty() {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            Msg::new("oauth-social-pin-required"),
        )
        .with_fields(vec![switchboard_core::FieldMsg::new(
            "pin",
            Msg::new("oauth-social-pin-required"),
        )]));
    }
    let p = pending
        .twitter
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&id)
        .ok_or_else(|| {
            IpcError::new(ErrorCode::InvalidInput, Msg::new("oauth-social-no-pending"))
        })?;
    let at = p.client.finish(&p.app, &p.pending, pin.expose()).await?;
    store(&state, id, p.token_path, p.secret_path, at).await
}
