//! Promotion between accounts (sandbox → production): selected channels are copied to
//! the target account's side, every reference id (community, channel group, categories,
//! business hours, locales) mapped by name through both accounts' reference caches.
//!
//! Two steps, both offline (the caches were filled by each account's pull):
//! - [`promote_preview`] proposes the mapping (a row per referenced id, matched by name
//!   when exactly one target entry has it) and a target channel per promoted one (the
//!   target account's linked channel of the same kind and server name, if any). The user
//!   confirms or corrects both.
//! - [`promote`] writes: into a chosen target channel's draft (its own name kept, a
//!   revision before and after, so it can be undone), or as a new local draft linked to
//!   nothing (then the target's plan offers "create it in the web admin, then link it").
//!   A reference with no target is cleared and reported, never left pointing into the
//!   other account.
//!
//! Secrets are never copied (they are sealed to their channel, and a production password
//! is not a sandbox one): the ones set on the source are listed, by label, to re-enter.
//! What reaches the platform is decided by the target account's plan, reviewed as any other.

use crate::SyncError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use switchboard_catalogue::model::{FieldType, RefSource};
use switchboard_catalogue::{document, kind_schema, Kind};
use switchboard_channels::{ChannelError, ChannelService};
use switchboard_core::jsonpath;
use switchboard_store::RefKind;
use ts_rs::TS;

/// One entry of a reference list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RefChoice {
    pub id: String,
    pub name: String,
}

/// A target account's list of one kind of reference (what a mapping row may choose).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RefChoices {
    /// `communities`, `time_sheets`, `categories`, `locales` or `channel_groups`.
    pub kind: String,
    pub items: Vec<RefChoice>,
    /// False: the target account's list was never pulled (nothing can match).
    pub pulled: bool,
}

/// One referenced id of the promoted channels and what it becomes in the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingRow {
    pub kind: String,
    pub from_id: String,
    /// Its name in the source account's list (the id when the list does not have it).
    pub from_name: String,
    /// The target entry (`None`: unmatched; the reference is cleared unless chosen).
    pub to_id: Option<String>,
    /// Matched by name (or by the same id, for locale codes); false when chosen or none.
    pub by_name: bool,
}

/// A target-account channel a promoted channel may be copied into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromoteTarget {
    pub channel_id: String,
    pub name: String,
    pub remote_id: String,
}

/// A secret to enter again on the target (its label, never its value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SecretToReenter {
    pub path: String,
    pub label: String,
}

/// One promoted channel in the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromoteChannel {
    pub channel_id: String,
    pub name: String,
    pub kind: String,
    /// The proposed target channel (same kind and server name); `None`: a new draft.
    pub target: Option<String>,
    /// Every target-account channel of the same kind, same name first.
    pub candidates: Vec<PromoteTarget>,
    pub secrets_to_reenter: Vec<SecretToReenter>,
}

/// What a promotion would do, for the user to confirm and correct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromotePreview {
    pub from_account: String,
    pub to_account: String,
    pub channels: Vec<PromoteChannel>,
    pub mapping: Vec<MappingRow>,
    pub choices: Vec<RefChoices>,
}

/// The user's confirmed choice for one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromoteSelection {
    pub channel_id: String,
    /// A target-account channel to copy into; `None`: a new local draft.
    pub target: Option<String>,
}

/// A confirmed promotion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromoteRequest {
    pub from_account: String,
    pub to_account: String,
    pub channels: Vec<PromoteSelection>,
    /// The mapping as confirmed (rows not given are matched as the preview would).
    pub mapping: Vec<MappingRow>,
}

/// What happened to one promoted channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromoteOutcome {
    pub channel_id: String,
    /// The channel written (the target, or the new draft).
    pub result_id: String,
    pub result_name: String,
    pub created: bool,
    /// Document paths whose reference had no target and were cleared.
    pub cleared: Vec<String>,
    pub secrets_to_reenter: Vec<SecretToReenter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromoteReport {
    pub to_account: String,
    pub outcomes: Vec<PromoteOutcome>,
}

