//! Engage Digital Channel SDK: the base URI the platform connects to, and the access
//! token the company's application presents (generated here, see `token`).

use crate::decl::{field, section, FieldExt, SectionExt};
use crate::model::{FieldType, Section};
use serde_json::Value;

pub fn sections() -> Vec<Section> {
    let s = "channel_sdk";
    vec![section(
        s,
        vec![
            field(s, "base_uri", FieldType::Url, Value::Null)
                .help()
                .required(),
            field(
                s,
                "access_token",
                FieldType::Secret { generated: true },
                Value::Null,
            )
            .help()
            .required(),
        ],
    )
    .help()]
}
