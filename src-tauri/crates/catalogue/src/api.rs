//! The mapping to and from the platform API's `Source` fields, read from the
//! declarations (`Field::api`): what sync sends with `PUT /content_sources/{id}` and how
//! an existing platform channel becomes a document when it is adopted.
//!
//! Not mapped here: secrets (the vault supplies them: see `secret_api_fields`), settings
//! the API does not expose (social credentials, smart closing, Engage Messaging
//! customization…), and WhatsApp HSM templates, whose API shape (`template_messages` with
//! components, one namespace per source) is the sync planner's call.

use crate::document::{complete, get, kind_of};
use crate::model::{ApiConv, Field, FieldType, Kind};
use crate::schema::kind_schema;
use crate::validate::formats::parse_duration;
use serde_json::{json, Map, Value};

/// API fields whose value is a list of records with our keys renamed.
fn record_key_to_api(list_api: &str, key: &str) -> String {
    match (list_api, key) {
        ("auto_response_triggers", "context") => "created_from_trigger".into(),
        _ => key.into(),
    }
}

fn to_api_value(conv: ApiConv, v: &Value) -> Value {
    match conv {
        ApiConv::Same | ApiConv::HexColour => v.clone(),
        ApiConv::DurationSeconds => v
            .as_str()
            .and_then(parse_duration)
            .map_or(Value::Null, |s| json!(s)),
        ApiConv::DaysSeconds => v.as_i64().map_or(Value::Null, |d| json!(d * 86_400)),
        ApiConv::SingleToList => match v.as_str() {
            Some(id) if !id.is_empty() => json!([id]),
            _ => json!([]),
        },
        ApiConv::ListAsText => {
            let items: Vec<&str> = v
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            json!(items.join("\n"))
        }
    }
}

/// The shortest exact `h`/`m`/`s` spelling of a number of seconds.
pub fn seconds_to_duration(s: u64) -> String {
    if s > 0 && s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s > 0 && s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

fn from_api_value(conv: ApiConv, v: &Value) -> Value {
    match conv {
        ApiConv::Same | ApiConv::HexColour => v.clone(),
        ApiConv::DurationSeconds => v
            .as_u64()
            .map_or(Value::Null, |s| json!(seconds_to_duration(s))),
        ApiConv::DaysSeconds => v
            .as_i64()
            .filter(|s| *s > 0)
            .map_or(Value::Null, |s| json!(s / 86_400)),
        ApiConv::SingleToList => v
            .as_array()
            .and_then(|a| a.first())
            .cloned()
            .unwrap_or(Value::Null),
        ApiConv::ListAsText => {
            let text = v.as_str().unwrap_or("");
            json!(text
                .split(['\n', ',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>())
        }
    }
}

fn records_to_api(list_api: &str, fields: &[Field], items: &Value) -> Value {
    let out: Vec<Value> = items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|item| {
            let mut m = Map::new();
            for f in fields {
                if let Some(v) = item.get(&f.key) {
                    m.insert(record_key_to_api(list_api, &f.key), v.clone());
                }
            }
            Value::Object(m)
        })
        .collect();
    Value::Array(out)
}

fn records_from_api(list_api: &str, fields: &[Field], items: &Value) -> Value {
    let out: Vec<Value> = items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|item| {
            let mut m = Map::new();
            for f in fields {
                let v = item.get(&record_key_to_api(list_api, &f.key)).cloned();
                m.insert(f.key.clone(), v.unwrap_or_else(|| f.default.clone()));
            }
            Value::Object(m)
        })
        .collect();
    Value::Array(out)
}

/// The API fields of a document's visible, non-secret settings (a `PUT` body).
pub fn to_api(doc: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    let Some(kind) = kind_of(doc) else {
        return out;
    };
    let doc = complete(kind, doc);
    for s in &kind_schema(kind).sections {
        if s.visible_when.as_ref().is_some_and(|r| !r.eval(&doc)) {
            continue;
        }
        if s.repeat {
            if let (Some(api), Some(items)) = (&s.api, doc.get(&s.id)) {
                if api == "signatures" {
                    out.insert(api.clone(), records_to_api(api, &s.fields, items));
                }
            }
            continue;
        }
        for f in &s.fields {
            let (Some(api), false) = (&f.api, f.secret) else {
                continue;
            };
            if f.visible_when.as_ref().is_some_and(|r| !r.eval(&doc)) {
                continue;
            }
            let v = get(&doc, &f.path).unwrap_or(&Value::Null);
            let value = match &f.ty {
                FieldType::Records { fields, .. } => records_to_api(&api.name, fields, v),
                _ => to_api_value(api.conv, v),
            };
            if api.conv == ApiConv::DaysSeconds {
                // The API's on/off switch for archiving goes with its period.
                out.insert("content_archiving".into(), json!(!value.is_null()));
            }
            out.insert(api.name.clone(), value);
        }
    }
    out
}

/// The platform's `Source.type` for each kind. The published spec types the field as a
/// plain string and lists no values: this table is the one place that names them, and a
/// source whose type is not here is listed with its type string by pull, never dropped.
const API_TYPES: [(Kind, &str); 16] = [
    (Kind::Email, "email"),
    (Kind::FacebookPage, "facebook_page"),
    (Kind::FacebookMessenger, "facebook_messenger"),
    (Kind::Twitter, "twitter"),
    (Kind::TwitterSearch, "twitter_search"),
    (Kind::Instagram, "instagram"),
    (Kind::Whatsapp, "whatsapp"),
    (Kind::EngageMessaging, "engage_messaging"),
    (Kind::ChannelSdk, "channel_sdk"),
    (Kind::Sms, "sms"),
    (Kind::AppleBusinessChat, "apple_business_chat"),
    (Kind::Youtube, "youtube"),
    (Kind::GoogleBusinessMessages, "google_business_messages"),
    (Kind::GoogleMyBusiness, "google_my_business"),
    (Kind::Tapatalk, "tapatalk"),
    (Kind::Viber, "viber"),
];

/// The API `type` of a kind's sources.
pub fn api_type(kind: Kind) -> &'static str {
    API_TYPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, t)| *t)
        .expect("every kind has an API type")
}