fn ref_kind(source: RefSource) -> Option<RefKind> {
    Some(match source {
        RefSource::Communities => RefKind::Communities,
        RefSource::TimeSheets => RefKind::TimeSheets,
        RefSource::Categories => RefKind::Categories,
        RefSource::Locales => RefKind::Locales,
        RefSource::ChannelGroups => RefKind::ChannelGroups,
        // Local channels of this database: the same on both sides.
        RefSource::TwitterChannels => return None,
    })
}

fn kind_name(k: RefKind) -> &'static str {
    k.as_str()
}

fn parse_kind(s: &str) -> Option<RefKind> {
    RefKind::ALL.into_iter().find(|k| k.as_str() == s)
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A reference setting of a kind: where it sits in the document.
struct RefSlot {
    /// The repeat section holding it, if any (the value is then in each record).
    section: Option<String>,
    /// The field's path (for a record: its key).
    path: String,
    kind: RefKind,
}

fn ref_slots(kind: Kind) -> Vec<RefSlot> {
    let mut out = Vec::new();
    for s in &kind_schema(kind).sections {
        for f in &s.fields {
            let FieldType::Reference { source, .. } = &f.ty else {
                continue;
            };
            let Some(k) = ref_kind(*source) else {
                continue;
            };
            out.push(RefSlot {
                section: s.repeat.then(|| s.id.clone()),
                path: if s.repeat {
                    f.key.clone()
                } else {
                    f.path.clone()
                },
                kind: k,
            });
        }
    }
    out
}

/// Every `(kind, id)` a document references.
fn references(kind: Kind, doc: &Value) -> Vec<(RefKind, String)> {
    let mut out = Vec::new();
    let mut push = |k: RefKind, v: &Value| match v {
        Value::String(s) if !s.is_empty() => out.push((k, s.clone())),
        Value::Array(items) => out.extend(
            items
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(|s| (k, s.to_owned())),
        ),
        _ => {}
    };
    for slot in ref_slots(kind) {
        match &slot.section {
            None => {
                if let Some(v) = jsonpath::get(doc, &slot.path) {
                    push(slot.kind, v);
                }
            }
            Some(section) => {
                for item in doc
                    .get(section)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(v) = item.get(&slot.path) {
                        push(slot.kind, v);
                    }
                }
            }
        }
    }
    out
}

/// Rewrites every reference of `doc` through `map`; a reference without a target is
/// cleared (removed from a list). Returns the cleared paths.
fn remap(
    kind: Kind,
    doc: &mut Value,
    map: &HashMap<(RefKind, String), Option<String>>,
) -> Vec<String> {
    let mut cleared = Vec::new();
    let mut one = |k: RefKind, v: &mut Value, path: String| match v {
        Value::String(s) if !s.is_empty() => match map.get(&(k, s.clone())).cloned().flatten() {
            Some(to) => *s = to,
            None => {
                *v = Value::Null;
                cleared.push(path);
            }
        },
        Value::Array(items) => {
            let before = items.len();
            let mapped: Vec<Value> = items
                .iter()
                .filter_map(|i| match i.as_str() {
                    Some(s) => map
                        .get(&(k, s.to_owned()))
                        .cloned()
                        .flatten()
                        .map(Value::String),
                    None => Some(i.clone()),
                })
                .collect();
            if mapped.len() != before {
                cleared.push(path);
            }
            *items = mapped;
        }
        _ => {}
    };
    for slot in ref_slots(kind) {
        match &slot.section {
            None => {
                if let Some(mut v) = jsonpath::get(doc, &slot.path).cloned() {
                    one(slot.kind, &mut v, slot.path.clone());
                    jsonpath::set(doc, &slot.path, v);
                }
            }
            Some(section) => {
                if let Some(items) = doc.get_mut(section).and_then(Value::as_array_mut) {
                    for (i, item) in items.iter_mut().enumerate() {
                        if let Some(v) = item.get_mut(&slot.path) {
                            one(slot.kind, v, format!("{section}.{i}.{}", slot.path));
                        }
                    }
                }
            }
        }
    }
    cleared
}

