//! Plan, resolve, apply and the sync history: translations to `switchboard_sync`. A plan
//! crosses IPC whole (it holds no secret); resolving one goes back through Rust because
//! the plan's hash (its identity once frozen) is computed here.

use crate::commands::channels::with_service;
use crate::commands::platform::account_client;
use crate::{state::AppState, IpcError};
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_platform::BaseUrl;
use switchboard_store::{ApplyRecord, SyncState};
use switchboard_sync::{ApplyReport, Plan, Resolution, SyncError};
use tauri::{ipc::Channel, State};
use ts_rs::TS;

/// The account's plan: streamed (one progress step per page), cancellable.
#[tauri::command]
pub async fn plan_account(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    id: String,
) -> Result<Plan, IpcError> {
    let guard = state.tasks.start(&task_id);
    let (_, client) = account_client(&state, &id).await?;
    let slot = state.channel_slot();
    let service = tauri::async_runtime::spawn_blocking(move || slot.get_or_open())
        .await
        .map_err(IpcError::internal)??;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    Ok(switchboard_sync::plan(service, &id, &client, &sink, &guard.token).await?)
}

/// One field's resolution (`field: None` with `channelId: None`: every conflict).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldResolution {
    pub channel_id: Option<String>,
    pub field: Option<String>,
    pub resolution: Resolution,
}

/// The reviewer ticks a channel (`field: None`) or one of its fields in or out.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    pub channel_id: String,
    pub field: Option<String>,
    pub excluded: bool,
}

/// Applies resolutions and ticks, and refreezes the plan (a new hash): what the reviewer
/// approves is exactly what the hash covers.
#[tauri::command]
pub async fn resolve_plan(
    mut plan: Plan,
    resolutions: Vec<FieldResolution>,
    exclusions: Option<Vec<Exclusion>>,
) -> Result<Plan, IpcError> {
    for r in resolutions {
        match (r.channel_id, r.field) {
            (Some(c), Some(f)) => {
                plan.resolve(&c, &f, r.resolution);
            }
            _ => plan.resolve_all(&r.resolution),
        }
    }
    for x in exclusions.unwrap_or_default() {
        plan.exclude(&x.channel_id, x.field.as_deref(), x.excluded);
    }
    plan.freeze();
    Ok(plan)
}

/// What the review view needs besides the plan: where channels are created (the web
/// admin of this tenant) and an apply left unfinished (killed or cancelled), to resume.
#[derive(Debug, Clone, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncOverview {
    pub admin_url: String,
    pub open_apply: Option<ApplyRecord>,
}

#[tauri::command]
pub async fn sync_overview(
    state: State<'_, AppState>,
    id: String,
) -> Result<SyncOverview, IpcError> {
    let (account, open_apply) = with_service(&state, move |s| {
        let account = s.account(&id)?;
        let open = s
            .store()
            .open_apply(&id)
            .map_err(switchboard_channels::ChannelError::from)?;
        Ok((account, open))
    })
    .await?;
    let admin_url = BaseUrl::parse(&account.fields.base_url)
        .map(|b| b.admin_url())
        .unwrap_or(account.fields.base_url);
    Ok(SyncOverview {
        admin_url,
        open_apply,
    })
}

/// Links a local-only channel to the platform source created for it in the web admin.
/// The source is read first (same kind, not linked elsewhere); nothing is sent: the
/// channel's values show in the next plan.
#[tauri::command]
pub async fn link_channel(
    state: State<'_, AppState>,
    channel_id: String,
    account_id: String,
    remote_id: String,
) -> Result<SyncState, IpcError> {
    let (_, client) = account_client(&state, &account_id).await?;
    let record = client
        .source(&remote_id, &CancellationToken::new())
        .await
        .map_err(SyncError::from)?;
    with_service(&state, move |s| {
        s.link_to_source(&channel_id, &account_id, &record)
    })
    .await
}