/// The kind of a source from its API `type` (`None`: a type this catalogue does not know).
pub fn kind_of_api_type(api_type: &str) -> Option<Kind> {
    API_TYPES
        .iter()
        .find(|(_, t)| *t == api_type)
        .map(|(k, _)| *k)
}

/// A document of `kind` from a platform `Source` record (adoption): mapped settings
/// from the record, everything else at its default.
pub fn from_api(kind: Kind, source: &Value) -> Value {
    apply_api(&crate::document::defaults(kind), source)
}

/// `doc` with every mapped, non-secret setting taken from a platform `Source` record, and
/// everything the API does not carry (local-only settings, secrets' status, settings the
/// API cannot write) left as it was: how a draft follows the server on pull.
pub fn apply_api(doc: &Value, source: &Value) -> Value {
    let Some(kind) = kind_of(doc) else {
        return doc.clone();
    };
    let mut doc = complete(kind, doc).into_owned();
    for s in &kind_schema(kind).sections {
        if s.repeat {
            if let Some(api) = s.api.as_deref().filter(|a| *a == "signatures") {
                if let Some(items) = source.get(api) {
                    doc[&s.id] = records_from_api(api, &s.fields, items);
                }
            }
            continue;
        }
        for f in &s.fields {
            let (Some(api), false) = (&f.api, f.secret) else {
                continue;
            };
            let Some(v) = source.get(&api.name) else {
                continue;
            };
            doc[&s.id][&f.key] = match &f.ty {
                FieldType::Records { fields, .. } => records_from_api(&api.name, fields, v),
                _ => from_api_value(api.conv, v),
            };
        }
    }
    if source.get("content_archiving") == Some(&Value::Bool(false)) {
        doc["messages"]["ignore_older_than_days"] = Value::Null;
    }
    doc
}