/// An account's cached list of one kind as `(id, display name)`; categories by their
/// full path ("Parent / Child"), as names repeat across branches.
fn cached_list(
    service: &ChannelService,
    account: &str,
    kind: RefKind,
) -> Result<Option<Vec<RefChoice>>, SyncError> {
    let Some(entry) = service.store().reference(kind, account)? else {
        return Ok(None);
    };
    let items = entry.data.as_array().cloned().unwrap_or_default();
    let id_key = if kind == RefKind::Locales {
        "code"
    } else {
        "id"
    };
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let parents: HashMap<String, (String, Option<String>)> = items
        .iter()
        .filter_map(|i| {
            Some((
                text(i, id_key)?,
                (text(i, "name").unwrap_or_default(), text(i, "parent_id")),
            ))
        })
        .collect();
    let full_name = |id: &str| {
        let mut parts = Vec::new();
        let mut cur = Some(id.to_owned());
        // Bounded: a cycle in hostile data must not hang the dialog.
        while let Some(c) = cur.take().filter(|_| parts.len() < 16) {
            let Some((name, parent)) = parents.get(&c) else {
                break;
            };
            parts.push(name.clone());
            cur = parent.clone();
        }
        parts.reverse();
        parts.join(" / ")
    };
    Ok(Some(
        items
            .iter()
            .filter_map(|i| {
                let id = text(i, id_key)?;
                let name = if kind == RefKind::Categories {
                    full_name(&id)
                } else {
                    text(i, "name").unwrap_or_else(|| id.clone())
                };
                Some(RefChoice { id, name })
            })
            .collect(),
    ))
}

/// The target entry for a source entry: the one target entry with the same name, else
/// the same id (locale codes, ids shared by copies of one tenant).
fn match_by_name(from_id: &str, from_name: Option<&str>, target: &[RefChoice]) -> Option<String> {
    if let Some(name) = from_name {
        let same: Vec<&RefChoice> = target
            .iter()
            .filter(|t| fold(&t.name) == fold(name))
            .collect();
        if same.len() == 1 {
            return Some(same[0].id.clone());
        }
        if same.len() > 1 {
            // Ambiguous: the user chooses.
            return None;
        }
    }
    target
        .iter()
        .find(|t| t.id == from_id)
        .map(|t| t.id.clone())
}

fn secret_labels(kind: Kind, paths: &[String]) -> Vec<SecretToReenter> {
    let schema = kind_schema(kind);
    paths
        .iter()
        .map(|p| SecretToReenter {
            path: p.clone(),
            label: schema
                .sections
                .iter()
                .flat_map(|s| s.fields.iter())
                .find(|f| f.path == *p)
                .map(|f| f.label.clone())
                .unwrap_or_else(|| p.clone()),
        })
        .collect()
}

/// The server name of a linked channel (its local name may carry a suffix: local names
/// are unique across accounts).
fn server_name(l: &switchboard_store::LinkedChannel) -> String {
    l.base
        .as_ref()
        .and_then(|b| b.remote.get("name").and_then(Value::as_str))
        .or_else(|| document::name_of(&l.doc))
        .unwrap_or("")
        .to_owned()
}

