//! Export: a versioned JSON document carrying channel documents with their secrets
//! stripped. Each channel lists the secret paths to re-enter after import: the ones set
//! in the vault, plus any secret the schema found in the document itself.

use crate::channels::load;
use crate::clock::{now_ms, rfc3339_utc};
use crate::error::StoreError;
use crate::schema::DocSchema;
use crate::Store;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use switchboard_core::jsonpath;

pub const EXPORT_FORMAT: &str = "switchboard.channels";
pub const EXPORT_VERSION: u32 = 1;
/// The key added to each exported document.
pub const SECRETS_KEY: &str = "secrets_to_reenter";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub channels: Vec<ExportedChannel>,
}

/// A channel document as exported: the document's own keys (including `kind`) plus
/// `secrets_to_reenter`.
pub type ExportedChannel = Value;

impl ExportFile {
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("JSON values always serialize")
    }
}

impl Store {
    /// Exports the given channels (in that order).
    pub fn export(&self, ids: &[String], schema: &dyn DocSchema) -> Result<ExportFile, StoreError> {
        let mut channels = Vec::with_capacity(ids.len());
        for id in ids {
            let ch = load(&self.conn, id)?;
            let mut doc = match ch.doc {
                Value::Object(m) => Value::Object(m),
                // Documents are objects; anything else is exported under a section so the
                // file stays well-formed.
                other => Value::Object(Map::from_iter([("document".to_owned(), other)])),
            };
            let mut to_reenter: BTreeSet<String> = self.secret_status(id)?.into_iter().collect();
            // Still missing since an earlier import: the next person must know too.
            to_reenter.extend(self.secrets_to_reenter(id)?);
            for path in schema.secret_paths(&ch.kind) {
                if jsonpath::remove(&mut doc, &path).is_some() {
                    to_reenter.insert(path);
                }
            }
            let obj = doc.as_object_mut().expect("made an object above");
            obj.entry("kind")
                .or_insert_with(|| Value::String(ch.kind.clone()));
            obj.insert(
                SECRETS_KEY.to_owned(),
                Value::Array(to_reenter.into_iter().map(Value::String).collect()),
            );
            channels.push(doc);
        }
        tracing::debug!(count = channels.len(), "channels exported");
        Ok(ExportFile {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            exported_at: rfc3339_utc(now_ms()),
            channels,
        })
    }

    pub fn export_all(&self, schema: &dyn DocSchema) -> Result<ExportFile, StoreError> {
        self.export(&self.all_ids()?, schema)
    }
}
