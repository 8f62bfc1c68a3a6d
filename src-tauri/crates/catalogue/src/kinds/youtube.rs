//! YouTube: refresh token from the YouTube admin sign-in.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, Section};
use serde_json::Value;

pub fn sections() -> Vec<Section> {
    let s = "youtube";
    vec![section(
        s,
        vec![
            field(
                s,
                "connect",
                t::action(ActionKind::OauthYoutube),
                Value::Null,
            )
            .help(),
            field(s, "refresh_token", t::secret(), Value::Null)
                .help()
                .required(),
        ],
    )
    .help()]
}
