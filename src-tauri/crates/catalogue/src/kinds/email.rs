//! E-mail: Postmark, IMAP/SMTP or hybrid mode, with the Postmark, IMAP, SMTP and
//! advanced blocks of the guide.

use crate::decl::{field, section, t, FieldExt, SectionExt};
use crate::model::{ActionKind, ApiConv, FieldType, Section};
use crate::rule::Rule;
use serde_json::{json, Value};

pub const MODES: [&str; 3] = ["postmark", "imap", "hybrid"];
pub const SSL_VERIFY_MODES: [&str; 4] = ["NONE", "PEER", "CLIENT_ONCE", "FAIL_IF_NO_PEER_CERT"];
pub const SPAM_LEVELS: [&str; 3] = ["disabled", "relaxed", "strict"];
pub const ATTACHMENT_LEVELS: [&str; 3] = ["strict", "relaxed", "permissive"];

/// Postmark block shown in Postmark and hybrid modes.
pub fn postmark_mode() -> Rule {
    Rule::is_in("email.mode", &[json!("postmark"), json!("hybrid")])
}

/// IMAP/SMTP blocks shown in IMAP/SMTP and hybrid modes.
/// How IMAP and SMTP sign in (the platform's `imap_/smtp_authentication_type`).
pub const AUTH_TYPES: [&str; 2] = ["basic", "microsoft_identity_platform"];

/// Password sign-in: the default, also when the setting is missing.
fn basic_auth(s: &str) -> Rule {
    Rule::is_in(
        &format!("{s}.authentication_type"),
        &[json!("basic"), Value::Null],
    )
}

fn microsoft_auth(s: &str) -> Rule {
    Rule::is_in(
        &format!("{s}.authentication_type"),
        &[json!("microsoft_identity_platform")],
    )
}

pub fn imap_mode() -> Rule {
    Rule::is_in("email.mode", &[json!("imap"), json!("hybrid")])
}

pub fn sections() -> Vec<Section> {
    let pm_on = || Rule::on("postmark.enabled");
    vec![
        section(
            "email",
            vec![field(
                "email",
                "mode",
                t::options("email-mode", &MODES, true),
                json!("imap"),
            )
            .help()
            .required()],
        )
        .help(),
        section(
            "postmark",
            vec![
                field("postmark", "enabled", t::bool(), json!(false))
                    .help()
                    .api("postmark_enabled"),
                field("postmark", "address", FieldType::Email, Value::Null)
                    .help()
                    .required_when(pm_on()),
                field("postmark", "api_key", t::secret(), Value::Null)
                    .help()
                    .required_when(pm_on()),
                field("postmark", "open_tracking", t::bool(), json!(false)).help(),
            ],
        )
        .help()
        .visible_when(postmark_mode()),
        section(
            "imap_smtp",
            vec![field("imap_smtp", "email", FieldType::Email, Value::Null)
                .help()
                .required()
                .api("imap_smtp_email")],
        )
        .visible_when(imap_mode()),
        server_section("imap", 993, true),
        server_section("smtp", 587, false),
        section(
            "email_advanced",
            vec![
                field(
                    "email_advanced",
                    "threading_heuristics",
                    t::bool(),
                    json!(false),
                )
                .help()
                .api("threading_heuristics"),
                field("email_advanced", "bbcode_parser", t::bool(), json!(false))
                    .help()
                    .api("email_parser"),
                field(
                    "email_advanced",
                    "allowlisted_emails",
                    t::list(FieldType::Email),
                    json!([]),
                )
                .help()
                .api_conv("whitelisted_emails", ApiConv::ListAsText),
                field(
                    "email_advanced",
                    "spam_threshold",
                    t::options("spam", &SPAM_LEVELS, true),
                    json!("disabled"),
                )
                .help()
                .required()
                .api("spam_assassin_level"),
                field(
                    "email_advanced",
                    "attachments_security_level",
                    t::options("attachments", &ATTACHMENT_LEVELS, true),
                    json!("strict"),
                )
                .help()
                .required()
                .api("attachments_security_level"),
                field(
                    "email_advanced",
                    "exclude_from_to_cc",
                    t::list(FieldType::Email),
                    json!([]),
                )
                .help()
                .api("cc_blacklist"),
            ],
        )
        .help(),
    ]
}

/// The IMAP and SMTP blocks share their shape; IMAP adds the folders, SMTP the HELO domain.
fn server_section(s: &str, port: i64, ssl: bool) -> Section {
    let api = |k: &str| format!("{s}_{k}");
    let mut fields = vec![
        field(s, "host", FieldType::Host, Value::Null)
            .help()
            .required()
            .api(&api("address")),
        field(s, "port", t::int(Some(1), Some(65535)), json!(port))
            .help()
            .required()
            .api(&api("port")),
        field(s, "use_ssl_tls", t::bool(), json!(ssl))
            .help()
            .api(&api("use_ssl_tls")),
        field(s, "use_start_tls", t::bool(), json!(!ssl))
            .help()
            .api(&api("use_start_tls")),
    ];
    if s == "imap" {
        fields.push(
            field(
                s,
                "folders",
                // Chosen from the folders a connection test discovered, never typed.
                FieldType::List {
                    item: Box::new(t::text(255)),
                    free_entry: false,
                },
                json!([]),
            )
            .help()
            .required()
            .api("imap_mailboxes_to_import"),
        );
        fields.push(
            field(s, "sent_folder", t::text(255), Value::Null)
                .help()
                .api("imap_mailbox_used_for_sent_mail"),
        );
    }
    fields.extend([
        field(s, "username", t::text(255), Value::Null)
            .help()
            .required()
            .api(&api("username")),
        field(
            s,
            "authentication_type",
            t::options("mail-auth", &AUTH_TYPES, true),
            json!("basic"),
        )
        .help()
        .required()
        .api(&api("authentication_type")),
        field(s, "password", t::secret(), Value::Null)
            .help()
            .required_when(basic_auth(s))
            .visible_when(basic_auth(s))
            .api(&api("password")),
        // Microsoft identity platform: a refresh token from "Sign in with Microsoft",
        // write-only on the platform like the password.
        field(s, "oauth_refresh_token", t::secret(), Value::Null)
            .help()
            .required_when(microsoft_auth(s))
            .visible_when(microsoft_auth(s))
            .api(&api("oauth_refresh_token")),
        field(
            s,
            "connect",
            t::action(if s == "imap" {
                ActionKind::OauthMicrosoftImap
            } else {
                ActionKind::OauthMicrosoftSmtp
            }),
            Value::Null,
        )
        .help()
        .visible_when(microsoft_auth(s)),
        field(
            s,
            "ssl_verify_mode",
            t::options("ssl-verify", &SSL_VERIFY_MODES, false),
            Value::Null,
        )
        .help()
        .api(&api("ssl_verify_mode")),
        // Switchboard's own: the connection test trusts this CA too (a company CA). Not a
        // platform setting, so it has no API name and is never synced.
        field(s, "ca_file", t::text(1024), Value::Null).help(),
    ]);
    if s == "smtp" {
        fields.push(
            field(s, "helo_domain", FieldType::Domain, Value::Null)
                .help()
                .api("smtp_helo_domain"),
        );
    }
    section(s, fields).help().visible_when(imap_mode())
}
