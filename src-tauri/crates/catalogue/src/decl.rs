//! Small builders so that each declaration reads as one line: path, type, default, then
//! the optional parts. Fluent ids follow the path: `cat-imap-port` and `cat-imap-port-help`.

use crate::model::*;
use crate::rule::Rule;
use serde_json::Value;

fn dashed(s: &str) -> String {
    s.replace('_', "-")
}

/// A setting of section `section` (document path `section.key`).
pub fn field(section: &str, key: &str, ty: FieldType, default: Value) -> Field {
    let secret = matches!(ty, FieldType::Secret { .. });
    Field {
        key: key.to_owned(),
        path: format!("{section}.{key}"),
        ty,
        default,
        required: false,
        required_when: None,
        visible_when: None,
        secret,
        label: format!("cat-{}-{}", dashed(section), dashed(key)),
        help: None,
        api: None,
    }
}

/// A field of the records of list `list` in section `section`: its path is its key.
pub fn rec(section: &str, list: &str, key: &str, ty: FieldType, default: Value) -> Field {
    let mut f = field(&format!("{section}-{list}"), key, ty, default);
    f.path = key.to_owned();
    f
}

pub trait FieldExt {
    fn help(self) -> Self;
    fn required(self) -> Self;
    fn required_when(self, r: Rule) -> Self;
    fn visible_when(self, r: Rule) -> Self;
    fn api(self, name: &str) -> Self;
    fn api_conv(self, name: &str, conv: ApiConv) -> Self;
}

impl FieldExt for Field {
    fn help(mut self) -> Self {
        self.help = Some(format!("{}-help", self.label));
        self
    }
    fn required(mut self) -> Self {
        self.required = true;
        self
    }
    fn required_when(mut self, r: Rule) -> Self {
        self.required_when = Some(r);
        self
    }
    fn visible_when(mut self, r: Rule) -> Self {
        self.visible_when = Some(r);
        self
    }
    fn api(self, name: &str) -> Self {
        self.api_conv(name, ApiConv::Same)
    }
    fn api_conv(mut self, name: &str, conv: ApiConv) -> Self {
        self.api = Some(ApiField {
            name: name.to_owned(),
            conv,
        });
        self
    }
}

/// An object section.
pub fn section(id: &str, fields: Vec<Field>) -> Section {
    Section {
        id: id.to_owned(),
        label: format!("cat-sec-{}", dashed(id)),
        help: None,
        repeat: false,
        unique_by: vec![],
        visible_when: None,
        after_first_save: false,
        api: None,
        fields,
    }
}

/// A section whose value is a list of records.
pub fn list_section(id: &str, fields: Vec<Field>, unique_by: &[&str]) -> Section {
    Section {
        repeat: true,
        unique_by: unique_by.iter().map(|s| s.to_string()).collect(),
        ..section(id, fields)
    }
}

pub trait SectionExt {
    fn help(self) -> Self;
    fn visible_when(self, r: Rule) -> Self;
    fn after_first_save(self) -> Self;
    fn api(self, name: &str) -> Self;
}

impl SectionExt for Section {
    fn help(mut self) -> Self {
        self.help = Some(format!("{}-help", self.label));
        self
    }
    fn visible_when(mut self, r: Rule) -> Self {
        self.visible_when = Some(r);
        self
    }
    fn after_first_save(mut self) -> Self {
        self.after_first_save = true;
        self
    }
    fn api(mut self, name: &str) -> Self {
        self.api = Some(name.to_owned());
        self
    }
}

/// Type shortcuts.
pub mod t {
    use super::*;

    pub fn bool() -> FieldType {
        FieldType::Bool
    }
    pub fn int(min: Option<i64>, max: Option<i64>) -> FieldType {
        FieldType::Int { min, max }
    }
    pub fn text(max_len: u32) -> FieldType {
        FieldType::Text {
            multiline: false,
            variables: false,
            max_len: Some(max_len),
        }
    }
    pub fn multiline() -> FieldType {
        FieldType::Text {
            multiline: true,
            variables: false,
            max_len: None,
        }
    }
    /// A message the variables picker can fill.
    pub fn message() -> FieldType {
        FieldType::Text {
            multiline: true,
            variables: true,
            max_len: None,
        }
    }
    pub fn secret() -> FieldType {
        FieldType::Secret { generated: false }
    }
    pub fn reference(source: RefSource) -> FieldType {
        FieldType::Reference {
            source,
            multiple: false,
            max_items: None,
        }
    }
    pub fn references(source: RefSource) -> FieldType {
        FieldType::Reference {
            source,
            multiple: true,
            max_items: None,
        }
    }
    pub fn list(item: FieldType) -> FieldType {
        FieldType::List {
            item: Box::new(item),
            free_entry: true,
        }
    }
    pub fn records(fields: Vec<Field>, unique_by: &[&str]) -> FieldType {
        FieldType::Records {
            fields,
            unique_by: unique_by.iter().map(|s| s.to_string()).collect(),
        }
    }
    pub fn action(action: ActionKind) -> FieldType {
        FieldType::Action { action }
    }
    pub fn image(recommended_px: Option<u32>, round: bool) -> FieldType {
        FieldType::Image {
            accept: vec!["image/png".into(), "image/jpeg".into(), "image/gif".into()],
            // The document carries the image inline; 512 KiB keeps channel documents small.
            max_bytes: 512 * 1024,
            recommended_px,
            round,
        }
    }
    /// Options whose texts are `cat-opt-{group}-{value}` (and `…-help` when `help`).
    pub fn options(group: &str, values: &[&str], help: bool) -> FieldType {
        FieldType::Enum {
            options: values
                .iter()
                .map(|v| {
                    let label = format!("cat-opt-{}-{}", dashed(group), dashed(&v.to_lowercase()));
                    EnumOption {
                        value: v.to_string(),
                        help: help.then(|| format!("{label}-help")),
                        label,
                    }
                })
                .collect(),
        }
    }
}

/// A field of the records of a list section `section`: its path is its key, its ids
/// are `cat-{section}-{key}`.
pub fn item(section: &str, key: &str, ty: FieldType, default: Value) -> Field {
    let mut f = field(section, key, ty, default);
    f.path = key.to_owned();
    f
}
