//! The checks every declaration implies: type, range, format, required / required-when,
//! visibility, list items, record uniqueness, and "no secret in the document".

use super::formats::*;
use super::Ctx;
use crate::model::{Field, FieldType, Section};
use serde_json::{Map, Value};
use std::collections::HashSet;
use switchboard_core::{Arg, Msg};

fn label(f: &Field) -> Arg {
    Msg::new(f.label.clone()).into()
}

/// `msg` about field `f`, with the field's label as `$field`.
fn about(f: &Field, id: &str) -> Msg {
    Msg::new(id).arg("field", label(f))
}

pub fn check_section(ctx: &mut Ctx, section: &Section, value: Option<&Value>) {
    if section.visible_when.as_ref().is_some_and(|r| !ctx.eval(r)) {
        return;
    }
    let empty = Map::new();
    if section.repeat {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                check_records(ctx, &section.id, &section.fields, &section.unique_by, items)
            }
            Some(_) => ctx.push(section.id.clone(), Msg::new("val-expect-list")),
        }
        return;
    }
    let obj = match value {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(m)) => m,
        Some(_) => {
            ctx.push(section.id.clone(), Msg::new("val-expect-object"));
            return;
        }
    };
    for f in &section.fields {
        check_field(ctx, f, &f.path, Some(obj.get(&f.key).unwrap_or(&f.default)));
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Checks one value at `path` against its declaration.
pub fn check_field(ctx: &mut Ctx, f: &Field, path: &str, value: Option<&Value>) {
    if f.visible_when.as_ref().is_some_and(|r| !ctx.eval(r)) {
        return;
    }
    let required = f.required || f.required_when.as_ref().is_some_and(|r| ctx.eval(r));
    if f.secret {
        if value.is_some_and(|v| !v.is_null()) {
            ctx.push(path, about(f, "val-secret-in-document"));
        }
        if required && !(ctx.secret_is_set)(path) {
            ctx.push(path, about(f, "err-required"));
        }
        return;
    }
    if matches!(f.ty, FieldType::Action { .. }) {
        return;
    }
    let v = match value {
        Some(v) if !is_empty(v) => v,
        _ => {
            if required {
                ctx.push(path, about(f, "err-required"));
            }
            return;
        }
    };
    check_value(ctx, f, &f.ty, path, v);
}

fn check_number(ctx: &mut Ctx, f: &Field, path: &str, n: f64, min: Option<f64>, max: Option<f64>) {
    let low = min.is_some_and(|m| n < m);
    let high = max.is_some_and(|m| n > m);
    if !(low || high) {
        return;
    }
    let msg = match (min, max) {
        (Some(a), Some(b)) => about(f, "err-number-range").arg("min", a).arg("max", b),
        (Some(a), None) => about(f, "err-number-min").arg("min", a),
        (None, Some(b)) => about(f, "val-number-max").arg("max", b),
        (None, None) => unreachable!("no bound, no error"),
    };
    ctx.push(path, msg);
}

fn check_value(ctx: &mut Ctx, f: &Field, ty: &FieldType, path: &str, v: &Value) {
    let text = v.as_str();
    // Every string-typed field first needs a string.
    let wants_text = !matches!(
        ty,
        FieldType::Bool
            | FieldType::Int { .. }
            | FieldType::Decimal { .. }
            | FieldType::List { .. }
            | FieldType::Records { .. }
            | FieldType::Reference { multiple: true, .. }
    );
    if wants_text && text.is_none() {
        ctx.push(path, about(f, "val-expect-text"));
        return;
    }
    let s = text.unwrap_or("");
    let format_ok = |ok: bool, id: &str, ctx: &mut Ctx| {
        if !ok {
            ctx.push(path, about(f, id));
        }
    };
    match ty {
        FieldType::Bool => {
            if !v.is_boolean() {
                ctx.push(path, about(f, "val-expect-bool"));
            }
        }
        FieldType::Int { min, max } => match v.as_f64() {
            Some(n) if n.fract() == 0.0 => check_number(
                ctx,
                f,
                path,
                n,
                min.map(|x| x as f64),
                max.map(|x| x as f64),
            ),
            _ => ctx.push(path, about(f, "val-expect-integer")),
        },
        FieldType::Decimal { min, max, .. } => match v.as_f64() {
            Some(n) => check_number(ctx, f, path, n, *min, *max),
            None => ctx.push(path, about(f, "val-expect-number")),
        },
        FieldType::Text {
            max_len, multiline, ..
        } => {
            if let Some(max) = max_len {
                if s.chars().count() > *max as usize {
                    ctx.push(path, about(f, "err-text-too-long").arg("max", *max));
                }
            }
            // ESC, BEL, NUL, CR... in a name clear terminals and forge rows in lists;
            // a multi-line text keeps its line breaks and tabs, nothing else.
            let allowed = |c: char| *multiline && matches!(c, '\n' | '\r' | '\t');
            if s.chars().any(|c| c.is_control() && !allowed(c)) {
                ctx.push(path, about(f, "val-control-characters"));
            }
        }
        FieldType::Code { .. } | FieldType::Secret { .. } | FieldType::Action { .. } => {}
        FieldType::Enum { options } => {
            format_ok(options.iter().any(|o| o.value == s), "val-enum", ctx)
        }
        FieldType::Email => format_ok(is_email(s), "val-email", ctx),
        FieldType::Domain => format_ok(is_domain(s), "val-domain", ctx),
        FieldType::Host => format_ok(is_host(s), "val-host", ctx),
        FieldType::Url => format_ok(is_url(s), "val-url", ctx),
        FieldType::HexColour => format_ok(is_hex_colour(s), "val-hex-colour", ctx),
        FieldType::Uuid => format_ok(is_uuid(s), "val-uuid", ctx),
        FieldType::Phone => format_ok(phone_digits(s).is_some(), "val-phone", ctx),
        FieldType::CountryCode => {
            format_ok(country_code_digits(s).is_some(), "val-country-code", ctx)
        }
        FieldType::Duration => format_ok(parse_duration(s).is_some(), "val-duration", ctx),
        FieldType::TwitterUser => format_ok(is_twitter_user(s), "val-twitter-user", ctx),
        FieldType::NumericId => format_ok(is_numeric_id(s), "val-numeric-id", ctx),
        FieldType::Reference {
            multiple: false, ..
        } => {}
        FieldType::Reference { max_items, .. } => {
            let Some(items) = v.as_array() else {
                ctx.push(path, about(f, "val-expect-list"));
                return;
            };
            if items.iter().any(|i| !i.is_string()) {
                ctx.push(path, about(f, "val-expect-text"));
            }
            if let Some(max) = max_items {
                if items.len() > *max as usize {
                    ctx.push(path, about(f, "val-list-too-long").arg("max", *max));
                }
            }
        }
        FieldType::Image {
            accept, max_bytes, ..
        } => match data_url(s) {
            Some((media, _)) if !accept.iter().any(|a| a == media) => {
                ctx.push(path, about(f, "val-image-format"))
            }
            Some((_, size)) if size > *max_bytes as usize => ctx.push(
                path,
                about(f, "val-image-too-large").arg("max_kb", *max_bytes / 1024),
            ),
            Some(_) => {}
            None => ctx.push(path, about(f, "val-image-format")),
        },
        FieldType::List { item, .. } => {
            let Some(items) = v.as_array() else {
                ctx.push(path, about(f, "val-expect-list"));
                return;
            };
            let mut seen = HashSet::new();
            for (i, it) in items.iter().enumerate() {
                let p = format!("{path}.{i}");
                if is_empty(it) {
                    ctx.push(p, about(f, "err-required"));
                    continue;
                }
                check_value(ctx, f, item, &p, it);
                if let Some(s) = it.as_str() {
                    if !seen.insert(s.trim().to_lowercase()) {
                        ctx.push(p, about(f, "val-duplicate-value").arg("value", s));
                    }
                }
            }
        }
        FieldType::Records { fields, unique_by } => match v.as_array() {
            Some(items) => check_records(ctx, path, fields, unique_by, items),
            None => ctx.push(path, about(f, "val-expect-list")),
        },
    }
}

/// Items of a list of records: each field of each item, then uniqueness (one signature
/// per language, …).
pub fn check_records(
    ctx: &mut Ctx,
    path: &str,
    fields: &[Field],
    unique_by: &[String],
    items: &[Value],
) {
    use std::fmt::Write;
    let mut seen: HashSet<String> = HashSet::new();
    // One buffer for the item paths: this loop runs for every record of every channel.
    let mut p = String::with_capacity(path.len() + 16);
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            ctx.push(format!("{path}.{i}"), Msg::new("val-expect-object"));
            continue;
        };
        for f in fields {
            p.clear();
            let _ = write!(p, "{path}.{i}.{}", f.key);
            check_field(ctx, f, &p, Some(obj.get(&f.key).unwrap_or(&f.default)));
        }
        if unique_by.is_empty() {
            continue;
        }
        let key: Vec<&Value> = unique_by
            .iter()
            .map(|k| {
                obj.get(k)
                    .or_else(|| fields.iter().find(|f| &f.key == k).map(|f| &f.default))
                    .unwrap_or(&Value::Null)
            })
            .collect();
        if key.iter().any(|v| is_empty(v)) {
            continue;
        }
        let mut signature = String::new();
        for v in &key {
            signature.push_str(&value_text(v));
            signature.push('\u{1f}');
        }
        if !seen.insert(signature) {
            let first = &unique_by[0];
            let msg = if unique_by.len() == 1 && first == "language" {
                Msg::new("val-duplicate-language").arg("language", value_text(key[0]))
            } else {
                Msg::new("val-duplicate-record")
            };
            ctx.push(format!("{path}.{i}.{first}"), msg);
        }
    }
}

fn value_text(v: &Value) -> String {
    v.as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| v.to_string())
}
