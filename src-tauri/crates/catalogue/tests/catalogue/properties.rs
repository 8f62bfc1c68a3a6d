//! Property tests: each kind's defaults plus random valid values for its required fields
//! validate; arbitrary JSON (fully random, document-shaped, or a valid document with
//! random parts) never panics the validator.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use switchboard_catalogue::examples::fill_required;
use switchboard_catalogue::{
    defaults, kind_schema, validate, validate_set, FieldType, Kind, RefSource,
};

/// A tiny deterministic generator: proptest picks the seed (and shrinks it).
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn word(&mut self, min: usize, max: usize) -> String {
        let len = min + self.below((max - min + 1) as u64) as usize;
        (0..len)
            .map(|_| (b'a' + self.below(26) as u8) as char)
            .collect()
    }
    fn digits(&mut self, min: usize, max: usize) -> String {
        let len = min + self.below((max - min + 1) as u64) as usize;
        (0..len)
            .map(|i| {
                (b'0'
                    + if i == 0 {
                        1 + self.below(9)
                    } else {
                        self.below(10)
                    } as u8) as char
            })
            .collect()
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.below(16) as u32, 16).unwrap())
            .collect()
    }

    fn value(&mut self, ty: &FieldType) -> Value {
        match ty {
            FieldType::Bool => json!(self.below(2) == 1),
            FieldType::Int { min, max } => {
                let lo = min.unwrap_or(-1000);
                let hi = max.unwrap_or(lo + 2000);
                json!(lo + self.below((hi - lo + 1) as u64) as i64)
            }
            FieldType::Decimal { min, .. } => {
                json!(min.unwrap_or(0.0) + self.below(400) as f64 / 100.0)
            }
            FieldType::Text { max_len, .. } => {
                let max = max_len.map_or(40, |m| (m as usize).min(40));
                json!(format!(
                    "{} {}",
                    self.word(1, max.saturating_sub(1).max(1) / 2),
                    self.word(0, 3)
                )
                .trim()
                .to_owned())
            }
            FieldType::Code { .. } => json!(format!(".c {{ color: #{}; }}", self.hex(6))),
            FieldType::Enum { options } => {
                json!(options[self.below(options.len() as u64) as usize].value)
            }
            FieldType::Email => json!(format!("{}@{}.com", self.word(1, 10), self.word(1, 10))),
            FieldType::Domain => json!(format!(
                "{}.{}",
                self.word(1, 12),
                ["com", "fr", "io"][self.below(3) as usize]
            )),
            FieldType::Host => json!(format!("{}.example.net", self.word(1, 12))),
            FieldType::Url => json!(format!(
                "https://{}.example.com/{}",
                self.word(1, 10),
                self.word(0, 10)
            )),
            FieldType::HexColour => {
                let n = if self.below(2) == 0 { 3 } else { 6 };
                json!(format!("#{}", self.hex(n)))
            }
            FieldType::Uuid => json!(format!(
                "{}-{}-{}-{}-{}",
                self.hex(8),
                self.hex(4),
                self.hex(4),
                self.hex(4),
                self.hex(12)
            )),
            FieldType::Phone => json!(self.digits(4, 10)),
            FieldType::CountryCode => json!(self.digits(1, 3)),
            FieldType::Duration => json!(format!(
                "{}{}",
                self.below(1000),
                ["h", "m", "s"][self.below(3) as usize]
            )),
            FieldType::TwitterUser => json!(format!("@{}", self.word(1, 15))),
            FieldType::NumericId => json!(self.digits(1, 20)),
            FieldType::Reference {
                source, multiple, ..
            } => {
                let id = match source {
                    RefSource::Locales => ["fr", "en", "de"][self.below(3) as usize].to_owned(),
                    _ => format!("id-{}", self.word(1, 8)),
                };
                if *multiple {
                    json!([id])
                } else {
                    json!(id)
                }
            }
            FieldType::Image { .. } => json!(format!(
                "data:image/png;base64,{}",
                "A".repeat(4 * (1 + self.below(50) as usize))
            )),
            FieldType::List { item, .. } => {
                let n = 1 + self.below(3);
                let mut seen = BTreeSet::new();
                let items: Vec<Value> = (0..n)
                    .map(|_| self.value(item))
                    .filter(|v| seen.insert(v.to_string().to_lowercase()))
                    .collect();
                json!(items)
            }
            FieldType::Records { fields, .. } => {
                let mut m = Map::new();
                for g in fields {
                    m.insert(g.key.clone(), self.value(&g.ty));
                }
                json!([m])
            }
            FieldType::Secret { .. } | FieldType::Action { .. } => Value::Null,
        }
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("imap"),
            Just("hybrid"),
            Just("fr"),
            Just("1h"),
            Just(""),
            Just("#fff")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn real_reference_data() -> switchboard_catalogue::ReferenceData {
    switchboard_catalogue::ReferenceData {
        sample: false,
        ..switchboard_catalogue::sample_reference_data()
    }
}

fn any_kind() -> impl Strategy<Value = Kind> {
    (0..Kind::ALL.len()).prop_map(|i| Kind::ALL[i])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn defaults_plus_required_fields_validate(kind in any_kind(), seed in 1u64..) {
        let mut g = Gen(seed);
        let mut doc = defaults(kind);
        doc["general"]["name"] = json!(format!("Channel {}", g.word(1, 20)));
        let secrets = fill_required(&mut doc, kind, &mut |f| g.value(&f.ty));
        let problems = validate(&doc, &secrets);
        prop_assert!(problems.is_empty(), "{kind:?}: {problems:?}\n{doc:#}");
    }

    #[test]
    fn random_json_never_panics(doc in any_json()) {
        let _ = validate(&doc, &BTreeSet::new());
        let _ = switchboard_catalogue::validate_references(&doc, &real_reference_data());
        let _ = switchboard_catalogue::api::to_api(&doc);
        for kind in Kind::ALL {
            let _ = switchboard_catalogue::api::from_api(kind, &doc);
        }
        let _ = validate_set(&[doc.clone(), doc]);
    }

    #[test]
    fn document_shaped_json_never_panics(kind in any_kind(), parts in prop::collection::vec(any_json(), 0..40)) {
        // Each section gets a random value; random values also replace individual fields.
        let mut doc = defaults(kind);
        let sections = &kind_schema(kind).sections;
        for (i, v) in parts.into_iter().enumerate() {
            let s = &sections[i % sections.len()];
            if i % 2 == 0 {
                doc[&s.id] = v;
            } else if let (Some(obj), Some(f)) = (doc[&s.id].as_object_mut(), s.fields.get(i % s.fields.len().max(1))) {
                obj.insert(f.key.clone(), v);
            }
        }
        let all: BTreeSet<String> = switchboard_catalogue::secret_paths(kind).into_iter().collect();
        let _ = validate(&doc, &all);
        let _ = validate(&doc, &BTreeSet::new());
        let _ = switchboard_catalogue::validate_references(&doc, &real_reference_data());
        let _ = switchboard_catalogue::document::complete(kind, &doc);
        let _ = switchboard_catalogue::api::to_api(&doc);
        let _ = validate_set(&[doc]);
    }
}
