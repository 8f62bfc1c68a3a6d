//! SMTP diagnosis with lettre: resolve → connect → TLS → banner → EHLO → STARTTLS (and
//! EHLO again) → AUTH → optionally a test message to the channel's own address, fetched
//! back over IMAP and deleted. lettre's connection does connect+TLS+banner+EHLO in one
//! call and its timeout covers only TCP connect, so we bring our own (tapped) stream: the
//! banner is read here and replayed to lettre, which then runs EHLO, STARTTLS and AUTH.

use crate::explain;
use crate::imap;
use crate::net;
use crate::report::Protocol;
use crate::settings::{ImapSettings, Security, ServerSettings, SmtpSettings, Timeouts};
use crate::step::{Done, Failure, Recorder, Stop};
use crate::tap::{Conn, ReplyLog, Slot, Tap};
use crate::tls;
use crate::xoauth2;
use futures::TryStreamExt;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::commands::{Auth, Ehlo, Starttls};
use lettre::transport::smtp::extension::{ClientId, Extension, ServerInfo};
use lettre::Address;
use std::time::{Duration, Instant};
use switchboard_core::Msg;
use tokio::io::AsyncReadExt;

const P: Protocol = Protocol::Smtp;

pub fn plan(s: &ServerSettings, round_trip: bool) -> Vec<String> {
    let sec = s.security();
    let mut v = vec!["smtp.resolve", "smtp.connect"];
    if sec == Security::Tls {
        v.push("smtp.tls");
    }
    v.extend(["smtp.banner", "smtp.ehlo"]);
    if sec == Security::Starttls {
        v.push("smtp.starttls");
    }
    v.push(if s.uses_xoauth2() {
        "smtp.xoauth2"
    } else {
        "smtp.auth"
    });
    if round_trip {
        v.extend(["smtp.send", "smtp.roundtrip"]);
    }
    v.into_iter().map(String::from).collect()
}

fn client_id(helo: &str) -> ClientId {
    match helo.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => ClientId::Ipv4(a),
        Ok(std::net::IpAddr::V6(a)) => ClientId::Ipv6(a),
        Err(_) => ClientId::Domain(helo.to_owned()),
    }
}

/// Reads one complete SMTP reply (all `ddd-` lines and the final `ddd `), within the
/// step's byte limit (the tap stops an endless line).
async fn read_reply(tap: &mut Tap, log: &ReplyLog) -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        let n = match tap.read(&mut chunk).await {
            Ok(n) => n,
            Err(_) if log.overflowed() => return Err(explain::reply_too_long(P, log.limit())),
            Err(e) => return Err(explain::protocol_error(P, e)),
        };
        if n == 0 {
            return Err(explain::closed(P));
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.ends_with(b"\r\n") || buf.ends_with(b"\n") {
            let text = String::from_utf8_lossy(&buf);
            let last = text.trim_end().lines().last().unwrap_or("");
            if last.len() < 4 || last.as_bytes()[3] == b' ' {
                return Ok(buf);
            }
        }
    }
}

fn tls_done(s: &ServerSettings, conn: &Conn) -> Done {
    if !s.ssl_verify_mode.verifies() {
        let (m, f) = explain::verify_off(P);
        return Done::warn(m, &f);
    }
    match conn {
        Conn::Tls(t) => {
            let version = t
                .get_ref()
                .1
                .protocol_version()
                .map(|v| format!("{v:?}"))
                .unwrap_or_default();
            Done::note(Msg::new("mailcheck-note-tls").arg("version", version.replace('_', ".")))
        }
        Conn::Plain(_) => Done::default(),
    }
}

/// What an error means for the step at hand. Only a reply with a code can be about the
/// step (`otherwise`: a wrong password for AUTH, a refused HELO for EHLO); an error
/// without one is a dropped connection, an over-long reply or a protocol error, never
/// an explanation borrowed from the step.
fn reply_failure(
    e: &lettre::transport::smtp::Error,
    log: &ReplyLog,
    otherwise: Failure,
) -> Failure {
    let Some(code) = e.status().map(|c| c.to_string()) else {
        return no_reply(log, e);
    };
    let f = match code.as_str() {
        "535" => explain::auth_failed(P),
        "534" | "538" | "530" => explain::auth_needs_tls(P),
        "454" => explain::auth_unavailable(P),
        _ => otherwise,
    };
    f.with_reply(e.to_string())
}

/// An error that carries no SMTP reply code.
fn no_reply(log: &ReplyLog, e: &lettre::transport::smtp::Error) -> Failure {
    if log.overflowed() {
        explain::reply_too_long(P, log.limit())
    } else if log.saw_eof() || crate::tap::disconnected(e) {
        explain::dropped(P)
    } else {
        explain::protocol_error(P, e)
    }
}

/// What an SMTP step may read: under lettre's own cap on one reply (100,000 bytes), so
/// an endless EHLO continuation is named by the tap ("reply too long") rather than by a
/// generic error from lettre.
const SMTP_STEP_BYTES: usize = 96 * 1024;

pub struct RoundTrip<'a> {
    pub address: &'a str,
    pub imap: &'a ImapSettings,
}

