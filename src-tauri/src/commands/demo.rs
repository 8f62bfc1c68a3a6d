//! "Try the demo platform": the platform emulator, started inside the app on loopback,
//! with an account labelled "Demo platform" pointing at it, so a new user can test an
//! account and pull (then plan and apply) without a tenant. The emulator keeps its state
//! in memory: it starts afresh (same fixture, same ids) each time Switchboard starts, and
//! the account follows its new port.

use crate::commands::channels::with_service;
use crate::{state::AppState, IpcError};
use switchboard_core::Sensitive;
use switchboard_emulator::{Config, Emulator, Running, Tokens};
use switchboard_store::{Account, AccountFields, Environment};
use tauri::State;

/// The running demo platform, if started.
#[derive(Default)]
pub struct DemoSlot(std::sync::Mutex<Option<Running>>);

/// Starts the emulator if needed (with the demo account's token) and makes sure the demo
/// account exists and points at it.
pub(crate) async fn ensure_demo(state: &AppState) -> Result<Account, IpcError> {
    let existing = with_service(state, |s| {
        let account = s.accounts()?.into_iter().find(|a| a.fields.demo);
        let token = match &account {
            Some(a) => s.account_token(&a.id).ok(),
            None => None,
        };
        Ok((account, token))
    })
    .await?;
    let (account, token) = existing;
    let token = match token {
        Some(t) => t,
        None => Sensitive::new(
            switchboard_catalogue::generate_access_token().map_err(IpcError::internal)?,
        ),
    };
    let url = {
        let mut slot = state.demo.0.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            let running = Emulator::start(Config {
                tokens: Tokens {
                    admin: Some(token.expose().clone()),
                    ..Tokens::default()
                },
                ..Config::demo()
            })
            .map_err(IpcError::internal)?;
            tracing::info!(url = %running.url(), "demo platform started");
            *slot = Some(running);
        }
        slot.as_ref()
            .map(|r| (r.url(), admin_email(r)))
            .expect("started above")
    };
    let (url, email) = url;
    let fields = AccountFields {
        label: account
            .as_ref()
            .map(|a| a.fields.label.clone())
            .unwrap_or_else(|| state.localizer().text("accounts-demo-badge")),
        environment: Environment::Sandbox,
        base_url: url,
        token_user_email: Some(email),
        demo: true,
        rate_limit: 500,
    };
    with_service(state, move |s| match account {
        Some(a) if a.fields.base_url == fields.base_url => Ok(a),
        Some(a) => s.update_account(&a.id, fields, Some(&token)),
        None => s.create_account(fields, Some(&token)),
    })
    .await
}

fn admin_email(r: &Running) -> String {
    let admin = r.admin_token();
    r.tokens()
        .into_iter()
        .find(|t| t.token == admin)
        .map(|t| t.email)
        .unwrap_or_default()
}

/// "Try the demo platform".
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Result<Account, IpcError> {
    ensure_demo(&state).await
}
