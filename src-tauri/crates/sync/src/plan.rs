//! The plan of one account: what an apply would send, take, or needs decided, channel by
//! channel and field by field, from the base / local / remote of each linked channel.
//!
//! The server copies come from the source list (150 per request) rather than one GET per
//! channel: the same records, a fraction of the budget. A plan holds API field names and
//! non-secret values only; secrets are write-only and never compared or written here:
//! one set or replaced since the last push is listed by its change counter (`secrets.rs`).
//! Who changed each server copy comes from the journal (`authors.rs`). Once reviewed, a plan is frozen: its hash covers everything an apply acts on, so an
//! edited or tampered file is refused.

use crate::authors::{server_changes, ServerChange};
use crate::classify::{classify, FieldClass};
use crate::secrets::{plan_secrets, SecretPlan};
use crate::SyncError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use switchboard_catalogue::normalize::{api_view, record_view};
use switchboard_catalogue::{document, kind_schema, Kind};
use switchboard_channels::ChannelService;
use switchboard_core::progress::{CancellationToken, ProgressEvent, ProgressSink};
use switchboard_core::{FieldMsg, Msg};
use switchboard_platform::{writable_source_param, Client, PAGE_SIZE};
use switchboard_store::SecretGeneration;
use ts_rs::TS;

pub const PLAN_FORMAT: &str = "switchboard.plan";
pub const PLAN_VERSION: u32 = 1;

/// How a conflict (or any planned field) is settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
#[ts(export)]
pub enum Resolution {
    /// Send the draft's value.
    Mine,
    /// Take the server's value into the draft; send nothing.
    Server,
    /// Send this value instead (already in the API's normalized form).
    Edit(#[ts(type = "unknown")] Value),
}

/// One field of a channel's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldPlan {
    /// The API field name (what `PUT /content_sources/{id}` takes).
    pub field: String,
    /// Fluent id of the setting's label, when the catalogue declares one.
    pub label: Option<String>,
    pub class: FieldClass,
    #[ts(type = "unknown")]
    pub base: Value,
    #[ts(type = "unknown")]
    pub local: Value,
    #[ts(type = "unknown")]
    pub remote: Value,
    /// Send and take have a default; a conflict needs one.
    pub resolution: Option<Resolution>,
    /// Ticked out by the reviewer: neither sent nor taken.
    #[serde(default)]
    pub excluded: bool,
}

impl FieldPlan {
    /// What apply does with the field: `Some(value)` to send, `None` to take or skip.
    pub fn to_send(&self) -> Option<&Value> {
        if self.excluded {
            return None;
        }
        match (&self.resolution, self.class) {
            (Some(Resolution::Mine), _) => Some(&self.local),
            (Some(Resolution::Edit(v)), _) => Some(v),
            (Some(Resolution::Server), _) => None,
            (None, FieldClass::Send) => Some(&self.local),
            (None, _) => None,
        }
    }
    pub fn unresolved(&self) -> bool {
        !self.excluded && self.class == FieldClass::Conflict && self.resolution.is_none()
    }
}

/// A setting the API cannot write: to do in the web admin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WebAdminItem {
    /// The document path (or API field) of the setting.
    pub field: String,
    pub label: Option<String>,
}

/// One linked channel's part of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChannelPlan {
    pub channel_id: String,
    pub remote_id: String,
    pub name: String,
    pub kind: String,
    /// The draft this plan read: an apply refuses the plan if it moved.
    #[ts(type = "number")]
    pub draft_seq: i64,
    pub remote_updated_at: Option<String>,
    /// The server copy (normalized) the plan was made against: an apply skips the
    /// channel as stale when a re-read differs from it.
    #[ts(type = "Record<string, unknown>")]
    pub remote: Map<String, Value>,
    pub fields: Vec<FieldPlan>,
    pub web_admin: Vec<WebAdminItem>,
    /// Secrets set or replaced here since the last push: "will be set" (never a value).
    #[serde(default)]
    pub secrets: Vec<SecretPlan>,
    /// Secrets set here that the API cannot write, each also in `web_admin` (to do
    /// there). Listed once: an apply of this plan records them as told, so they do not
    /// come back in every plan until they are replaced again.
    #[serde(default)]
    pub web_admin_secrets: Vec<SecretPlan>,
    /// Who changed the server copy and when (from the journal where the token may read
    /// it, else `updated_at`), when something changed there since the base.
    #[serde(default)]
    pub server_change: Option<ServerChange>,
    /// The channel's problems, listed. Settings the API cannot carry (a Facebook page
    /// id, given through the web admin's sign-in) do not stop an update of the others.
    pub problems: Vec<FieldMsg>,
    /// A problem on a setting the API carries: the channel sends nothing (it blocks
    /// only itself).
    pub invalid: bool,
    /// The server copy could not be read (hidden from the token, or gone).
    pub error: Option<Msg>,
    /// Ticked out by the reviewer.
    #[serde(default)]
    pub excluded: bool,
}

