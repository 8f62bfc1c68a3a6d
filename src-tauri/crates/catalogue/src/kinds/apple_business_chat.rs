//! Apple Business Chat: avatar, business id, intent secret key (optional: the website's
//! developers need it, the administrator does not have to fill it).

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::Section;
use serde_json::Value;

pub fn sections() -> Vec<Section> {
    let s = "apple_business_chat";
    vec![section(
        s,
        vec![
            field(s, "avatar", t::image(None, true), Value::Null).help(),
            field(s, "business_id", t::text(255), Value::Null)
                .help()
                .required(),
            field(s, "intent_secret_key", t::secret(), Value::Null).help(),
        ],
    )
    .help()]
}
