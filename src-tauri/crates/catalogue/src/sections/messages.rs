//! "Paramètres des messages": default categories, old content, thread inclusion.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ApiConv, FieldType, RefSource, Section};
use serde_json::{json, Value};

pub fn section_decl() -> Section {
    let s = "messages";
    section(
        s,
        vec![
            field(
                s,
                "default_categories",
                t::references(RefSource::Categories),
                json!([]),
            )
            .help()
            .api("default_category_ids"),
            field(
                s,
                "agent_default_categories",
                t::references(RefSource::Categories),
                json!([]),
            )
            .help()
            .api("user_thread_default_category_ids"),
            // Calendar days; empty = keep everything.
            field(
                s,
                "ignore_older_than_days",
                t::int(Some(1), Some(3650)),
                Value::Null,
            )
            .help()
            .api_conv("content_archiving_period", ApiConv::DaysSeconds),
            // Empty = every new message from the same customer opens a new thread.
            field(s, "thread_inclusion", FieldType::Duration, Value::Null)
                .help()
                .api_conv("time_for_thread_inclusion", ApiConv::DurationSeconds),
        ],
    )
    .help()
}
