//! Facebook page: user token and page id from "Continue with Facebook", wall post sync
//! switches and manual identity assignment. Social credentials are not writable through
//! the platform API, hence no `api` names on them.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, Field, FieldType, Section};
use serde_json::{json, Value};

/// The credentials block shared with Facebook Messenger (same guide wording).
pub fn credentials() -> Vec<Field> {
    let s = "facebook";
    vec![
        field(s, "user_token", t::secret(), Value::Null)
            .help()
            .required(),
        field(s, "page_id", FieldType::NumericId, Value::Null)
            .help()
            .required(),
        field(
            s,
            "connect",
            t::action(ActionKind::OauthFacebook),
            Value::Null,
        )
        .help(),
    ]
}

pub fn sections() -> Vec<Section> {
    let s = "facebook";
    let mut fields = credentials();
    fields.extend([
        field(s, "sync_public_posts", t::bool(), json!(true)).help(),
        field(s, "sync_dark_posts", t::bool(), json!(false)).help(),
        field(s, "manual_identity", t::bool(), json!(false)).help(),
    ]);
    vec![section(s, fields).help()]
}
