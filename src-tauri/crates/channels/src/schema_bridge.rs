//! The store's view of the catalogue (import, export and bulk edit validate and index
//! documents through it).

use serde_json::Value;
use switchboard_catalogue::{document, validate, Kind};
use switchboard_core::{FieldMsg, Msg};
use switchboard_store::{ChannelMeta, DocSchema, Validity};

#[derive(Debug, Clone, Copy, Default)]
pub struct CatalogueDocSchema;

/// The list columns of a document, and whether it is valid given the secrets that are set.
pub fn meta_of(doc: &Value, problems: &[FieldMsg]) -> ChannelMeta {
    let general = |key: &str| document::get(doc, &format!("general.{key}")).cloned();
    ChannelMeta {
        name: document::name_of(doc).unwrap_or_default().to_owned(),
        community: general("community")
            .and_then(|v| v.as_str().map(str::to_owned))
            .filter(|s| !s.is_empty()),
        active: general("active").and_then(|v| v.as_bool()).unwrap_or(false),
        validity: if problems.is_empty() {
            Validity::Valid
        } else {
            Validity::Invalid
        },
    }
}

impl DocSchema for CatalogueDocSchema {
    fn validate(&self, kind: &str, doc: &Value) -> Vec<FieldMsg> {
        if Kind::parse(kind).is_none() {
            return vec![FieldMsg::new(
                "kind",
                Msg::new("err-unknown-kind").arg("kind", kind),
            )];
        }
        // Imported and bulk-edited documents carry no secrets: required secrets are
        // reported by the editor once the channel exists, not here.
        validate::validate_with(doc, &|_| true)
    }

    /// A file is broken, not unfinished, when a document is not an object, its kind is
    /// unknown, a whole section has the wrong shape (an object where a list belongs), or
    /// a text carries control characters: nothing the form writes. A field's value, even of the wrong type (the form
    /// keeps "abc" typed in a number field), travels as the draft's problem.
    fn shape(&self, kind: &str, doc: &Value) -> Vec<FieldMsg> {
        self.validate(kind, doc)
            .into_iter()
            .filter(|p| match p.message.id.as_str() {
                "err-unknown-kind" | "val-not-object" | "val-kind-unknown" => true,
                // Hostile rather than unfinished: escapes that clear terminals and forge
                // rows in lists (issue 11) keep a file out whole.
                "val-control-characters" => true,
                "val-expect-object" | "val-expect-list" => !p.path.contains('.'),
                _ => false,
            })
            .collect()
    }

    fn meta(&self, _kind: &str, doc: &Value) -> ChannelMeta {
        let problems = validate::validate_with(doc, &|_| true);
        meta_of(doc, &problems)
    }

    fn meta_without_secrets(&self, _kind: &str, doc: &Value, unset: &[String]) -> ChannelMeta {
        let problems = validate::validate_with(doc, &|p| !unset.iter().any(|u| u == p));
        meta_of(doc, &problems)
    }

    /// The catalogue's rules across channels: the same unique-name rule as save and
    /// `validate` (without case or surrounding spaces).
    fn validate_set(&self, docs: &[Value]) -> Vec<(usize, FieldMsg)> {
        switchboard_catalogue::validate_set(docs)
            .into_iter()
            .map(|p| (p.index, p.problem))
            .collect()
    }

    fn secret_paths(&self, kind: &str) -> Vec<String> {
        Kind::parse(kind)
            .map(document::secret_paths)
            .unwrap_or_default()
    }
}
