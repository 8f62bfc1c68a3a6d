//! Twitter search: hashtag queries; replies go out through an existing Twitter channel.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{RefSource, Section};
use serde_json::{json, Value};

pub fn sections() -> Vec<Section> {
    let s = "twitter_search";
    vec![section(
        s,
        vec![
            field(s, "queries", t::list(t::text(500)), json!([]))
                .help()
                .required(),
            // A local channel of kind Twitter (its general.name); `validate_set` checks it exists.
            field(
                s,
                "twitter_channel",
                t::reference(RefSource::TwitterChannels),
                Value::Null,
            )
            .help()
            .required(),
        ],
    )
    .help()]
}
