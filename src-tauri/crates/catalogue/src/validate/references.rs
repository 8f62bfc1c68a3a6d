//! Picker values against the reference data (communities, business hours, categories,
//! locales, channel groups): a channel can point at something deleted on the platform.
//! Separate from `validate` because it needs the reference-data cache.

use crate::document::{complete, get, kind_of};
use crate::model::{Field, FieldType, RefSource};
use crate::reference::ReferenceData;
use crate::schema::kind_schema;
use serde_json::Value;
use switchboard_core::{FieldMsg, Msg};

fn known(data: &ReferenceData, source: RefSource, id: &str) -> bool {
    match source {
        RefSource::Communities => data.communities.iter().any(|x| x.id == id),
        RefSource::TimeSheets => data.time_sheets.iter().any(|x| x.id == id),
        RefSource::Categories => data.categories.iter().any(|x| x.id == id),
        RefSource::Locales => data.locales.iter().any(|x| x.code == id),
        RefSource::ChannelGroups => data.channel_groups.iter().any(|x| x.id == id),
        // Local channels: `validate_set` checks these.
        RefSource::TwitterChannels => true,
    }
}

fn check(data: &ReferenceData, f: &Field, path: &str, v: &Value, out: &mut Vec<FieldMsg>) {
    let unknown = |id: &str, p: String, out: &mut Vec<FieldMsg>| {
        out.push(FieldMsg::new(
            p,
            Msg::new("val-reference-unknown")
                .arg("field", Msg::new(f.label.clone()))
                .arg("id", id),
        ))
    };
    match &f.ty {
        FieldType::Reference {
            source,
            multiple: false,
            ..
        } => {
            if let Some(id) = v
                .as_str()
                .filter(|s| !s.is_empty() && !known(data, *source, s))
            {
                unknown(id, path.to_owned(), out);
            }
        }
        FieldType::Reference {
            source,
            multiple: true,
            ..
        } => {
            for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                if let Some(id) = item.as_str().filter(|s| !known(data, *source, s)) {
                    unknown(id, format!("{path}.{i}"), out);
                }
            }
        }
        FieldType::Records { fields, .. } => {
            for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                for g in fields {
                    if let Some(x) = item.get(&g.key) {
                        check(data, g, &format!("{path}.{i}.{}", g.key), x, out);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Ids in the document's pickers that the reference data does not know. Returns nothing
/// for the bundled sample data: it says nothing about the real account.
pub fn validate_references(doc: &Value, data: &ReferenceData) -> Vec<FieldMsg> {
    let mut out = Vec::new();
    let Some(kind) = kind_of(doc) else {
        return out;
    };
    if data.sample {
        return out;
    }
    let doc = complete(kind, doc);
    for s in &kind_schema(kind).sections {
        if s.visible_when.as_ref().is_some_and(|r| !r.eval(&doc)) {
            continue;
        }
        if s.repeat {
            for (i, item) in get(&doc, &s.id)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                for f in &s.fields {
                    if let Some(v) = item.get(&f.key) {
                        check(data, f, &format!("{}.{i}.{}", s.id, f.key), v, &mut out);
                    }
                }
            }
            continue;
        }
        for f in &s.fields {
            if f.visible_when.as_ref().is_some_and(|r| !r.eval(&doc)) {
                continue;
            }
            if let Some(v) = get(&doc, &f.path) {
                check(data, f, &f.path, v, &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::example_document;
    use crate::model::Kind;
    use crate::reference::sample_reference_data;
    use serde_json::json;

    fn real() -> ReferenceData {
        ReferenceData {
            sample: false,
            ..sample_reference_data()
        }
    }

    #[test]
    fn known_ids_pass_unknown_ids_are_reported() {
        let (mut doc, _) = example_document(Kind::Viber);
        doc["messages"]["default_categories"] = json!(["sample-category-1", "sample-category-3"]);
        doc["signatures"] = json!([{"language": "fr", "body": "x"}]);
        assert_eq!(validate_references(&doc, &real()), vec![]);

        doc["general"]["community"] = json!("gone");
        doc["messages"]["default_categories"] = json!(["sample-category-1", "deleted"]);
        doc["signatures"] =
            json!([{"language": "fr", "body": "x"}, {"language": "xx", "body": "y"}]);
        let paths: Vec<String> = validate_references(&doc, &real())
            .into_iter()
            .map(|p| p.path)
            .collect();
        assert_eq!(
            paths,
            [
                "general.community",
                "messages.default_categories.1",
                "signatures.1.language"
            ]
        );
    }

    #[test]
    fn records_inside_sections_and_sample_data() {
        let (mut doc, _) = example_document(Kind::FacebookMessenger);
        doc["smart_closing"] = json!({"enabled": true, "wait_time": "1h",
            "end_questions": [{"language": "klingon", "body": "?"}], "resume_messages": []});
        let found = validate_references(&doc, &real());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "smart_closing.end_questions.0.language");
        assert_eq!(found[0].message.id, "val-reference-unknown");
        // The bundled sample set proves nothing about the real account.
        assert!(validate_references(&doc, &sample_reference_data()).is_empty());
        assert!(validate_references(&json!([1, 2]), &real()).is_empty());
    }
}
