//! "Signatures": one signature per language, appended to every agent message.

use crate::decl::{item, list_section, t, FieldExt, SectionExt};
use crate::model::{RefSource, Section};
use serde_json::{json, Value};

pub fn section_decl() -> Section {
    let s = "signatures";
    list_section(
        s,
        vec![
            item(s, "language", t::reference(RefSource::Locales), Value::Null)
                .help()
                .required(),
            item(s, "body", t::message(), json!("")).help().required(),
        ],
        &["language"],
    )
    .help()
    .api("signatures")
}
