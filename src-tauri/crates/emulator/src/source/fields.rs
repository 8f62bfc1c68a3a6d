//! Every field of the spec's `Source` schema and every parameter of `PUT
//! /content_sources/{sourceId}`, with the type and constraint the platform enforces. One
//! table serves the PUT (query parameters), the control API's "another administrator
//! edits" (JSON) and the fixture (the catalogue's `to_api`), so all three store the same
//! shapes. A test checks the table against the vendored spec.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Which sources carry a field: the spec says "Only on Email sources", "Only on Engage
/// Messaging sources". Sent to another kind, the platform ignores such a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Email,
    Messaging,
    Whatsapp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Channel,
    Community,
    Category,
    TimeSheet,
    Locale,
}

#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A string; blank means unset (stored as null), unless `required`.
    Str {
        required: bool,
    },
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    Enum(&'static [&'static str]),
    /// One id of reference data (blank: unset).
    Ref(RefKind),
    /// A set of reference ids, returned sorted (blank items dropped: `x[]=` clears).
    Refs {
        of: RefKind,
        max: usize,
    },
    /// A list of strings kept in order (`nonempty`: no empty list nor blank item).
    Strs {
        nonempty: bool,
    },
    /// A list of records with these string keys.
    Records(&'static [&'static str]),
    /// A hash of booleans with these keys, merged into the stored one.
    Flags(&'static [&'static str]),
    /// A hash of integers with these keys, merged into the stored one.
    Periods(&'static [&'static str]),
    /// Write-only: accepted, never returned.
    Secret,
    /// Returned, never written through the API (`type`, `community_id`, …).
    Opaque,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: Ty,
    pub scope: Scope,
    /// A parameter of `PUT /content_sources/{sourceId}`.
    pub writable: bool,
    /// A property of the `Source` schema.
    pub readable: bool,
}

const I32: Ty = Ty::Int {
    min: i32::MIN as i64,
    max: i32::MAX as i64,
};
const NON_NEG: Ty = Ty::Int {
    min: 0,
    max: i32::MAX as i64,
};
const PORT: Ty = Ty::Int { min: 1, max: 65535 };
const STR: Ty = Ty::Str { required: false };
const TRIGGERS: &[&str] = &["first_message_from_user", "out_of_office_hours_message"];
const SSL_MODES: &[&str] = &["NONE", "PEER", "CLIENT_ONCE", "FAIL_IF_NO_PEER_CERT"];
const AUTH_TYPES: &[&str] = &["basic", "microsoft_identity_platform"];

const fn rw(name: &'static str, ty: Ty, scope: Scope) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        scope,
        writable: true,
        readable: true,
    }
}
const fn ro(name: &'static str, ty: Ty, scope: Scope) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        scope,
        writable: false,
        readable: true,
    }
}
const fn wo(name: &'static str, scope: Scope) -> FieldSpec {
    FieldSpec {
        name,
        ty: Ty::Secret,
        scope,
        writable: true,
        readable: false,
    }
}

use Scope::{All, Email, Messaging, Whatsapp};

