//! Valid example channels: a kind's defaults with every required field filled. Used by
//! the property tests, the benchmark, the CLI tests, and handy for UI fixtures.

use crate::document::defaults;
use crate::model::{Field, FieldType, Kind, RefSource};
use crate::schema::kind_schema;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Fills every required (or required-when) visible field of `doc` that is empty, with
/// values from `value_for`; returns the secret paths it "set" (secrets live outside the
/// document). Kind-level rules that are not a single field are satisfied too (Tapatalk:
/// one non-zero offset).
pub fn fill_required(
    doc: &mut Value,
    kind: Kind,
    value_for: &mut dyn FnMut(&Field) -> Value,
) -> BTreeSet<String> {
    let mut secrets = BTreeSet::new();
    // Works on documents shaped like `defaults(kind)`; anything else is left alone
    // (indexing into a non-object would panic).
    let shaped = |doc: &Value, section: &str| doc.get(section).is_some_and(Value::is_object);
    if !doc.is_object() {
        return secrets;
    }
    if kind == Kind::Tapatalk && shaped(doc, "tapatalk") {
        doc["tapatalk"]["post_offset"] = json!(1);
    }
    // Twice: a value filled in the first pass may make another field required.
    for _ in 0..2 {
        for section in &kind_schema(kind).sections {
            if section.repeat
                || !shaped(doc, &section.id)
                || section.visible_when.as_ref().is_some_and(|r| !r.eval(doc))
            {
                continue;
            }
            for f in &section.fields {
                let visible = f.visible_when.as_ref().is_none_or(|r| r.eval(doc));
                let required = f.required || f.required_when.as_ref().is_some_and(|r| r.eval(doc));
                if !(visible && required) {
                    continue;
                }
                if f.secret {
                    secrets.insert(f.path.clone());
                    continue;
                }
                let current = &doc[&section.id][&f.key];
                let empty = current.is_null()
                    || current.as_str().is_some_and(|s| s.trim().is_empty())
                    || current.as_array().is_some_and(|a| a.is_empty());
                if empty {
                    let v = value_for(f);
                    doc[&section.id][&f.key] = v;
                }
            }
        }
    }
    secrets
}

/// A fixed valid value for a field (records get one item with their required fields).
pub fn sample_value(f: &Field) -> Value {
    sample_for_type(f, &f.ty)
}

fn sample_for_type(f: &Field, ty: &FieldType) -> Value {
    match ty {
        FieldType::Bool => json!(true),
        FieldType::Int { min, .. } => json!(min.unwrap_or(0).max(1)),
        FieldType::Decimal { min, .. } => json!(min.unwrap_or(0.0)),
        FieldType::Text { .. } | FieldType::Code { .. } => json!(format!("Sample {}", f.key)),
        FieldType::Enum { options } => {
            json!(options.first().map(|o| o.value.clone()).unwrap_or_default())
        }
        FieldType::Email => json!("support@example.com"),
        FieldType::Domain => json!("example.com"),
        FieldType::Host => json!("mail.example.com"),
        FieldType::Url => json!("https://example.com/endpoint"),
        FieldType::HexColour => json!("#1E88E5"),
        FieldType::Uuid => json!("123e4567-e89b-12d3-a456-426614174000"),
        FieldType::Phone => json!("612345678"),
        FieldType::CountryCode => json!("33"),
        FieldType::Duration => json!("1h"),
        FieldType::TwitterUser => json!("@sample"),
        FieldType::NumericId => json!("104857361234567"),
        FieldType::Reference {
            source, multiple, ..
        } => {
            let id = match source {
                RefSource::Communities => "sample-community-1",
                RefSource::TimeSheets => "sample-timesheet-1",
                RefSource::Categories => "sample-category-1",
                RefSource::Locales => "fr",
                RefSource::ChannelGroups => "sample-group-1",
                RefSource::TwitterChannels => "Sample twitter",
            };
            if *multiple {
                json!([id])
            } else {
                json!(id)
            }
        }
        FieldType::Image { .. } => json!("data:image/png;base64,iVBORw0KGgo="),
        FieldType::List { item, .. } => json!([sample_for_type(f, item)]),
        FieldType::Records { fields, .. } => {
            let mut m = Map::new();
            for g in fields {
                m.insert(g.key.clone(), sample_value(g));
            }
            json!([m])
        }
        FieldType::Secret { .. } | FieldType::Action { .. } => Value::Null,
    }
}

/// A valid channel of `kind` named `Sample <kind>`, and the secret paths it needs set.
pub fn example_document(kind: Kind) -> (Value, BTreeSet<String>) {
    let mut doc = defaults(kind);
    doc["general"]["name"] = json!(format!("Sample {}", kind.id().replace('_', " ")));
    let secrets = fill_required(&mut doc, kind, &mut sample_value);
    (doc, secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_required_leaves_odd_shapes_alone() {
        let mut odd = json!({"kind": "tapatalk", "tapatalk": "x", "general": 3});
        let secrets = fill_required(&mut odd, Kind::Tapatalk, &mut sample_value);
        assert_eq!(odd["tapatalk"], "x");
        assert!(secrets.is_empty());
        let mut not_object = json!([1]);
        assert!(fill_required(&mut not_object, Kind::Email, &mut sample_value).is_empty());
    }
}
