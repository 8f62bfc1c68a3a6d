//! "Messages automatiques": messages the platform sends to waiting customers, per
//! language and context, with the reply switches and delays of each context.

use crate::decl::{field, rec, section, t, FieldExt, SectionExt};
use crate::model::{ApiConv, FieldType, RefSource, Section};
use serde_json::{json, Value};

/// Option values are the API's `created_from_trigger` values.
pub const CONTEXTS: [&str; 2] = ["first_message_from_user", "out_of_office_hours_message"];

pub fn section_decl() -> Section {
    let s = "auto_messages";
    section(
        s,
        vec![
            field(
                s,
                "messages",
                t::records(
                    vec![
                        rec(
                            s,
                            "messages",
                            "language",
                            t::reference(RefSource::Locales),
                            Value::Null,
                        )
                        .help()
                        .required(),
                        rec(
                            s,
                            "messages",
                            "context",
                            t::options("auto-context", &CONTEXTS, true),
                            json!(CONTEXTS[0]),
                        )
                        .help()
                        .required(),
                        rec(s, "messages", "body", t::message(), json!(""))
                            .help()
                            .required(),
                    ],
                    &["language", "context"],
                ),
                json!([]),
            )
            .api("auto_response_triggers"),
            field(s, "reply_first_message", t::bool(), json!(false))
                .help()
                .api("auto_response_trigger_enabled[first_message_from_user]"),
            field(s, "reply_out_of_hours", t::bool(), json!(false))
                .help()
                .api("auto_response_trigger_enabled[out_of_office_hours_message]"),
            field(s, "delay_first_message", FieldType::Duration, json!("0s"))
                .help()
                .required()
                .api_conv(
                    "auto_response_trigger_grace_periods[first_message_from_user]",
                    ApiConv::DurationSeconds,
                ),
            field(s, "delay_out_of_hours", FieldType::Duration, json!("0s"))
                .help()
                .required()
                .api_conv(
                    "auto_response_trigger_grace_periods[out_of_office_hours_message]",
                    ApiConv::DurationSeconds,
                ),
        ],
    )
    .help()
}
