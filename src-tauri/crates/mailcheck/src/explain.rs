//! Failures in the user's terms: a Fluent message (what happened + what to do) and the
//! form fields to highlight. One function per situation, so the same cause always reads
//! the same in IMAP and SMTP, and tests can assert on ids and fields, never on text.

use crate::report::Protocol;
use crate::step::Failure;
use std::time::Duration;
use switchboard_core::Msg;

/// `imap` + `port` → `imap.port`.
pub fn field(proto: Protocol, name: &str) -> String {
    format!("{}.{name}", proto.as_str())
}

fn fields(proto: Protocol, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| field(proto, n)).collect()
}

fn fail(id: &str, proto: Protocol, names: &[&str]) -> Failure {
    Failure::new(
        Msg::new(id).arg("protocol", proto.as_str().to_uppercase()),
        &fields(proto, names),
    )
}

fn secs(d: Duration) -> f64 {
    (d.as_secs_f64() * 10.0).round() / 10.0
}

pub fn bad_host(proto: Protocol, host: &str) -> Failure {
    let mut f = fail("mailcheck-host-invalid", proto, &["host"]);
    f.message = f.message.arg("host", host);
    f
}

pub fn bad_port(proto: Protocol) -> Failure {
    fail("mailcheck-port-invalid", proto, &["port"])
}

pub fn resolve(proto: Protocol, host: &str) -> Failure {
    let mut f = fail("mailcheck-resolve-failed", proto, &["host"]);
    f.message = f.message.arg("host", host);
    f
}

pub fn connect(proto: Protocol, e: &std::io::Error) -> Failure {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => fail("mailcheck-connect-refused", proto, &["host", "port"]),
        NetworkUnreachable | HostUnreachable => {
            fail("mailcheck-connect-unreachable", proto, &["host"])
        }
        kind => {
            // The OS's own text ("Connection reset by peer (os error 104)") is English and
            // technical: the message names the cause in the user's language instead.
            let cause = match kind {
                ConnectionReset => "reset",
                ConnectionAborted | BrokenPipe | UnexpectedEof => "aborted",
                TimedOut => "timed-out",
                PermissionDenied => "permission",
                AddrNotAvailable | AddrInUse => "address",
                _ => "other",
            };
            let mut f = fail("mailcheck-connect-failed", proto, &["host", "port"]);
            f.message = f.message.arg("cause", cause);
            f
        }
    }
}

pub fn connect_timeout(proto: Protocol, d: Duration) -> Failure {
    let mut f = fail("mailcheck-connect-timeout", proto, &["host", "port"]);
    f.message = f.message.arg("seconds", secs(d));
    f
}

pub fn ca_file(proto: Protocol, path: &str, error: &str) -> Failure {
    let mut f = fail("mailcheck-ca-file-unreadable", proto, &["ca_file"]);
    f.message = f.message.arg("path", path).arg("error", error);
    f
}

/// A certificate that does not verify; `kind` names the problem (unknown-issuer, expired,
/// not-yet-valid, revoked, invalid).
pub fn cert(proto: Protocol, kind: &str) -> Failure {
    fail(
        &format!("mailcheck-cert-{kind}"),
        proto,
        &["ssl_verify_mode"],
    )
}

pub fn cert_name(proto: Protocol) -> Failure {
    fail(
        "mailcheck-cert-name-mismatch",
        proto,
        &["host", "ssl_verify_mode"],
    )
}

pub fn tls_to_plain_port(proto: Protocol) -> Failure {
    fail(
        "mailcheck-tls-plaintext-port",
        proto,
        &["use_ssl_tls", "port"],
    )
}

pub fn tls_refused(proto: Protocol) -> Failure {
    fail(
        "mailcheck-tls-refused",
        proto,
        &["use_ssl_tls", "use_start_tls", "port"],
    )
}

pub fn tls_closed(proto: Protocol) -> Failure {
    fail("mailcheck-tls-closed", proto, &["use_ssl_tls", "port"])
}

pub fn tls_other(proto: Protocol) -> Failure {
    fail(
        "mailcheck-tls-failed",
        proto,
        &["use_ssl_tls", "ssl_verify_mode"],
    )
}

pub fn tls_timeout(proto: Protocol, d: Duration) -> Failure {
    let mut f = fail("mailcheck-tls-timeout", proto, &["use_ssl_tls", "port"]);
    f.message = f.message.arg("seconds", secs(d));
    f
}

/// Verification off: the step passes, with a warning the user cannot miss.
pub fn verify_off(proto: Protocol) -> (Msg, Vec<String>) {
    (
        Msg::new("mailcheck-verify-off").arg("protocol", proto.as_str().to_uppercase()),
        fields(proto, &["ssl_verify_mode"]),
    )
}

