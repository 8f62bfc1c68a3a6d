//! Properties of the field diff and path setter over random documents.

use proptest::prelude::*;
use serde_json::{Map, Value};
use switchboard_core::jsonpath;
use switchboard_store::diff_values;

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..5).prop_map(Value::from),
        "[a-c]{0,2}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-d]", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    /// No difference exactly when the documents are equal.
    #[test]
    fn diff_is_empty_iff_equal(a in json(), b in json()) {
        prop_assert_eq!(diff_values(&a, &b).is_empty(), a == b);
        prop_assert!(diff_values(&a, &a).is_empty());
    }

    /// Each reported change carries the real values found at its path on each side.
    #[test]
    fn changes_point_at_the_values(a in json(), b in json()) {
        for c in diff_values(&a, &b) {
            if c.path.is_empty() {
                prop_assert_eq!(c.before.as_ref(), Some(&a));
                prop_assert_eq!(c.after.as_ref(), Some(&b));
            } else {
                prop_assert_eq!(jsonpath::get(&a, &c.path), c.before.as_ref());
                prop_assert_eq!(jsonpath::get(&b, &c.path), c.after.as_ref());
            }
            prop_assert_ne!(c.before, c.after);
        }
    }

    /// A successful set is read back by get, and changes nothing else at that level.
    #[test]
    fn set_then_get(doc in json(), path in "[a-d](\\.[a-d0-2]){0,2}", v in json()) {
        let mut d = doc.clone();
        if jsonpath::set(&mut d, &path, v.clone()) {
            prop_assert_eq!(jsonpath::get(&d, &path), Some(&v));
            let changes = diff_values(&doc, &d);
            prop_assert!(changes.iter().all(|c| path.starts_with(&c.path) || c.path.starts_with(&path)),
                "{:?}", changes);
        } else {
            prop_assert_eq!(d, doc);
        }
    }
}
