//! "Continue with …": sign-in for a channel's token field, provider apps, connections and
//! their health. The flow runs in `switchboard-oauth`, the records in
//! `switchboard-channels`; the window only ever receives `ConnectionView`s.

use crate::commands::channels::with_service;
use crate::{state::AppState, ErrorCode, IpcError};
use std::sync::Arc;
use switchboard_catalogue::ActionKind;
use switchboard_channels::{oauth_target, ActionStatus, ConnectionView, ProviderAppView};
use switchboard_core::{Msg, Sensitive};
use switchboard_oauth::{CallbackPages, Health, ProviderId, PAGE_IDS};
use switchboard_store::LOCAL_ACCOUNT;
use tauri::{AppHandle, State};

/// Test builds only (identifier ending in `.e2e`): the authorization URL is appended to
/// the file `SWITCHBOARD_E2E_BROWSER_URL_FILE` names instead of opening the system
/// browser, so the end-to-end test can complete the sign-in in a browser it drives. A
/// released app ignores the variable; nothing is ever executed from it.
pub(crate) fn open_in_browser(app: &AppHandle, app_id: &str, url: &url::Url) -> Result<(), String> {
    if app_id.ends_with(".e2e") {
        if let Some(file) = std::env::var_os("SWITCHBOARD_E2E_BROWSER_URL_FILE") {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)
                .map_err(|e| e.to_string())?;
            return writeln!(f, "{url}").map_err(|e| e.to_string());
        }
    }
    use tauri_plugin_shell::ShellExt;
    // The Rust-side open of tauri-plugin-shell: the system's default browser.
    #[allow(deprecated)]
    app.shell()
        .open(url.as_str(), None)
        .map_err(|e| e.to_string())
}

/// Signs in for the field `action` fills on channel `id` (also how Re-authorize works:
/// it replaces the stored token and clears the failures). Cancellable with `taskId`.
#[tauri::command]
pub async fn oauth_connect(
    app: AppHandle,
    state: State<'_, AppState>,
    task_id: String,
    id: String,
    action: ActionKind,
) -> Result<ConnectionView, IpcError> {
    let guard = state.tasks.start(&task_id);
    let (purpose, path) = oauth_target(action)
        .ok_or_else(|| IpcError::new(ErrorCode::InvalidInput, Msg::new("oauth-err-not-yet")))?;
    let slot = state.channel_slot();
    let channel = id.clone();
    let (provider, provider_app) = tauri::async_runtime::spawn_blocking(move || {
        let service = slot.get_or_open()?;
        let s = service.lock().unwrap_or_else(|p| p.into_inner());
        s.check_connection_target(&channel, path)
            .map_err(IpcError::from)?;
        // A channel linked to a platform account signs in with that account's app.
        let account = s.apps_account(&channel).map_err(IpcError::from)?;
        s.provider_for(&account, purpose.provider())
            .map_err(IpcError::from)
    })
    .await
    .map_err(IpcError::internal)??;
    let l = state.localizer();
    let pages = Arc::new(CallbackPages::new(l.lang().code(), |id| l.text(id)));
    debug_assert!(PAGE_IDS.iter().all(|id| l.has(id)));
    let app_id = state.app_id.clone();
    let tokens = state
        .oauth
        .sign_in(
            &provider,
            purpose.scopes(),
            &provider_app,
            pages,
            |url| open_in_browser(&app, &app_id, url),
            &guard.token,
        )
        .await?;
    let name = state.oauth.account_name(&provider, &tokens).await;
    let provider_id = provider.id;
    with_service(&state, move |s| {
        s.store_connection(&id, path, provider_id, &tokens, name)
    })
    .await
}

/// What the button of `action` on channel `id` shows: connected as …, health, or the
/// missing provider app.
#[tauri::command]
pub async fn oauth_action_status(
    state: State<'_, AppState>,
    id: String,
    action: ActionKind,
) -> Result<ActionStatus, IpcError> {
    with_service(&state, move |s| {
        let account = s.apps_account(&id)?;
        s.action_status(&account, &id, action)
    })
    .await
}

#[tauri::command]
pub async fn channel_connections(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<ConnectionView>, IpcError> {
    with_service(&state, move |s| s.connections(&id)).await
}

/// Health of every connected channel, for the list's filter.
#[tauri::command]
pub async fn connection_health(
    state: State<'_, AppState>,
) -> Result<Vec<(String, Health)>, IpcError> {
    with_service(&state, |s| s.connection_health()).await
}

/// The provider apps of a platform account (`accountId`), or of the local settings
/// (absent): whose apps the channels linked to that account, or unlinked, sign in with.
#[tauri::command]
pub async fn provider_apps(
    state: State<'_, AppState>,
    account_id: Option<String>,
) -> Result<Vec<ProviderAppView>, IpcError> {
    with_service(&state, move |s| {
        let account = apps_owner(s, account_id)?;
        s.provider_apps(&account)
    })
    .await
}

/// `None` → the local settings; an account id must name an existing account.
fn apps_owner(
    s: &switchboard_channels::ChannelService,
    account_id: Option<String>,
) -> Result<String, switchboard_channels::ChannelError> {
    match account_id.filter(|a| !a.is_empty()) {
        None => Ok(LOCAL_ACCOUNT.to_owned()),
        Some(a) => Ok(s.account(&a)?.id),
    }
}

/// Saves a provider app of a platform account (`accountId`) or of the local settings
/// (absent). `clientSecret` absent keeps the stored one.
#[tauri::command]
pub async fn set_provider_app(
    state: State<'_, AppState>,
    account_id: Option<String>,
    provider: ProviderId,
    client_id: String,
    client_secret: Option<Sensitive<String>>,
    base_url: Option<String>,
    redirect_port: Option<u16>,
) -> Result<ProviderAppView, IpcError> {
    with_service(&state, move |s| {
        let account = apps_owner(s, account_id)?;
        s.set_provider_app(
            &account,
            provider,
            &client_id,
            client_secret.as_ref(),
            base_url.as_deref(),
            redirect_port,
        )
    })
    .await
}
