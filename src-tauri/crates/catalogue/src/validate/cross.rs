//! Rules that tie several fields of one channel together.

use super::formats::{country_code_digits, phone_digits};
use super::Ctx;
use crate::kinds::{email, engage_messaging, tapatalk};
use crate::model::Kind;
use serde_json::Value;
use switchboard_core::Msg;

/// E.164: a full international number has at most 15 digits.
pub const MAX_PHONE_DIGITS: usize = 15;

fn on(ctx: &Ctx, path: &str) -> bool {
    ctx.value(path) == Some(&Value::Bool(true))
}

pub fn check(ctx: &mut Ctx, kind: Kind) {
    match kind {
        Kind::Email => email_rules(ctx),
        Kind::EngageMessaging => scope_rule(ctx),
        Kind::Whatsapp => phone_length_rule(ctx),
        Kind::Tapatalk => tapatalk_rule(ctx),
        _ => {}
    }
}

fn email_rules(ctx: &mut Ctx) {
    if ctx.eval(&email::imap_mode()) {
        for server in ["imap", "smtp"] {
            if on(ctx, &format!("{server}.use_ssl_tls"))
                && on(ctx, &format!("{server}.use_start_tls"))
            {
                ctx.push(format!("{server}.use_start_tls"), Msg::new("val-tls-both"));
            }
        }
    }
    // In Postmark or hybrid mode, Postmark itself must be switched on.
    if ctx.eval(&email::postmark_mode()) && !on(ctx, "postmark.enabled") {
        ctx.push("postmark.enabled", Msg::new("val-postmark-disabled"));
    }
}

/// Engage Messaging needs at least one of its four scopes.
fn scope_rule(ctx: &mut Ctx) {
    if !engage_messaging::SCOPES.iter().any(|p| on(ctx, p)) {
        ctx.push("scope", Msg::new("val-scope-required"));
    }
}

fn phone_length_rule(ctx: &mut Ctx) {
    let cc = ctx
        .value("whatsapp.country_code")
        .and_then(Value::as_str)
        .and_then(country_code_digits);
    let ph = ctx
        .value("whatsapp.phone")
        .and_then(Value::as_str)
        .and_then(phone_digits);
    if let (Some(a), Some(b)) = (cc, ph) {
        if a + b > MAX_PHONE_DIGITS {
            ctx.push(
                "whatsapp.phone",
                Msg::new("val-phone-too-long").arg("max", MAX_PHONE_DIGITS),
            );
        }
    }
}

/// Tapatalk imports a content type only when its offset is not zero: all three at zero
/// means the channel would import nothing.
fn tapatalk_rule(ctx: &mut Ctx) {
    let all_zero = tapatalk::OFFSETS.iter().all(|o| {
        ctx.value(&format!("tapatalk.{o}"))
            .and_then(Value::as_f64)
            .is_some_and(|n| n == 0.0)
    });
    if all_zero {
        ctx.push(
            "tapatalk.post_offset",
            Msg::new("val-tapatalk-nothing-imported"),
        );
    }
}
