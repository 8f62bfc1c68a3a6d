//! Field-by-field differences between two documents. Paths are dotted, array items by
//! index (`signatures.1.body`), the same paths as the catalogue's settings, so the caller
//! can put labels on them.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub path: String,
    /// `None` when the field is absent on that side.
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Every leaf that differs. Objects are walked key by key; arrays of objects item by
/// item (signatures, auto-messages); arrays of plain values are compared whole (a list of
/// tags is one setting).
pub fn diff_values(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk(String::new(), Some(before), Some(after), &mut out);
    out
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn is_scalar_list(v: &[Value]) -> bool {
    v.iter().all(|x| !x.is_object() && !x.is_array())
}

fn walk(path: String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                walk(join(&path, k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y)))
            if !(is_scalar_list(x) && is_scalar_list(y)) =>
        {
            for i in 0..x.len().max(y.len()) {
                walk(join(&path, &i.to_string()), x.get(i), y.get(i), out);
            }
        }
        (a, b) if a != b => out.push(FieldChange {
            path,
            before: a.cloned(),
            after: b.cloned(),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_changed_added_and_removed_leaves_with_paths() {
        let a = json!({"general": {"name": "Support", "active": true, "old": 1},
                       "signatures": [{"body": "A"}, {"body": "B"}], "tags": ["x", "y"]});
        let b = json!({"general": {"name": "Support FR", "active": true, "new": 2},
                       "signatures": [{"body": "A"}], "tags": ["y"]});
        let d = diff_values(&a, &b);
        let paths: Vec<&str> = d.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "general.name",
                "general.new",
                "general.old",
                "signatures.1",
                "tags"
            ]
        );
        assert_eq!(d[0].before, Some(json!("Support")));
        assert_eq!(d[0].after, Some(json!("Support FR")));
        assert_eq!(d[1].before, None);
        assert_eq!(d[2].after, None);
        assert_eq!(d[3].before, Some(json!({"body": "B"})));
    }

    #[test]
    fn identical_documents_have_no_difference() {
        let a = json!({"general": {"name": "x"}, "list": [{"a": 1}]});
        assert!(diff_values(&a, &a.clone()).is_empty());
    }

    #[test]
    fn a_type_change_is_one_leaf() {
        let d = diff_values(&json!({"a": {"b": 1}}), &json!({"a": 5}));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "a");
    }
}
