//! "Continue with Facebook": Facebook's documented desktop flow in a window of its own.
//! The window loads Facebook's login dialog (remote content), so it is given no IPC
//! right at all: the capability file names the main window only, and a remote origin
//! gets no capability anyway. The shell watches its navigations and stops it at the
//! `login_success.html` redirect, whose fragment carries the token; the page never runs
//! with the token in its address. Then the token is exchanged for a long-lived one and
//! the pages it can manage are offered in a picker. Tokens stay in this process (in
//! `SocialPending`) until a page is picked; the window receives names and ids only.

use crate::commands::channels::with_service;
use crate::{state::AppState, ErrorCode, IpcError};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use switchboard_catalogue::ActionKind;
use switchboard_channels::{ConnectionView, SocialTarget};
use switchboard_core::{Msg, Sensitive};
use switchboard_oauth::facebook::{
    new_state, read_redirect, Facebook, FacebookPage, FacebookUse, Graph, UserToken,
};
use switchboard_oauth::{OAuthError, ProviderId, SIGN_IN_TIMEOUT};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder, WindowEvent};
use ts_rs::TS;
use url::Url;

/// The login window's label: one at a time.
pub const LOGIN_WINDOW: &str = "facebook-login";

/// A Facebook sign-in waiting for the user to pick a page, per channel.
pub(crate) struct FacebookPending {
    facebook: Facebook,
    usage: FacebookUse,
    token_path: &'static str,
    id_path: &'static str,
    user: UserToken,
    pages: Vec<FacebookPage>,
}

/// Sign-ins between their two steps (Facebook: the page picker; Twitter: the PIN).
#[derive(Default)]
pub struct SocialPending {
    pub(crate) facebook: Mutex<HashMap<String, FacebookPending>>,
    pub(crate) twitter: Mutex<HashMap<String, super::oauth_twitter::TwitterPending>>,
}

/// A page the picker offers: no token.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PageChoice {
    pub id: String,
    pub name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FacebookPages {
    pub pages: Vec<PageChoice>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
}

/// What a pick filled: the connection, and the plain field with its value (the editor
/// writes it into the draft it holds, so that its next save keeps it).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FacebookPicked {
    pub connection: ConnectionView,
    pub path: String,
    pub value: String,
}

fn facebook_of(base: Option<String>) -> Result<Facebook, OAuthError> {
    match base {
        Some(b) => Facebook::with_base(&b),
        None => Ok(Facebook::default()),
    }
}

/// Opens the login window on `url` and waits until it reaches the redirect (its full
/// address, fragment included), the user closes it, the timeout, or cancellation.
async fn login_window(
    app: &AppHandle,
    facebook: &Facebook,
    url: Url,
    title: String,
    cancel: &switchboard_core::progress::CancellationToken,
) -> Result<Url, OAuthError> {
    if let Some(old) = app.get_webview_window(LOGIN_WINDOW) {
        let _ = old.destroy();
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Option<Url>>();
    let watch = facebook.clone();
    let nav_tx = tx.clone();
    let (load_watch, load_tx) = (facebook.clone(), tx.clone());
    // Facebook's session cookies would otherwise stay in the app's web profile, in clear
    // on disk: the login window's profile is ephemeral. Test builds (identifier `.e2e`)
    // share the app's profile only because WebKitWebDriver drives the first one alone.
    let ephemeral = !app.config().identifier.ends_with(".e2e");
    let window = WebviewWindowBuilder::new(app, LOGIN_WINDOW, WebviewUrl::External(url))
        .title(title)
        .incognito(ephemeral)
        .inner_size(560.0, 720.0)
        .center()
        .on_navigation(move |to| {
            if watch.is_redirect(to) {
                // Stop here: the token is read from this address, the page never loads.
                let _ = nav_tx.send(Some(to.clone()));
                false
            } else {
                // Facebook's dialog moves between its own pages (login, 2FA, consent), all
                // https; plain http only on the dialog's configured origin (a loopback
                // stand-in in tests), never to a page a network attacker could serve.
                to.scheme() == "https" || to.origin() == watch.www.origin()
            }
        })
        // A second watch: should a webview engine not ask about a redirect's target,
        // its load still reports the address (Facebook's page there is inert).
        .on_page_load(move |_, payload| {
            if load_watch.is_redirect(payload.url()) {
                let _ = load_tx.send(Some(payload.url().clone()));
            }
        })
        .build()
        .map_err(|e| OAuthError::Browser {
            cause: e.to_string(),
        })?;
    let closed_tx = tx;
    window.on_window_event(move |e| {
        if matches!(e, WindowEvent::Destroyed) {
            let _ = closed_tx.send(None);
        }
    });
    let outcome = tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(OAuthError::Cancelled),
        _ = tokio::time::sleep(SIGN_IN_TIMEOUT) => Err(OAuthError::TimedOut),
        got = rx.recv() => match got.flatten() {
            Some(url) => Ok(url),
            // Closed by the user before the end.
            None => Err(OAuthError::Cancelled),
        },
    };
    let _ = window.destroy();
    outcome
}

