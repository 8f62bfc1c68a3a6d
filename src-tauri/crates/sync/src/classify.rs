//! The three-way classifier: one field's base (last agreed state), local (the draft) and
//! remote (the server now), all already normalized by the catalogue, decide what a plan
//! does with it. Values decide; `updated_at` is never consulted here.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// What a plan does with one field (a field with nothing to do is not listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldClass {
    /// Changed here only: will be sent.
    Send,
    /// Changed on the server only: the draft will take it.
    Take,
    /// Changed on both sides to different values: someone decides.
    Conflict,
}

/// `None`: nothing to do (unchanged, or both sides made the same change). A missing key
/// is the same as null (the normalizer's "not set").
pub fn classify(
    base: Option<&Value>,
    local: Option<&Value>,
    remote: Option<&Value>,
) -> Option<FieldClass> {
    let n = Value::Null;
    let (b, l, r) = (
        base.unwrap_or(&n),
        local.unwrap_or(&n),
        remote.unwrap_or(&n),
    );
    if l == r {
        None
    } else if l == b {
        Some(FieldClass::Take)
    } else if r == b {
        Some(FieldClass::Send)
    } else {
        Some(FieldClass::Conflict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// One example per field type the normalizer produces: text, number, boolean, id
    /// set, records, and "not set".
    fn samples() -> Vec<(Value, Value)> {
        vec![
            (json!("Support"), json!("Sales")),
            (json!(30), json!(45)),
            (json!(true), json!(false)),
            (json!(["a", "b"]), json!(["a", "c"])),
            (json!([{"body": "x"}]), json!([{"body": "y"}])),
            (Value::Null, json!("set")),
        ]
    }

    #[test]
    fn every_class_for_every_field_type() {
        for (a, b) in samples() {
            let c = json!("third");
            assert_eq!(classify(Some(&a), Some(&a), Some(&a)), None, "{a}");
            assert_eq!(
                classify(Some(&a), Some(&b), Some(&a)),
                Some(FieldClass::Send),
                "{a}"
            );
            assert_eq!(
                classify(Some(&a), Some(&a), Some(&b)),
                Some(FieldClass::Take),
                "{a}"
            );
            assert_eq!(
                classify(Some(&a), Some(&b), Some(&b)),
                None,
                "same change {a}"
            );
            assert_eq!(
                classify(Some(&a), Some(&b), Some(&c)),
                Some(FieldClass::Conflict),
                "{a}"
            );
        }
    }

    #[test]
    fn a_missing_key_is_not_set() {
        assert_eq!(classify(None, Some(&Value::Null), None), None);
        assert_eq!(
            classify(None, Some(&json!(1)), None),
            Some(FieldClass::Send)
        );
        assert_eq!(
            classify(Some(&Value::Null), None, Some(&json!(1))),
            Some(FieldClass::Take)
        );
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "[a-z ]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(2, 8, 4, |inner| {
            prop::collection::vec(inner, 0..4).prop_map(Value::Array)
        })
    }

    proptest! {
        #[test]
        fn base_equal_local_equal_remote_is_no_change(v in value()) {
            prop_assert_eq!(classify(Some(&v), Some(&v.clone()), Some(&v.clone())), None);
        }

        #[test]
        fn only_a_change_on_both_sides_to_different_values_is_a_conflict(b in value(), l in value(), r in value()) {
            let c = classify(Some(&b), Some(&l), Some(&r));
            prop_assert_eq!(c == Some(FieldClass::Conflict), l != b && r != b && l != r);
            prop_assert_eq!(c == Some(FieldClass::Send), l != b && r == b);
            prop_assert_eq!(c == Some(FieldClass::Take), l == b && r != b);
        }
    }
}
