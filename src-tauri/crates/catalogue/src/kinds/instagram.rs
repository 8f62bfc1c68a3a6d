//! Instagram: a professional (business) account and its user token.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, Section};
use serde_json::Value;

pub fn sections() -> Vec<Section> {
    let s = "instagram";
    vec![section(
        s,
        vec![
            field(s, "business_account", t::text(255), Value::Null)
                .help()
                .required(),
            field(s, "user_token", t::secret(), Value::Null)
                .help()
                .required(),
            field(
                s,
                "connect",
                t::action(ActionKind::OauthFacebook),
                Value::Null,
            )
            .help(),
        ],
    )
    .help()]
}