impl ChannelPlan {
    pub fn blocked(&self) -> bool {
        self.error.is_some() || (self.invalid && self.sends())
    }
    pub fn sends(&self) -> bool {
        self.fields.iter().any(|f| f.to_send().is_some()) || self.sends_secrets()
    }
    pub fn sends_secrets(&self) -> bool {
        self.secrets.iter().any(|s| !s.excluded)
    }
    /// Something for apply to do (send or take).
    pub fn actionable(&self) -> bool {
        !self.excluded
            && !self.blocked()
            && !self.fields.iter().any(FieldPlan::unresolved)
            && (self.fields.iter().any(|f| !f.excluded)
                || self.sends_secrets()
                || !self.web_admin_secrets.is_empty())
    }
    /// The PUT parameters: only the planned fields.
    pub fn params(&self) -> Map<String, Value> {
        self.fields
            .iter()
            .filter_map(|f| f.to_send().map(|v| (f.field.clone(), v.clone())))
            .collect()
    }
}

/// A source that could be linked to a local-only channel (same kind; name first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LinkCandidate {
    pub remote_id: String,
    pub name: String,
    pub same_name: bool,
}

/// A local channel with no remote: create it in the web admin, then link it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LocalOnly {
    pub channel_id: String,
    pub name: String,
    pub kind: String,
    pub candidates: Vec<LinkCandidate>,
}

/// A whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Plan {
    pub format: String,
    pub version: u32,
    pub account_id: String,
    /// The account's API root: a plan is for one platform only.
    pub base_url: String,
    #[ts(type = "number")]
    pub created_at: i64,
    /// Linked channels with something to send, take or decide (or that cannot be read).
    pub channels: Vec<ChannelPlan>,
    pub local_only: Vec<LocalOnly>,
    /// Hash of everything above (see `Plan::compute_hash`).
    pub hash: String,
}

impl Plan {
    /// SHA-256 of the plan's canonical JSON without its hash (serde_json keeps object
    /// keys sorted), hex.
    pub fn compute_hash(&self) -> String {
        let mut copy = self.clone();
        copy.hash = String::new();
        let text = serde_json::to_string(&copy).expect("plans serialize");
        let digest = Sha256::digest(text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
    pub fn freeze(&mut self) {
        self.hash = self.compute_hash();
    }
    pub fn is_intact(&self) -> bool {
        self.format == PLAN_FORMAT
            && self.version == PLAN_VERSION
            && self.hash == self.compute_hash()
    }
    /// Nothing to send, take or decide.
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty()
    }
    pub fn conflicts(&self) -> usize {
        self.channels
            .iter()
            .flat_map(|c| &c.fields)
            .filter(|f| f.class == FieldClass::Conflict)
            .count()
    }

    /// Settles every conflict one way ("keep all mine" / "take all from the server").
    pub fn resolve_all(&mut self, resolution: &Resolution) {
        for f in self.channels.iter_mut().flat_map(|c| c.fields.iter_mut()) {
            if f.class == FieldClass::Conflict {
                f.resolution = Some(resolution.clone());
            }
        }
        self.freeze();
    }

    /// Settles one field of one channel. False when there is no such planned field.
    pub fn resolve(&mut self, channel_id: &str, field: &str, resolution: Resolution) -> bool {
        let found = self
            .channels
            .iter_mut()
            .filter(|c| c.channel_id == channel_id)
            .flat_map(|c| c.fields.iter_mut())
            .find(|f| f.field == field)
            .map(|f| f.resolution = Some(resolution))
            .is_some();
        self.freeze();
        found
    }

    /// Ticks a channel (`field: None`) or one of its fields or secrets (by API name) in
    /// or out. A secret ticked out is not sent and stays due for the next plan. False
    /// when the plan has no such channel or field.
    pub fn exclude(&mut self, channel_id: &str, field: Option<&str>, excluded: bool) -> bool {
        let mut found = false;
        for c in self
            .channels
            .iter_mut()
            .filter(|c| c.channel_id == channel_id)
        {
            match field {
                None => {
                    c.excluded = excluded;
                    found = true;
                }
                Some(f) => {
                    for p in c.fields.iter_mut().filter(|p| p.field == f) {
                        p.excluded = excluded;
                        found = true;
                    }
                    for s in c.secrets.iter_mut().filter(|s| s.field == f) {
                        s.excluded = excluded;
                        found = true;
                    }
                }
            }
        }
        self.freeze();
        found
    }
}

/// API field name → label id, for one kind.
fn labels(kind: Kind) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for s in &kind_schema(kind).sections {
        if let Some(api) = &s.api {
            out.insert(api.clone(), s.label.clone());
        }
        for f in &s.fields {
            if let Some(api) = &f.api {
                out.insert(api.name.clone(), f.label.clone());
            }
        }
    }
    out
}