/// `(document path, API field)` of a kind's secrets the API accepts (e.g.
/// `imap.password` → `imap_password`): sync reads these from the vault.
pub fn secret_api_fields(kind: Kind) -> Vec<(String, String)> {
    kind_schema(kind)
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.secret)
        .filter_map(|f| f.api.as_ref().map(|a| (f.path.clone(), a.name.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::example_document;

    #[test]
    fn conversions_follow_the_declarations() {
        let (mut doc, _) = example_document(Kind::Email);
        doc["routing"]["sla"] = json!("2h");
        doc["general"]["business_hours"] = json!("ts-1");
        doc["messages"]["ignore_older_than_days"] = json!(30);
        doc["email_advanced"]["allowlisted_emails"] = json!(["a@example.com", "b@example.com"]);
        doc["signatures"] = json!([{"language": "fr", "body": "Bien à vous"}]);
        doc["auto_messages"]["messages"] =
            json!([{"language": "fr", "context": "out_of_office_hours_message", "body": "Fermé"}]);
        let api = to_api(&doc);
        assert_eq!(api["sla_response"], 7200);
        assert_eq!(api["time_sheet_ids"], json!(["ts-1"]));
        assert_eq!(api["content_archiving_period"], 30 * 86_400);
        assert_eq!(api["content_archiving"], true);
        assert_eq!(api["whitelisted_emails"], "a@example.com\nb@example.com");
        assert_eq!(api["imap_port"], 993);
        assert_eq!(api["sla_expired_strategy"], "max");
        assert_eq!(
            api["signatures"],
            json!([{"language": "fr", "body": "Bien à vous"}])
        );
        assert_eq!(
            api["auto_response_triggers"],
            json!([{"language": "fr", "created_from_trigger": "out_of_office_hours_message", "body": "Fermé"}])
        );
        assert!(
            api.get("imap_password").is_none(),
            "secrets come from the vault"
        );
        // Postmark mode hides the IMAP block: its fields are not sent.
        doc["email"]["mode"] = json!("postmark");
        assert!(to_api(&doc).get("imap_port").is_none());
    }

    #[test]
    fn adoption_round_trips_every_mapped_setting() {
        for kind in Kind::ALL {
            let (doc, _) = example_document(kind);
            let back = from_api(kind, &Value::Object(to_api(&doc)));
            let full = complete(kind, &doc);
            for s in &kind_schema(kind).sections {
                if s.repeat || s.visible_when.as_ref().is_some_and(|r| !r.eval(&full)) {
                    continue;
                }
                for f in s.fields.iter().filter(|f| f.api.is_some() && !f.secret) {
                    assert_eq!(
                        back[&s.id][&f.key], full[&s.id][&f.key],
                        "{kind:?} {}",
                        f.path
                    );
                }
            }
        }
    }

    #[test]
    fn every_kind_has_one_api_type_and_back() {
        for kind in Kind::ALL {
            assert_eq!(kind_of_api_type(api_type(kind)), Some(kind));
        }
        assert_eq!(kind_of_api_type("carrier_pigeon"), None);
    }

    #[test]
    fn applying_a_record_keeps_what_the_api_does_not_carry() {
        let (mut doc, _) = example_document(Kind::Email);
        doc["imap"]["ca_file"] = json!("/etc/ssl/local-ca.pem");
        let mut record = to_api(&doc);
        record.insert("name".into(), json!("Renamed on the server"));
        let merged = apply_api(&doc, &Value::Object(record));
        assert_eq!(merged["general"]["name"], "Renamed on the server");
        assert_eq!(merged["imap"]["ca_file"], "/etc/ssl/local-ca.pem");
    }

    #[test]
    fn durations_and_odd_input() {
        assert_eq!(seconds_to_duration(3600), "1h");
        assert_eq!(seconds_to_duration(120), "2m");
        assert_eq!(seconds_to_duration(90), "90s");
        assert_eq!(seconds_to_duration(0), "0s");
        assert!(to_api(&json!([1])).is_empty());
        let doc = from_api(
            Kind::Viber,
            &json!({"name": 3, "time_sheet_ids": "x", "content_archiving": false}),
        );
        assert_eq!(doc["general"]["name"], 3);
        assert_eq!(doc["general"]["business_hours"], Value::Null);
        assert_eq!(doc["messages"]["ignore_older_than_days"], Value::Null);
        assert_eq!(
            secret_api_fields(Kind::Email),
            vec![
                ("imap.password".into(), "imap_password".into()),
                (
                    "imap.oauth_refresh_token".into(),
                    "imap_oauth_refresh_token".into()
                ),
                ("smtp.password".into(), "smtp_password".into()),
                (
                    "smtp.oauth_refresh_token".into(),
                    "smtp_oauth_refresh_token".into()
                )
            ]
        );
    }
}
