//! One valid and one invalid case for every validation rule. Each valid case must produce
//! no problem at all; each invalid case must produce the expected (path, message id).

use super::fields::check_field;
use super::*;
use crate::decl::{field, t};
use crate::examples::example_document;
use crate::model::FieldType;
use serde_json::json;

fn problems(doc: &Value, secrets: &BTreeSet<String>) -> Vec<(String, String)> {
    validate(doc, secrets)
        .into_iter()
        .map(|p| (p.path, p.message.id))
        .collect()
}

/// `good` edits a valid example of `kind` and must leave it valid; `bad` must produce
/// the problem `id` at `path`.
fn rule(kind: Kind, good: impl Fn(&mut Value), bad: impl Fn(&mut Value), path: &str, id: &str) {
    let (base, secrets) = example_document(kind);
    let mut ok = base.clone();
    good(&mut ok);
    assert_eq!(
        problems(&ok, &secrets),
        vec![],
        "valid case of {id} at {path}"
    );
    let mut ko = base;
    bad(&mut ko);
    let found = problems(&ko, &secrets);
    assert!(
        found.iter().any(|(p, i)| p == path && i == id),
        "expected {id} at {path}, got {found:?}"
    );
}

fn set(path: &str, v: Value) -> impl Fn(&mut Value) {
    let path = path.to_owned();
    move |doc: &mut Value| {
        let mut cur = doc;
        for k in path.split('.') {
            cur = match k.parse::<usize>() {
                Ok(i) if cur.is_array() => &mut cur[i],
                _ => &mut cur[k],
            };
        }
        *cur = v.clone();
    }
}

fn noop(_: &mut Value) {}

#[test]
fn every_kind_has_a_valid_example() {
    for kind in Kind::ALL {
        let (doc, secrets) = example_document(kind);
        assert_eq!(problems(&doc, &secrets), vec![], "{kind:?}");
    }
}

#[test]
fn document_shape() {
    let none = BTreeSet::new();
    assert_eq!(
        problems(&json!([1]), &none),
        vec![("".into(), "val-not-object".into())]
    );
    assert_eq!(
        problems(&json!({}), &none),
        vec![("kind".into(), "err-required".into())]
    );
    assert_eq!(
        problems(&json!({"kind":"fax"}), &none),
        vec![("kind".into(), "val-kind-unknown".into())]
    );
    assert_eq!(
        problems(&json!({"kind":7}), &none),
        vec![("kind".into(), "val-kind-unknown".into())]
    );
    rule(
        Kind::Viber,
        noop,
        set("general", json!("x")),
        "general",
        "val-expect-object",
    );
    rule(
        Kind::Viber,
        set("signatures", json!([])),
        set("signatures", json!({})),
        "signatures",
        "val-expect-list",
    );
}

#[test]
fn booleans() {
    rule(
        Kind::Viber,
        set("general.active", json!(false)),
        set("general.active", json!("yes")),
        "general.active",
        "val-expect-bool",
    );
}

#[test]
fn integers_and_ranges() {
    rule(
        Kind::Email,
        set("imap.port", json!(143)),
        set("imap.port", json!(70000)),
        "imap.port",
        "err-number-range",
    );
    rule(
        Kind::Email,
        set("imap.port", json!(1)),
        set("imap.port", json!(0)),
        "imap.port",
        "err-number-range",
    );
    rule(
        Kind::Email,
        set("imap.port", json!(993.0)),
        set("imap.port", json!(99.5)),
        "imap.port",
        "val-expect-integer",
    );
    rule(
        Kind::Email,
        noop,
        set("imap.port", json!("993")),
        "imap.port",
        "val-expect-integer",
    );
    rule(
        Kind::Viber,
        set("routing.default_priority", json!(5)),
        set("routing.default_priority", json!(-1)),
        "routing.default_priority",
        "err-number-min",
    );
    rule(
        Kind::Viber,
        set("routing.case_boost", json!(10)),
        set("routing.case_boost", json!(11)),
        "routing.case_boost",
        "err-number-range",
    );
    rule(
        Kind::Viber,
        set("messages.ignore_older_than_days", json!(30)),
        set("messages.ignore_older_than_days", json!(0)),
        "messages.ignore_older_than_days",
        "err-number-range",
    );
}

