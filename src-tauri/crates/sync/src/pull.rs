//! "Pull from the platform": the account's reference data, then every source page by page
//! (150 at a time, oldest first). Each page is committed whole in one transaction while
//! the next one is on the way, so a pull is about as fast as its requests and an
//! interruption (cancel, network, kill) leaves whole pages.
//!
//! What a page does to each source (see `ChannelService::prepare_pull_page`): an unlinked
//! source is adopted as a new channel; a linked one gets its server copy as the base and
//! its draft follows it when the draft had no change since the previous base, or keeps
//! its changes and is marked changed on both sides; a source of a type no kind maps to is
//! listed, never dropped. Only a pull that read every page marks the linked channels it
//! did not see (never unlinks or deletes them: a source may only be hidden from the token).

use crate::reference;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use switchboard_channels::{ChannelError, ChannelService};
use switchboard_core::progress::{CancellationToken, ProgressEvent, ProgressSink, StepStatus};
use switchboard_core::Msg;
use switchboard_platform::{ApiError, Client, PAGE_SIZE};
use switchboard_store::{PullCounts, RefKind, UnadoptedSource};
use ts_rs::TS;

/// What a pull did (also what an interrupted one managed before it stopped).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PullReport {
    pub counts: PullCounts,
    /// Sources on the platform (the list's `count`).
    pub sources: u32,
    pub pages: u32,
    /// Reference lists fetched, with their sizes.
    pub reference: BTreeMap<String, u32>,
    pub unadopted: Vec<UnadoptedSource>,
    /// True when every page was read.
    pub complete: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Channel(#[from] ChannelError),
    #[error("internal: {0}")]
    Join(String),
}

impl PullError {
    pub fn msg(&self) -> Msg {
        match self {
            PullError::Api(e) => e.msg(),
            PullError::Channel(e) => e.msg(),
            PullError::Join(_) => Msg::new("err-internal"),
        }
    }
}

type Shared = Arc<Mutex<ChannelService>>;

/// Runs `f` on the service from a blocking thread (SQLite is synchronous).
async fn with_service<T: Send + 'static>(
    service: &Shared,
    f: impl FnOnce(&mut ChannelService) -> Result<T, ChannelError> + Send + 'static,
) -> Result<T, PullError> {
    let s = service.clone();
    tokio::task::spawn_blocking(move || {
        let mut guard = s.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    })
    .await
    .map_err(|e| PullError::Join(e.to_string()))?
    .map_err(PullError::from)
}

fn step(
    sink: &dyn ProgressSink,
    key: &str,
    status: StepStatus,
    started: Option<Instant>,
    detail: Option<Msg>,
) {
    sink.emit(ProgressEvent::Step {
        step: key.into(),
        label: Msg::new(format!("sync-step-{key}")),
        status,
        duration_ms: started.map(|t| t.elapsed().as_millis() as u64),
        detail,
    });
}

