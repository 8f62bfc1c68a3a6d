//! Viber: the bot account's authorization token.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::Section;
use serde_json::Value;

pub fn sections() -> Vec<Section> {
    let s = "viber";
    vec![section(
        s,
        vec![field(s, "auth_token", t::secret(), Value::Null)
            .help()
            .required()],
    )
    .help()]
}
