//! Fuzzing of what Switchboard reads from outside, on stable Rust: an import file, a
//! channel document given to `validate`, and a platform record given to
//! `from_api`/`apply_api` (the server is untrusted too). Property tests with proptest:
//! structure-aware generators (real documents and records with random parts, hostile
//! strings, extreme numbers, wrong shapes, truncated bytes) and one promise each:
//! no panic, and the output is still what the next step can take.
//!
//! The number of runs per target comes from `SWITCHBOARD_FUZZ_CASES` (default 2,000:
//! the bounded slice CI runs in a few seconds). A long local run:
//! `SWITCHBOARD_FUZZ_CASES=1000000 cargo test -p switchboard-channels --test fuzz`.
//! Failures are kept in `tests/fuzz.proptest-regressions` (commit it: it is the corpus
//! of inputs that once broke something, replayed first on every run).

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;
use switchboard_catalogue::api::{apply_api, from_api, to_api};
use switchboard_catalogue::{example_document, kind_schema, validate_set, validate_with, Kind};
use switchboard_channels::CatalogueDocSchema;
use switchboard_store::validate_import;

fn config() -> Config {
    let cases = std::env::var("SWITCHBOARD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        // Inputs are cheap to make and to check: no shrinking budget needed beyond the
        // default, and no fork (a panic is the failure we look for).
        ..Config::default()
    }
}

/// Strings an attacker or a careless user would try.
fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".into()),
        Just("\u{1b}[2J\u{7}\r\n\0".into()),
        Just("\u{202E}txt.exe".into()),
        Just("&A-&&-&!!!-".into()),
        Just("é".repeat(300)),
        Just("a".repeat(70_000)),
        Just("9".repeat(400)),
        Just("-1".into()),
        Just("1e309".into()),
        Just("http://[::1".into()),
        Just("#GGGGGG".into()),
        Just("00000000-0000-0000-0000-00000000000".into()),
        Just("{{name}} {{".into()),
        Just("\u{FEFF}\u{200B}".into()),
        "\\PC{0,40}",
        any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        Just(json!(2147483648u64)),
        Just(json!(-0.5)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        hostile_string().prop_map(Value::String),
    ]
}

/// Keys a document or a record might have: real ones (sections, fields, API names) and
/// a few that are not.
fn keys() -> Vec<String> {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(make_keys).clone()
}

fn make_keys() -> Vec<String> {
    let mut k: Vec<String> = vec![
        "kind".into(),
        "format".into(),
        "version".into(),
        "channels".into(),
        "secrets_to_reenter".into(),
        "id".into(),
        "type".into(),
        "__proto__".into(),
        "".into(),
    ];
    for kind in Kind::ALL {
        for s in &kind_schema(kind).sections {
            k.push(s.id.clone());
            for f in &s.fields {
                k.push(f.key.clone());
                if let Some(api) = &f.api {
                    k.push(api.name.clone());
                }
            }
        }
    }
    k.sort();
    k.dedup();
    k
}

fn json_value() -> impl Strategy<Value = Value> {
    let keys = keys();
    leaf().prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(keys.clone()), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Per kind, made once: a valid example document, its `(section, field)` paths and the
/// platform record of that document (generating a case must cost next to nothing, so
/// that a million runs measure the code under test).
struct KindData {
    doc: Value,
    paths: Vec<(String, String)>,
    record: Value,
}

fn kind_data(kind: Kind) -> &'static KindData {
    static DATA: OnceLock<Vec<KindData>> = OnceLock::new();
    let all = DATA.get_or_init(|| {
        Kind::ALL
            .iter()
            .map(|k| {
                let (doc, _) = example_document(*k);
                let paths = kind_schema(*k)
                    .sections
                    .iter()
                    .flat_map(|s| s.fields.iter().map(move |f| (s.id.clone(), f.key.clone())))
                    .collect();
                let record = Value::Object(to_api(&doc));
                KindData { doc, paths, record }
            })
            .collect()
    });
    &all[Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("a kind of ALL")]
}

