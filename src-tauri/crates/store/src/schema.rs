//! What the store needs to know about documents without owning their format: the
//! catalogue plugs in here (validation for import, the indexed columns of a document,
//! which paths are secrets). `BasicSchema` checks the shape only; it is what the CLI
//! uses until the catalogue validator is wired in.

use crate::model::{ChannelMeta, Validity};
use serde_json::Value;
use switchboard_core::{FieldMsg, Msg};

pub trait DocSchema {
    /// Problems with one document, each at its field path (empty: valid).
    fn validate(&self, kind: &str, doc: &Value) -> Vec<FieldMsg>;
    /// The problems that make a document unreadable rather than unfinished (an unknown
    /// kind, a section of the wrong shape): an import refuses a file that has any, and
    /// brings every other document in as a draft with its problems. By default every
    /// problem counts.
    fn shape(&self, kind: &str, doc: &Value) -> Vec<FieldMsg> {
        self.validate(kind, doc)
    }
    /// The indexed columns for a document (after import or bulk edit).
    fn meta(&self, kind: &str, doc: &Value) -> ChannelMeta;
    /// The indexed columns when the secrets at `unset` are known to be missing (an
    /// import dropped them): a channel that needs them is not valid without them.
    fn meta_without_secrets(&self, kind: &str, doc: &Value, unset: &[String]) -> ChannelMeta {
        let _ = unset;
        self.meta(kind, doc)
    }
    /// Problems across the channels of one file (unique names...), each with the index
    /// of the channel it is about.
    fn validate_set(&self, docs: &[Value]) -> Vec<(usize, FieldMsg)> {
        let _ = docs;
        Vec::new()
    }
    /// Paths of the secret settings of a kind: export strips them, import drops them
    /// (they are listed as "to re-enter"), bulk edit refuses them.
    fn secret_paths(&self, kind: &str) -> Vec<String>;
}

/// Shape only: a document is a JSON object of sections (objects), with
/// `general.name` a string. Knows no secret paths.
#[derive(Debug, Clone, Copy, Default)]
pub struct BasicSchema;

impl DocSchema for BasicSchema {
    fn validate(&self, _kind: &str, doc: &Value) -> Vec<FieldMsg> {
        let Some(sections) = doc.as_object() else {
            return vec![FieldMsg::new("", Msg::new("store-import-not-object"))];
        };
        let mut problems = Vec::new();
        match doc.pointer("/general/name") {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            _ => problems.push(FieldMsg::new(
                "general.name",
                Msg::new("store-import-name-missing"),
            )),
        }
        for (key, value) in sections {
            if key != "kind" && !value.is_object() && !value.is_array() {
                problems.push(FieldMsg::new(
                    key.as_str(),
                    Msg::new("store-import-section-not-object"),
                ));
            }
        }
        problems
    }

    fn meta(&self, _kind: &str, doc: &Value) -> ChannelMeta {
        ChannelMeta {
            name: doc
                .pointer("/general/name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            community: doc
                .pointer("/general/community_id")
                .and_then(Value::as_str)
                .map(str::to_owned),
            active: doc
                .pointer("/general/active")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            validity: Validity::Unknown,
        }
    }

    fn secret_paths(&self, _kind: &str) -> Vec<String> {
        Vec::new()
    }
}