#[test]
fn range_messages_carry_bounds_and_label() {
    let (mut doc, secrets) = example_document(Kind::Email);
    doc["imap"]["port"] = json!(70000);
    let p = validate(&doc, &secrets)
        .into_iter()
        .find(|p| p.path == "imap.port")
        .unwrap();
    assert_eq!(p.message.args["min"], switchboard_core::Arg::Num(1.0));
    assert_eq!(p.message.args["max"], switchboard_core::Arg::Num(65535.0));
    assert_eq!(
        p.message.args["field"],
        switchboard_core::Arg::Msg(Box::new(Msg::new("cat-imap-port")))
    );
}

/// No declared setting has only a maximum today; the rule still exists for the next one.
#[test]
fn maximum_only() {
    let f = field("x", "n", t::int(None, Some(10)), Value::Null);
    let run = |v: Value| {
        let doc = json!({});
        let mut ctx = Ctx {
            doc: &doc,
            kind: None,
            secret_is_set: &|_| false,
            out: vec![],
        };
        check_field(&mut ctx, &f, "x.n", Some(&v));
        ctx.out
            .into_iter()
            .map(|p| p.message.id)
            .collect::<Vec<_>>()
    };
    assert!(run(json!(10)).is_empty());
    assert_eq!(run(json!(11)), vec!["val-number-max"]);
}

#[test]
fn list_max_items() {
    let f = field(
        "x",
        "ids",
        FieldType::Reference {
            source: crate::model::RefSource::Categories,
            multiple: true,
            max_items: Some(1),
        },
        Value::Null,
    );
    let run = |v: Value| {
        let doc = json!({});
        let mut ctx = Ctx {
            doc: &doc,
            kind: None,
            secret_is_set: &|_| false,
            out: vec![],
        };
        check_field(&mut ctx, &f, "x.ids", Some(&v));
        ctx.out
            .into_iter()
            .map(|p| p.message.id)
            .collect::<Vec<_>>()
    };
    assert!(run(json!(["a"])).is_empty());
    assert_eq!(run(json!(["a", "b"])), vec!["val-list-too-long"]);
    assert_eq!(run(json!([1])), vec!["val-expect-text"]);
}

#[test]
fn decimals() {
    let p = "em_advanced.queue_factor";
    rule(
        Kind::EngageMessaging,
        set(p, json!(0.25)),
        set(p, json!(-0.5)),
        p,
        "err-number-min",
    );
    rule(
        Kind::EngageMessaging,
        set(p, json!(2)),
        set(p, json!("0.25")),
        p,
        "val-expect-number",
    );
}

#[test]
fn texts() {
    rule(
        Kind::Viber,
        set("general.name", json!("Viber FR")),
        set("general.name", json!(42)),
        "general.name",
        "val-expect-text",
    );
    rule(
        Kind::Viber,
        set("general.name", json!("a".repeat(255))),
        set("general.name", json!("a".repeat(256))),
        "general.name",
        "err-text-too-long",
    );
}

#[test]
fn required_fields() {
    rule(
        Kind::Viber,
        noop,
        set("general.name", json!("")),
        "general.name",
        "err-required",
    );
    rule(
        Kind::Viber,
        noop,
        set("general.name", json!("   ")),
        "general.name",
        "err-required",
    );
    rule(
        Kind::Viber,
        noop,
        set("general.community", Value::Null),
        "general.community",
        "err-required",
    );
    rule(
        Kind::GoogleBusinessMessages,
        noop,
        set("google_business_messages.welcome_message", json!("")),
        "google_business_messages.welcome_message",
        "err-required",
    );
    rule(
        Kind::TwitterSearch,
        noop,
        set("twitter_search.queries", json!([])),
        "twitter_search.queries",
        "err-required",
    );
}

#[test]
fn enums() {
    let p = "email_advanced.spam_threshold";
    rule(
        Kind::Email,
        set(p, json!("strict")),
        set(p, json!("paranoid")),
        p,
        "val-enum",
    );
    rule(
        Kind::Viber,
        set("routing.sla_expired_strategy", json!("half")),
        set("routing.sla_expired_strategy", json!("10")),
        "routing.sla_expired_strategy",
        "val-enum",
    );
    // Optional enum left empty is fine.
    rule(
        Kind::Email,
        set("imap.ssl_verify_mode", Value::Null),
        set("imap.ssl_verify_mode", json!("peer")),
        "imap.ssl_verify_mode",
        "val-enum",
    );
}

