//! The channel document: a JSON object nested by section,
//! `{"kind":"email","general":{"name":"Support","active":true},"imap":{"port":993},
//!   "signatures":[{"language":"fr","body":"…"}]}`; paths are dotted (`imap.port`,
//! `signatures.1.body`). Secret values are never in it: the vault keeps them by path.

use crate::model::{FieldType, Kind};
use crate::schema::kind_schema;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// The value at a dotted path; list indices are numbers (`signatures.1.body`). The one
/// reader in `switchboard-core`, re-exported as part of the document format.
pub use switchboard_core::jsonpath::get;

/// A new channel of `kind` with every declared default (secrets and buttons excluded).
pub fn defaults(kind: Kind) -> Value {
    let mut doc = Map::new();
    doc.insert("kind".into(), Value::String(kind.id().into()));
    for section in &kind_schema(kind).sections {
        if section.repeat {
            doc.insert(section.id.clone(), Value::Array(vec![]));
            continue;
        }
        let mut m = Map::new();
        for f in &section.fields {
            if f.secret || matches!(f.ty, FieldType::Action { .. }) {
                continue;
            }
            m.insert(f.key.clone(), f.default.clone());
        }
        doc.insert(section.id.clone(), Value::Object(m));
    }
    Value::Object(doc)
}

/// The document with every missing setting at its default: a setting absent from a
/// document means "the default" (an explicit `null` means "empty"). Validation runs on
/// this view, so visibility rules see `email.mode` = `imap` even in a sparse document.
/// Borrows when nothing is missing (the common case: documents start from `defaults`).
pub fn complete(kind: Kind, doc: &Value) -> Cow<'_, Value> {
    let Some(obj) = doc.as_object() else {
        return Cow::Borrowed(doc);
    };
    let schema = kind_schema(kind);
    let missing = schema.sections.iter().any(|s| match obj.get(&s.id) {
        None => true,
        Some(Value::Object(m)) if !s.repeat => s.fields.iter().any(|f| {
            !f.secret && !matches!(f.ty, FieldType::Action { .. }) && !m.contains_key(&f.key)
        }),
        Some(_) => false,
    });
    if !missing {
        return Cow::Borrowed(doc);
    }
    let mut full = defaults(kind);
    let target = full.as_object_mut().expect("defaults are an object");
    for (key, value) in obj {
        match (target.get_mut(key), value) {
            (Some(Value::Object(base)), Value::Object(given)) => {
                for (k, v) in given {
                    base.insert(k.clone(), v.clone());
                }
            }
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
    Cow::Owned(full)
}

/// The paths of a kind's secret settings (`imap.password`, …): the store/vault key
/// secrets by these; the validator asks which of them are set.
pub fn secret_paths(kind: Kind) -> Vec<String> {
    kind_schema(kind)
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.secret)
        .map(|f| f.path.clone())
        .collect()
}

/// The kind a document declares, if it is one we know.
pub fn kind_of(doc: &Value) -> Option<Kind> {
    doc.get("kind")
        .and_then(Value::as_str)
        .and_then(Kind::parse)
}

/// The channel's name (`general.name`), if it is a string.
pub fn name_of(doc: &Value) -> Option<&str> {
    get(doc, "general.name").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_walks_objects_and_lists() {
        let doc = json!({"signatures":[{"body":"a"},{"body":"b"}],"imap":{"port":993}});
        assert_eq!(get(&doc, "imap.port"), Some(&json!(993)));
        assert_eq!(get(&doc, "signatures.1.body"), Some(&json!("b")));
        assert_eq!(get(&doc, "signatures.x.body"), None);
        assert_eq!(get(&doc, "imap.port.deeper"), None);
    }

    #[test]
    fn defaults_are_nested_by_section_and_carry_no_secret() {
        let d = defaults(Kind::Email);
        assert_eq!(d["kind"], "email");
        assert_eq!(d["imap"]["port"], 993);
        assert_eq!(d["smtp"]["port"], 587);
        assert_eq!(d["signatures"], json!([]));
        assert!(d["imap"].get("password").is_none());
        assert!(d.get("smart_closing").is_none());
        assert!(defaults(Kind::FacebookMessenger)
            .get("smart_closing")
            .is_some());
    }

    #[test]
    fn complete_fills_missing_settings_with_defaults_only() {
        let sparse = json!({"kind":"email","general":{"name":"S","active":false},"imap":{"port":143,"sent_folder":null}});
        let full = complete(Kind::Email, &sparse);
        assert!(matches!(full, Cow::Owned(_)));
        assert_eq!(full["general"]["active"], false);
        assert_eq!(full["general"]["hidden_from_stats"], false);
        assert_eq!(full["imap"]["port"], 143);
        assert_eq!(full["imap"]["sent_folder"], Value::Null);
        assert_eq!(full["email"]["mode"], "imap");
        assert_eq!(full["smtp"]["port"], 587);
        let d = defaults(Kind::Email);
        assert!(matches!(complete(Kind::Email, &d), Cow::Borrowed(_)));
    }

    #[test]
    fn secret_paths_list_each_kinds_secrets() {
        let email = secret_paths(Kind::Email);
        assert_eq!(
            email,
            vec![
                "postmark.api_key",
                "imap.password",
                "imap.oauth_refresh_token",
                "smtp.password",
                "smtp.oauth_refresh_token"
            ]
        );
        assert_eq!(secret_paths(Kind::Viber), vec!["viber.auth_token"]);
        assert_eq!(
            secret_paths(Kind::Twitter),
            vec!["twitter.oauth_token", "twitter.oauth_token_secret"]
        );
        assert!(secret_paths(Kind::TwitterSearch).is_empty());
    }
}