/// Document paths of the settings the API carries (and repeat sections it carries).
fn api_paths(kind: Kind) -> Vec<String> {
    let mut out = Vec::new();
    for s in &kind_schema(kind).sections {
        if s.api.is_some() {
            out.push(s.id.clone());
        }
        for f in &s.fields {
            if f.api.is_some() && !f.secret {
                out.push(f.path.clone());
            }
        }
    }
    out
}

/// Settings the API cannot carry that the draft sets away from their default.
fn web_admin_items(kind: Kind, doc: &Value) -> Vec<WebAdminItem> {
    let mut out = Vec::new();
    for s in &kind_schema(kind).sections {
        if s.repeat {
            if s.api.is_none() {
                let items = doc.get(&s.id).and_then(Value::as_array);
                if items.is_some_and(|a| !a.is_empty()) {
                    out.push(WebAdminItem {
                        field: s.id.clone(),
                        label: Some(s.label.clone()),
                    });
                }
            }
            continue;
        }
        for f in &s.fields {
            if f.api.is_some() || f.secret {
                continue;
            }
            let v = document::get(doc, &f.path).unwrap_or(&Value::Null);
            let unset =
                v.is_null() || v == &Value::String(String::new()) || v == &Value::Array(vec![]);
            if !unset && v != &f.default {
                out.push(WebAdminItem {
                    field: f.path.clone(),
                    label: Some(f.label.clone()),
                });
            }
        }
    }
    out
}

/// The per-field plan of one channel.
pub fn plan_fields(
    kind: Kind,
    base: &Map<String, Value>,
    local: &Map<String, Value>,
    remote: &Map<String, Value>,
) -> (Vec<FieldPlan>, Vec<WebAdminItem>) {
    let labels = labels(kind);
    let keys: BTreeSet<&String> = base
        .keys()
        .chain(local.keys())
        .chain(remote.keys())
        .collect();
    let mut fields = Vec::new();
    let mut web_admin = Vec::new();
    for k in keys {
        let Some(class) = classify(base.get(k), local.get(k), remote.get(k)) else {
            continue;
        };
        let label = labels.get(k).cloned();
        if class != FieldClass::Take && !writable_source_param(k) {
            // Changed here but the API cannot write it: never silently dropped.
            web_admin.push(WebAdminItem {
                field: k.clone(),
                label,
            });
            continue;
        }
        let get = |m: &Map<String, Value>| m.get(k).cloned().unwrap_or(Value::Null);
        fields.push(FieldPlan {
            field: k.clone(),
            label,
            class,
            base: get(base),
            local: get(local),
            remote: get(remote),
            resolution: None,
            excluded: false,
        });
    }
    (fields, web_admin)
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

type Shared = Arc<Mutex<ChannelService>>;

fn lock(s: &Shared) -> std::sync::MutexGuard<'_, ChannelService> {
    s.lock().unwrap_or_else(|p| p.into_inner())
}