#[test]
fn formats() {
    rule(
        Kind::Email,
        set("imap_smtp.email", json!("help@shop.example.fr")),
        set("imap_smtp.email", json!("help@")),
        "imap_smtp.email",
        "val-email",
    );
    rule(
        Kind::Email,
        set("smtp.helo_domain", json!("localhost")),
        set("smtp.helo_domain", json!("exa mple.com")),
        "smtp.helo_domain",
        "val-domain",
    );
    rule(
        Kind::Email,
        set("imap.host", json!("10.0.0.5")),
        set("imap.host", json!("imap..example.com")),
        "imap.host",
        "val-host",
    );
    rule(
        Kind::Whatsapp,
        set("whatsapp.api_url", json!("https://wa.example.com:8443/v1")),
        set("whatsapp.api_url", json!("wa.example.com")),
        "whatsapp.api_url",
        "val-url",
    );
    rule(
        Kind::Viber,
        set("general.icon_colour", json!("#abc")),
        set("general.icon_colour", json!("blue")),
        "general.icon_colour",
        "val-hex-colour",
    );
    rule(
        Kind::GoogleBusinessMessages,
        set(
            "google_business_messages.brand_uuid",
            json!("00000000-0000-0000-0000-000000000000"),
        ),
        set("google_business_messages.brand_uuid", json!("not-a-uuid")),
        "google_business_messages.brand_uuid",
        "val-uuid",
    );
    rule(
        Kind::Whatsapp,
        set("whatsapp.phone", json!("6 12 34 56 78")),
        set("whatsapp.phone", json!("+33612345678")),
        "whatsapp.phone",
        "val-phone",
    );
    rule(
        Kind::Whatsapp,
        set("whatsapp.country_code", json!("+1")),
        set("whatsapp.country_code", json!("0033")),
        "whatsapp.country_code",
        "val-country-code",
    );
    rule(
        Kind::Viber,
        set("routing.sla", json!("30s")),
        set("routing.sla", json!("1d")),
        "routing.sla",
        "val-duration",
    );
    rule(
        Kind::Viber,
        set("messages.thread_inclusion", json!("2m")),
        set("messages.thread_inclusion", json!("2 min")),
        "messages.thread_inclusion",
        "val-duration",
    );
    rule(
        Kind::Twitter,
        set(
            "twitter.allowlisted_usernames",
            json!(["@brand_fr", "brand"]),
        ),
        set(
            "twitter.allowlisted_usernames",
            json!(["@brand", "no spaces"]),
        ),
        "twitter.allowlisted_usernames.1",
        "val-twitter-user",
    );
    rule(
        Kind::ChannelSdk,
        set("channel_sdk.base_uri", json!("http://localhost:8080/hook")),
        set("channel_sdk.base_uri", json!("https://exa mple.com")),
        "channel_sdk.base_uri",
        "val-url",
    );
}

#[test]
fn references() {
    let p = "messages.default_categories";
    rule(
        Kind::Viber,
        set(p, json!(["c1", "c2"])),
        set(p, json!("c1")),
        p,
        "val-expect-list",
    );
    rule(
        Kind::Viber,
        set("general.business_hours", json!("ts1")),
        set("general.business_hours", json!(["ts1"])),
        "general.business_hours",
        "val-expect-text",
    );
}

#[test]
fn images() {
    let p = "profile.avatar";
    let png = format!("data:image/png;base64,{}", "A".repeat(400));
    rule(
        Kind::EngageMessaging,
        set(p, json!(png)),
        set(p, json!("data:image/svg+xml;base64,AAAA")),
        p,
        "val-image-format",
    );
    rule(
        Kind::EngageMessaging,
        noop,
        set(p, json!("avatar.png")),
        p,
        "val-image-format",
    );
    let big = format!("data:image/png;base64,{}", "A".repeat(800_000));
    rule(
        Kind::EngageMessaging,
        noop,
        set(p, json!(big)),
        p,
        "val-image-too-large",
    );
}

