//! "Paramètres généraux": the settings common to all channels.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ApiConv, FieldType, RefSource, Section};
use serde_json::{json, Value};

pub fn section_decl() -> Section {
    let s = "general";
    section(
        s,
        vec![
            field(s, "active", t::bool(), json!(true))
                .help()
                .api("active"),
            field(s, "hidden_from_stats", t::bool(), json!(false))
                .help()
                .api("hidden_from_stats"),
            field(s, "name", t::text(255), json!(""))
                .help()
                .required()
                .api("name"),
            field(
                s,
                "community",
                t::reference(RefSource::Communities),
                Value::Null,
            )
            .help()
            .required()
            .api("community_id"),
            field(s, "icon_colour", FieldType::HexColour, json!("#1E88E5"))
                .help()
                .api_conv("color_hex", ApiConv::HexColour),
            field(
                s,
                "business_hours",
                t::reference(RefSource::TimeSheets),
                Value::Null,
            )
            .help()
            .api_conv("time_sheet_ids", ApiConv::SingleToList),
            // Not in the guide's list, but the API has it (`channel_id`) and the queue
            // factor's slot formula needs the channel group's default capacity.
            field(
                s,
                "channel_group",
                t::reference(RefSource::ChannelGroups),
                Value::Null,
            )
            .help()
            .api("channel_id"),
            field(
                s,
                "sender_name",
                FieldType::Text {
                    multiline: false,
                    variables: true,
                    max_len: Some(255),
                },
                Value::Null,
            )
            .help()
            .api("from_name"),
        ],
    )
    .help()
}