pub async fn diagnose(
    s: &SmtpSettings,
    round_trip: Option<RoundTrip<'_>>,
    rec: &mut Recorder<'_>,
    t: &Timeouts,
) -> Result<(), Stop> {
    let srv = &s.server;
    let sec = srv.security();
    let tcp = net::resolve_and_connect(P, &srv.host, srv.port, rec, t).await?;
    let conn = if sec == Security::Tls {
        rec.run(
            "smtp.tls",
            t.step(),
            |d| explain::tls_timeout(P, d),
            async {
                let conn = tls::handshake(tcp, srv, P).await?;
                let done = tls_done(srv, &conn);
                Ok((conn, done))
            },
        )
        .await?
    } else {
        Conn::Plain(tcp)
    };
    let log = rec.replies.clone();
    log.set_default_limit(SMTP_STEP_BYTES);
    let mut tap = Tap::new(conn, log.clone());
    let banner = rec
        .run(
            "smtp.banner",
            t.step(),
            |d| explain::greeting_timeout(P, sec == Security::Tls, d),
            async {
                let b = read_reply(&mut tap, &log).await?;
                match &b[..3.min(b.len())] {
                    b"220" => Ok((b, Done::default())),
                    b"554" | b"421" => Err(explain::greeting_refused(P)),
                    _ => Err(explain::greeting_unexpected(P)),
                }
            },
        )
        .await?;
    let slot = Slot::new(tap, banner);
    let helo = client_id(&s.helo());
    let (mut conn, mut info) = rec
        .run(
            "smtp.ehlo",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                let conn =
                    AsyncSmtpConnection::connect_with_transport(Box::new(slot.clone()), &helo)
                        .await
                        .map_err(|e| reply_failure(&e, &log, explain::ehlo_rejected(P)))?;
                let info = conn.server_info().clone();
                Ok(((conn, info), Done::default()))
            },
        )
        .await?;
    if sec == Security::Starttls {
        info = rec
            .run(
                "smtp.starttls",
                t.step(),
                |d| explain::tls_timeout(P, d),
                async {
                    if !info.supports_feature(Extension::StartTls) {
                        return Err(explain::starttls_not_offered(P));
                    }
                    conn.command(Starttls).await.map_err(|e| match e.status() {
                        // Advertised (checked above), then refused when asked.
                        Some(_) => explain::starttls_refused(P).with_reply(e.to_string()),
                        None => no_reply(&log, &e),
                    })?;
                    // RFC 3207 §6: nothing may come between the server's "go ahead" and
                    // the handshake. Lettre was handed one line at a time, so anything
                    // sent after that reply is still in the slot: refuse it.
                    let injected = slot.take_unread();
                    if !injected.is_empty() {
                        return Err(explain::starttls_injection(P)
                            .with_reply(String::from_utf8_lossy(&injected).into_owned()));
                    }
                    let (plain, log) = slot.take_stream().expect("stream present").into_parts();
                    let Conn::Plain(tcp) = plain else {
                        unreachable!("STARTTLS runs on plain TCP")
                    };
                    let tls = tls::handshake(tcp, srv, P)
                        .await
                        .map_err(|f| tls::after_starttls(P, f))?;
                    let done = tls_done(srv, &tls);
                    slot.put_stream(Tap::new(tls, log.clone()));
                    // RFC 3207: forget what was learnt before TLS and ask again.
                    let resp = conn
                        .command(Ehlo::new(helo.clone()))
                        .await
                        .map_err(|e| reply_failure(&e, &log, explain::ehlo_rejected(P)))?;
                    let info = ServerInfo::from_response(&resp)
                        .map_err(|e| explain::protocol_error(P, e))?;
                    Ok((info, done))
                },
            )
            .await?;
    }
    if srv.uses_xoauth2() {
        let encrypted = sec != Security::None;
        rec.run(
            "smtp.xoauth2",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                let token = xoauth2::token(srv, P)?;
                if !info.supports_auth_mechanism(Mechanism::Xoauth2) {
                    return Err(xoauth2::not_offered(P, encrypted));
                }
                let fail = |e: lettre::transport::smtp::Error| {
                    reply_failure(&e, &log, xoauth2::rejected(P, &srv.username))
                };
                let resp = xoauth2::smtp::authenticate(&mut conn, &srv.username, token)
                    .await
                    .map_err(|e| match e.status().map(|c| c.to_string()).as_deref() {
                        // 535: the token was refused (not a password to check).
                        Some("535") => {
                            xoauth2::rejected(P, &srv.username).with_reply(e.to_string())
                        }
                        _ => fail(e),
                    })?;
                if !resp.has_code(235) {
                    return Err(xoauth2::rejected(P, &srv.username));
                }
                Ok(((), Done::default()))
            },
        )
        .await?;
    } else if srv.username.trim().is_empty() {
        rec.skip("smtp.auth", Msg::new("mailcheck-auth-skipped-no-username"));
    } else {
        let encrypted = sec != Security::None;
        rec.run(
            "smtp.auth",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                let Some(mech) = info.get_auth_mechanism(&[Mechanism::Plain, Mechanism::Login])
                else {
                    return Err(if encrypted {
                        explain::auth_no_mechanism(P)
                    } else {
                        explain::auth_needs_tls(P)
                    });
                };
                let creds = Credentials::new(srv.username.clone(), srv.password.expose().clone());
                let fail = |e: lettre::transport::smtp::Error| {
                    reply_failure(&e, &log, explain::auth_failed(P))
                };
                let mut resp = conn
                    .command(Auth::new(mech, creds.clone(), None).map_err(fail)?)
                    .await
                    .map_err(fail)?;
                // PLAIN takes one round and LOGIN two: a server still asking after ten
                // is looping, which is not a wrong password.
                let mut rounds = 0;
                while resp.has_code(334) {
                    rounds += 1;
                    if rounds > 10 {
                        return Err(explain::auth_loop(P));
                    }
                    let next = Auth::new_from_response(mech, creds.clone(), &resp).map_err(fail)?;
                    resp = conn.command(next).await.map_err(fail)?;
                }
                if !resp.has_code(235) {
                    return Err(explain::auth_failed(P));
                }
                Ok(((), Done::default()))
            },
        )
        .await?;
    }
    if let Some(rt) = round_trip {
        let id = uuid::Uuid::new_v4().to_string();
        rec.run(
            "smtp.send",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                let addr: Address = rt
                    .address
                    .trim()
                    .parse()
                    .map_err(|_| explain::send_rejected())?;
                let envelope = Envelope::new(Some(addr.clone()), vec![addr])
                    .map_err(|e| explain::protocol_error(P, e))?;
                let message = test_message(rt.address.trim(), &id);
                conn.send(&envelope, message.as_bytes())
                    .await
                    .map_err(|e| reply_failure(&e, &log, explain::send_rejected()))?;
                Ok(((), Done::default()))
            },
        )
        .await?;
        rec.run(
            "smtp.roundtrip",
            t.round_trip(),
            explain::round_trip_timeout,
            async {
                let start = Instant::now();
                fetch_and_delete(&rt.imap.server, &id).await?;
                let note = Msg::new("mailcheck-note-roundtrip").arg(
                    "seconds",
                    (start.elapsed().as_millis() as f64 / 100.0).round() / 10.0,
                );
                Ok(((), Done::note(note)))
            },
        )
        .await?;
    }
    let _ = rec
        .shared
        .cancel
        .run_until_cancelled(tokio::time::timeout(Duration::from_secs(2), conn.quit()))
        .await;
    Ok(())
}