#[test]
fn list_items() {
    let p = "email_advanced.allowlisted_emails";
    rule(
        Kind::Email,
        set(p, json!(["a@example.com", "b@example.com"])),
        set(p, json!(["a@example.com", "nope"])),
        "email_advanced.allowlisted_emails.1",
        "val-email",
    );
    rule(
        Kind::Email,
        noop,
        set(p, json!(["a@example.com", "A@example.com"])),
        "email_advanced.allowlisted_emails.1",
        "val-duplicate-value",
    );
    rule(
        Kind::Email,
        noop,
        set(p, json!(["a@example.com", ""])),
        "email_advanced.allowlisted_emails.1",
        "err-required",
    );
    rule(
        Kind::Email,
        noop,
        set(p, json!("a@example.com")),
        p,
        "val-expect-list",
    );
}

#[test]
fn records() {
    let sig = |lang: &str| json!({"language": lang, "body": "Cordialement, {{agent.firstname}}"});
    rule(
        Kind::Viber,
        set("signatures", json!([sig("fr"), sig("en")])),
        set("signatures", json!([sig("fr"), "x"])),
        "signatures.1",
        "val-expect-object",
    );
    rule(
        Kind::Viber,
        noop,
        set(
            "signatures",
            json!([sig("fr"), {"language":"en","body":""}]),
        ),
        "signatures.1.body",
        "err-required",
    );
}

#[test]
fn one_signature_per_language() {
    let sig = |lang: &str| json!({"language": lang, "body": "Bonne journée"});
    rule(
        Kind::Email,
        set("signatures", json!([sig("fr"), sig("en")])),
        set("signatures", json!([sig("fr"), sig("fr")])),
        "signatures.1.language",
        "val-duplicate-language",
    );
}

#[test]
fn one_greeting_per_language() {
    let g = |lang: &str| json!({"language": lang, "body": "Bonjour !"});
    rule(
        Kind::EngageMessaging,
        set("greetings", json!([g("fr"), g("en")])),
        set("greetings", json!([g("en"), g("en")])),
        "greetings.1.language",
        "val-duplicate-language",
    );
}

#[test]
fn automatic_messages_unique_per_language_and_context() {
    let m = |lang: &str, ctx: &str| json!({"language": lang, "context": ctx, "body": "Merci de patienter"});
    let p = "auto_messages.messages";
    rule(
        Kind::Viber,
        set(
            p,
            json!([
                m("fr", "first_message_from_user"),
                m("fr", "out_of_office_hours_message")
            ]),
        ),
        set(
            p,
            json!([
                m("fr", "first_message_from_user"),
                m("fr", "first_message_from_user")
            ]),
        ),
        "auto_messages.messages.1.language",
        "val-duplicate-record",
    );
    rule(
        Kind::Viber,
        noop,
        set(p, json!([m("fr", "later")])),
        "auto_messages.messages.0.context",
        "val-enum",
    );
    rule(
        Kind::Viber,
        set("auto_messages.delay_first_message", json!("0s")),
        set("auto_messages.delay_first_message", json!("0")),
        "auto_messages.delay_first_message",
        "val-duration",
    );
}

#[test]
fn hsm_templates_unique_per_language_and_element() {
    let h = |lang: &str, el: &str| json!({"language": lang, "body": "Votre commande est prête", "namespace": "ns", "element_name": el});
    rule(
        Kind::Whatsapp,
        set("hsm", json!([h("fr", "ready"), h("en", "ready")])),
        set("hsm", json!([h("fr", "ready"), h("fr", "ready")])),
        "hsm.1.language",
        "val-duplicate-record",
    );
    rule(
        Kind::Whatsapp,
        noop,
        set(
            "hsm",
            json!([{"language":"fr","body":"x","namespace":"ns"}]),
        ),
        "hsm.0.element_name",
        "err-required",
    );
}

#[test]
fn followme_messages() {
    let f = |lang: &str, from: &str| json!({"language": lang, "created_from": from, "body": "Suivez-nous"});
    rule(
        Kind::Twitter,
        set("followme", json!([f("fr", "survey"), f("fr", "interface")])),
        set("followme", json!([f("fr", "email")])),
        "followme.0.created_from",
        "val-enum",
    );
}

