//! Twitter/X: OAuth token and secret, allow-listed user names, sync switches, public
//! replies off, manual identity, and the FollowMe messages of the advanced settings.

use crate::decl::{field, item, list_section, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, FieldType, RefSource, Section};
use serde_json::{json, Value};

pub const FOLLOWME_FROM: [&str; 2] = ["survey", "interface"];

pub fn sections() -> Vec<Section> {
    let s = "twitter";
    vec![
        section(
            s,
            vec![
                field(s, "oauth_token", t::secret(), Value::Null)
                    .help()
                    .required(),
                field(s, "oauth_token_secret", t::secret(), Value::Null)
                    .help()
                    .required(),
                field(
                    s,
                    "connect",
                    t::action(ActionKind::OauthTwitter),
                    Value::Null,
                )
                .help(),
                field(
                    s,
                    "allowlisted_usernames",
                    t::list(FieldType::TwitterUser),
                    json!([]),
                )
                .help(),
                field(s, "sync_dm", t::bool(), json!(true)).help(),
                field(s, "sync_mentions", t::bool(), json!(true)).help(),
                field(s, "disable_public_replies", t::bool(), json!(false)).help(),
                field(s, "manual_identity", t::bool(), json!(false)).help(),
            ],
        )
        .help(),
        list_section(
            "followme",
            vec![
                item(
                    "followme",
                    "language",
                    t::reference(RefSource::Locales),
                    Value::Null,
                )
                .help()
                .required(),
                item(
                    "followme",
                    "created_from",
                    t::options("followme-from", &FOLLOWME_FROM, true),
                    json!("interface"),
                )
                .help()
                .required(),
                item("followme", "body", t::multiline(), json!(""))
                    .help()
                    .required(),
            ],
            &["language", "created_from"],
        )
        .help(),
    ]
}
