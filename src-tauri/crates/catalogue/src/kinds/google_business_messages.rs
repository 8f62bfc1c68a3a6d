//! Google Business Messages: agent and brand UUIDs, and the required welcome message.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{FieldType, Section};
use serde_json::{json, Value};

pub fn sections() -> Vec<Section> {
    let s = "google_business_messages";
    vec![section(
        s,
        vec![
            field(s, "agent_uuid", FieldType::Uuid, Value::Null)
                .help()
                .required(),
            field(s, "brand_uuid", FieldType::Uuid, Value::Null)
                .help()
                .required(),
            field(s, "welcome_message", t::multiline(), json!(""))
                .help()
                .required(),
        ],
    )
    .help()]
}
