//! "Paramètres de routage": priority, SLA and priority boosts in Routing mode.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ApiConv, FieldType, Section};
use serde_json::json;

/// API values of `sla_expired_strategy`: capped at max (10), half value (5), back to base (0).
pub const SLA_STRATEGIES: [&str; 3] = ["max", "half", "base"];

pub fn section_decl() -> Section {
    let s = "routing";
    section(
        s,
        vec![
            field(s, "default_priority", t::int(Some(0), None), json!(0))
                .help()
                .required()
                .api("default_task_priority"),
            field(s, "sla", FieldType::Duration, json!("1h"))
                .help()
                .required()
                .api_conv("sla_response", ApiConv::DurationSeconds),
            field(
                s,
                "sla_expired_strategy",
                t::options("sla-strategy", &SLA_STRATEGIES, true),
                json!("max"),
            )
            .help()
            .required()
            .api("sla_expired_strategy"),
            // Boosts add to a priority score that runs from 0 to 10.
            field(s, "case_boost", t::int(Some(0), Some(10)), json!(0))
                .help()
                .required()
                .api("intervention_messages_boost"),
            field(s, "transfer_boost", t::int(Some(0), Some(10)), json!(0))
                .help()
                .required()
                .api("transferred_tasks_boost"),
        ],
    )
    .help()
}
