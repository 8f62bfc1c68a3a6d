//! A content source as the emulator stores it, and how a change is applied to it.

pub mod fields;

use crate::clock;
use fields::{spec, FieldSpec, Refs, Scope, Ty, COMPUTED};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use switchboard_catalogue::Kind;

/// A write-only value (a password or refresh token): kept so tests can check it arrived,
/// never returned by the API.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretValue {
    pub value: String,
    pub times_set: u32,
}

#[derive(Debug, Clone)]
pub struct SourceRec {
    pub id: String,
    /// The API `type` (may be one no catalogue kind knows).
    pub api_type: String,
    pub kind: Option<Kind>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Stored properties of the `Source` schema, by API name (null: unset).
    pub fields: Map<String, Value>,
    pub secrets: BTreeMap<String, SecretValue>,
    /// Users who may not read this source (the API answers 404 to them).
    pub hidden_from: BTreeSet<String>,
}

/// What a change did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Fields whose stored value changed (secrets included, by name).
    pub changed: Vec<String>,
    /// Parameters the server ignored: unknown, read-only, or for another kind of source.
    pub ignored: Vec<String>,
}

/// The icon colours of `Source.color` (0 = default … 9 = grey), as `color_hex` shows them.
const COLOUR_HEX: [&str; 10] = [
    "#1E88E5", "#1565C0", "#43A047", "#26A69A", "#8E24AA", "#FDD835", "#FB8C00", "#E53935",
    "#37474F", "#9E9E9E",
];

fn carries(kind: Option<Kind>, scope: Scope) -> bool {
    match scope {
        Scope::All => true,
        Scope::Email => kind == Some(Kind::Email),
        Scope::Messaging => kind == Some(Kind::EngageMessaging),
        Scope::Whatsapp => kind == Some(Kind::Whatsapp),
    }
}

/// `{"a[b]": 1, "c": 2}` → `[("a", {"b": 1}), ("c", 2)]`: the catalogue's `to_api` names
/// hash parameters the way they are sent.
pub fn nest_flat_keys(flat: &Map<String, Value>) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for (k, v) in flat {
        let nested = k
            .strip_suffix(']')
            .and_then(|s| s.split_once('['))
            .filter(|(_, inner)| !inner.is_empty() && !inner.contains('['));
        match nested {
            Some((head, inner)) => {
                if let Some((_, Value::Object(m))) = out.iter_mut().find(|(n, _)| n == head) {
                    m.insert(inner.to_owned(), v.clone());
                } else {
                    out.push((head.to_owned(), json!({ inner: v })));
                }
            }
            None => out.push((k.clone(), v.clone())),
        }
    }
    out
}

impl SourceRec {
    /// The record as `GET /content_sources/{id}` renders it.
    pub fn render(&self) -> Value {
        // Only readable properties are ever stored here (secrets live apart).
        let mut out = self.fields.clone();
        out.insert("id".into(), json!(self.id));
        out.insert("type".into(), json!(self.api_type));
        out.insert("created_at".into(), json!(clock::iso(self.created_at)));
        out.insert("updated_at".into(), json!(clock::iso(self.updated_at)));
        if let Some(c) = self.fields.get("color").and_then(Value::as_u64) {
            if let Some(hex) = COLOUR_HEX.get(c as usize) {
                out.insert("color_hex".into(), json!(hex));
            }
        }
        Value::Object(out)
    }

    /// The raw stored record (control API): rendered fields plus what the API never
    /// shows (which secrets were set and how often, who may not read it).
    pub fn raw(&self) -> Value {
        let mut v = self.render();
        v["_secrets_set"] = self
            .secrets
            .iter()
            .map(|(k, s)| (k.clone(), json!(s.times_set)))
            .collect::<Map<_, _>>()
            .into();
        v["_hidden_from"] = json!(self.hidden_from);
        v
    }

