//! Helpers shared by the store's integration tests.

use serde_json::{json, Value};
use switchboard_store::{BasicSchema, ChannelMeta, DocSchema, Origin, Store, Validity};

pub fn email_doc(name: &str) -> Value {
    json!({
        "kind": "email",
        "general": {"name": name, "active": true, "community_id": "c1"},
        "imap": {"host": "imap.example.com", "port": 993},
        "routing": {"sla": 60, "priority": 0}
    })
}

pub fn meta_of(kind: &str, doc: &Value) -> ChannelMeta {
    BasicSchema.meta(kind, doc)
}

pub fn valid(mut m: ChannelMeta) -> ChannelMeta {
    m.validity = Validity::Valid;
    m
}

pub fn add_email(store: &mut Store, name: &str) -> String {
    let doc = email_doc(name);
    store
        .create("email", &doc, &meta_of("email", &doc), Origin::LocalEdit)
        .unwrap()
}

/// A schema like the catalogue's for tests: knows the secret paths of `email`.
pub struct TestSchema;

impl DocSchema for TestSchema {
    fn validate(&self, kind: &str, doc: &Value) -> Vec<switchboard_core::FieldMsg> {
        let mut v = BasicSchema.validate(kind, doc);
        if let Some(p) = doc.pointer("/imap/port") {
            if !p.as_u64().is_some_and(|n| (1..=65535).contains(&n)) {
                v.push(switchboard_core::FieldMsg::new(
                    "imap.port",
                    switchboard_core::Msg::new("err-number-range")
                        .arg("min", 1)
                        .arg("max", 65535),
                ));
            }
        }
        v
    }
    fn meta(&self, kind: &str, doc: &Value) -> ChannelMeta {
        BasicSchema.meta(kind, doc)
    }
    fn secret_paths(&self, kind: &str) -> Vec<String> {
        match kind {
            "email" => vec!["imap.password".into(), "smtp.password".into()],
            _ => vec![],
        }
    }
}
