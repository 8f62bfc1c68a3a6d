//! The emulator's field table against the vendored OpenAPI file: every `Source` property
//! is known, nothing outside `Source` is returned, and every `PUT` parameter is read.

use serde_yaml::Value;
use std::collections::BTreeSet;
use switchboard_emulator::source::fields::{COMPUTED, FIELDS};

fn spec() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../platform/openapi/openapi3.yaml"
    );
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("the vendored spec")).unwrap()
}

/// `time_sheet_ids[]` → `time_sheet_ids`, `a[b]` → `a`.
fn top_level(param: &str) -> &str {
    param.split('[').next().unwrap_or(param)
}

#[test]
fn source_properties_are_exactly_the_readable_fields() {
    let spec = spec();
    let props: BTreeSet<String> = spec["components"]["schemas"]["Source"]["properties"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    let ours: BTreeSet<String> = FIELDS
        .iter()
        .filter(|f| f.readable)
        .map(|f| f.name.to_owned())
        .chain(COMPUTED.iter().map(|c| (*c).to_owned()))
        .collect();
    assert_eq!(props, ours);
}

#[test]
fn every_put_parameter_is_read() {
    let spec = spec();
    let params = spec["paths"]["/content_sources/{sourceId}"]["put"]["parameters"]
        .as_sequence()
        .unwrap();
    let theirs: BTreeSet<String> = params
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| top_level(p["name"].as_str().unwrap()).to_owned())
        .collect();
    let ours: BTreeSet<String> = FIELDS
        .iter()
        .filter(|f| f.writable)
        .map(|f| f.name.to_owned())
        .collect();
    assert_eq!(theirs, ours);
}