/// The table. Order follows the spec's PUT parameters, then the read-only properties.
pub const FIELDS: &[FieldSpec] = &[
    rw("name", Ty::Str { required: true }, All),
    rw("active", Ty::Bool, All),
    rw("channel_id", Ty::Ref(RefKind::Channel), All),
    rw("color", Ty::Int { min: 0, max: 9 }, All),
    rw(
        "time_sheet_ids",
        Ty::Refs {
            of: RefKind::TimeSheet,
            max: 1,
        },
        All,
    ),
    rw("sla_response", NON_NEG, All),
    rw("sla_threshold", Ty::Int { min: 0, max: 100 }, All),
    rw(
        "sla_filtering_categories_strategy",
        Ty::Enum(&["ignored_categories", "selected_categories"]),
        All,
    ),
    rw(
        "sla_filtering_category_ids",
        Ty::Refs {
            of: RefKind::Category,
            max: usize::MAX,
        },
        All,
    ),
    rw(
        "sla_expired_strategy",
        Ty::Enum(&["max", "half", "base"]),
        All,
    ),
    rw(
        "attachments_security_level",
        Ty::Enum(&["strict", "relaxed", "permissive"]),
        All,
    ),
    rw("intervention_messages_boost", I32, All),
    rw("transferred_tasks_boost", I32, All),
    rw("hidden_from_stats", Ty::Bool, All),
    rw(
        "default_category_ids",
        Ty::Refs {
            of: RefKind::Category,
            max: usize::MAX,
        },
        All,
    ),
    rw(
        "user_thread_default_category_ids",
        Ty::Refs {
            of: RefKind::Category,
            max: usize::MAX,
        },
        All,
    ),
    rw(
        "signatures",
        Ty::Records(&["body", "language", "name"]),
        All,
    ),
    rw(
        "auto_response_triggers",
        Ty::Records(&["body", "created_from_trigger", "language"]),
        All,
    ),
    rw("auto_response_trigger_enabled", Ty::Flags(TRIGGERS), All),
    rw(
        "auto_response_trigger_grace_periods",
        Ty::Periods(TRIGGERS),
        All,
    ),
    rw("default_content_language", Ty::Ref(RefKind::Locale), All),
    rw("auto_detect_content_language", Ty::Bool, All),
    rw(
        "content_languages",
        Ty::Refs {
            of: RefKind::Locale,
            max: usize::MAX,
        },
        All,
    ),
    rw("content_archiving", Ty::Bool, All),
    rw(
        "content_archiving_period",
        Ty::Int {
            min: 0,
            max: i64::MAX,
        },
        All,
    ),
    rw("from_name", STR, All),
    rw("default_task_priority", I32, All),
    rw("enable_android", Ty::Bool, Messaging),
    rw("enable_ios", Ty::Bool, Messaging),
    rw("enable_web", Ty::Bool, Messaging),
    rw("imap_smtp_email", STR, Email),
    rw(
        "imap_mailboxes_to_import",
        Ty::Strs { nonempty: true },
        Email,
    ),
    rw("imap_mailbox_used_for_sent_mail", STR, Email),
    rw("imap_address", STR, Email),
    rw("imap_port", PORT, Email),
    rw("imap_username", STR, Email),
    wo("imap_password", Email),
    wo("imap_oauth_refresh_token", Email),
    rw("imap_use_ssl_tls", Ty::Bool, Email),
    rw("imap_use_start_tls", Ty::Bool, Email),
    rw("imap_authentication_type", Ty::Enum(AUTH_TYPES), Email),
    rw("imap_ssl_verify_mode", Ty::Enum(SSL_MODES), Email),
    rw("smtp_address", STR, Email),
    rw("smtp_port", PORT, Email),
    rw("smtp_username", STR, Email),
    wo("smtp_password", Email),
    wo("smtp_oauth_refresh_token", Email),
    rw("smtp_use_ssl_tls", Ty::Bool, Email),
    rw("smtp_use_start_tls", Ty::Bool, Email),
    rw("smtp_authentication_type", Ty::Enum(AUTH_TYPES), Email),
    rw("smtp_ssl_verify_mode", Ty::Enum(SSL_MODES), Email),
    rw("smtp_helo_domain", STR, Email),
    rw("threading_heuristics", Ty::Bool, Email),
    rw("common_ancestors_threading", Ty::Bool, Email),
    rw(
        "spam_assassin_level",
        Ty::Enum(&["disabled", "relaxed", "strict"]),
        Email,
    ),
    rw("whitelisted_emails", STR, Email),
    rw("cc_blacklist", Ty::Strs { nonempty: false }, Email),
    rw("email_parser", Ty::Bool, Email),
    rw("time_for_thread_inclusion", NON_NEG, All),
    rw("time_for_thread_inclusion_enabled", Ty::Bool, Email),
    // Read-only properties of `Source` (besides id, type, created_at, updated_at and
    // color_hex, which the record computes).
    ro("community_id", Ty::Ref(RefKind::Community), All),
    ro("status", STR, All),
    ro("error_message", STR, All),
    ro("live_chat", Ty::Bool, Messaging),
    ro("postmark_enabled", Ty::Bool, Email),
    ro("template_message_namespace", STR, Whatsapp),
    ro("template_messages", Ty::Opaque, Whatsapp),
];

/// Properties of `Source` the record computes rather than stores.
pub const COMPUTED: &[&str] = &["id", "type", "created_at", "updated_at", "color_hex"];

