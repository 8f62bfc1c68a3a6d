//! Import: everything is validated before anything is written, every problem is reported
//! (channel index + field path), and the write is one transaction, so a file is imported
//! whole or not at all. Imported channels get new local ids and an `Import` revision.
//! Secret values found in a file are never stored: they are dropped and listed as "to
//! re-enter", like the ones the export had already stripped.

use crate::channels::insert_channel;
use crate::error::StoreError;
use crate::export::{EXPORT_FORMAT, EXPORT_VERSION, SECRETS_KEY};
use crate::model::{ChannelId, Origin};
use crate::schema::DocSchema;
use crate::Store;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;
use switchboard_core::jsonpath;
use switchboard_core::Msg;
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
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub channels: Vec<ImportedChannel>,
}

struct Prepared {
    kind: String,
    doc: Value,
    secrets: Vec<String>,
}

fn problem(channel: Option<usize>, path: &str, message: Msg) -> ImportProblem {
    ImportProblem {
        channel,
        path: path.to_owned(),
        message,
    }
}

/// Checks a whole file; returns the documents ready to insert or every problem found.
fn prepare(bytes: &[u8], schema: &dyn DocSchema) -> Result<Vec<Prepared>, Vec<ImportProblem>> {
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
        for f in schema.validate(&kind, &doc) {
            problems.push(problem(Some(i), &f.path, f.message));
        }
        prepared.push(Prepared {
            kind,
            doc,
            secrets: secrets.into_iter().collect(),
        });
    }
    if problems.is_empty() {
        Ok(prepared)
    } else {
        Err(problems)
    }
}

/// Validates a file without importing it (the preview before "Import").
pub fn validate_import(bytes: &[u8], schema: &dyn DocSchema) -> Vec<ImportProblem> {
    prepare(bytes, schema).err().unwrap_or_default()
}

impl Store {
    pub fn import(
        &mut self,
        bytes: &[u8],
        schema: &dyn DocSchema,
    ) -> Result<ImportReport, ImportError> {
        let prepared = prepare(bytes, schema).map_err(ImportError::Invalid)?;
        let tx = self.write_tx()?;
        let mut channels = Vec::with_capacity(prepared.len());
        for p in prepared {
            let meta = schema.meta(&p.kind, &p.doc);
            let id = insert_channel(&tx, &p.kind, &p.doc, &meta, Origin::Import, None)?;
            channels.push(ImportedChannel {
                id,
                kind: p.kind,
                name: meta.name,
                secrets_to_reenter: p.secrets,
            });
        }
        tx.commit().map_err(StoreError::from)?;
        tracing::info!(count = channels.len(), "channels imported");
        Ok(ImportReport { channels })
    }
}
