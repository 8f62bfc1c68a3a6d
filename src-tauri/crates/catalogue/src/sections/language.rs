//! "Paramètres de langue": default content language and automatic detection.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{RefSource, Section};
use crate::rule::Rule;
use serde_json::{json, Value};

pub fn section_decl() -> Section {
    let s = "language";
    section(
        s,
        vec![
            field(
                s,
                "default_language",
                t::reference(RefSource::Locales),
                Value::Null,
            )
            .help()
            .api("default_content_language"),
            field(s, "auto_detect", t::bool(), json!(false))
                .help()
                .api("auto_detect_content_language"),
            // Only meaningful when detection is on; then at least one language is needed.
            field(
                s,
                "languages_to_detect",
                t::references(RefSource::Locales),
                json!([]),
            )
            .help()
            .visible_when(Rule::on("language.auto_detect"))
            .required_when(Rule::on("language.auto_detect"))
            .api("content_languages"),
        ],
    )
    .help()
}