/// Pulls the account. On failure the error comes with what was done before it.
pub async fn pull(
    service: Shared,
    account_id: &str,
    client: &Client,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> Result<PullReport, (PullError, PullReport)> {
    let mut report = PullReport::default();
    let r = run(&service, account_id, client, sink, cancel, &mut report).await;
    let ok = r.is_ok();
    sink.emit(ProgressEvent::Finished {
        ok,
        cancelled: cancel.is_cancelled(),
    });
    match r {
        Ok(()) => Ok(report),
        Err(e) => Err((e, report)),
    }
}

async fn run(
    service: &Shared,
    account_id: &str,
    client: &Client,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
    report: &mut PullReport,
) -> Result<(), PullError> {
    let started_ms = now_ms();

    // Reference data first: adopted channels are validated against nothing else, but
    // the pickers of this account's channels read these lists.
    let t0 = Instant::now();
    step(sink, "reference", StepStatus::Running, None, None);
    // The five lists at once (well within the budget's burst), written in one go.
    let fetched = futures_join(client, cancel).await;
    let mut lists = Vec::new();
    for (kind, r) in RefKind::ALL.into_iter().zip(fetched) {
        match r {
            Ok(list) => {
                report.reference.insert(
                    kind.as_str().into(),
                    list.as_array().map_or(0, |a| a.len() as u32),
                );
                lists.push((kind, list));
            }
            Err(e) => {
                step(
                    sink,
                    "reference",
                    StepStatus::Failed,
                    Some(t0),
                    Some(e.msg()),
                );
                return Err(e.into());
            }
        }
    }
    let account = account_id.to_owned();
    with_service(service, move |s| {
        let at = now_ms();
        for (kind, list) in &lists {
            s.put_reference(&account, *kind, list, at)?;
        }
        Ok(())
    })
    .await?;
    step(sink, "reference", StepStatus::Ok, Some(t0), None);

    // Sources, page by page.
    let t0 = Instant::now();
    step(sink, "sources", StepStatus::Running, None, None);
    let account = account_id.to_owned();
    let (linked, mut taken) = with_service(service, move |s| {
        let linked: HashMap<_, _> = s
            .linked_channels(&account)?
            .into_iter()
            .map(|c| (c.remote_id.clone(), c))
            .collect();
        Ok((linked, s.taken_names()?))
    })
    .await?;
    let linked = Arc::new(linked);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut offset = 0u32;
    let mut page = match client.sources_page(0, PAGE_SIZE, cancel).await {
        Ok(p) => p,
        Err(e) => {
            step(sink, "sources", StepStatus::Failed, Some(t0), Some(e.msg()));
            return Err(e.into());
        }
    };
    loop {
        report.pages += 1;
        report.sources = page.count;
        let n = page.records.len() as u32;
        offset += n;
        let more = n > 0 && offset < page.count;
        // This page's records, minus any the list already gave (it may shift while we
        // page through it).
        let records: Vec<_> = page
            .records
            .into_iter()
            .filter(|r| match r.get("id").map(id_key) {
                Some(id) => seen.insert(id),
                None => true,
            })
            .collect();
        let account = account_id.to_owned();
        let linked_now = linked.clone();
        let mut taken_now = std::mem::take(&mut taken);
        let commit = with_service(service, move |s| {
            let (writes, unadopted) = s.prepare_pull_page(records, &linked_now, &mut taken_now);
            let counts = s.commit_pull(&account, writes, &unadopted)?;
            Ok((counts, unadopted, taken_now))
        });
        // The next page is on its way while this one is written.
        let next = async {
            if more && !cancel.is_cancelled() {
                Some(client.sources_page(offset, PAGE_SIZE, cancel).await)
            } else {
                None
            }
        };
        let (committed, fetched) = tokio::join!(commit, next);
        let (counts, unadopted, taken_back) = committed?;
        taken = taken_back;
        add(&mut report.counts, counts);
        report.unadopted.extend(unadopted);
        sink.emit(ProgressEvent::Progress {
            done: offset.min(page.count),
            total: page.count,
        });
        match fetched {
            None if more => {
                step(sink, "sources", StepStatus::Cancelled, Some(t0), None);
                return Err(ApiError::Cancelled.into());
            }
            None => break,
            // Cancelled while the next page was on its way: stop before writing it.
            Some(Ok(_)) if cancel.is_cancelled() => {
                step(sink, "sources", StepStatus::Cancelled, Some(t0), None);
                return Err(ApiError::Cancelled.into());
            }
            Some(Ok(p)) => page = p,
            Some(Err(e)) => {
                step(sink, "sources", StepStatus::Failed, Some(t0), Some(e.msg()));
                return Err(e.into());
            }
        }
    }
    step(sink, "sources", StepStatus::Ok, Some(t0), None);

    let account = account_id.to_owned();
    let missing =
        with_service(service, move |s| s.finish_pull(&account, &seen, started_ms)).await?;
    report.counts.missing = missing;
    report.complete = true;
    Ok(())
}

/// Every reference list, fetched concurrently, in `RefKind::ALL` order.
async fn futures_join(
    client: &Client,
    cancel: &CancellationToken,
) -> [Result<serde_json::Value, ApiError>; 5] {
    let [a, b, c, d, e] = RefKind::ALL;
    let (a, b, c, d, e) = tokio::join!(
        reference::fetch(client, a, cancel),
        reference::fetch(client, b, cancel),
        reference::fetch(client, c, cancel),
        reference::fetch(client, d, cancel),
        reference::fetch(client, e, cancel),
    );
    [a, b, c, d, e]
}

fn id_key(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn add(total: &mut PullCounts, page: PullCounts) {
    total.adopted += page.adopted;
    total.followed += page.followed;
    total.unchanged += page.unchanged;
    total.changed_both += page.changed_both;
    total.kept_local += page.kept_local;
    total.missing += page.missing;
    total.unadopted += page.unadopted;
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
