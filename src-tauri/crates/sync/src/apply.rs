//! Apply a frozen plan. For each channel, in order:
//! 1. re-read the source right before writing; if the server moved since the plan, skip
//!    the channel as stale (never overwrite);
//! 2. journal `sent`, then `PUT` only the planned parameters (paced by the budget);
//! 3. the answer becomes the base (our own write never comes back as "changed on the
//!    server"), the draft follows it with a "pushed" revision, and a field the server
//!    changed or ignored is reported once;
//! 4. send the planned secrets (write-only: `secrets.rs`) and record their generation as
//!    pushed;
//! 5. journal the result.
//!
//! A kill anywhere leaves journal rows at `intent` or `sent`. The next apply of the same
//! plan resumes them: a `sent` row is re-read first, and counts as applied when the server
//! already holds what was planned, so nothing is sent twice without a re-read. Channels
//! are independent: one failure does not stop the others. Cancel stops between requests.

use crate::plan::{ChannelPlan, Plan};
use crate::secrets::push_secrets;
use crate::SyncError;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::sync::{Arc, Mutex};
use switchboard_catalogue::normalize::record_view;
use switchboard_catalogue::Kind;
use switchboard_channels::ChannelService;
use switchboard_core::progress::{CancellationToken, ProgressEvent, ProgressSink, StepStatus};
use switchboard_core::Msg;
use switchboard_platform::{ApiError, Client};
use switchboard_store::JournalStep;
use ts_rs::TS;

/// How one channel ended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChannelOutcome {
    pub channel_id: String,
    pub name: String,
    pub step: JournalStep,
    /// Fields sent and now on the server.
    pub applied: Vec<String>,
    /// Fields the server changed or ignored (its value differs from the one sent).
    pub server_changed: Vec<String>,
    /// Secret parameters set (names only: the server never shows them back).
    #[serde(default)]
    pub secrets_set: Vec<String>,
    pub error: Option<Msg>,
}

/// What an apply did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApplyReport {
    pub apply_id: String,
    pub plan_hash: String,
    pub resumed: bool,
    pub outcomes: Vec<ChannelOutcome>,
    pub cancelled: bool,
}

impl ApplyReport {
    pub fn count(&self, step: JournalStep) -> usize {
        self.outcomes.iter().filter(|o| o.step == step).count()
    }
}

type Shared = Arc<Mutex<ChannelService>>;

async fn blocking<T: Send + 'static>(
    service: &Shared,
    f: impl FnOnce(&mut ChannelService) -> Result<T, SyncError> + Send + 'static,
) -> Result<T, SyncError> {
    let s = service.clone();
    tokio::task::spawn_blocking(move || {
        let mut g = s.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut g)
    })
    .await
    .map_err(|e| SyncError::Join(e.to_string()))?
}

/// Whether the plan still describes the drafts: a channel saved (or a planned secret
/// replaced) since the plan makes the whole plan stale (re-plan), as a reviewer approved
/// other values.
pub async fn check_plan(service: &Shared, plan: &Plan) -> Result<(), SyncError> {
    if !plan.is_intact() {
        return Err(SyncError::PlanTampered);
    }
    let p = plan.clone();
    blocking(service, move |s| {
        let account = s.account(&p.account_id)?;
        if account.fields.base_url != p.base_url {
            return Err(SyncError::PlanStale);
        }
        let linked = s.linked_channels(&p.account_id)?;
        for c in p.channels.iter().filter(|c| c.actionable()) {
            let now = linked.iter().find(|l| l.channel_id == c.channel_id);
            if now.map(|l| l.draft_seq) != Some(c.draft_seq) {
                return Err(SyncError::PlanStale);
            }
            if c.sends_secrets() {
                let gens = s.store().secret_generations(&c.channel_id)?;
                for planned in c.secrets.iter().filter(|x| !x.excluded) {
                    let current = gens.iter().find(|g| g.path == planned.path);
                    if current.map(|g| g.generation) != Some(planned.generation) {
                        return Err(SyncError::PlanStale);
                    }
                }
            }
        }
        Ok(())
    })
    .await
}

fn step_event(sink: &dyn ProgressSink, c: &ChannelPlan, status: StepStatus, detail: Option<Msg>) {
    sink.emit(ProgressEvent::Step {
        step: format!("apply.{}", c.channel_id),
        label: Msg::new("sync-apply-channel").arg("name", c.name.clone()),
        status,
        duration_ms: None,
        detail,
    });
}

