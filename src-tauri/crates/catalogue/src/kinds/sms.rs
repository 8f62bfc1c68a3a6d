//! RingCentral SMS/MMS: refresh token from the RingCentral Office admin, attachment level.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, Section};
use serde_json::{json, Value};

pub fn sections() -> Vec<Section> {
    let s = "sms";
    vec![section(
        s,
        vec![
            field(
                s,
                "connect",
                t::action(ActionKind::OauthRingcentral),
                Value::Null,
            )
            .help(),
            field(s, "refresh_token", t::secret(), Value::Null)
                .help()
                .required(),
            field(
                s,
                "attachments_security_level",
                t::options("attachments", &super::email::ATTACHMENT_LEVELS, true),
                json!("strict"),
            )
            .help()
            .required()
            .api("attachments_security_level"),
        ],
    )
    .help()]
}
