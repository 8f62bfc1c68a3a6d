//! WhatsApp: country code + phone number, API URL, HSM message templates.

use crate::decl::{field, item, list_section, section, t, FieldExt, SectionExt};
use crate::model::{FieldType, RefSource, Section};
use serde_json::{json, Value};

pub fn sections() -> Vec<Section> {
    let s = "whatsapp";
    vec![
        section(
            s,
            vec![
                field(s, "country_code", FieldType::CountryCode, Value::Null)
                    .help()
                    .required(),
                field(s, "phone", FieldType::Phone, Value::Null)
                    .help()
                    .required(),
                field(s, "api_url", FieldType::Url, Value::Null)
                    .help()
                    .required(),
            ],
        )
        .help(),
        list_section(
            "hsm",
            vec![
                item(
                    "hsm",
                    "language",
                    t::reference(RefSource::Locales),
                    Value::Null,
                )
                .help()
                .required(),
                item("hsm", "body", t::multiline(), json!(""))
                    .help()
                    .required(),
                item("hsm", "namespace", t::text(255), Value::Null)
                    .help()
                    .required()
                    .api("template_message_namespace"),
                item("hsm", "element_name", t::text(255), Value::Null)
                    .help()
                    .required(),
            ],
            &["language", "element_name"],
        )
        .help()
        .api("template_messages"),
    ]
}
