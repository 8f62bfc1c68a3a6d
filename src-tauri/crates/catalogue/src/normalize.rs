//! One normalizer per field type, so that the same setting compares equal however either
//! side spells it: null and "" and [] for "not set", the order of id sets and of records,
//! surrounding whitespace, line endings, colour case, numbers sent as text, server
//! defaults (a key the server leaves out is the declaration's default, through
//! `from_api`). Sync compares only these views (base / local / remote), so a pull followed
//! by a plan with no edit is empty for every kind: no perpetual diffs.

use crate::api::{from_api, to_api};
use crate::document::kind_of;
use crate::model::{ApiConv, Field, FieldType, Kind};
use crate::schema::kind_schema;
use serde_json::{Map, Value};

/// The normalized API view of a channel document: what sync compares and sends.
pub fn api_view(doc: &Value) -> Map<String, Value> {
    let Some(kind) = kind_of(doc) else {
        return Map::new();
    };
    normalize_api(kind, to_api(doc))
}

/// The normalized API view of a server record, through the same declarations as a
/// document's (record → document → API), so both sides are read alike.
pub fn record_view(kind: Kind, record: &Map<String, Value>) -> Map<String, Value> {
    api_view(&from_api(kind, &Value::Object(record.clone())))
}

/// How each API field of a kind is declared.
enum Shape<'a> {
    Field(&'a Field),
    Records { unique_by: &'a [String] },
}

fn shapes(kind: Kind) -> Vec<(String, Shape<'static>)> {
    let schema = kind_schema(kind);
    let mut out = Vec::new();
    for s in &schema.sections {
        if s.repeat {
            if let Some(api) = &s.api {
                out.push((
                    api.clone(),
                    Shape::Records {
                        unique_by: &s.unique_by,
                    },
                ));
            }
            continue;
        }
        for f in &s.fields {
            if let Some(api) = &f.api {
                out.push((api.name.clone(), Shape::Field(f)));
            }
        }
    }
    out
}

fn normalize_api(kind: Kind, raw: Map<String, Value>) -> Map<String, Value> {
    let shapes = shapes(kind);
    raw.into_iter()
        .map(|(name, v)| {
            let n = match shapes.iter().find(|(n, _)| *n == name).map(|(_, s)| s) {
                Some(Shape::Field(f)) => field_value(f, &v),
                Some(Shape::Records { unique_by }) => records(unique_by, &v, None),
                // An API field the declarations do not name (e.g. the archiving switch
                // derived from its period): compared as sent.
                None => scalar_text(&v),
            };
            (name, n)
        })
        .collect()
}

fn text(s: &str) -> Value {
    let t = s.replace("\r\n", "\n");
    let t = t.trim();
    if t.is_empty() {
        Value::Null
    } else {
        Value::String(t.to_owned())
    }
}

/// Strings trimmed (empty = null); everything else as is.
fn scalar_text(v: &Value) -> Value {
    match v {
        Value::String(s) => text(s),
        Value::Array(a) if a.is_empty() => Value::Null,
        other => other.clone(),
    }
}

fn sorted_set(items: &[Value]) -> Value {
    let mut out: Vec<Value> = items
        .iter()
        .map(scalar_text)
        .filter(|v| !v.is_null())
        .collect();
    out.sort_by_key(|v| v.to_string());
    out.dedup();
    if out.is_empty() {
        Value::Null
    } else {
        Value::Array(out)
    }
}

fn field_value(f: &Field, v: &Value) -> Value {
    let conv = f.api.as_ref().map_or(ApiConv::Same, |a| a.conv);
    if conv == ApiConv::ListAsText {
        // One value per line: the order of an allowlist means nothing.
        let mut lines: Vec<&str> = v
            .as_str()
            .unwrap_or("")
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lines.sort_unstable();
        lines.dedup();
        return if lines.is_empty() {
            Value::Null
        } else {
            Value::String(lines.join("\n"))
        };
    }
    match (&f.ty, v) {
        (_, Value::Null) => Value::Null,
        (FieldType::Bool, Value::String(s)) => match s.trim() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" | "" => Value::Bool(false),
            _ => v.clone(),
        },
        (FieldType::Int { .. } | FieldType::Duration, Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map_or_else(|_| text(s), Value::from),
        (FieldType::Int { .. } | FieldType::Duration, Value::Number(n)) => n
            .as_f64()
            .filter(|f| f.fract() == 0.0)
            .map_or_else(|| v.clone(), |f| Value::from(f as i64)),
        (FieldType::HexColour, Value::String(s)) => colour(s),
        (FieldType::Email | FieldType::Domain | FieldType::Host, Value::String(s)) => {
            text(&s.to_lowercase())
        }
        (FieldType::Reference { .. } | FieldType::List { .. }, Value::Array(items)) => {
            sorted_set(items)
        }
        (FieldType::Records { unique_by, fields }, _) => records(unique_by, v, Some(fields)),
        (_, Value::Array(items)) => sorted_set(items),
        _ => scalar_text(v),
    }
}

/// `#RRGGBB` upper case; `#RGB` expanded; a missing `#` added.
fn colour(s: &str) -> Value {
    let h = s.trim().trim_start_matches('#');
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        _ => h.to_owned(),
    };
    if full.is_empty() {
        Value::Null
    } else {
        Value::String(format!("#{}", full.to_uppercase()))
    }
}