    /// Applies `changes` (API names → values as sent) all or nothing. `admin` also lets
    /// read-only properties change (an edit made in the web admin or by the platform).
    pub fn apply(
        &mut self,
        changes: &[(String, Value)],
        refs: &dyn Refs,
        admin: bool,
        now: i64,
    ) -> Result<Applied, Vec<String>> {
        let mut applied = Applied::default();
        let mut staged: Vec<(&'static FieldSpec, Option<Value>)> = Vec::new();
        let mut errors = Vec::new();
        for (name, v) in changes {
            let known = spec(name).filter(|f| (f.writable || admin) && !COMPUTED.contains(&f.name));
            let Some(f) = known else {
                applied.ignored.push(name.clone());
                continue;
            };
            if !carries(self.kind, f.scope) {
                // Checked like any parameter, then ignored: the kind has no such setting.
                if let Err(e) = fields::coerce(f, v, None, refs) {
                    errors.push(e);
                }
                applied.ignored.push(name.clone());
                continue;
            }
            let current = staged
                .iter()
                .rev()
                .find(|(s, _)| s.name == f.name)
                .map(|(_, v)| v.as_ref())
                .unwrap_or_else(|| self.fields.get(f.name));
            let unset = v.is_null()
                && admin
                && matches!(
                    f.ty,
                    Ty::Bool
                        | Ty::Int { .. }
                        | Ty::Enum(_)
                        | Ty::Flags(_)
                        | Ty::Periods(_)
                        | Ty::Opaque
                );
            if unset {
                // An edit in the web admin can clear a setting a query string cannot.
                staged.push((f, None));
                continue;
            }
            match fields::coerce(f, v, current, refs) {
                Ok(value) => staged.push((f, Some(value))),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (f, value) in staged {
            let Some(value) = value else {
                if self.fields.remove(f.name).is_some()
                    && !applied.changed.iter().any(|c| c == f.name)
                {
                    applied.changed.push(f.name.to_owned());
                }
                continue;
            };
            if matches!(f.ty, Ty::Secret) {
                let s = self
                    .secrets
                    .entry(f.name.to_owned())
                    .or_insert(SecretValue {
                        value: String::new(),
                        times_set: 0,
                    });
                s.value = value.as_str().unwrap_or_default().to_owned();
                s.times_set += 1;
                applied.changed.push(f.name.to_owned());
            } else if self.fields.get(f.name) != Some(&value) {
                self.fields.insert(f.name.to_owned(), value);
                if !applied.changed.iter().any(|c| c == f.name) {
                    applied.changed.push(f.name.to_owned());
                }
            }
        }
        if !applied.changed.is_empty() {
            // Rails touches `updated_at` only when something changed, to the second.
            self.updated_at = now;
        }
        Ok(applied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fields::RefKind;

    struct Any;
    impl Refs for Any {
        fn has(&self, _: RefKind, _: &str) -> bool {
            true
        }
    }

    fn rec(kind: Kind) -> SourceRec {
        SourceRec {
            id: "5f0000000000000000000001".into(),
            api_type: switchboard_catalogue::api::api_type(kind).into(),
            kind: Some(kind),
            created_at: 1_767_603_600,
            updated_at: 1_767_603_600,
            fields: Map::new(),
            secrets: BTreeMap::new(),
            hidden_from: BTreeSet::new(),
        }
    }

    #[test]
    fn all_or_nothing_and_only_changes_touch_updated_at() {
        let mut r = rec(Kind::Email);
        let ok = r
            .apply(&[("name".into(), json!("A"))], &Any, false, 10)
            .unwrap();
        assert_eq!(ok.changed, vec!["name"]);
        assert_eq!(r.updated_at, 10);
        let same = r
            .apply(&[("name".into(), json!("A"))], &Any, false, 20)
            .unwrap();
        assert!(same.changed.is_empty());
        assert_eq!(r.updated_at, 10, "no change, no touch");
        let bad = r.apply(
            &[
                ("name".into(), json!("B")),
                ("sla_threshold".into(), json!("500")),
            ],
            &Any,
            false,
            30,
        );
        assert!(bad.is_err());
        assert_eq!(r.fields["name"], "A");
        assert_eq!(r.updated_at, 10);
    }

    #[test]
    fn ignored_parameters_and_secrets() {
        let mut r = rec(Kind::Viber);
        let a = r
            .apply(
                &[
                    ("type".into(), json!("email")),
                    ("community_id".into(), json!("x")),
                    ("imap_port".into(), json!("993")),
                    ("whatever".into(), json!("1")),
                ],
                &Any,
                false,
                5,
            )
            .unwrap();
        assert_eq!(
            a.ignored,
            vec!["type", "community_id", "imap_port", "whatever"]
        );
        assert!(a.changed.is_empty());
        let mut e = rec(Kind::Email);
        let a = e
            .apply(&[("imap_password".into(), json!("pw"))], &Any, false, 5)
            .unwrap();
        assert_eq!(a.changed, vec!["imap_password"]);
        assert!(e.render().get("imap_password").is_none());
        assert_eq!(e.raw()["_secrets_set"]["imap_password"], 1);
        assert_eq!(e.secrets["imap_password"].value, "pw");
    }

    #[test]
    fn an_admin_edit_can_clear_what_a_query_string_cannot() {
        let mut r = rec(Kind::Email);
        r.apply(&[("sla_response".into(), json!(60))], &Any, false, 1)
            .unwrap();
        assert!(r
            .apply(&[("sla_response".into(), Value::Null)], &Any, false, 2)
            .is_err());
        let a = r
            .apply(&[("sla_response".into(), Value::Null)], &Any, true, 3)
            .unwrap();
        assert_eq!(a.changed, vec!["sla_response"]);
        assert!(r.render().get("sla_response").is_none());
        assert_eq!(r.updated_at, 3);
    }

    #[test]
    fn flat_hash_keys_nest() {
        let mut m = Map::new();
        m.insert(
            "auto_response_trigger_enabled[first_message_from_user]".into(),
            json!(true),
        );
        m.insert(
            "auto_response_trigger_enabled[out_of_office_hours_message]".into(),
            json!(false),
        );
        m.insert("name".into(), json!("x"));
        assert_eq!(
            nest_flat_keys(&m),
            vec![
                (
                    "auto_response_trigger_enabled".into(),
                    json!({"first_message_from_user": true, "out_of_office_hours_message": false})
                ),
                ("name".into(), json!("x")),
            ]
        );
    }
}