/// The test message: addressed to the channel itself and marked so that no auto-responder
/// answers it (RFC 3834 Auto-Submitted) and Switchboard can find and delete it.
pub fn test_message(address: &str, id: &str) -> String {
    format!(
        "From: Switchboard <{address}>\r\n\
         To: <{address}>\r\n\
         Subject: Switchboard connection test\r\n\
         Message-ID: <{id}@switchboard.invalid>\r\n\
         Auto-Submitted: auto-generated\r\n\
         X-Auto-Response-Suppress: All\r\n\
         Precedence: bulk\r\n\
         X-Switchboard-Test: {id}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         This message was sent by Switchboard to test the channel's settings.\r\n\
         It is deleted automatically once received.\r\n"
    )
}

/// Waits for the test message in INBOX, then deletes it (flag + expunge).
async fn fetch_and_delete(s: &ServerSettings, id: &str) -> Result<(), Failure> {
    let mut session = imap::quiet_session(s).await.map_err(|e| {
        Failure::new(
            Msg::new("mailcheck-roundtrip-imap-failed").arg("error", e),
            &[],
        )
    })?;
    let query = format!("HEADER X-Switchboard-Test {id}");
    loop {
        session
            .select("INBOX")
            .await
            .map_err(|e| explain::protocol_error(Protocol::Imap, e))?;
        let found = session
            .uid_search(&query)
            .await
            .map_err(|e| explain::protocol_error(Protocol::Imap, e))?;
        if !found.is_empty() {
            let set = found
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let _: Vec<_> = session
                .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
                .await
                .map_err(|e| explain::protocol_error(Protocol::Imap, e))?
                .try_collect()
                .await
                .map_err(|e| explain::protocol_error(Protocol::Imap, e))?;
            let _: Vec<_> = session
                .expunge()
                .await
                .map_err(|e| explain::protocol_error(Protocol::Imap, e))?
                .try_collect()
                .await
                .map_err(|e| explain::protocol_error(Protocol::Imap, e))?;
            let _ = session.logout().await;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_message_carries_loop_protection_headers() {
        let m = test_message("a@b.test", "42");
        assert!(m.contains("\r\nAuto-Submitted: auto-generated\r\n"));
        assert!(m.contains("\r\nX-Switchboard-Test: 42\r\n"));
        assert!(m.contains("\r\n\r\n"), "headers end before the body");
    }

    #[test]
    fn helo_names_become_client_ids() {
        assert!(matches!(client_id("127.0.0.1"), ClientId::Ipv4(_)));
        assert!(
            matches!(client_id("mail.example.com"), ClientId::Domain(d) if d == "mail.example.com")
        );
    }
}
