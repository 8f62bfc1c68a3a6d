//! Platform accounts, the account test and pull. The token arrives once (create, update,
//! or a test of values not saved yet) and goes straight to the vault or the client; no
//! reply carries it.

use crate::commands::channels::with_service;
use crate::{state::AppState, ErrorCode, IpcError};
use switchboard_core::progress::ProgressEvent;
use switchboard_core::Sensitive;
use switchboard_platform::probe::{test_account as probe_account, AccountTestReport};
use switchboard_platform::{BaseUrl, Client, ClientConfig};
use switchboard_store::{Account, AccountFields, UnadoptedSource};
use switchboard_sync::{PullError, PullReport};
use tauri::{ipc::Channel, State};

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<Account>, IpcError> {
    with_service(&state, |s| s.accounts()).await
}

#[tauri::command]
pub async fn create_account(
    state: State<'_, AppState>,
    fields: AccountFields,
    token: Option<Sensitive<String>>,
) -> Result<Account, IpcError> {
    with_service(&state, move |s| s.create_account(fields, token.as_ref())).await
}

/// `token: None` keeps the stored token.
#[tauri::command]
pub async fn update_account(
    state: State<'_, AppState>,
    id: String,
    fields: AccountFields,
    token: Option<Sensitive<String>>,
) -> Result<Account, IpcError> {
    with_service(&state, move |s| {
        s.update_account(&id, fields, token.as_ref())
    })
    .await
}

/// Removes the account; its channels stay as local-only channels. Returns how many.
#[tauri::command]
pub async fn delete_account(state: State<'_, AppState>, id: String) -> Result<usize, IpcError> {
    with_service(&state, move |s| s.delete_account(&id)).await
}

/// Tests the values on screen: `token` when one was typed, else the stored token of `id`.
#[tauri::command]
pub async fn test_account(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    id: Option<String>,
    mut fields: AccountFields,
    token: Option<Sensitive<String>>,
) -> Result<AccountTestReport, IpcError> {
    let guard = state.tasks.start(&task_id);
    if fields.demo {
        let demo = crate::commands::demo::ensure_demo(&state).await?;
        fields.base_url = demo.fields.base_url;
    }
    let problems = switchboard_channels::account_problems(&fields);
    if !problems.is_empty() {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            switchboard_core::Msg::new("platform-account-invalid"),
        )
        .with_fields(problems));
    }
    let token = match token.filter(|t| !t.expose().trim().is_empty()) {
        Some(t) => t,
        None => match id.clone() {
            Some(id) => with_service(&state, move |s| s.account_token(&id)).await?,
            None => {
                return Err(IpcError::from(switchboard_channels::ChannelError::NoToken));
            }
        },
    };
    let base = BaseUrl::parse(&fields.base_url).map_err(|e| {
        IpcError::new(
            ErrorCode::InvalidInput,
            switchboard_core::Msg::new(e.msg_id()),
        )
    })?;
    let budget = state
        .budgets
        .for_account(id.as_deref().unwrap_or("unsaved"), fields.rate_limit);
    let client = Client::new(base, token, budget, ClientConfig::default());
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    let report = probe_account(
        &client,
        fields.token_user_email.as_deref(),
        &sink,
        &guard.token,
    )
    .await;
    tracing::info!(ok = report.ok, "account tested");
    Ok(report)
}

/// A client for a stored account, paced by its budget.
pub(crate) async fn account_client(
    state: &AppState,
    id: &str,
) -> Result<(Account, Client), IpcError> {
    let id_owned = id.to_owned();
    let demo = with_service(state, {
        let id = id.to_owned();
        move |s| Ok(s.account(&id)?.fields.demo)
    })
    .await?;
    if demo {
        // The demo platform runs inside the app: start it (after a restart) first.
        crate::commands::demo::ensure_demo(state).await?;
    }
    let (slot, budgets) = (state.channel_slot(), state.budgets.clone());
    let joined = tauri::async_runtime::spawn_blocking(move || {
        let service = slot.get_or_open()?;
        let guard = service.lock().unwrap_or_else(|p| p.into_inner());
        switchboard_sync::account_client(&guard, &id_owned, &budgets).map_err(IpcError::from)
    })
    .await;
    crate::panic_guard::joined(joined)?
}

/// "Pull from the platform": streamed, cancellable, paced by the account's budget.
#[tauri::command]
pub async fn pull_account(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    id: String,
) -> Result<PullReport, IpcError> {
    let guard = state.tasks.start(&task_id);
    let (_, client) = account_client(&state, &id).await?;
    let slot = state.channel_slot();
    let service = tauri::async_runtime::spawn_blocking(move || slot.get_or_open())
        .await
        .map_err(IpcError::internal)??;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    match switchboard_sync::pull(service, &id, &client, &sink, &guard.token).await {
        Ok(report) => {
            tracing::info!(account = %id, adopted = report.counts.adopted, pages = report.pages, "pull done");
            Ok(report)
        }
        Err((e, partial)) => {
            tracing::warn!(account = %id, pages = partial.pages, error = %e, "pull stopped");
            Err(pull_error(e))
        }
    }
}

fn pull_error(e: PullError) -> IpcError {
    match e {
        PullError::Api(switchboard_platform::ApiError::Cancelled) => IpcError::cancelled(),
        PullError::Api(api) => IpcError::from(api),
        PullError::Channel(c) => IpcError::from(c),
        PullError::Join(detail) => IpcError::internal(detail),
    }
}

/// Sources the last pull could not adopt (a type no kind maps to), with their type.
#[tauri::command]
pub async fn unadopted_sources(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<UnadoptedSource>, IpcError> {
    with_service(&state, move |s| s.unadopted_sources(&id)).await
}
