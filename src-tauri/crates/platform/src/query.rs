//! Parameters of `PUT /content_sources/{id}` as the spec names them. The API takes every
//! parameter in the query string, Rails-style: a list whose spec name ends in `[]` is sent
//! as `name[]=a&name[]=b`; other lists are exploded as OpenAPI's default form style
//! (`name=a&name=b`); a nested object as `name[key]=v`; a list of objects as Rack's
//! `name[][key]=v`. How to clear a list is undocumented: an empty list is sent as one
//! empty value (`name[]=`, which Rails reads as "none") and the plan marks such a change
//! unverified.

use serde_json::{Map, Value};

/// The list parameters whose spec name carries `[]` (checked against the spec by the
/// contract test).
pub(crate) const BRACKETED_LISTS: [&str; 4] = [
    "time_sheet_ids",
    "sla_filtering_category_ids",
    "default_category_ids",
    "user_thread_default_category_ids",
];

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The query pairs of a parameter map.
pub fn rack_pairs(params: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in params {
        match value {
            Value::Array(items) if items.iter().any(Value::is_object) => {
                for item in items {
                    if let Value::Object(fields) = item {
                        for (k, v) in fields {
                            if let Some(s) = scalar(v) {
                                out.push((format!("{name}[][{k}]"), s));
                            }
                        }
                    }
                }
            }
            Value::Array(items) => {
                let key = if BRACKETED_LISTS.contains(&name.as_str()) {
                    format!("{name}[]")
                } else {
                    name.clone()
                };
                if items.is_empty() {
                    out.push((key.clone(), String::new()));
                }
                for item in items {
                    if let Some(s) = scalar(item) {
                        out.push((key.clone(), s));
                    }
                }
            }
            Value::Object(fields) => {
                for (k, v) in fields {
                    if let Some(s) = scalar(v) {
                        out.push((format!("{name}[{k}]"), s));
                    }
                }
            }
            v => {
                if let Some(s) = scalar(v) {
                    out.push((name.clone(), s));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(v: Value) -> Vec<(String, String)> {
        rack_pairs(v.as_object().unwrap())
    }

    #[test]
    fn every_shape_is_encoded_as_the_spec_names_it() {
        let p = pairs(json!({
            "name": "Support",
            "active": true,
            "sla_response": 3600,
            "time_sheet_ids": ["ts1"],
            "content_languages": ["fr", "en"],
            "auto_response_trigger_enabled": {"first_message_from_user": true},
            "signatures": [{"language": "fr", "body": "Cordialement"}],
            "from_name": null,
            "default_category_ids": []
        }));
        let has = |k: &str, v: &str| p.contains(&(k.to_owned(), v.to_owned()));
        assert!(has("name", "Support"));
        assert!(has("active", "true"));
        assert!(has("sla_response", "3600"));
        assert!(has("time_sheet_ids[]", "ts1"));
        assert!(has("content_languages", "fr") && has("content_languages", "en"));
        assert!(has(
            "auto_response_trigger_enabled[first_message_from_user]",
            "true"
        ));
        assert!(has("signatures[][language]", "fr") && has("signatures[][body]", "Cordialement"));
        assert!(has("from_name", ""));
        assert!(has("default_category_ids[]", ""));
    }
}