/// No greeting in time: on a plaintext connection this is the classic sign of a port
/// that expects TLS from the first byte.
pub fn greeting_timeout(proto: Protocol, tls: bool, d: Duration) -> Failure {
    let id = if tls {
        "mailcheck-greeting-timeout"
    } else {
        "mailcheck-greeting-timeout-plain"
    };
    let mut f = fail(id, proto, &["use_ssl_tls", "port"]);
    f.message = f.message.arg("seconds", secs(d));
    f
}

pub fn greeting_unexpected(proto: Protocol) -> Failure {
    fail("mailcheck-greeting-unexpected", proto, &["host", "port"])
}

pub fn greeting_refused(proto: Protocol) -> Failure {
    fail("mailcheck-greeting-refused", proto, &["host"])
}

pub fn closed(proto: Protocol) -> Failure {
    fail(
        "mailcheck-connection-closed",
        proto,
        &["use_ssl_tls", "port"],
    )
}

pub fn starttls_not_offered(proto: Protocol) -> Failure {
    fail(
        "mailcheck-starttls-not-offered",
        proto,
        &["use_start_tls", "use_ssl_tls", "port"],
    )
}

pub fn auth_failed(proto: Protocol) -> Failure {
    fail("mailcheck-auth-failed", proto, &["username", "password"])
}

pub fn auth_needs_tls(proto: Protocol) -> Failure {
    fail(
        "mailcheck-auth-needs-tls",
        proto,
        &["use_ssl_tls", "use_start_tls"],
    )
}

pub fn auth_no_mechanism(proto: Protocol) -> Failure {
    fail(
        "mailcheck-auth-no-mechanism",
        proto,
        &["use_ssl_tls", "use_start_tls"],
    )
}

pub fn auth_unavailable(proto: Protocol) -> Failure {
    fail("mailcheck-auth-unavailable", proto, &["host"])
}

pub fn ehlo_rejected(proto: Protocol) -> Failure {
    fail("mailcheck-ehlo-rejected", proto, &["helo_domain"])
}

/// STARTTLS was advertised (or at least not refused as unknown) but the server said no
/// when asked: "not offered" would send the user looking for the wrong setting.
pub fn starttls_refused(proto: Protocol) -> Failure {
    fail(
        "mailcheck-starttls-refused",
        proto,
        &["use_start_tls", "use_ssl_tls", "host"],
    )
}

/// The server agreed to STARTTLS, then did not start TLS (plain text, a close, garbage).
/// "Use STARTTLS" is no advice here: it is already in use.
pub fn starttls_broken(proto: Protocol) -> Failure {
    fail(
        "mailcheck-starttls-broken",
        proto,
        &["use_start_tls", "host"],
    )
}

/// Bytes arrived after the server agreed to STARTTLS and before the TLS handshake: they
/// would be read as if they came over TLS (reply injection, RFC 3207 §6). The test stops.
pub fn starttls_injection(proto: Protocol) -> Failure {
    fail("mailcheck-starttls-injection", proto, &["host"])
}

/// A reply bigger than any honest one (an endless LIST, EHLO continuation or line).
pub fn reply_too_long(proto: Protocol, limit: usize) -> Failure {
    let mut f = fail("mailcheck-reply-too-long", proto, &["host", "port"]);
    f.message = f.message.arg("kib", (limit / 1024) as u64);
    f
}

/// The step ran out of time while the server was still sending: garbage with no end of
/// line, a line that never ends, a drip. Not "said nothing": the bytes are shown.
pub fn reply_incomplete(proto: Protocol, d: Duration, bytes: usize) -> Failure {
    let mut f = fail("mailcheck-reply-incomplete", proto, &["host", "port"]);
    f.message = f.message.arg("seconds", secs(d)).arg("bytes", bytes as u64);
    f
}

/// AUTH challenges that never end (PLAIN needs one round, LOGIN two).
pub fn auth_loop(proto: Protocol) -> Failure {
    fail("mailcheck-auth-loop", proto, &["host"])
}

/// The server closed the connection after it had started talking (during EHLO, AUTH,
/// LOGIN...): not a wrong password, not a wrong HELO domain.
pub fn dropped(proto: Protocol) -> Failure {
    fail("mailcheck-connection-dropped", proto, &["host"])
}

pub fn protocol_error(proto: Protocol, error: impl std::fmt::Display) -> Failure {
    let mut f = fail("mailcheck-protocol-error", proto, &[]);
    f.message = f.message.arg("error", error.to_string());
    f
}