#[test]
fn secrets_never_in_the_document() {
    rule(
        Kind::Viber,
        noop,
        set("viber.auth_token", json!("abc")),
        "viber.auth_token",
        "val-secret-in-document",
    );
}

#[test]
fn required_secrets_must_be_set() {
    let (doc, mut secrets) = example_document(Kind::Email);
    assert!(validate(&doc, &secrets).is_empty());
    secrets.remove("imap.password");
    assert_eq!(
        problems(&doc, &secrets),
        vec![("imap.password".into(), "err-required".into())]
    );
    // The Apple intent secret key is optional.
    let (doc, secrets) = example_document(Kind::AppleBusinessChat);
    assert!(!secrets.contains("apple_business_chat.intent_secret_key"));
    assert!(validate(&doc, &secrets).is_empty());
}

#[test]
fn postmark_address_and_key_required_when_postmark_is_on() {
    let (mut doc, mut secrets) = example_document(Kind::Email);
    doc["email"]["mode"] = json!("hybrid");
    doc["postmark"]["enabled"] = json!(true);
    let found = problems(&doc, &secrets);
    assert!(
        found.contains(&("postmark.address".into(), "err-required".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("postmark.api_key".into(), "err-required".into())),
        "{found:?}"
    );
    doc["postmark"]["address"] = json!("inbound@example.com");
    secrets.insert("postmark.api_key".into());
    assert_eq!(problems(&doc, &secrets), vec![]);
    rule(
        Kind::Email,
        noop,
        |d: &mut Value| {
            d["email"]["mode"] = json!("hybrid");
            d["postmark"]["enabled"] = json!(true);
            d["postmark"]["address"] = json!("not an address");
        },
        "postmark.address",
        "val-email",
    );
}

#[test]
fn postmark_modes_need_postmark_enabled() {
    let (mut doc, mut secrets) = example_document(Kind::Email);
    doc["email"]["mode"] = json!("postmark");
    assert!(problems(&doc, &secrets)
        .contains(&("postmark.enabled".into(), "val-postmark-disabled".into())));
    doc["postmark"]["enabled"] = json!(true);
    doc["postmark"]["address"] = json!("inbound@example.com");
    secrets.insert("postmark.api_key".into());
    assert_eq!(problems(&doc, &secrets), vec![]);
}

#[test]
fn hidden_fields_are_not_validated() {
    // In Postmark mode the IMAP/SMTP blocks are hidden: their errors do not count.
    let (mut doc, _) = example_document(Kind::Email);
    doc["email"]["mode"] = json!("postmark");
    doc["postmark"]["enabled"] = json!(true);
    doc["postmark"]["address"] = json!("inbound@example.com");
    doc["imap"]["port"] = json!(70000);
    doc["imap"]["folders"] = json!([]);
    let secrets: BTreeSet<String> = ["postmark.api_key".to_string()].into();
    assert_eq!(problems(&doc, &secrets), vec![]);
}

#[test]
fn folders_required_in_imap_mode() {
    rule(
        Kind::Email,
        set("imap.folders", json!(["INBOX", "Support"])),
        set("imap.folders", json!([])),
        "imap.folders",
        "err-required",
    );
}

#[test]
fn ssl_tls_and_starttls_not_both() {
    rule(
        Kind::Email,
        set("imap.use_ssl_tls", json!(false)),
        set("imap.use_start_tls", json!(true)),
        "imap.use_start_tls",
        "val-tls-both",
    );
    rule(
        Kind::Email,
        set("smtp.use_start_tls", json!(false)),
        set("smtp.use_ssl_tls", json!(true)),
        "smtp.use_start_tls",
        "val-tls-both",
    );
}

#[test]
fn languages_to_detect_required_when_auto_detect() {
    rule(
        Kind::Viber,
        |d: &mut Value| {
            d["language"]["auto_detect"] = json!(true);
            d["language"]["languages_to_detect"] = json!(["fr", "en"]);
        },
        set("language.auto_detect", json!(true)),
        "language.languages_to_detect",
        "err-required",
    );
}

#[test]
fn at_least_one_engage_messaging_scope() {
    let off = |d: &mut Value| {
        for s in ["android", "ios", "web", "live_chat"] {
            d["scope"][s] = json!(false);
        }
    };
    rule(
        Kind::EngageMessaging,
        |d: &mut Value| {
            off(d);
            d["scope"]["live_chat"] = json!(true);
        },
        off,
        "scope",
        "val-scope-required",
    );
}

#[test]
fn multi_domain_needs_domains() {
    rule(
        Kind::EngageMessaging,
        |d: &mut Value| {
            d["multi_domain"]["enabled"] = json!(true);
            d["multi_domain"]["allowed_domains"] = json!(["shop.example.com", "example.fr"]);
        },
        set("multi_domain.enabled", json!(true)),
        "multi_domain.allowed_domains",
        "err-required",
    );
    rule(
        Kind::EngageMessaging,
        noop,
        |d: &mut Value| {
            d["multi_domain"]["enabled"] = json!(true);
            d["multi_domain"]["allowed_domains"] = json!(["bad domain"]);
        },
        "multi_domain.allowed_domains.0",
        "val-domain",
    );
}

fn smart_closing_on(d: &mut Value) {
    d["smart_closing"]["enabled"] = json!(true);
    d["smart_closing"]["wait_time"] = json!("2m");
    d["smart_closing"]["end_questions"] =
        json!([{"language":"fr","body":"Avez-vous d'autres questions ?"}]);
    d["smart_closing"]["resume_messages"] = json!([{"language":"fr","body":"Dites-nous en plus."}]);
}

#[test]
fn smart_closing_rules() {
    for kind in [
        Kind::FacebookMessenger,
        Kind::AppleBusinessChat,
        Kind::EngageMessaging,
    ] {
        rule(
            kind,
            smart_closing_on,
            |d: &mut Value| {
                smart_closing_on(d);
                d["smart_closing"]["wait_time"] = json!("1 hour");
            },
            "smart_closing.wait_time",
            "val-duration",
        );
        rule(
            kind,
            smart_closing_on,
            |d: &mut Value| {
                smart_closing_on(d);
                d["smart_closing"]["wait_time"] = Value::Null;
            },
            "smart_closing.wait_time",
            "err-required",
        );
        rule(
            kind,
            smart_closing_on,
            |d: &mut Value| {
                smart_closing_on(d);
                d["smart_closing"]["end_questions"] = json!([]);
            },
            "smart_closing.end_questions",
            "err-required",
        );
        rule(
            kind,
            smart_closing_on,
            |d: &mut Value| {
                smart_closing_on(d);
                d["smart_closing"]["resume_messages"] =
                    json!([{"language":"fr","body":"a"},{"language":"fr","body":"b"}]);
            },
            "smart_closing.resume_messages.1.language",
            "val-duplicate-language",
        );
    }
}

#[test]
fn smart_closing_is_ignored_for_live_chat_only() {
    let (mut doc, secrets) = example_document(Kind::EngageMessaging);
    doc["scope"] = json!({"android": false, "ios": false, "web": false, "live_chat": true});
    doc["smart_closing"] = json!({"enabled": true, "wait_time": "forever"});
    assert_eq!(problems(&doc, &secrets), vec![]);
    doc["scope"]["ios"] = json!(true);
    assert!(problems(&doc, &secrets)
        .contains(&("smart_closing.wait_time".into(), "val-duration".into())));
}

#[test]
fn whatsapp_number_fits_e164() {
    rule(
        Kind::Whatsapp,
        |d: &mut Value| {
            d["whatsapp"]["country_code"] = json!("+353");
            d["whatsapp"]["phone"] = json!("851234567890");
        },
        |d: &mut Value| {
            d["whatsapp"]["country_code"] = json!("+353");
            d["whatsapp"]["phone"] = json!("8512345678901");
        },
        "whatsapp.phone",
        "val-phone-too-long",
    );
}

#[test]
fn tapatalk_imports_something() {
    rule(
        Kind::Tapatalk,
        |d: &mut Value| {
            d["tapatalk"]["post_offset"] = json!(0);
            d["tapatalk"]["conversation_offset"] = json!(-5);
        },
        set("tapatalk.post_offset", json!(0)),
        "tapatalk.post_offset",
        "val-tapatalk-nothing-imported",
    );
}

#[test]
fn unique_names_across_channels() {
    let (a, _) = example_document(Kind::Viber);
    let (mut b, _) = example_document(Kind::Email);
    assert!(crate::validate_set(&[a.clone(), b.clone()]).is_empty());
    b["general"]["name"] = json!(" sample VIBER ");
    let found = crate::validate_set(&[a, b]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found
        .iter()
        .all(|p| p.problem.path == "general.name" && p.problem.message.id == "val-name-duplicate"));
}

#[test]
fn twitter_search_replies_through_a_twitter_channel_of_the_set() {
    let (mut tw, _) = example_document(Kind::Twitter);
    let (search, _) = example_document(Kind::TwitterSearch);
    tw["general"]["name"] = search["twitter_search"]["twitter_channel"].clone();
    assert!(crate::validate_set(&[tw.clone(), search.clone()]).is_empty());
    tw["general"]["name"] = json!("Another");
    let found = crate::validate_set(&[tw, search]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].index, 1);
    assert_eq!(found[0].problem.message.id, "val-twitter-channel-unknown");
}

