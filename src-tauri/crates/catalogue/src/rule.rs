//! Visibility and required-when rules as data, so that the UI evaluates exactly what the
//! validator evaluates: `{"field":"email.mode","in":["imap","hybrid"]}`, `{"all":[…]}`,
//! `{"any":[…]}`, `{"not":…}`. Paths are absolute in the channel document.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum Rule {
    /// The value at `field` is one of `in` (a missing value counts as `null`).
    In {
        field: String,
        #[serde(rename = "in")]
        #[ts(rename = "in", type = "Array<unknown>")]
        values: Vec<Value>,
    },
    All {
        all: Vec<Rule>,
    },
    Any {
        any: Vec<Rule>,
    },
    Not {
        not: Box<Rule>,
    },
}

impl Rule {
    pub fn is_in(field: &str, values: &[Value]) -> Rule {
        Rule::In {
            field: field.to_owned(),
            values: values.to_vec(),
        }
    }

    /// The boolean at `field` is on.
    pub fn on(field: &str) -> Rule {
        Rule::is_in(field, &[Value::Bool(true)])
    }

    /// Evaluates on a document as it is (a missing value counts as `null`).
    pub fn eval(&self, doc: &Value) -> bool {
        self.eval_with(&|p| switchboard_core::jsonpath::get(doc, p))
    }

    /// Evaluates with a custom lookup (the validator's falls back to defaults).
    pub fn eval_with<'a>(&self, get: &dyn Fn(&str) -> Option<&'a Value>) -> bool {
        match self {
            Rule::In { field, values } => {
                let v = get(field).unwrap_or(&Value::Null);
                values.iter().any(|x| x == v)
            }
            Rule::All { all } => all.iter().all(|r| r.eval_with(get)),
            Rule::Any { any } => any.iter().any(|r| r.eval_with(get)),
            Rule::Not { not } => !not.eval_with(get),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_as_the_ui_reads_it() {
        let r = Rule::is_in("email.mode", &[json!("imap"), json!("hybrid")]);
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"field":"email.mode","in":["imap","hybrid"]})
        );
        let back: Rule =
            serde_json::from_value(json!({"any":[{"field":"a.b","in":[true]}]})).unwrap();
        assert!(back.eval(&json!({"a":{"b":true}})));
        assert!(!back.eval(&json!({"a":{"b":false}})));
    }

    #[test]
    fn missing_values_are_null_and_combinators_work() {
        let doc = json!({"email":{"mode":"imap"}});
        assert!(Rule::is_in("email.mode", &[json!("imap")]).eval(&doc));
        assert!(Rule::is_in("nope.x", &[Value::Null]).eval(&doc));
        let not = Rule::Not {
            not: Box::new(Rule::on("scope.web")),
        };
        assert!(not.eval(&doc));
        let all = Rule::All {
            all: vec![not.clone(), Rule::on("scope.web")],
        };
        assert!(!all.eval(&doc));
    }
}