/// Applies a frozen plan (or resumes its interrupted apply).
#[tauri::command]
pub async fn apply_plan(
    state: State<'_, AppState>,
    task_id: String,
    on_event: Channel<ProgressEvent>,
    plan: Plan,
) -> Result<ApplyReport, IpcError> {
    let guard = state.tasks.start(&task_id);
    let (_, client) = account_client(&state, &plan.account_id).await?;
    let slot = state.channel_slot();
    let service = tauri::async_runtime::spawn_blocking(move || slot.get_or_open())
        .await
        .map_err(IpcError::internal)??;
    let sink = |e: ProgressEvent| {
        let _ = on_event.send(e);
    };
    let report = switchboard_sync::apply(service, &client, &plan, &sink, &guard.token).await?;
    tracing::info!(account = %plan.account_id, outcomes = report.outcomes.len(), "apply done");
    Ok(report)
}

/// Every apply of the account, newest first.
#[tauri::command]
pub async fn sync_history(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<ApplyRecord>, IpcError> {
    with_service(&state, move |s| {
        s.store()
            .sync_history(&id)
            .map_err(switchboard_channels::ChannelError::from)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> Plan {
        let field = |name: &str, class: &str| {
            json!({"field": name, "label": null, "class": class, "base": "a", "local": "b",
                   "remote": if class == "conflict" { "c" } else { "a" },
                   "resolution": null, "excluded": false})
        };
        let mut p: Plan = serde_json::from_value(json!({
            "format": switchboard_sync::PLAN_FORMAT, "version": switchboard_sync::PLAN_VERSION,
            "accountId": "acc", "baseUrl": "https://x.api.example.com/1.0", "createdAt": 1,
            "channels": [{
                "channelId": "ch", "remoteId": "r", "name": "N", "kind": "email", "draftSeq": 1,
                "remoteUpdatedAt": null, "remote": {},
                "fields": [field("name", "send"), field("signature", "conflict")],
                "webAdmin": [],
                "secrets": [{"path": "imap.password", "field": "imap_password", "label": null,
                             "generation": 1, "excluded": false}],
                "serverChange": null, "problems": [], "invalid": false, "error": null,
                "excluded": false
            }],
            "localOnly": [], "hash": ""
        }))
        .expect("a plan");
        p.freeze();
        p
    }

    fn tick(field: Option<&str>, excluded: bool) -> Exclusion {
        Exclusion {
            channel_id: "ch".into(),
            field: field.map(str::to_owned),
            excluded,
        }
    }

    #[test]
    fn ticks_and_resolutions_change_what_is_sent_and_refreeze_the_plan() {
        let p = plan();
        let run = |p: Plan, r: Vec<FieldResolution>, x: Vec<Exclusion>| {
            tauri::async_runtime::block_on(resolve_plan(p, r, Some(x))).expect("resolved")
        };
        // A field ticked out is neither sent nor a conflict to settle; a secret ticked out
        // is not sent.
        let out = run(
            p.clone(),
            vec![],
            vec![
                tick(Some("signature"), true),
                tick(Some("imap_password"), true),
            ],
        );
        assert!(out.is_intact() && out.hash != p.hash);
        let c = &out.channels[0];
        assert!(c.fields[1].excluded && !c.fields[1].unresolved());
        assert!(c.secrets[0].excluded);
        assert_eq!(c.params().keys().collect::<Vec<_>>(), vec!["name"]);
        assert!(c.actionable());
        // Ticked back in, the conflict needs a decision again; "keep all mine" settles it.
        let back = run(out, vec![], vec![tick(Some("signature"), false)]);
        assert!(!back.channels[0].actionable());
        let all = run(
            back,
            vec![FieldResolution {
                channel_id: None,
                field: None,
                resolution: Resolution::Mine,
            }],
            vec![],
        );
        assert_eq!(all.channels[0].params().len(), 2);
        // The whole channel ticked out: nothing of it is applied.
        let off = run(all, vec![], vec![tick(None, true)]);
        assert!(off.is_intact() && !off.channels[0].actionable());
    }
}