/// A real, valid document of a random kind, then up to 8 random edits: a field or a
/// section replaced by anything, removed, or the kind changed.
fn document() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(Kind::ALL.to_vec()),
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, json_value()), 0..8),
    )
        .prop_map(|(kind, edits)| {
            let data = kind_data(kind);
            let mut doc = data.doc.clone();
            for (at, what, value) in edits {
                let (section, key) = at.get(&data.paths).clone();
                match what {
                    0 | 1 => {
                        // Only into an object: indexing a string or a number panics in
                        // serde_json itself, which is not what is under test.
                        if !doc[&section].is_object() {
                            doc[&section] = json!({});
                        }
                        doc[&section][&key] = value
                    }
                    2 => {
                        if let Some(s) = doc.get_mut(&section).and_then(Value::as_object_mut) {
                            s.remove(&key);
                        }
                    }
                    3 => doc[&section] = value,
                    _ => doc["kind"] = value,
                }
            }
            doc
        })
}

/// An import file: well-formed around documents and junk, sometimes cut or flipped.
fn import_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(prop_oneof![4 => document(), 1 => json_value()], 0..5),
        prop_oneof![Just(json!(1)), Just(json!(2)), leaf()],
        prop_oneof![Just(json!("switchboard.channels")), leaf()],
        0u8..4,
        any::<prop::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(|(channels, version, format, damage, at, byte)| {
            let mut file = json!({"format": format, "version": version, "channels": channels});
            if damage == 3 {
                file = json!({"format": "switchboard.channels", "version": 1, "channels": file});
            }
            let mut bytes = serde_json::to_vec(&file).unwrap();
            match damage {
                1 if !bytes.is_empty() => bytes.truncate(at.index(bytes.len())),
                2 if !bytes.is_empty() => {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                _ => {}
            }
            bytes
        })
}

/// A platform `Source` record: a real one (`to_api` of a valid document) with random
/// fields replaced, removed or added, or anything at all.
fn api_record() -> impl Strategy<Value = (Kind, Value)> {
    let keys = keys();
    (
        prop::sample::select(Kind::ALL.to_vec()),
        prop::collection::vec((prop::sample::select(keys), 0u8..3, json_value()), 0..8),
        0u8..8,
        json_value(),
    )
        .prop_map(|(kind, edits, shape, junk)| {
            if shape == 0 {
                return (kind, junk);
            }
            let mut record = kind_data(kind).record.clone();
            for (key, what, value) in edits {
                if let Some(obj) = record.as_object_mut() {
                    match what {
                        0 => {
                            obj.remove(&key);
                        }
                        _ => {
                            obj.insert(key, value);
                        }
                    }
                }
            }
            (kind, record)
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn import_never_panics(bytes in import_bytes()) {
        let problems = validate_import(&bytes, &CatalogueDocSchema);
        for p in problems {
            prop_assert!(!p.message.id.is_empty());
        }
    }

    #[test]
    fn validate_never_panics_and_points_at_paths(doc in document()) {
        for p in validate_with(&doc, &|_| true) {
            prop_assert!(!p.message.id.is_empty());
        }
        let problems = validate_set(&[doc.clone(), doc]);
        for p in problems {
            prop_assert!(p.index < 2);
        }
    }

    #[test]
    fn from_api_and_apply_api_never_panic_and_keep_the_kind((kind, record) in api_record()) {
        let adopted = from_api(kind, &record);
        prop_assert_eq!(adopted.get("kind").and_then(Value::as_str), Some(kind.id()));
        // The result goes to the validator and the store next: both must take it.
        let _ = validate_with(&adopted, &|_| true);
        let doc = &kind_data(kind).doc;
        let followed = apply_api(doc, &record);
        prop_assert_eq!(followed.get("kind"), doc.get("kind"));
        let _ = validate_with(&followed, &|_| true);
        let _ = to_api(&followed);
    }
}
