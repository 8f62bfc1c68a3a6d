//! Engage Messaging: avatar, scope (Android, iOS, web async, live chat), customization,
//! advanced options (queue factor), integrations, multi-domain, greetings. The platform
//! shows the extra settings only after the channel's first save (two-step flow).

use crate::decl::{field, item, list_section, section, t, FieldExt, SectionExt};
use crate::model::{CodeSyntax, FieldType, RefSource, Section};
use crate::rule::Rule;
use serde_json::{json, Value};

pub const SCOPES: [&str; 4] = ["scope.android", "scope.ios", "scope.web", "scope.live_chat"];

/// Smart closing exists for Engage Messaging web (async) and mobile, not for live chat:
/// the section shows when one of the asynchronous scopes is on.
pub fn async_scope() -> Rule {
    Rule::Any {
        any: SCOPES[..3].iter().map(|p| Rule::on(p)).collect(),
    }
}

fn web() -> Rule {
    Rule::on("scope.web")
}

pub fn sections() -> Vec<Section> {
    let c = "customization";
    let a = "em_advanced";
    let i = "integrations";
    let m = "multi_domain";
    vec![
        section(
            "profile",
            vec![field("profile", "avatar", t::image(Some(100), true), Value::Null).help()],
        )
        .help(),
        section(
            "scope",
            vec![
                field("scope", "android", t::bool(), json!(false))
                    .help()
                    .api("enable_android"),
                field("scope", "ios", t::bool(), json!(false))
                    .help()
                    .api("enable_ios"),
                field("scope", "web", t::bool(), json!(true))
                    .help()
                    .api("enable_web"),
                field("scope", "live_chat", t::bool(), json!(false))
                    .help()
                    .api("live_chat"),
            ],
        )
        .help(),
        section(
            c,
            vec![
                field(
                    c,
                    "css_colours",
                    FieldType::Code {
                        syntax: CodeSyntax::Scss,
                    },
                    Value::Null,
                )
                .help(),
                field(c, "window_title", t::text(255), Value::Null).help(),
                field(c, "business_title", t::text(255), Value::Null).help(),
                field(c, "business_subtitle", t::text(255), Value::Null).help(),
                field(
                    c,
                    "window_css",
                    FieldType::Code {
                        syntax: CodeSyntax::Css,
                    },
                    Value::Null,
                )
                .help(),
                field(c, "custom_languages", t::multiline(), Value::Null).help(),
            ],
        )
        .help()
        .after_first_save(),
        section(
            a,
            vec![
                field(a, "browsing_content", t::bool(), json!(false)).help(),
                field(a, "web_notifications", t::bool(), json!(false)).help(),
                field(a, "debug_mode", t::bool(), json!(false)).help(),
                field(a, "email_request", t::bool(), json!(false))
                    .help()
                    .visible_when(web()),
                field(a, "back_to_chat_link", t::text(255), Value::Null)
                    .help()
                    .visible_when(web()),
                // 0.0 disables queuing; see `queue::queue_slots` for the formula.
                field(
                    a,
                    "queue_factor",
                    FieldType::Decimal {
                        min: Some(0.0),
                        max: None,
                        step: 0.05,
                    },
                    json!(0.0),
                )
                .help()
                .required(),
            ],
        )
        .help()
        .after_first_save(),
        section(
            i,
            vec![
                field(i, "ga_classic", t::bool(), json!(false)).help(),
                field(i, "ga_universal", t::bool(), json!(false)).help(),
            ],
        )
        .help()
        .after_first_save(),
        section(
            m,
            vec![
                field(m, "enabled", t::bool(), json!(false)).help(),
                field(m, "allowed_domains", t::list(FieldType::Domain), json!([]))
                    .help()
                    .visible_when(Rule::on("multi_domain.enabled"))
                    .required_when(Rule::on("multi_domain.enabled")),
            ],
        )
        .help()
        .after_first_save(),
        list_section(
            "greetings",
            vec![
                item(
                    "greetings",
                    "language",
                    t::reference(RefSource::Locales),
                    Value::Null,
                )
                .help()
                .required(),
                item("greetings", "body", t::message(), json!(""))
                    .help()
                    .required(),
            ],
            &["language"],
        )
        .help()
        .after_first_save(),
    ]
}
