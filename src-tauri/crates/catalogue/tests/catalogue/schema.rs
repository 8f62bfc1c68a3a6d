//! The shape of the catalogue: the structural promises.

use std::collections::BTreeSet;
use switchboard_catalogue::{kind_schema, schema, Field, FieldType, Kind};

const COMMON: [&str; 6] = [
    "general",
    "messages",
    "signatures",
    "auto_messages",
    "language",
    "routing",
];

#[test]
fn sixteen_kinds_each_with_the_common_sections() {
    let s = schema();
    assert_eq!(s.kinds.len(), 16);
    for k in &s.kinds {
        for id in COMMON {
            assert!(k.section(id).is_some(), "{:?} lacks {id}", k.kind);
        }
        assert_eq!(k.sections[0].id, "general");
    }
}

#[test]
fn smart_closing_only_on_its_kinds_and_only_async_engage_messaging() {
    let with: BTreeSet<Kind> = schema()
        .kinds
        .iter()
        .filter(|k| k.section("smart_closing").is_some())
        .map(|k| k.kind)
        .collect();
    assert_eq!(
        with,
        [
            Kind::EngageMessaging,
            Kind::FacebookMessenger,
            Kind::AppleBusinessChat
        ]
        .into()
    );
    for k in &schema().kinds {
        assert_eq!(k.smart_closing, with.contains(&k.kind));
    }
    // Engage Messaging counts twice in the guide (web async and mobile): the section is
    // shown for its asynchronous scopes, not for live chat alone.
    let em = kind_schema(Kind::EngageMessaging)
        .section("smart_closing")
        .unwrap();
    let rule = em.visible_when.as_ref().expect("scoped");
    let doc = |android: bool, ios: bool, web: bool, live: bool| serde_json::json!({"scope": {"android": android, "ios": ios, "web": web, "live_chat": live}});
    assert!(rule.eval(&doc(false, false, true, false)));
    assert!(rule.eval(&doc(true, false, false, false)));
    assert!(rule.eval(&doc(false, true, false, true)));
    assert!(!rule.eval(&doc(false, false, false, true)));
    assert!(kind_schema(Kind::FacebookMessenger)
        .section("smart_closing")
        .unwrap()
        .visible_when
        .is_none());
}

#[test]
fn only_engage_messaging_has_the_two_step_flow() {
    for k in &schema().kinds {
        assert_eq!(k.two_step, k.kind == Kind::EngageMessaging, "{:?}", k.kind);
    }
    let em = kind_schema(Kind::EngageMessaging);
    let later: Vec<&str> = em
        .sections
        .iter()
        .filter(|s| s.after_first_save)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        later,
        [
            "customization",
            "em_advanced",
            "integrations",
            "multi_domain",
            "greetings"
        ]
    );
}

fn all_fields(f: &Field, out: &mut Vec<Field>) {
    out.push(f.clone());
    if let FieldType::Records { fields, .. } = &f.ty {
        fields.iter().for_each(|g| all_fields(g, out));
    }
}

