//! "Clôture intelligente des conversations": only on Engage Messaging web (async) and
//! mobile, Facebook Messenger and Apple Business Chat. No API field exists for it in the
//! platform's `Source` schema.

use crate::decl::{field, rec, section, t, FieldExt, SectionExt};
use crate::model::{FieldType, RefSource, Section};
use crate::rule::Rule;
use serde_json::{json, Value};

fn per_language(list: &str) -> FieldType {
    let s = "smart_closing";
    t::records(
        vec![
            rec(
                s,
                list,
                "language",
                t::reference(RefSource::Locales),
                Value::Null,
            )
            .help()
            .required(),
            rec(s, list, "body", t::multiline(), json!(""))
                .help()
                .required(),
        ],
        &["language"],
    )
}

pub fn section_decl() -> Section {
    let s = "smart_closing";
    let on = || Rule::on("smart_closing.enabled");
    section(
        s,
        vec![
            field(s, "enabled", t::bool(), json!(false)).help(),
            field(s, "wait_time", FieldType::Duration, json!("1h"))
                .help()
                .visible_when(on())
                .required_when(on()),
            field(s, "end_questions", per_language("end_questions"), json!([]))
                .help()
                .visible_when(on())
                .required_when(on()),
            field(
                s,
                "resume_messages",
                per_language("resume_messages"),
                json!([]),
            )
            .help()
            .visible_when(on())
            .required_when(on()),
        ],
    )
    .help()
}