/// Makes the account's plan: reads every source page, then classifies each linked
/// channel. Streamed (one step per page) and cancellable between requests.
pub async fn plan(
    service: Shared,
    account_id: &str,
    client: &Client,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> Result<Plan, SyncError> {
    let (account, linked, local_only, due) = {
        let s = service.clone();
        let id = account_id.to_owned();
        tokio::task::spawn_blocking(move || {
            let g = lock(&s);
            let mut due: HashMap<String, Vec<SecretGeneration>> = HashMap::new();
            for (channel, g) in g.store().due_secrets()? {
                due.entry(channel).or_default().push(g);
            }
            Ok::<_, SyncError>((
                g.account(&id)?,
                g.linked_channels(&id)?,
                g.local_only_channels()?,
                due,
            ))
        })
        .await
        .map_err(|e| SyncError::Join(e.to_string()))??
    };
    // Every source, by id.
    let mut records: HashMap<String, Map<String, Value>> = HashMap::new();
    let mut offset = 0u32;
    let mut done = 0u32;
    loop {
        let page = client.sources_page(offset, PAGE_SIZE, cancel).await?;
        let n = page.records.len() as u32;
        for r in page.records {
            if let Some(id) = r.get("id").and_then(id_text) {
                records.insert(id, r);
            }
        }
        done += 1;
        let total = page.count.div_ceil(PAGE_SIZE).max(1);
        sink.emit(ProgressEvent::Progress { done, total });
        offset += n;
        if n == 0 || offset >= page.count {
            break;
        }
    }
    let service2 = service.clone();
    let mut channels = Vec::new();
    let linked_ids: BTreeSet<String> = linked.iter().map(|l| l.remote_id.clone()).collect();
    for ch in &linked {
        let Some(kind) = document::kind_of(&ch.doc) else {
            continue;
        };
        let name = document::name_of(&ch.doc).unwrap_or("").to_owned();
        let local = api_view(&ch.doc);
        let mut cp = ChannelPlan {
            channel_id: ch.channel_id.clone(),
            remote_id: ch.remote_id.clone(),
            name,
            kind: kind.id().to_owned(),
            draft_seq: ch.draft_seq,
            remote_updated_at: None,
            remote: Map::new(),
            fields: vec![],
            web_admin: vec![],
            secrets: vec![],
            web_admin_secrets: vec![],
            server_change: None,
            problems: vec![],
            error: None,
            invalid: false,
            excluded: false,
        };
        let Some(record) = records.get(&ch.remote_id) else {
            // Never read as a deletion: a source may only be hidden from this token.
            cp.error =
                Some(Msg::new("sync-plan-source-unreadable").arg("id", ch.remote_id.clone()));
            channels.push(cp);
            continue;
        };
        let remote = record_view(kind, record);
        let base = ch
            .base
            .as_ref()
            .map(|b| b.base.clone())
            .unwrap_or_else(|| remote.clone());
        let (fields, mut web_admin) = plan_fields(kind, &base, &local, &remote);
        web_admin.extend(web_admin_items(kind, &ch.doc));
        let (secrets, secrets_by_hand) =
            plan_secrets(kind, due.get(&ch.channel_id).map_or(&[], Vec::as_slice));
        web_admin.extend(secrets_by_hand.iter().map(|s| WebAdminItem {
            field: s.path.clone(),
            label: s.label.clone(),
        }));
        let actionable = !fields.is_empty()
            || !secrets.is_empty()
            || !secrets_by_hand.is_empty()
            || web_admin.iter().any(|w| local.contains_key(&w.field));
        if !actionable {
            continue;
        }
        cp.remote_updated_at = record
            .get("updated_at")
            .and_then(Value::as_str)
            .map(str::to_owned);
        cp.remote = remote;
        cp.problems = lock(&service2).channel_problems(kind, &ch.doc);
        // A bundled sample entry (`sample-community-1`) means nothing to the platform:
        // the channel is blocked until it points at one of the account's own entries.
        cp.problems.extend(
            switchboard_catalogue::sample_references(&ch.doc)
                .into_iter()
                .map(|path| FieldMsg::new(path, Msg::new("sync-plan-sample-reference"))),
        );
        let carried = api_paths(kind);
        cp.invalid = cp.problems.iter().any(|p| {
            carried
                .iter()
                .any(|a| p.path == *a || p.path.starts_with(&format!("{a}.")))
        });
        cp.fields = fields;
        cp.secrets = secrets;
        cp.web_admin_secrets = secrets_by_hand;
        cp.web_admin = web_admin;
        channels.push(cp);
    }
    // Who changed the server copies that changed: one journal search for all of them.
    let wanted: HashMap<String, Option<String>> = channels
        .iter()
        .filter(|c| c.fields.iter().any(|f| f.class != FieldClass::Send))
        .map(|c| (c.remote_id.clone(), c.remote_updated_at.clone()))
        .collect();
    let mut changes = server_changes(client, &wanted, cancel).await?;
    for c in channels.iter_mut() {
        c.server_change = changes.remove(&c.remote_id);
    }
    // Local-only channels, with link candidates of their kind among unlinked sources.
    let mut unlinked: Vec<(Kind, String, String)> = records
        .iter()
        .filter(|(id, _)| !linked_ids.contains(*id))
        .filter_map(|(id, r)| {
            let kind = r
                .get("type")
                .and_then(Value::as_str)
                .and_then(switchboard_catalogue::api::kind_of_api_type)?;
            let name = r
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            Some((kind, id.clone(), name))
        })
        .collect();
    unlinked.sort_by(|a, b| a.2.cmp(&b.2).then(a.1.cmp(&b.1)));
    let local_only = local_only
        .into_iter()
        .map(|c| {
            let mut candidates: Vec<LinkCandidate> = unlinked
                .iter()
                .filter(|(k, _, _)| k.id() == c.kind)
                .map(|(_, id, name)| LinkCandidate {
                    remote_id: id.clone(),
                    name: name.clone(),
                    same_name: fold(name) == fold(&c.name),
                })
                .collect();
            candidates.sort_by_key(|c| !c.same_name);
            candidates.truncate(20);
            LocalOnly {
                channel_id: c.id,
                name: c.name,
                kind: c.kind,
                candidates,
            }
        })
        .collect();
    let mut plan = Plan {
        format: PLAN_FORMAT.into(),
        version: PLAN_VERSION,
        account_id: account.id,
        base_url: account.fields.base_url,
        created_at: now_ms(),
        channels,
        local_only,
        hash: String::new(),
    };
    plan.freeze();
    sink.emit(ProgressEvent::Finished {
        ok: true,
        cancelled: false,
    });
    Ok(plan)
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> Plan {
        let field = FieldPlan {
            field: "name".into(),
            label: None,
            class: FieldClass::Send,
            base: json!("a"),
            local: json!("b"),
            remote: json!("a"),
            resolution: None,
            excluded: false,
        };
        let secret = SecretPlan {
            path: "imap.password".into(),
            field: "imap_password".into(),
            label: None,
            generation: 2,
            excluded: false,
        };
        let channel = ChannelPlan {
            channel_id: "c1".into(),
            remote_id: "r1".into(),
            name: "One".into(),
            kind: "email".into(),
            draft_seq: 1,
            remote_updated_at: None,
            remote: Map::new(),
            fields: vec![field],
            web_admin: vec![],
            secrets: vec![secret],
            web_admin_secrets: vec![],
            server_change: None,
            problems: vec![],
            invalid: false,
            error: None,
            excluded: false,
        };
        let mut plan = Plan {
            format: PLAN_FORMAT.into(),
            version: PLAN_VERSION,
            account_id: "acc".into(),
            base_url: "http://127.0.0.1:1/1.0".into(),
            created_at: 0,
            channels: vec![channel],
            local_only: vec![],
            hash: String::new(),
        };
        plan.freeze();
        plan
    }

    #[test]
    fn ticking_a_field_or_a_secret_out_takes_it_out_of_the_apply_and_the_hash() {
        let mut p = plan();
        let before = p.hash.clone();
        assert!(p.exclude("c1", Some("name"), true));
        assert_ne!(p.hash, before, "the approved hash covers the tick");
        assert!(p.is_intact());
        assert!(p.channels[0].params().is_empty());
        assert!(p.channels[0].actionable(), "the secret is still to send");
        assert!(p.exclude("c1", Some("imap_password"), true));
        assert!(!p.channels[0].sends_secrets());
        assert!(!p.channels[0].actionable());
        assert!(p.exclude("c1", Some("name"), false));
        assert_eq!(p.channels[0].params().len(), 1);
    }

    #[test]
    fn ticking_a_channel_out_keeps_its_fields_and_an_unknown_target_says_so() {
        let mut p = plan();
        assert!(p.exclude("c1", None, true));
        assert!(!p.channels[0].actionable());
        assert!(!p.channels[0].fields[0].excluded);
        assert!(!p.exclude("c2", None, true));
        assert!(!p.exclude("c1", Some("no_such_field"), true));
    }
}