fn source_server_name(service: &ChannelService, channel_id: &str, doc: &Value) -> String {
    service
        .store()
        .sync_base(channel_id)
        .ok()
        .flatten()
        .and_then(|b| {
            b.remote
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .or_else(|| document::name_of(doc).map(str::to_owned))
        .unwrap_or_default()
}

/// Proposes the mapping and the target of each channel (reads only).
pub fn promote_preview(
    service: &ChannelService,
    from_account: &str,
    to_account: &str,
    channel_ids: &[String],
) -> Result<PromotePreview, SyncError> {
    service.account(from_account)?;
    service.account(to_account)?;
    let targets = service.linked_channels(to_account)?;
    let mut channels = Vec::new();
    let mut used: BTreeSet<(RefKind, String)> = BTreeSet::new();
    for id in channel_ids {
        let view = service.get(id)?;
        // The mapping reads the source account's lists: a channel of a third account
        // would be mapped through the wrong names.
        if view
            .channel
            .account_id
            .as_deref()
            .is_some_and(|a| a != from_account)
        {
            return Err(ChannelError::Invalid {
                path: "channelIds".into(),
                id: "promote-err-other-account",
            }
            .into());
        }
        let doc = &view.channel.doc;
        let kind = document::kind_of(doc)
            .ok_or_else(|| ChannelError::UnknownKind(view.channel.kind.clone()))?;
        let name = document::name_of(doc).unwrap_or("").to_owned();
        let wanted = fold(&source_server_name(service, id, doc));
        let mut candidates: Vec<(bool, PromoteTarget)> = targets
            .iter()
            .filter(|t| t.doc["kind"] == kind.id() && t.channel_id != *id)
            .map(|t| {
                let same = fold(&server_name(t)) == wanted;
                (
                    same,
                    PromoteTarget {
                        channel_id: t.channel_id.clone(),
                        name: document::name_of(&t.doc).unwrap_or("").to_owned(),
                        remote_id: t.remote_id.clone(),
                    },
                )
            })
            .collect();
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
        let same: Vec<&PromoteTarget> = candidates
            .iter()
            .filter(|(s, _)| *s)
            .map(|(_, t)| t)
            .collect();
        let target = (same.len() == 1).then(|| same[0].channel_id.clone());
        used.extend(references(kind, doc));
        channels.push(PromoteChannel {
            channel_id: id.clone(),
            name,
            kind: kind.id().to_owned(),
            target,
            candidates: candidates.into_iter().map(|(_, t)| t).collect(),
            secrets_to_reenter: secret_labels(kind, &view.secrets_set),
        });
    }
    let mut choices = Vec::new();
    let mut mapping = Vec::new();
    for k in RefKind::ALL {
        let target = cached_list(service, to_account, k)?;
        let source = cached_list(service, from_account, k)?.unwrap_or_default();
        let names: HashMap<&str, &str> = source
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        let items = target.clone().unwrap_or_default();
        for (_, from_id) in used.iter().filter(|(kk, _)| *kk == k) {
            let from_name = names.get(from_id.as_str()).copied();
            let to_id = match_by_name(from_id, from_name, &items);
            mapping.push(MappingRow {
                kind: kind_name(k).to_owned(),
                from_id: from_id.clone(),
                from_name: from_name.unwrap_or(from_id).to_owned(),
                by_name: to_id.is_some(),
                to_id,
            });
        }
        choices.push(RefChoices {
            kind: kind_name(k).to_owned(),
            items,
            pulled: target.is_some(),
        });
    }
    Ok(PromotePreview {
        from_account: from_account.to_owned(),
        to_account: to_account.to_owned(),
        channels,
        mapping,
        choices,
    })
}

/// A name no live channel has: `Name (Target label)`, then numbered.
fn free_name(service: &ChannelService, name: &str, label: &str) -> Result<String, SyncError> {
    let taken = service.taken_names()?;
    let base = format!("{name} ({label})");
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains_key(&fold(&candidate)) {
        candidate = format!("{base} {n}");
        n += 1;
    }
    Ok(candidate)
}

/// Writes the confirmed promotion. Each channel is written whole or not at all; the
/// target account's plan then shows what would reach the platform.
pub fn promote(
    service: &mut ChannelService,
    request: &PromoteRequest,
) -> Result<PromoteReport, SyncError> {
    let to = service.account(&request.to_account)?;
    let ids: Vec<String> = request
        .channels
        .iter()
        .map(|c| c.channel_id.clone())
        .collect();
    let preview = promote_preview(service, &request.from_account, &request.to_account, &ids)?;
    // The confirmed rows win over the proposal; ids the user never saw keep the proposal.
    let mut map: HashMap<(RefKind, String), Option<String>> = preview
        .mapping
        .iter()
        .filter_map(|r| Some(((parse_kind(&r.kind)?, r.from_id.clone()), r.to_id.clone())))
        .collect();
    let allowed: HashMap<RefKind, BTreeSet<String>> = preview
        .choices
        .iter()
        .filter_map(|c| {
            Some((
                parse_kind(&c.kind)?,
                c.items.iter().map(|i| i.id.clone()).collect(),
            ))
        })
        .collect();
    for r in &request.mapping {
        let Some(k) = parse_kind(&r.kind) else {
            continue;
        };
        // Only an entry of the target's list: an id from elsewhere would point nowhere.
        let to = r
            .to_id
            .clone()
            .filter(|t| allowed.get(&k).is_some_and(|a| a.contains(t)));
        map.insert((k, r.from_id.clone()), to);
    }
    let targets = service.linked_channels(&request.to_account)?;
    let mut outcomes = Vec::new();
    for (sel, pc) in request.channels.iter().zip(&preview.channels) {
        let view = service.get(&sel.channel_id)?;
        let kind = document::kind_of(&view.channel.doc)
            .ok_or_else(|| ChannelError::UnknownKind(view.channel.kind.clone()))?;
        let mut doc = view.channel.doc.clone();
        let cleared = remap(kind, &mut doc, &map);
        let target = sel
            .target
            .as_ref()
            .and_then(|t| targets.iter().find(|l| l.channel_id == *t))
            .filter(|l| l.doc["kind"] == kind.id() && l.channel_id != sel.channel_id);
        let (result_id, created) = match target {
            Some(t) => {
                // The target keeps its own name (the match key) and its own secrets.
                if let Some(name) = document::name_of(&t.doc) {
                    jsonpath::set(&mut doc, "general.name", Value::String(name.to_owned()));
                }
                service.checkpoint(&t.channel_id)?;
                service.save(&t.channel_id, doc)?;
                service.checkpoint(&t.channel_id)?;
                (t.channel_id.clone(), false)
            }
            None => {
                let name = free_name(service, &pc.name, &to.fields.label)?;
                jsonpath::set(&mut doc, "general.name", Value::String(name.clone()));
                let created = service.create(kind.id(), Some(&name))?;
                service.save(&created.channel.id, doc)?;
                (created.channel.id, true)
            }
        };
        let target_secrets: BTreeSet<String> = service
            .store()
            .secret_status(&result_id)?
            .into_iter()
            .collect();
        let reenter: Vec<SecretToReenter> = pc
            .secrets_to_reenter
            .iter()
            .filter(|s| !target_secrets.contains(&s.path))
            .cloned()
            .collect();
        let result_name = document::name_of(&service.get(&result_id)?.channel.doc)
            .unwrap_or("")
            .to_owned();
        outcomes.push(PromoteOutcome {
            channel_id: sel.channel_id.clone(),
            result_id,
            result_name,
            created,
            cleared,
            secrets_to_reenter: reenter,
        });
    }
    tracing::info!(
        from = %request.from_account,
        to = %request.to_account,
        channels = outcomes.len(),
        "promoted"
    );
    Ok(PromoteReport {
        to_account: request.to_account.clone(),
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_reference_of_a_document_is_found_and_remapped_or_cleared() {
        let (mut doc, _) = switchboard_catalogue::examples::example_document(Kind::Email);
        doc["general"]["business_hours"] = json!("ts-a");
        doc["signatures"] =
            json!([{"language": "fr", "body": "x"}, {"language": "xx", "body": "y"}]);
        let refs = references(Kind::Email, &doc);
        assert!(refs.contains(&(RefKind::TimeSheets, "ts-a".into())));
        assert!(refs.contains(&(RefKind::Locales, "fr".into())));
        assert!(refs.contains(&(RefKind::Locales, "xx".into())));
        let mut map = HashMap::new();
        for (k, id) in &refs {
            map.insert((*k, id.clone()), Some(format!("{id}-B")));
        }
        map.insert((RefKind::Locales, "xx".into()), None);
        let cleared = remap(Kind::Email, &mut doc, &map);
        assert_eq!(doc["general"]["business_hours"], "ts-a-B");
        assert_eq!(doc["signatures"][0]["language"], "fr-B");
        assert_eq!(doc["signatures"][1]["language"], Value::Null);
        assert_eq!(cleared, ["signatures.1.language"]);
    }

    #[test]
    fn names_match_once_or_not_at_all() {
        let t = vec![
            RefChoice {
                id: "1".into(),
                name: "Support".into(),
            },
            RefChoice {
                id: "2".into(),
                name: "Sales".into(),
            },
            RefChoice {
                id: "3".into(),
                name: "Sales".into(),
            },
        ];
        assert_eq!(
            match_by_name("a", Some(" support "), &t).as_deref(),
            Some("1")
        );
        assert_eq!(match_by_name("a", Some("Sales"), &t), None, "ambiguous");
        assert_eq!(match_by_name("2", None, &t).as_deref(), Some("2"));
        assert_eq!(match_by_name("z", Some("Nope"), &t), None);
    }
}