#[test]
fn every_problem_is_reported_at_once() {
    let (mut doc, _) = example_document(Kind::Email);
    doc["imap"]["port"] = json!(70000);
    doc["smtp"]["host"] = json!("bad host");
    doc["general"]["name"] = json!("");
    let found = problems(&doc, &BTreeSet::new());
    for expected in [
        ("imap.port", "err-number-range"),
        ("smtp.host", "val-host"),
        ("general.name", "err-required"),
        ("imap.password", "err-required"),
        ("smtp.password", "err-required"),
    ] {
        assert!(
            found.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {found:?}"
        );
    }
}

#[test]
fn missing_settings_count_as_their_defaults() {
    let (mut doc, secrets) = example_document(Kind::Email);
    // Absent: the default applies (valid); explicit null: empty (required fails).
    doc["email_advanced"]
        .as_object_mut()
        .unwrap()
        .remove("spam_threshold");
    doc.as_object_mut().unwrap().remove("email");
    assert_eq!(problems(&doc, &secrets), vec![]);
    doc["email_advanced"]["spam_threshold"] = Value::Null;
    assert_eq!(
        problems(&doc, &secrets),
        vec![(
            "email_advanced.spam_threshold".into(),
            "err-required".into()
        )]
    );
    // The default mode (IMAP) drives visibility in a sparse document too.
    let sparse = json!({"kind": "email", "general": {"name": "Support", "community": "c1"}});
    let found = problems(&sparse, &BTreeSet::new());
    assert!(
        found.contains(&("imap.host".into(), "err-required".into())),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(p, _)| p.starts_with("postmark.")),
        "{found:?}"
    );
}

