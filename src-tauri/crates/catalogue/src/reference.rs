//! Reference data the pickers choose from. Until sync with the platform exists, the app
//! ships `sample_reference_data()`: clearly marked as a sample (`sample: true`), so the UI
//! can say so.

use crate::model::{FieldType, RefSource};
use crate::schema::kind_schema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RefItem {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// Categories are a tree on the platform.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Locale {
    /// Language code as the platform spells it (`fr`, `en`, …).
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChannelGroup {
    pub id: String,
    pub name: String,
    /// Default capacity of the group: part of the queue-slot formula.
    pub default_capacity: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferenceData {
    /// True for the bundled sample set: not the account's real data.
    pub sample: bool,
    /// When the account's lists were pulled (Unix ms); none for the sample.
    #[ts(optional, as = "Option<f64>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<i64>,
    pub communities: Vec<RefItem>,
    pub time_sheets: Vec<RefItem>,
    pub categories: Vec<Category>,
    pub locales: Vec<Locale>,
    pub channel_groups: Vec<ChannelGroup>,
}

fn item(id: &str, name: &str) -> RefItem {
    RefItem {
        id: id.into(),
        name: name.into(),
    }
}

/// The bundled SAMPLE data set (made-up ids and names), for pickers until sync exists.
pub fn sample_reference_data() -> ReferenceData {
    let cat = |id: &str, name: &str, parent: Option<&str>| Category {
        id: id.into(),
        name: name.into(),
        parent_id: parent.map(Into::into),
    };
    let loc = |code: &str, name: &str| Locale {
        code: code.into(),
        name: name.into(),
    };
    let group = |id: &str, name: &str, cap: u32| ChannelGroup {
        id: id.into(),
        name: name.into(),
        default_capacity: cap,
    };
    ReferenceData {
        sample: true,
        fetched_at: None,
        communities: vec![
            item("sample-community-1", "Sample — Customer care"),
            item("sample-community-2", "Sample — Social media"),
        ],
        time_sheets: vec![
            item("sample-timesheet-1", "Sample — Weekdays 9:00–18:00"),
            item("sample-timesheet-2", "Sample — 24/7"),
        ],
        categories: vec![
            cat("sample-category-1", "Sample — Billing", None),
            cat(
                "sample-category-2",
                "Sample — Invoices",
                Some("sample-category-1"),
            ),
            cat("sample-category-3", "Sample — Technical support", None),
            cat("sample-category-4", "Sample — Complaints", None),
        ],
        locales: vec![
            loc("fr", "Français"),
            loc("en", "English"),
            loc("de", "Deutsch"),
            loc("es", "Español"),
            loc("it", "Italiano"),
            loc("nl", "Nederlands"),
            loc("pt", "Português"),
        ],
        channel_groups: vec![
            group("sample-group-1", "Sample — Asynchronous channels", 2),
            group("sample-group-2", "Sample — Live chat", 1),
        ],
    }
}

/// Whether a reference id is one of the bundled sample entries (never a platform's id).
pub fn is_sample_id(id: &str) -> bool {
    id.starts_with("sample-")
}

/// The settings of a channel that still point at sample reference data (issue 12): an
/// export or a sync should say so, since no platform knows those ids. Paths, in the
/// order of the form.
pub fn sample_references(doc: &Value) -> Vec<String> {
    let Some(kind) = crate::document::kind_of(doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for section in kind_schema(kind).sections.iter().filter(|s| !s.repeat) {
        for f in &section.fields {
            let FieldType::Reference { source, .. } = &f.ty else {
                continue;
            };
            if *source == RefSource::TwitterChannels {
                continue;
            }
            let sample = match switchboard_core::jsonpath::get(doc, &f.path) {
                Some(Value::String(id)) => is_sample_id(id),
                Some(Value::Array(ids)) => ids.iter().filter_map(Value::as_str).any(is_sample_id),
                _ => false,
            };
            if sample {
                out.push(f.path.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod sample_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sample_ids_are_found_in_single_and_multiple_pickers_only() {
        let doc =
            json!({"kind": "sms", "general": {"name": "x", "community": "sample-community-1"}});
        assert_eq!(sample_references(&doc), ["general.community"]);
        let real = json!({"kind": "sms", "general": {"name": "x", "community": "4f2a"}});
        assert!(sample_references(&real).is_empty());
        assert!(sample_references(&json!({"kind": "fax"})).is_empty());
        assert!(sample_reference_data()
            .communities
            .iter()
            .all(|c| is_sample_id(&c.id)));
    }
}
