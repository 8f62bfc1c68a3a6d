//! Import: the app imports its own export. A file that is broken (not JSON, not a
//! Switchboard export, a channel that is not an object, a missing or unknown kind, a
//! section of the wrong shape) is refused whole with every problem (channel index +
//! field path). Anything else comes in: an unfinished draft stays a draft, with its
//! problems in the report, as it was when it was exported. The write is one transaction,
//! so a file is imported whole or not at all. Imported channels get new local ids and an
//! `Import` revision. Secret values found in a file are never stored: they are dropped
//! and listed as "to re-enter", like the ones the export had already stripped, and the
//! store remembers them (see `secrets.rs`) until they are entered. Names are unique, as
//! on save: a name taken inside the file or by a channel already here is one of the
//! draft's problems.

use crate::channels::{fold, insert_channel};
use crate::error::StoreError;
use crate::export::{EXPORT_FORMAT, EXPORT_VERSION, SECRETS_KEY};
use crate::model::{ChannelId, Origin, Validity};
use crate::schema::DocSchema;
use crate::secrets::mark_to_reenter;
use crate::Store;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use switchboard_core::jsonpath;
use switchboard_core::{FieldMsg, Msg};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    /// Index in the file's `channels` array; `None` for the file as a whole.
    #[ts(type = "number | null")]
    pub channel: Option<usize>,
    /// Field path inside that channel's document ("" for the whole document).
    pub path: String,
    pub message: Msg,
    /// The channel's name in the file, when it has one: reports name channels by it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} problem(s) in the file", .0.len())]
    Invalid(Vec<ImportProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    pub fn msg(&self) -> Msg {
        match self {
            ImportError::Invalid(p) => Msg::new("store-err-import-invalid").arg("count", p.len()),
            ImportError::Store(e) => e.msg(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportedChannel {
    pub id: ChannelId,
    pub kind: String,
    pub name: String,
    pub secrets_to_reenter: Vec<String>,
    /// What is left to fill in (an unfinished draft travels as one): the store's view
    /// here, the editor's own once the channel service has re-checked it.
    pub problems: Vec<FieldMsg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub channels: Vec<ImportedChannel>,
}

/// Where a channel's name lives in its document (what the duplicate rule points at).
const NAME_PATH: &str = "general.name";
/// The unique-name rule's message (the catalogue's, and this store's without it).
const DUPLICATE: &str = "val-name-duplicate";

struct Prepared {
    /// Index in the file's `channels` array.
    index: usize,
    kind: String,
    doc: Value,
    secrets: Vec<String>,
    /// The draft's problems (not a reason to refuse the file).
    problems: Vec<FieldMsg>,
}

fn problem(channel: Option<usize>, path: &str, message: Msg) -> ImportProblem {
    ImportProblem {
        channel,
        path: path.to_owned(),
        message,
        name: None,
    }
}

/// Checks a whole file; returns the documents ready to insert or every problem found.
/// `existing` holds the folded names of the channels already in the store.
fn prepare(
    bytes: &[u8],
    schema: &dyn DocSchema,
    existing: &HashSet<String>,
) -> Result<Vec<Prepared>, Vec<ImportProblem>> {
    let file: Value = serde_json::from_slice(bytes).map_err(|e| {
        vec![problem(
            None,
            "",
            Msg::new("store-import-not-json").arg("reason", e.to_string()),
        )]
    })?;
    let mut problems = Vec::new();
    match file.get("format").and_then(Value::as_str) {
        Some(EXPORT_FORMAT) => {}
        other => problems.push(problem(
            None,
            "format",
            Msg::new("store-import-wrong-format").arg("found", other.unwrap_or("")),
        )),
    }
    match file.get("version").and_then(Value::as_u64) {
        Some(v) if v >= 1 && v <= u64::from(EXPORT_VERSION) => {}
        found => problems.push(problem(
            None,
            "version",
            Msg::new("store-import-unsupported-version")
                .arg(
                    "found",
                    found.map_or_else(|| "?".to_owned(), |v| v.to_string()),
                )
                .arg("supported", EXPORT_VERSION),
        )),
    }
    let Some(channels) = file.get("channels").and_then(Value::as_array) else {
        problems.push(problem(
            None,
            "channels",
            Msg::new("store-import-no-channels"),
        ));
        return Err(problems);
    };
    let mut prepared = Vec::with_capacity(channels.len());
    for (i, raw) in channels.iter().enumerate() {
        let Some(obj) = raw.as_object() else {
            problems.push(problem(Some(i), "", Msg::new("store-import-not-object")));
            continue;
        };
        let mut doc = Value::Object(obj.clone());
        let listed = jsonpath::remove(&mut doc, SECRETS_KEY);
        let mut secrets: BTreeSet<String> = BTreeSet::new();
        match listed {
            None => {}
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                secrets.extend(items.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            Some(_) => problems.push(problem(
                Some(i),
                SECRETS_KEY,
                Msg::new("store-import-bad-secret-list"),
            )),
        }
        let kind = match doc.get("kind").and_then(Value::as_str) {
            Some(k) if !k.trim().is_empty() => k.to_owned(),
            _ => {
                problems.push(problem(
                    Some(i),
                    "kind",
                    Msg::new("store-import-kind-missing"),
                ));
                continue;
            }
        };
        for path in schema.secret_paths(&kind) {
            if jsonpath::remove(&mut doc, &path).is_some() {
                secrets.insert(path);
            }
        }
        let shape = schema.shape(&kind, &doc);
        if !shape.is_empty() {
            for f in shape {
                problems.push(problem(Some(i), &f.path, f.message));
            }
            continue;
        }
        let mut draft = schema.validate(&kind, &doc);
        let name = schema.meta(&kind, &doc).name;
        let folded = fold(name.trim());
        if !folded.is_empty() && existing.contains(&folded) {
            draft.push(FieldMsg::new(
                NAME_PATH,
                Msg::new(DUPLICATE).arg("name", name.trim()),
            ));
        }
        prepared.push(Prepared {
            index: i,
            kind,
            doc,
            secrets: secrets.into_iter().collect(),
            problems: draft,
        });
    }
    // The file's own duplicates (and the schema's other rules across channels), each a
    // problem of the channel it is about.
    let docs: Vec<Value> = prepared.iter().map(|p| p.doc.clone()).collect();
    for (at, f) in schema.validate_set(&docs) {
        if let Some(p) = prepared.get_mut(at) {
            if !p.problems.contains(&f) {
                p.problems.push(f);
            }
        }
    }
    if problems.is_empty() {
        Ok(prepared)
    } else {
        for p in &mut problems {
            p.name = p
                .channel
                .and_then(|i| channels.get(i))
                .and_then(|c| c.pointer("/general/name"))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
        }
        Err(problems)
    }
}

/// The folded names of the live channels (one read of a narrow column).
fn live_names(conn: &rusqlite::Connection) -> Result<HashSet<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT name FROM channels WHERE deleted_at IS NULL")?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|n| n.map(|n| fold(n.trim())))
        .collect::<Result<_, _>>()?;
    Ok(names)
}

/// Validates a file on its own, without importing it: what makes it broken, and each
/// draft's problems, all with the index of the channel (names are checked inside the
/// file only; `Store::import` also checks them against the channels already there).
pub fn validate_import(bytes: &[u8], schema: &dyn DocSchema) -> Vec<ImportProblem> {
    match prepare(bytes, schema, &HashSet::new()) {
        Err(broken) => broken,
        Ok(prepared) => prepared
            .into_iter()
            .flat_map(|p| {
                let at = p.index;
                p.problems
                    .into_iter()
                    .map(move |f| problem(Some(at), &f.path, f.message))
            })
            .collect(),
    }
}

impl Store {
    pub fn import(
        &mut self,
        bytes: &[u8],
        schema: &dyn DocSchema,
    ) -> Result<ImportReport, ImportError> {
        let tx = self.write_tx()?;
        // Read inside the write transaction: no other writer can take a name between
        // the check and the insert.
        let existing = live_names(&tx)?;
        let prepared = prepare(bytes, schema, &existing).map_err(ImportError::Invalid)?;
        let mut channels = Vec::with_capacity(prepared.len());
        let mut taken: Vec<String> = Vec::new();
        for p in prepared {
            // Valid only with the secrets it needs (none of them came with the file), and
            // without the draft's problems.
            let mut meta = schema.meta_without_secrets(&p.kind, &p.doc, &p.secrets);
            if !p.problems.is_empty() {
                meta.validity = Validity::Invalid;
            }
            if p.problems.iter().any(|f| f.message.id == DUPLICATE) {
                taken.push(fold(&meta.name));
            }
            let id = insert_channel(&tx, &p.kind, &p.doc, &meta, Origin::Import, None)?;
            let known = schema.secret_paths(&p.kind);
            for path in p.secrets.iter().filter(|s| known.contains(s)) {
                mark_to_reenter(&tx, &id, path)?;
            }
            channels.push(ImportedChannel {
                id,
                kind: p.kind,
                name: meta.name,
                secrets_to_reenter: p.secrets,
                problems: p.problems,
            });
        }
        // A name taken by an import is taken from the channels already here too: they are
        // invalid now, whoever asks (the app re-checks them fully; the CLI relies on this).
        for name in &taken {
            tx.prepare_cached(
                "UPDATE channels SET validity = 'invalid' WHERE deleted_at IS NULL AND name_fold = ?1",
            )
            .and_then(|mut stmt| stmt.execute([name]))
            .map_err(StoreError::from)?;
        }
        tx.commit().map_err(StoreError::from)?;
        tracing::info!(count = channels.len(), "channels imported");
        Ok(ImportReport { channels })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::BasicSchema;

    fn file(names: &[&str]) -> Vec<u8> {
        let channels: Vec<Value> = names
            .iter()
            .map(|n| serde_json::json!({"kind": "sms", "general": {"name": n, "notes": "x".repeat(4000)}}))
            .collect();
        serde_json::json!({"format": EXPORT_FORMAT, "version": 1, "channels": channels})
            .to_string()
            .into_bytes()
    }

    #[test]
    fn a_full_disk_is_named_as_such_and_leaves_the_store_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        store.import(&file(&["first"]), &BasicSchema).unwrap();
        // SQLite's own "database or disk is full" (SQLITE_FULL), as ENOSPC gives it:
        // the file may not grow past its current size.
        let pages: i64 = store
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let names: Vec<String> = (0..50).map(|i| format!("more {i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let err = store.import(&file(&refs), &BasicSchema).unwrap_err();
        assert!(
            matches!(err, ImportError::Store(StoreError::DiskFull)),
            "{err:?}"
        );
        assert_eq!(err.msg().id, "store-err-disk-full");
        assert_eq!(store.all_ids().unwrap().len(), 1, "nothing half-written");
    }

    #[test]
    fn a_name_already_taken_comes_in_as_a_draft_problem_without_a_schema_rule() {
        // BasicSchema has no rules across channels; names already here still count.
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        store.import(&file(&["Support"]), &BasicSchema).unwrap();
        let report = store.import(&file(&[" SUPPORT"]), &BasicSchema).unwrap();
        let p = &report.channels[0].problems;
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].path, "general.name");
        assert_eq!(p[0].message.id, "val-name-duplicate");
        assert_eq!(store.all_ids().unwrap().len(), 2);
    }
}