/// Signs in with Facebook for channel `id`'s "Continue with Facebook" and returns the
/// pages the account can manage (names and ids only). Cancellable with `taskId`.
#[tauri::command]
pub async fn facebook_connect(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, SocialPending>,
    task_id: String,
    id: String,
    action: ActionKind,
) -> Result<FacebookPages, IpcError> {
    let guard = state.tasks.start(&task_id);
    let channel = id.clone();
    let (target, provider_app, base) = with_service(&state, move |s| {
        Ok((
            s.social_target_of(&channel, action)?,
            // A channel linked to a platform account signs in with that account's app.
            s.social_app(&s.apps_account(&channel)?, ProviderId::Facebook),
        ))
    })
    .await
    .and_then(|(t, a)| {
        let (a, b) = a?;
        Ok((t, a, b))
    })?;
    let Some(SocialTarget::Facebook {
        usage,
        token_path,
        id_path,
    }) = target
    else {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            Msg::new("oauth-err-not-yet"),
        ));
    };
    let facebook = facebook_of(base)?;
    let st = new_state();
    let url = facebook.dialog_url(&provider_app, usage, &st);
    let title = state.localizer().text("oauth-social-facebook-window");
    let landed = login_window(&app, &facebook, url, title, &guard.token).await?;
    let short = read_redirect(&landed, &st)?;
    let graph = Graph::new(facebook.clone());
    let user = bounded(&guard.token, graph.long_lived(&provider_app, &short.token)).await?;
    let account_name = graph.user_name(&user.token).await;
    let pages = bounded(&guard.token, graph.pages(&user.token)).await?;
    let view = FacebookPages {
        pages: pages
            .iter()
            .map(|p| PageChoice {
                id: p.id.clone(),
                name: p.name.clone(),
                category: p.category.clone(),
            })
            .collect(),
        account_name,
    };
    pending
        .facebook
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(
            id,
            FacebookPending {
                facebook,
                usage,
                token_path,
                id_path,
                user,
                pages,
            },
        );
    Ok(view)
}

async fn bounded<T>(
    cancel: &switchboard_core::progress::CancellationToken,
    fut: impl std::future::Future<Output = Result<T, OAuthError>>,
) -> Result<T, OAuthError> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(OAuthError::Cancelled),
        r = tokio::time::timeout(Duration::from_secs(60), fut) => r.unwrap_or(Err(OAuthError::TimedOut)),
    }
}

/// The picker's choice: the page id (or, for Instagram, the linked professional
/// account) fills in, the user token goes to the vault, and "connected as" names the page.
#[tauri::command]
pub async fn facebook_pick(
    state: State<'_, AppState>,
    pending: State<'_, SocialPending>,
    id: String,
    page_id: String,
) -> Result<FacebookPicked, IpcError> {
    let (p, page) = {
        let map = pending.facebook.lock().unwrap_or_else(|p| p.into_inner());
        let p = map.get(&id).ok_or_else(|| {
            IpcError::new(ErrorCode::InvalidInput, Msg::new("oauth-social-no-pending"))
        })?;
        let page = p
            .pages
            .iter()
            .find(|pg| pg.id == page_id)
            .cloned()
            .ok_or_else(|| {
                IpcError::new(ErrorCode::InvalidInput, Msg::new("oauth-social-no-pending"))
            })?;
        (
            (
                p.facebook.clone(),
                p.usage,
                p.token_path,
                p.id_path,
                Sensitive::new(p.user.token.expose().clone()),
                p.user.expires_at,
            ),
            page,
        )
    };
    let (facebook, usage, token_path, id_path, token, expires_at) = p;
    let (value, name) = match usage {
        FacebookUse::Page => (page.id.clone(), page.name.clone()),
        FacebookUse::Instagram => {
            let ig = Graph::new(facebook)
                .instagram_account(&page)
                .await?
                .ok_or_else(|| {
                    IpcError::new(
                        ErrorCode::InvalidInput,
                        Msg::new("oauth-social-no-instagram").arg("page", page.name.as_str()),
                    )
                })?;
            let name = ig.username.clone().unwrap_or_else(|| ig.id.clone());
            (name.clone(), format!("@{name}"))
        }
    };
    let channel = id.clone();
    let filled = value.clone();
    let connection = with_service(&state, move |s| {
        s.store_social(
            &channel,
            ProviderId::Facebook,
            (token_path, &token),
            &[],
            &[(id_path, serde_json::Value::String(filled))],
            Some(name),
            expires_at,
        )
    })
    .await?;
    pending
        .facebook
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&id);
    Ok(FacebookPicked {
        connection,
        path: id_path.to_owned(),
        value,
    })
}

/// Forgets a sign-in whose picker was closed without a choice.
#[tauri::command]
pub fn social_abandon(pending: State<'_, SocialPending>, id: String) {
    pending
        .facebook
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&id);
    pending
        .twitter
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&id);
}