/// Issue 11: a name carrying ESC, BEL, CR/LF or NUL clears terminals and forges rows;
/// accents, scripts and emoji are fine, and a multi-line text keeps its line breaks.
#[test]
fn control_characters_are_refused_in_single_line_text() {
    for bad in [
        "a\u{1b}[2Jb",
        "bell\u{7}",
        "two\r\nlines",
        "nul\u{0}",
        "del\u{7f}",
    ] {
        rule(
            Kind::Viber,
            set("general.name", json!("Réclamations 日本語 👍")),
            set("general.name", json!(bad)),
            "general.name",
            "val-control-characters",
        );
    }
    let f = field("s", "m", t::multiline(), json!(""));
    let run = |v: Value| {
        let doc = json!({});
        let mut ctx = Ctx {
            doc: &doc,
            kind: None,
            secret_is_set: &|_| false,
            out: vec![],
        };
        check_field(&mut ctx, &f, "s.m", Some(&v));
        ctx.out
            .into_iter()
            .map(|p| p.message.id)
            .collect::<Vec<_>>()
    };
    assert!(run(json!("line 1\nline 2\ttab\r\n")).is_empty());
    assert_eq!(run(json!("esc\u{1b}[31m")), vec!["val-control-characters"]);
}

#[test]
fn facebook_page_id_is_digits_only() {
    for kind in [Kind::FacebookPage, Kind::FacebookMessenger] {
        for bad in ["facebook.com/acme", "1048 5736", "12a"] {
            rule(
                kind,
                set("facebook.page_id", json!("104857361234567")),
                set("facebook.page_id", json!(bad)),
                "facebook.page_id",
                "val-numeric-id",
            );
        }
    }
}
