//! Tapatalk: XML-RPC URL, watched forums, and the three offsets (zero = not imported).

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{FieldType, Section};
use serde_json::{json, Value};

pub const OFFSETS: [&str; 3] = ["post_offset", "message_offset", "conversation_offset"];

pub fn sections() -> Vec<Section> {
    let s = "tapatalk";
    let mut fields = vec![
        field(s, "url", FieldType::Url, Value::Null)
            .help()
            .required(),
        field(s, "forums", t::list(t::text(255)), json!([])).help(),
    ];
    for o in OFFSETS {
        fields.push(field(s, o, t::int(None, None), json!(0)).help().required());
    }
    vec![section(s, fields).help()]
}
