//! Validation of channel documents: every problem at once, each as a field path and a
//! Fluent message. Declarations drive the generic checks (`fields`); the rules that tie
//! several fields together live in `cross`; rules across channels in `set`.
//! Arbitrary JSON never panics the validator (see the property tests).

pub mod cross;
pub mod fields;
pub mod formats;
pub mod references;
pub mod set;

use crate::model::Kind;
use crate::rule::Rule;
use crate::schema::{kind_schema, KindSchema};
use serde_json::Value;
use std::collections::BTreeSet;
use switchboard_core::{FieldMsg, Msg};

/// What the validator needs besides the document: which secret paths have a value in the
/// vault (the document never carries secrets).
pub struct Ctx<'a> {
    pub doc: &'a Value,
    /// The declarations of the document's kind: a missing setting reads as its default.
    pub kind: Option<&'static KindSchema>,
    pub secret_is_set: &'a dyn Fn(&str) -> bool,
    pub out: Vec<FieldMsg>,
}

impl<'a> Ctx<'a> {
    pub fn push(&mut self, path: impl Into<String>, msg: Msg) {
        self.out.push(FieldMsg::new(path, msg));
    }

    /// The value at `path`; a missing setting reads as its declared default (the same
    /// view as `document::complete`, without copying the document).
    pub fn value(&self, path: &str) -> Option<&'a Value> {
        switchboard_core::jsonpath::get(self.doc, path)
            .or_else(|| self.kind.and_then(|k| k.field(path)).map(|f| &f.default))
    }

    pub fn eval(&self, rule: &Rule) -> bool {
        rule.eval_with(&|p| self.value(p))
    }
}

/// Validates one channel document; `secrets_set` holds the secret paths that have a value.
pub fn validate(doc: &Value, secrets_set: &BTreeSet<String>) -> Vec<FieldMsg> {
    validate_with(doc, &|p| secrets_set.contains(p))
}

/// Same as `validate`, asking `secret_is_set(path)` for each secret.
pub fn validate_with(doc: &Value, secret_is_set: &dyn Fn(&str) -> bool) -> Vec<FieldMsg> {
    let mut ctx = Ctx {
        doc,
        kind: None,
        secret_is_set,
        out: Vec::new(),
    };
    let Some(obj) = doc.as_object() else {
        ctx.push("", Msg::new("val-not-object"));
        return ctx.out;
    };
    let kind = match obj.get("kind") {
        None | Some(Value::Null) => {
            ctx.push(
                "kind",
                Msg::new("err-required").arg("field", Msg::new("cat-kind")),
            );
            return ctx.out;
        }
        Some(Value::String(s)) => match Kind::parse(s) {
            Some(k) => k,
            None => {
                ctx.push("kind", Msg::new("val-kind-unknown").arg("kind", s.as_str()));
                return ctx.out;
            }
        },
        Some(other) => {
            ctx.push(
                "kind",
                Msg::new("val-kind-unknown").arg("kind", other.to_string()),
            );
            return ctx.out;
        }
    };
    // Missing settings count as their defaults (see `Ctx::value`, `document::complete`).
    let schema = kind_schema(kind);
    ctx.kind = Some(schema);
    for section in &schema.sections {
        fields::check_section(&mut ctx, section, obj.get(&section.id));
    }
    cross::check(&mut ctx, kind);
    ctx.out
}

#[cfg(test)]
mod tests;