/// API names must be real: the `Source` schema's properties and the update endpoint's
/// parameters in the platform's OpenAPI description (copied here: the spec lives outside
/// the repository).
#[test]
fn api_names_exist_in_the_platform_api() {
    const API: &[&str] = &[
        "active",
        "hidden_from_stats",
        "name",
        "community_id",
        "color_hex",
        "time_sheet_ids",
        "channel_id",
        "from_name",
        "default_category_ids",
        "user_thread_default_category_ids",
        "content_archiving_period",
        "time_for_thread_inclusion",
        "auto_response_triggers",
        "auto_response_trigger_enabled[first_message_from_user]",
        "auto_response_trigger_enabled[out_of_office_hours_message]",
        "auto_response_trigger_grace_periods[first_message_from_user]",
        "auto_response_trigger_grace_periods[out_of_office_hours_message]",
        "default_content_language",
        "auto_detect_content_language",
        "content_languages",
        "default_task_priority",
        "sla_response",
        "sla_expired_strategy",
        "intervention_messages_boost",
        "transferred_tasks_boost",
        "postmark_enabled",
        "imap_smtp_email",
        "imap_address",
        "imap_port",
        "imap_use_ssl_tls",
        "imap_use_start_tls",
        "imap_mailboxes_to_import",
        "imap_mailbox_used_for_sent_mail",
        "imap_username",
        "imap_password",
        "imap_ssl_verify_mode",
        "smtp_address",
        "smtp_port",
        "smtp_use_ssl_tls",
        "smtp_use_start_tls",
        "smtp_username",
        "smtp_password",
        "smtp_ssl_verify_mode",
        "smtp_helo_domain",
        "threading_heuristics",
        "email_parser",
        "whitelisted_emails",
        "spam_assassin_level",
        "attachments_security_level",
        "cc_blacklist",
        "template_message_namespace",
        "enable_android",
        "enable_ios",
        "enable_web",
        "live_chat",
        "imap_authentication_type",
        "imap_oauth_refresh_token",
        "smtp_authentication_type",
        "smtp_oauth_refresh_token",
    ];
    let mut names = BTreeSet::new();
    for k in &schema().kinds {
        for s in &k.sections {
            if let Some(a) = &s.api {
                names.insert(a.clone());
            }
            let mut fields = vec![];
            s.fields.iter().for_each(|f| all_fields(f, &mut fields));
            for f in fields {
                if let Some(a) = f.api {
                    names.insert(a.name);
                }
            }
        }
    }
    for n in &names {
        assert!(
            API.contains(&n.as_str()) || n == "signatures" || n == "template_messages",
            "unknown API field {n}"
        );
    }
    for wanted in [
        "sla_expired_strategy",
        "imap_port",
        "time_sheet_ids",
        "attachments_security_level",
    ] {
        assert!(names.contains(wanted), "{wanted}");
    }
}

#[test]
fn paths_are_unique_and_secrets_flagged() {
    for k in &schema().kinds {
        let mut seen = BTreeSet::new();
        for s in &k.sections {
            assert!(
                seen.insert(s.id.clone()),
                "{:?}: section {} twice",
                k.kind,
                s.id
            );
            let mut keys = BTreeSet::new();
            for f in &s.fields {
                assert!(keys.insert(f.key.clone()), "{:?}: {} twice", k.kind, f.path);
                assert_eq!(f.secret, matches!(f.ty, FieldType::Secret { .. }));
                if !s.repeat {
                    assert_eq!(f.path, format!("{}.{}", s.id, f.key));
                }
            }
        }
    }
}

#[test]
fn message_fields_offer_variables() {
    let vars = &schema().variables;
    assert!(!vars.is_empty());
    for path in [
        "general.sender_name",
        "signatures.body",
        "auto_messages.messages.body",
        "greetings.body",
    ] {
        let f = kind_schema(Kind::EngageMessaging)
            .field(path)
            .unwrap_or_else(|| panic!("{path}"));
        assert!(
            matches!(
                f.ty,
                FieldType::Text {
                    variables: true,
                    ..
                }
            ),
            "{path}"
        );
    }
}

#[test]
fn schema_serializes_for_the_ui() {
    let v = serde_json::to_value(schema()).unwrap();
    let email = &v["kinds"][0];
    assert_eq!(email["kind"], "email");
    let imap = email["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "imap")
        .unwrap();
    assert_eq!(
        imap["visible_when"],
        serde_json::json!({"field": "email.mode", "in": ["imap", "hybrid"]})
    );
    let port = imap["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "port")
        .unwrap();
    assert_eq!(
        port["type"],
        serde_json::json!({"type": "int", "min": 1, "max": 65535})
    );
    assert_eq!(port["api"]["name"], "imap_port");
    assert_eq!(port["label"], "cat-imap-port");
}