pub fn spec(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The reference data values are checked against.
pub trait Refs {
    fn has(&self, kind: RefKind, id: &str) -> bool;
}

/// Why a value was refused (the 422's message).
pub type Invalid = String;

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn bool_of(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        // Rails' boolean casting, the spellings a form or a client sends.
        Value::String(s) => match s.as_str() {
            "true" | "1" | "t" => Some(true),
            "false" | "0" | "f" => Some(false),
            _ => None,
        },
        Value::Number(n) if n.as_i64() == Some(1) => Some(true),
        Value::Number(n) if n.as_i64() == Some(0) => Some(false),
        _ => None,
    }
}

fn int_of(v: &Value) -> Option<i128> {
    match v {
        Value::Number(n) => n.as_i64().map(i128::from),
        Value::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse::<i128>().ok()
        }
        _ => None,
    }
}

/// A list given as a JSON array, or a single string where one item is meant.
fn list_of(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Array(a) => Some(a.clone()),
        Value::String(_) => Some(vec![v.clone()]),
        _ => None,
    }
}

/// The stored value of `f` from a value sent by a client (query strings arrive as JSON
/// strings, lists and objects). `current` is the stored value (hashes merge into it).
pub fn coerce(
    f: &FieldSpec,
    v: &Value,
    current: Option<&Value>,
    refs: &dyn Refs,
) -> Result<Value, Invalid> {
    let n = f.name;
    let wrong = |what: &str| format!("{n} must be {what}");
    match f.ty {
        Ty::Str { required } => {
            if v.is_null() && !required {
                return Ok(Value::Null);
            }
            let s = as_text(v).ok_or_else(|| wrong("a string"))?;
            let s = s.trim();
            if s.is_empty() {
                return if required {
                    Err(format!("{n} can't be blank"))
                } else {
                    Ok(Value::Null)
                };
            }
            Ok(json!(s))
        }
        Ty::Bool => bool_of(v)
            .map(Value::Bool)
            .ok_or_else(|| wrong("a boolean")),
        Ty::Int { min, max } => {
            let i = int_of(v).ok_or_else(|| wrong("an integer"))?;
            if i < i128::from(min) || i > i128::from(max) {
                return Err(format!("{n} must be between {min} and {max}"));
            }
            Ok(json!(i as i64))
        }
        Ty::Enum(options) => {
            let s = as_text(v).ok_or_else(|| wrong("a string"))?;
            if options.contains(&s.as_str()) {
                Ok(json!(s))
            } else {
                Err(format!("{n} must be one of {}", options.join(", ")))
            }
        }
        Ty::Ref(of) => {
            if v.is_null() {
                return Ok(Value::Null);
            }
            let s = as_text(v).ok_or_else(|| wrong("a string"))?;
            let s = s.trim();
            if s.is_empty() {
                Ok(Value::Null)
            } else if refs.has(of, s) {
                Ok(json!(s))
            } else {
                Err(format!("{n} does not exist: {s}"))
            }
        }
        Ty::Refs { of, max } => {
            let items = if v.is_null() {
                vec![]
            } else {
                list_of(v).ok_or_else(|| wrong("a list"))?
            };
            let mut ids = BTreeSet::new();
            for item in &items {
                let s = as_text(item).ok_or_else(|| wrong("a list of strings"))?;
                let s = s.trim();
                if s.is_empty() {
                    continue;
                }
                if !refs.has(of, s) {
                    return Err(format!("{n} does not exist: {s}"));
                }
                ids.insert(s.to_owned());
            }
            if ids.len() > max {
                return Err(format!("{n} is limited to {max}"));
            }
            Ok(json!(ids))
        }
        Ty::Strs { nonempty } => {
            let items = if v.is_null() {
                vec![]
            } else {
                list_of(v).ok_or_else(|| wrong("a list"))?
            };
            let mut out = Vec::new();
            for item in &items {
                let s = as_text(item).ok_or_else(|| wrong("a list of strings"))?;
                let s = s.trim();
                if s.is_empty() {
                    if nonempty {
                        return Err(format!("{n} can't contain blank values"));
                    }
                    continue;
                }
                out.push(json!(s));
            }
            if nonempty && out.is_empty() {
                return Err(format!("{n} can't be empty"));
            }
            Ok(Value::Array(out))
        }
        Ty::Records(keys) => {
            let items = match v {
                Value::Null => vec![],
                Value::Array(a) => a.clone(),
                _ => return Err(wrong("a list of objects")),
            };
            let mut out = Vec::new();
            for item in &items {
                if item.as_str().is_some_and(|s| s.trim().is_empty()) {
                    // `signatures[]=`: how a Rails form empties the list.
                    continue;
                }
                let obj = item.as_object().ok_or_else(|| wrong("a list of objects"))?;
                let mut rec = Map::new();
                for (k, val) in obj {
                    if !keys.contains(&k.as_str()) {
                        continue;
                    }
                    let s = as_text(val).ok_or_else(|| format!("{n}[][{k}] must be a string"))?;
                    rec.insert(k.clone(), json!(s));
                }
                out.push(Value::Object(rec));
            }
            Ok(Value::Array(out))
        }
        Ty::Flags(keys) | Ty::Periods(keys) => {
            let obj = v.as_object().ok_or_else(|| wrong("a hash"))?;
            let mut merged = current
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for (k, val) in obj {
                if !keys.contains(&k.as_str()) {
                    continue;
                }
                let stored = if matches!(f.ty, Ty::Flags(_)) {
                    bool_of(val)
                        .map(Value::Bool)
                        .ok_or_else(|| format!("{n}[{k}] must be a boolean"))?
                } else {
                    let i = int_of(val)
                        .filter(|i| (0..=i128::from(i32::MAX)).contains(i))
                        .ok_or_else(|| {
                            format!("{n}[{k}] must be an integer between 0 and {}", i32::MAX)
                        })?;
                    json!(i as i64)
                };
                merged.insert(k.clone(), stored);
            }
            Ok(Value::Object(merged))
        }
        Ty::Secret => {
            let s = as_text(v).ok_or_else(|| wrong("a string"))?;
            Ok(json!(s))
        }
        Ty::Opaque => Ok(v.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct All;
    impl Refs for All {
        fn has(&self, _: RefKind, id: &str) -> bool {
            id != "nope"
        }
    }

    fn c(name: &str, v: Value) -> Result<Value, Invalid> {
        coerce(spec(name).unwrap(), &v, None, &All)
    }

    #[test]
    fn documented_constraints() {
        assert!(c("sla_threshold", json!("101")).is_err());
        assert!(c("sla_threshold", json!("-1")).is_err());
        assert_eq!(c("sla_threshold", json!("100")), Ok(json!(100)));
        assert!(c("imap_mailboxes_to_import", json!([])).is_err());
        assert!(c("imap_mailboxes_to_import", json!([""])).is_err());
        assert!(c("imap_mailboxes_to_import", json!(["INBOX", " "])).is_err());
        assert_eq!(
            c("imap_mailboxes_to_import", json!(["INBOX", "Support"])),
            Ok(json!(["INBOX", "Support"]))
        );
        assert!(c("sla_expired_strategy", json!("median")).is_err());
        assert!(c("intervention_messages_boost", json!("2147483648")).is_err());
        assert_eq!(
            c("intervention_messages_boost", json!("-2147483648")),
            Ok(json!(i32::MIN))
        );
        assert!(c("active", json!("yes")).is_err());
        assert!(c("color", json!("1.5")).is_err());
        assert!(c("name", json!("  ")).is_err());
        assert!(c("time_sheet_ids", json!(["a", "b"])).is_err());
        assert!(c("default_category_ids", json!(["nope"])).is_err());
    }

    #[test]
    fn server_shapes() {
        assert_eq!(c("signatures", json!([""])), Ok(json!([])));
        assert!(c("signatures", json!(["x"])).is_err());
        assert_eq!(c("from_name", json!("")), Ok(Value::Null));
        assert_eq!(c("name", json!("  Support  ")), Ok(json!("Support")));
        assert_eq!(
            c("default_category_ids", json!(["b", "a", "b"])),
            Ok(json!(["a", "b"]))
        );
        assert_eq!(c("default_category_ids", json!([""])), Ok(json!([])));
        let merged = coerce(
            spec("auto_response_trigger_enabled").unwrap(),
            &json!({"first_message_from_user": "true"}),
            Some(&json!({"out_of_office_hours_message": false})),
            &All,
        );
        assert_eq!(
            merged,
            Ok(json!({"first_message_from_user": true, "out_of_office_hours_message": false}))
        );
        assert_eq!(
            c(
                "signatures",
                json!([{"language": "fr", "body": "Cordialement", "x": "1"}])
            ),
            Ok(json!([{"language": "fr", "body": "Cordialement"}]))
        );
    }
}