/// Records: each one's strings normalized (bodies keep inner whitespace), then sorted by
/// their identifying keys (the server's order is not ours to keep).
fn records(unique_by: &[String], v: &Value, fields: Option<&Vec<Field>>) -> Value {
    let Some(items) = v.as_array() else {
        return scalar_text(v);
    };
    let mut out: Vec<Value> = items
        .iter()
        .filter_map(Value::as_object)
        .map(|item| {
            let m: Map<String, Value> = item
                .iter()
                .map(|(k, v)| {
                    let f = fields.and_then(|fs| fs.iter().find(|f| &f.key == k));
                    (
                        k.clone(),
                        f.map_or_else(|| scalar_text(v), |f| field_value(f, v)),
                    )
                })
                .filter(|(_, v)| !v.is_null())
                .collect();
            Value::Object(m)
        })
        .collect();
    let key = |v: &Value| -> String {
        let by: Vec<String> = if unique_by.is_empty() {
            vec![v.to_string()]
        } else {
            unique_by
                .iter()
                .map(|k| v.get(k).map(Value::to_string).unwrap_or_default())
                .collect()
        };
        format!("{by:?}{v}")
    };
    out.sort_by_key(key);
    if out.is_empty() {
        Value::Null
    } else {
        Value::Array(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::example_document;
    use serde_json::json;

    #[test]
    fn the_same_setting_spelt_differently_compares_equal() {
        let (doc, _) = example_document(Kind::Email);
        let mut record = to_api(&doc);
        let local = api_view(&doc);
        // What a server plausibly does to what it was sent.
        if let Some(Value::Array(ids)) = record.get_mut("default_category_ids") {
            ids.reverse();
        }
        record.insert("from_name".into(), Value::Null);
        record.insert(
            "imap_address".into(),
            json!(format!(
                " {} ",
                record["imap_address"].as_str().unwrap_or("")
            )),
        );
        if let Some(Value::Array(s)) = record.get_mut("signatures") {
            s.reverse();
        }
        let remote = record_view(Kind::Email, &record);
        for (k, v) in &local {
            if k == "from_name" {
                continue;
            }
            assert_eq!(remote.get(k), Some(v), "{k}");
        }
    }

    #[test]
    fn not_set_has_one_spelling() {
        let mut f = example_field();
        f.ty = FieldType::Text {
            multiline: false,
            variables: false,
            max_len: None,
        };
        f.api = None;
        assert_eq!(field_value(&f, &json!("")), Value::Null);
        assert_eq!(field_value(&f, &json!("  a \r\n")), json!("a"));
        assert_eq!(sorted_set(&[]), Value::Null);
        assert_eq!(
            sorted_set(&[json!("b"), json!("a"), json!("b")]),
            json!(["a", "b"])
        );
        assert_eq!(colour("1e88e5"), json!("#1E88E5"));
        assert_eq!(colour("#abc"), json!("#AABBCC"));
    }

    fn example_field() -> Field {
        kind_schema(Kind::Email).sections[0].fields[0].clone()
    }

    #[test]
    fn every_kind_round_trips_through_a_server_record_without_a_diff() {
        for kind in Kind::ALL {
            let (doc, _) = example_document(kind);
            let local = api_view(&doc);
            let remote = record_view(kind, &to_api(&doc));
            assert_eq!(local, remote, "{kind:?}");
        }
    }
}