/// Applies `plan` (resuming its unfinished apply if there is one).
pub async fn apply(
    service: Shared,
    client: &Client,
    plan: &Plan,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> Result<ApplyReport, SyncError> {
    if !plan.is_intact() {
        return Err(SyncError::PlanTampered);
    }
    let account_id = plan.account_id.clone();
    let previous = {
        let (id, hash) = (account_id.clone(), plan.hash.clone());
        blocking(&service, move |s| {
            Ok(s.store().apply_of_plan(&id, &hash)?)
        })
        .await?
    };
    // The same plan applied before: resume its journal (a finished one has no open row,
    // so nothing is sent again; its outcomes are reported as they were).
    let (apply_id, resumed, entries) = match previous {
        Some(a) => (a.id, true, a.entries),
        None => {
            // A resume skips the check: its drafts were already committed by the push.
            check_plan(&service, plan).await?;
            let items: Vec<(String, String)> = plan
                .channels
                .iter()
                .filter(|c| c.actionable())
                .map(|c| (c.channel_id.clone(), c.remote_id.clone()))
                .collect();
            let (id, hash, plan_json) = (
                account_id.clone(),
                plan.hash.clone(),
                serde_json::to_value(plan).map_err(|e| SyncError::Join(e.to_string()))?,
            );
            let apply_id = blocking(&service, move |s| {
                Ok(s.store_mut().begin_apply(&id, &hash, &plan_json, &items)?)
            })
            .await?;
            let record = {
                let a = apply_id.clone();
                blocking(&service, move |s| Ok(s.store().apply_record(&a)?)).await?
            };
            (apply_id, false, record.entries)
        }
    };
    let mut report = ApplyReport {
        apply_id: apply_id.clone(),
        plan_hash: plan.hash.clone(),
        resumed,
        outcomes: vec![],
        cancelled: false,
    };
    let total = entries.len() as u32;
    for (i, entry) in entries.iter().enumerate() {
        let Some(c) = plan
            .channels
            .iter()
            .find(|c| c.channel_id == entry.channel_id)
        else {
            continue;
        };
        if !entry.step.is_open() {
            report.outcomes.push(ChannelOutcome {
                channel_id: c.channel_id.clone(),
                name: c.name.clone(),
                step: entry.step,
                applied: vec![],
                server_changed: vec![],
                secrets_set: vec![],
                error: None,
            });
            continue;
        }
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        step_event(sink, c, StepStatus::Running, None);
        let outcome = apply_channel(&service, client, &apply_id, c, entry.step, cancel).await;
        let outcome = match outcome {
            Ok(o) => o,
            Err(SyncError::Api(ApiError::Cancelled)) => {
                report.cancelled = true;
                break;
            }
            Err(e) => {
                let msg = e.msg();
                let result = json!({"error": msg.id});
                let (a, ch) = (apply_id.clone(), c.channel_id.clone());
                blocking(&service, move |s| {
                    Ok(s.store_mut()
                        .journal_step(&a, &ch, JournalStep::Failed, Some(&result))?)
                })
                .await?;
                ChannelOutcome {
                    channel_id: c.channel_id.clone(),
                    name: c.name.clone(),
                    step: JournalStep::Failed,
                    applied: vec![],
                    server_changed: vec![],
                    secrets_set: vec![],
                    error: Some(msg),
                }
            }
        };
        let status = match outcome.step {
            JournalStep::Applied if outcome.server_changed.is_empty() => StepStatus::Ok,
            JournalStep::Applied | JournalStep::Stale => StepStatus::Warning,
            _ => StepStatus::Failed,
        };
        step_event(sink, c, status, outcome.error.clone());
        sink.emit(ProgressEvent::Progress {
            done: i as u32 + 1,
            total,
        });
        report.outcomes.push(outcome);
    }
    if !report.cancelled {
        let a = apply_id.clone();
        blocking(&service, move |s| Ok(s.store_mut().finish_apply(&a)?)).await?;
    }
    sink.emit(ProgressEvent::Finished {
        ok: !report.cancelled
            && report
                .outcomes
                .iter()
                .all(|o| o.step == JournalStep::Applied),
        cancelled: report.cancelled,
    });
    Ok(report)
}

/// The planned values are what the server now holds.
fn holds(remote: &Map<String, Value>, params: &Map<String, Value>) -> bool {
    params
        .iter()
        .all(|(k, v)| remote.get(k).unwrap_or(&Value::Null) == v)
}

async fn apply_channel(
    service: &Shared,
    client: &Client,
    apply_id: &str,
    c: &ChannelPlan,
    step: JournalStep,
    cancel: &CancellationToken,
) -> Result<ChannelOutcome, SyncError> {
    let kind = Kind::parse(&c.kind).ok_or(SyncError::PlanTampered)?;
    let params = c.params();
    let mut outcome = ChannelOutcome {
        channel_id: c.channel_id.clone(),
        name: c.name.clone(),
        step: JournalStep::Applied,
        applied: vec![],
        server_changed: vec![],
        secrets_set: vec![],
        error: None,
    };
    // 1. Re-read, as close to the write as possible.
    let record = client.source(&c.remote_id, cancel).await?;
    let now = record_view(kind, &record);
    let journal = |step: JournalStep, result: Option<Value>| {
        let (a, ch) = (apply_id.to_owned(), c.channel_id.clone());
        blocking(service, move |s| {
            Ok(s.store_mut().journal_step(&a, &ch, step, result.as_ref())?)
        })
    };
    let account = {
        let id = c.channel_id.clone();
        blocking(service, move |s| Ok(s.get(&id)?.channel.account_id)).await?
    }
    .unwrap_or_default();
    let already_there = step == JournalStep::Sent && !params.is_empty() && holds(&now, &params);
    let answer = if already_there {
        // The killed run's PUT landed: nothing to send again.
        outcome.applied = params.keys().cloned().collect();
        record
    } else if now != c.remote {
        outcome.step = JournalStep::Stale;
        outcome.error = Some(Msg::new("sync-apply-stale"));
        journal(JournalStep::Stale, None).await?;
        return Ok(outcome);
    } else if params.is_empty() && !c.sends_secrets() {
        // Only values to take: the draft follows the server copy just read.
        record
    } else {
        // 2. Journal first: from here on, a resume must re-read before sending again.
        let secret_names: Vec<&str> = c
            .secrets
            .iter()
            .filter(|s| !s.excluded)
            .map(|s| s.field.as_str())
            .collect();
        journal(
            JournalStep::Sent,
            Some(json!({"params": params.keys().collect::<Vec<_>>(), "secrets": secret_names})),
        )
        .await?;
        if params.is_empty() {
            record
        } else {
            let answer = client.update_source(&c.remote_id, &params, cancel).await?;
            // 3. The answer is the new base; compare it with what was sent.
            let after = record_view(kind, &answer);
            for (k, v) in &params {
                if after.get(k).unwrap_or(&Value::Null) == v {
                    outcome.applied.push(k.clone());
                } else {
                    outcome.server_changed.push(k.clone());
                }
            }
            answer
        }
    };
    let (acc, ch, rec) = (account.clone(), c.channel_id.clone(), answer);
    blocking(service, move |s| Ok(s.commit_push(&acc, &ch, &rec)?)).await?;
    // 4. Secrets: not comparable, so a resume sends them again after its re-read (setting
    //    the same password twice is harmless; a generation is marked only once sent).
    if c.sends_secrets() {
        match push_secrets(
            service,
            client,
            kind,
            &c.channel_id,
            &c.remote_id,
            &c.secrets,
            cancel,
        )
        .await
        {
            Ok(Some(answer)) => {
                outcome.secrets_set = c
                    .secrets
                    .iter()
                    .filter(|s| !s.excluded)
                    .map(|s| s.field.clone())
                    .collect();
                let (acc, ch) = (account.clone(), c.channel_id.clone());
                blocking(service, move |s| Ok(s.commit_push(&acc, &ch, &answer)?)).await?;
            }
            Ok(None) => {}
            Err(SyncError::Api(ApiError::Cancelled)) => {
                return Err(SyncError::Api(ApiError::Cancelled))
            }
            Err(e) => {
                // The fields landed (and are the base); the secrets did not.
                outcome.step = JournalStep::Failed;
                outcome.error = Some(e.msg());
                journal(
                    JournalStep::Failed,
                    Some(json!({"applied": outcome.applied, "error": e.msg().id})),
                )
                .await?;
                return Ok(outcome);
            }
        }
    }
    // 5. Secrets only the web admin can set were listed in this plan: told, not again.
    if !c.web_admin_secrets.is_empty() {
        let (ch, told): (String, Vec<(String, i64)>) = (
            c.channel_id.clone(),
            c.web_admin_secrets
                .iter()
                .map(|s| (s.path.clone(), s.generation))
                .collect(),
        );
        blocking(service, move |s| {
            for (path, generation) in told {
                s.store_mut().mark_secret_pushed(&ch, &path, generation)?;
            }
            Ok(())
        })
        .await?;
    }
    journal(
        JournalStep::Applied,
        Some(json!({
            "applied": outcome.applied,
            "serverChanged": outcome.server_changed,
            "secretsSet": outcome.secrets_set,
            "resumed": already_there,
        })),
    )
    .await?;
    Ok(outcome)
}
