//! Google My Business: locations to synchronize and the refresh token.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, Section};
use serde_json::{json, Value};

pub fn sections() -> Vec<Section> {
    let s = "google_my_business";
    vec![section(
        s,
        vec![
            field(s, "locations", t::list(t::text(255)), json!([])).help(),
            field(s, "refresh_token", t::secret(), Value::Null)
                .help()
                .required(),
            field(
                s,
                "connect",
                t::action(ActionKind::OauthGoogle),
                Value::Null,
            )
            .help(),
        ],
    )
    .help()]
}
