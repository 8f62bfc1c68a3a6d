//! Parameters of `PUT /content_sources/{id}` as the spec names them. The API takes every
//! parameter in the query string, Rails-style: a list whose spec name ends in `[]` is sent
//! as `name[]=a&name[]=b`; other lists are exploded as OpenAPI's default form style
//! (`name=a&name=b`); a nested object as `name[key]=v`; a list of objects as Rack's
//! `name[][key]=v`. How to clear a list is undocumented: an empty list is sent as one
//! empty value (`name[]=`, which Rails reads as "none") and the plan marks such a change
//! unverified.

use serde_json::{Map, Value};

/// The list parameters whose spec name carries `[]` (checked against the spec by the
/// contract test).
pub(crate) const BRACKETED_LISTS: [&str; 4] = [
    "time_sheet_ids",
    "sla_filtering_category_ids",
    "default_category_ids",
    "user_thread_default_category_ids",
];

/// The list-of-objects parameters (Rack's `name[][key]=v`).
const RECORD_LISTS: [&str; 2] = ["signatures", "auto_response_triggers"];

/// The parameters of `updateSource` (`PUT /content_sources/{id}`), by their base name
/// (`time_sheet_ids` for `time_sheet_ids[]`, `auto_response_trigger_enabled` for its
/// `[first_message_from_user]` entries). Checked against the spec by a unit test. What is
/// not here cannot be written through the API: the plan lists it as "to do in the web
/// admin".
const WRITABLE: [&str; 60] = [
    "name",
    "active",
    "channel_id",
    "color",
    "time_sheet_ids",
    "sla_response",
    "sla_threshold",
    "sla_filtering_categories_strategy",
    "sla_filtering_category_ids",
    "sla_expired_strategy",
    "attachments_security_level",
    "intervention_messages_boost",
    "transferred_tasks_boost",
    "hidden_from_stats",
    "default_category_ids",
    "user_thread_default_category_ids",
    "signatures",
    "auto_response_triggers",
    "auto_response_trigger_enabled",
    "auto_response_trigger_grace_periods",
    "default_content_language",
    "auto_detect_content_language",
    "content_languages",
    "content_archiving",
    "content_archiving_period",
    "from_name",
    "default_task_priority",
    "enable_android",
    "enable_ios",
    "enable_web",
    "imap_smtp_email",
    "imap_mailboxes_to_import",
    "imap_mailbox_used_for_sent_mail",
    "imap_address",
    "imap_port",
    "imap_username",
    "imap_password",
    "imap_oauth_refresh_token",
    "imap_use_ssl_tls",
    "imap_use_start_tls",
    "imap_authentication_type",
    "imap_ssl_verify_mode",
    "smtp_address",
    "smtp_port",
    "smtp_username",
    "smtp_password",
    "smtp_oauth_refresh_token",
    "smtp_use_ssl_tls",
    "smtp_use_start_tls",
    "smtp_authentication_type",
    "smtp_ssl_verify_mode",
    "smtp_helo_domain",
    "threading_heuristics",
    "common_ancestors_threading",
    "spam_assassin_level",
    "whitelisted_emails",
    "cc_blacklist",
    "email_parser",
    "time_for_thread_inclusion",
    "time_for_thread_inclusion_enabled",
];

/// Whether the API can write this `Source` field.
pub fn writable_source_param(name: &str) -> bool {
    WRITABLE.contains(&name)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The query pairs of a parameter map.
pub fn rack_pairs(params: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in params {
        match value {
            // Not set: nothing to send (a text is cleared with "", which is not null).
            Value::Null => {}
            Value::Array(items) if items.is_empty() && RECORD_LISTS.contains(&name.as_str()) => {
                out.push((format!("{name}[]"), String::new()));
            }
            Value::Array(items) if items.iter().any(Value::is_object) => {
                for item in items {
                    if let Value::Object(fields) = item {
                        for (k, v) in fields {
                            if let Some(s) = scalar(v) {
                                out.push((format!("{name}[][{k}]"), s));
                            }
                        }
                    }
                }
            }
            Value::Array(items) => {
                let key = if BRACKETED_LISTS.contains(&name.as_str()) {
                    format!("{name}[]")
                } else {
                    name.clone()
                };
                if items.is_empty() {
                    out.push((key.clone(), String::new()));
                }
                for item in items {
                    if let Some(s) = scalar(item) {
                        out.push((key.clone(), s));
                    }
                }
            }
            Value::Object(fields) => {
                for (k, v) in fields {
                    if let Some(s) = scalar(v) {
                        out.push((format!("{name}[{k}]"), s));
                    }
                }
            }
            v => {
                if let Some(s) = scalar(v) {
                    out.push((name.clone(), s));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(v: Value) -> Vec<(String, String)> {
        rack_pairs(v.as_object().unwrap())
    }

    /// The spec's `updateSource` query parameters, by base name, and which carry `[]`.
    fn spec_params() -> (Vec<String>, Vec<String>) {
        let text = include_str!("../openapi/openapi3.yaml");
        let at = text
            .find("operationId: updateSource")
            .expect("updateSource in the spec");
        let end = text[at..].find("responses:").unwrap() + at;
        let mut bases = Vec::new();
        let mut bracketed = Vec::new();
        for line in text[at..end].lines() {
            let Some(name) = line.trim().strip_prefix("name: ") else {
                continue;
            };
            let name = name.trim_matches('\'');
            let base = name.split('[').next().unwrap().to_owned();
            if name.ends_with("[]") {
                bracketed.push(base.clone());
            }
            if base != "sourceId" && !bases.contains(&base) {
                bases.push(base);
            }
        }
        (bases, bracketed)
    }

    #[test]
    fn the_writable_parameters_and_the_bracketed_lists_are_the_specs() {
        let (bases, bracketed) = spec_params();
        let mut ours: Vec<String> = WRITABLE.iter().map(|s| s.to_string()).collect();
        let mut theirs = bases.clone();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs);
        let mut b: Vec<String> = BRACKETED_LISTS.iter().map(|s| s.to_string()).collect();
        let mut t = bracketed;
        b.sort();
        t.sort();
        assert_eq!(b, t);
    }

    #[test]
    fn every_shape_is_encoded_as_the_spec_names_it() {
        let p = pairs(json!({
            "name": "Support",
            "active": true,
            "sla_response": 3600,
            "time_sheet_ids": ["ts1"],
            "content_languages": ["fr", "en"],
            "auto_response_trigger_enabled": {"first_message_from_user": true},
            "signatures": [{"language": "fr", "body": "Cordialement"}],
            "from_name": "",
            "content_archiving_period": null,
            "auto_response_triggers": [],
            "default_category_ids": []
        }));
        let has = |k: &str, v: &str| p.contains(&(k.to_owned(), v.to_owned()));
        assert!(has("name", "Support"));
        assert!(has("active", "true"));
        assert!(has("sla_response", "3600"));
        assert!(has("time_sheet_ids[]", "ts1"));
        assert!(has("content_languages", "fr") && has("content_languages", "en"));
        assert!(has(
            "auto_response_trigger_enabled[first_message_from_user]",
            "true"
        ));
        assert!(has("signatures[][language]", "fr") && has("signatures[][body]", "Cordialement"));
        assert!(has("from_name", ""));
        assert!(
            !p.iter().any(|(k, _)| k == "content_archiving_period"),
            "null is not sent"
        );
        assert!(has("auto_response_triggers[]", ""));
        assert!(has("default_category_ids[]", ""));
    }
}