pub fn step_timeout(proto: Protocol, d: Duration) -> Failure {
    let mut f = fail("mailcheck-step-timeout", proto, &[]);
    f.message = f.message.arg("seconds", secs(d));
    f
}

pub fn folder_missing(folder: &str, field_name: &str) -> Failure {
    Failure::new(
        Msg::new("mailcheck-folder-missing").arg("folder", folder),
        &[field(Protocol::Imap, field_name)],
    )
}

pub fn send_rejected() -> Failure {
    Failure::new(
        Msg::new("mailcheck-send-rejected"),
        &[
            "imap_smtp.email".to_owned(),
            field(Protocol::Smtp, "username"),
        ],
    )
}

pub fn round_trip_timeout(d: Duration) -> Failure {
    Failure::new(
        Msg::new("mailcheck-roundtrip-timeout").arg("seconds", secs(d)),
        &["imap_smtp.email".to_owned()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::step::Recorder;
    use crate::{imap, postmark, smtp};

    /// Ids built at run time (step labels, certificate problems) escape the i18n crate's
    /// scan for `Msg::new("…")`: check them here, in both languages.
    #[test]
    fn dynamic_ids_exist_in_both_languages() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../i18n");
        let read = |lang: &str| {
            ["mailcheck.ftl", "oauth-mail.ftl"]
                .iter()
                .map(|f| std::fs::read_to_string(dir.join(lang).join(f)).unwrap())
                .collect::<String>()
        };
        let (en, fr) = (read("en"), read("fr"));
        let mut ids: Vec<String> = [
            "unknown-issuer",
            "expired",
            "not-yet-valid",
            "revoked",
            "invalid",
        ]
        .iter()
        .map(|k| cert(Protocol::Imap, k).message.id)
        .collect();
        let server = crate::settings::ServerSettings {
            host: "h".into(),
            port: 1,
            username: String::new(),
            password: Default::default(),
            use_ssl_tls: false,
            use_start_tls: false,
            ssl_verify_mode: Default::default(),
            ca_file: None,
            authentication_type: Default::default(),
            oauth: None,
        };
        let mut keys = Vec::new();
        for (use_ssl_tls, use_start_tls, authentication_type) in [
            (true, false, crate::AuthType::Basic),
            (false, true, crate::AuthType::MicrosoftIdentityPlatform),
        ] {
            let s = crate::settings::ServerSettings {
                use_ssl_tls,
                use_start_tls,
                authentication_type,
                ..server.clone()
            };
            keys.extend(imap::plan(&s));
            keys.extend(smtp::plan(&s, true));
        }
        keys.extend(postmark::plan());
        keys.push("imap.select:INBOX".into());
        ids.extend(keys.iter().map(|k| Recorder::label(k).id));
        for id in ids {
            for (lang, text) in [("en", &en), ("fr", &fr)] {
                assert!(
                    text.contains(&format!("\n{id} =")),
                    "{id} missing in {lang}/mailcheck.ftl"
                );
            }
        }
    }

    #[test]
    fn a_failed_connection_names_its_cause_not_the_os_text() {
        use std::io::{Error, ErrorKind};
        for (kind, cause) in [
            (ErrorKind::ConnectionReset, "reset"),
            (ErrorKind::ConnectionAborted, "aborted"),
            (ErrorKind::TimedOut, "timed-out"),
            (ErrorKind::PermissionDenied, "permission"),
            (ErrorKind::Other, "other"),
        ] {
            let e = Error::new(kind, "Connection reset by peer (os error 104)");
            let f = connect(Protocol::Imap, &e);
            assert_eq!(f.message.id, "mailcheck-connect-failed");
            assert_eq!(
                f.message.args["cause"],
                switchboard_core::Arg::Str(cause.into())
            );
            assert!(
                !f.message.args.contains_key("error"),
                "no OS text in {kind:?}"
            );
        }
    }

    #[test]
    fn fields_are_dotted_paths_of_the_protocol() {
        let f = auth_failed(Protocol::Smtp);
        assert_eq!(f.fields, vec!["smtp.username", "smtp.password"]);
        assert_eq!(
            cert_name(Protocol::Imap).fields,
            vec!["imap.host", "imap.ssl_verify_mode"]
        );
        assert_eq!(
            tls_to_plain_port(Protocol::Imap).fields,
            vec!["imap.use_ssl_tls", "imap.port"]
        );
        assert_eq!(
            f.message.args["protocol"],
            switchboard_core::Arg::Str("SMTP".into())
        );
    }
}
