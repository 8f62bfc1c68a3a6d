//! A message is a Fluent id plus arguments, never a formatted sentence: domain code says
//! *what* happened, the UI or the CLI says it in the user's language.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One Fluent argument value. Fluent distinguishes numbers (plural rules, number
/// formatting) from strings, so we keep that distinction across IPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum Arg {
    /// A number: Fluent applies plural rules and number formatting.
    Num(f64),
    /// A string, shown as is.
    Str(String),
    /// A nested message, formatted first (e.g. a platform-specific fix hint).
    Msg(Box<Msg>),
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(Box::new(m))
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self { Arg::Num(n as f64) }
        }
    )*};
}
num_arg!(i32, i64, u8, u16, u32, u64, usize, f32, f64);

/// A localizable message: Fluent id and named arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Msg {
    /// The Fluent message id (`store-err-busy`), defined in every language.
    pub id: String,
    /// Named arguments the message refers to (`{ $path }`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, as = "Option<BTreeMap<String, Arg>>")]
    pub args: BTreeMap<String, Arg>,
}

impl Msg {
    /// A message without arguments (add them with `arg`).
    pub fn new(id: impl Into<String>) -> Self {
        Msg {
            id: id.into(),
            args: BTreeMap::new(),
        }
    }

    /// Builder-style argument, e.g. the range error of a port field with its `min` and `max`.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.insert(name.to_owned(), value.into());
        self
    }
}

/// A message attached to one form field, addressed by its dotted path
/// (`imap.port`, `signatures.1.body`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldMsg {
    /// The field's dotted path in the channel document.
    pub path: String,
    /// What to tell about it.
    pub message: Msg,
}

impl FieldMsg {
    /// `message` about the field at `path`.
    pub fn new(path: impl Into<String>, message: Msg) -> Self {
        FieldMsg {
            path: path.into(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_serialize_as_plain_json_values() {
        let m = Msg::new("err-number-range")
            .arg("min", 1)
            .arg("field", "imap.port");
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": "err-number-range", "args": {"min": 1.0, "field": "imap.port"}})
        );
        let back: Msg = serde_json::from_value(json).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn empty_args_are_omitted() {
        let json = serde_json::to_string(&Msg::new("err-internal")).unwrap();
        assert_eq!(json, r#"{"id":"err-internal"}"#);
    }
}
