//! IMAP diagnosis with async-imap: resolve → connect → TLS → greeting → STARTTLS →
//! CAPABILITY → LOGIN → LIST → EXAMINE of each folder to synchronize and of the Sent
//! folder. async-imap has no connect helper and no timeouts: we bring the stream (tapped,
//! so each step can show the server's words) and every step runs under `Recorder::run`.

use crate::explain;
use crate::net;
use crate::report::Folder;
use crate::settings::{ImapSettings, Security, ServerSettings, Timeouts};
use crate::step::{Done, Failure, Recorder, Stop};
use crate::tap::{Conn, ReplyLog, Tap};
use crate::tls;
use async_imap::error::Error as ImapError;
use async_imap::imap_proto::NameAttribute;
use futures::TryStreamExt;
use switchboard_core::Msg;

pub type Client = async_imap::Client<Tap>;
pub type Session = async_imap::Session<Tap>;

const P: &str = "imap";

pub fn plan(s: &ServerSettings) -> Vec<String> {
    let sec = s.security();
    let mut v = vec!["imap.resolve", "imap.connect"];
    if sec == Security::Tls {
        v.push("imap.tls");
    }
    v.push("imap.greeting");
    if sec == Security::Starttls {
        v.push("imap.starttls");
    }
    v.extend(["imap.capability", "imap.login", "imap.list"]);
    v.into_iter().map(String::from).collect()
}

fn tls_done(s: &ServerSettings, conn: &Conn, proto: &str) -> Done {
    if !s.ssl_verify_mode.verifies() {
        let (m, f) = explain::verify_off(proto);
        return Done::warn(m, &f);
    }
    match conn {
        Conn::Tls(t) => {
            let c = t.get_ref().1;
            let version = c
                .protocol_version()
                .map(|v| format!("{v:?}"))
                .unwrap_or_default();
            Done::note(Msg::new("mailcheck-note-tls").arg("version", version.replace('_', ".")))
        }
        Conn::Plain(_) => Done::default(),
    }
}

/// Connection steps shared by the diagnosis and the round trip's fetch: up to an
/// authenticated session.
pub async fn connect_and_login(
    s: &ServerSettings,
    rec: &mut Recorder<'_>,
    t: &Timeouts,
) -> Result<Session, Stop> {
    let sec = s.security();
    let tcp = net::resolve_and_connect(P, &s.host, s.port, rec, t).await?;
    let conn = if sec == Security::Tls {
        rec.run(
            "imap.tls",
            t.step(),
            |d| explain::tls_timeout(P, d),
            async {
                let conn = tls::handshake(tcp, s, P).await?;
                let done = tls_done(s, &conn, P);
                Ok((conn, done))
            },
        )
        .await?
    } else {
        Conn::Plain(tcp)
    };
    let log = rec.replies.clone();
    let mut client = Client::new(Tap::new(conn, log.clone()));
    rec.run(
        "imap.greeting",
        t.step(),
        |d| explain::greeting_timeout(P, sec == Security::Tls, d),
        async {
            match client.read_response().await {
                Ok(Some(_)) => {
                    let raw = log.peek();
                    if raw.starts_with("* OK") || raw.starts_with("* PREAUTH") {
                        Ok(((), Done::default()))
                    } else if raw.starts_with("* BYE") {
                        Err(explain::greeting_refused(P))
                    } else {
                        Err(explain::greeting_unexpected(P))
                    }
                }
                Ok(None) => Err(explain::closed(P)),
                // Something that is not IMAP (an SMTP banner, an HTTP server...).
                Err(e) if !log.peek().is_empty() => {
                    Err(explain::greeting_unexpected(P)
                        .with_reply(format!("{}\n({e})", log.peek())))
                }
                Err(_) => Err(explain::closed(P)),
            }
        },
    )
    .await?;
    if sec == Security::Starttls {
        client = rec
            .run(
                "imap.starttls",
                t.step(),
                |d| explain::tls_timeout(P, d),
                async {
                    match client.run_command_and_check_ok("STARTTLS", None).await {
                        Ok(()) => {}
                        Err(ImapError::Bad(_)) | Err(ImapError::No(_)) => {
                            return Err(explain::starttls_not_offered(P))
                        }
                        Err(e) => return Err(explain::protocol_error(P, e)),
                    }
                    let (conn, log) = client.into_inner().into_parts();
                    let Conn::Plain(tcp) = conn else {
                        unreachable!("STARTTLS runs on plain TCP")
                    };
                    let conn = tls::handshake(tcp, s, P).await?;
                    let done = tls_done(s, &conn, P);
                    Ok((Client::new(Tap::new(conn, log)), done))
                },
            )
            .await?;
    }
    let login_disabled = rec
        .run(
            "imap.capability",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                client
                    .run_command_and_check_ok("CAPABILITY", None)
                    .await
                    .map_err(|e| explain::protocol_error(P, e))?;
                let caps = log.peek().to_ascii_uppercase();
                Ok((caps.contains("LOGINDISABLED"), Done::default()))
            },
        )
        .await?;
    rec.run(
        "imap.login",
        t.step(),
        |d| explain::step_timeout(P, d),
        async {
            match client.login(&s.username, s.password.expose()).await {
                Ok(session) => Ok((session, Done::default())),
                Err((ImapError::No(text), _)) | Err((ImapError::Bad(text), _)) => {
                    let upper = text.to_ascii_uppercase();
                    Err(if login_disabled || upper.contains("[PRIVACYREQUIRED]") {
                        explain::auth_needs_tls(P)
                    } else if upper.contains("[UNAVAILABLE]") {
                        explain::auth_unavailable(P)
                    } else {
                        explain::auth_failed(P)
                    })
                }
                Err((e, _)) => Err(explain::protocol_error(P, e)),
            }
        },
    )
    .await
}

fn special_use(attrs: &[NameAttribute<'_>]) -> Option<String> {
    attrs.iter().find_map(|a| {
        Some(
            match a {
                NameAttribute::All => "All",
                NameAttribute::Archive => "Archive",
                NameAttribute::Drafts => "Drafts",
                NameAttribute::Flagged => "Flagged",
                NameAttribute::Junk => "Junk",
                NameAttribute::Sent => "Sent",
                NameAttribute::Trash => "Trash",
                _ => return None,
            }
            .to_owned(),
        )
    })
}

pub fn decode_name(raw: &str) -> String {
    utf7_imap::decode_utf7_imap(raw.to_owned())
}

/// The server's spelling of a folder the user picked: its raw name from LIST when the
/// picker gave the decoded one, else the modified UTF-7 encoding of it.
pub fn raw_name(folders: &[Folder], wanted: &str) -> String {
    folders
        .iter()
        .find(|f| f.name == wanted || f.raw == wanted)
        .map(|f| f.raw.clone())
        .unwrap_or_else(|| utf7_imap::encode_utf7_imap(wanted.to_owned()))
}

pub async fn list(session: &mut Session) -> Result<Vec<Folder>, Failure> {
    let names: Vec<_> = session
        .list(Some(""), Some("*"))
        .await
        .map_err(|e| explain::protocol_error(P, e))?
        .try_collect()
        .await
        .map_err(|e| explain::protocol_error(P, e))?;
    let mut folders: Vec<Folder> = names
        .iter()
        .map(|n| Folder {
            name: decode_name(n.name()),
            raw: n.name().to_owned(),
            delimiter: n.delimiter().map(str::to_owned),
            special_use: special_use(n.attributes()),
            selectable: !n.attributes().iter().any(|a| {
                matches!(a, NameAttribute::NoSelect)
                    || matches!(a, NameAttribute::Extension(x) if x.eq_ignore_ascii_case("\\NonExistent"))
            }),
        })
        .collect();
    // INBOX first, then by name: the order a person expects in a picker.
    folders.sort_by(|a, b| {
        (a.raw != "INBOX", a.name.to_lowercase()).cmp(&(b.raw != "INBOX", b.name.to_lowercase()))
    });
    Ok(folders)
}

/// Runs the IMAP diagnosis; returns the folder list when LIST succeeded.
pub async fn diagnose(
    s: &ImapSettings,
    rec: &mut Recorder<'_>,
    t: &Timeouts,
) -> Option<Vec<Folder>> {
    let mut session = connect_and_login(&s.server, rec, t).await.ok()?;
    let folders = rec
        .run(
            "imap.list",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                let f = list(&mut session).await?;
                let note = Msg::new("mailcheck-note-folders").arg("count", f.len());
                Ok((f, Done::note(note)))
            },
        )
        .await
        .ok()?;
    // Each folder the channel will read, and the Sent folder: a failure on one does not
    // hide the others.
    let mut to_check: Vec<(String, &str)> =
        s.folders.iter().map(|f| (f.clone(), "folders")).collect();
    if let Some(sent) = s.sent_folder.as_ref().filter(|x| !x.trim().is_empty()) {
        if !s.folders.contains(sent) {
            to_check.push((sent.clone(), "sent_folder"));
        }
    }
    rec.plan_more(
        to_check
            .iter()
            .map(|(name, _)| format!("imap.select:{name}")),
    );
    for (name, field_name) in to_check {
        let raw = raw_name(&folders, &name);
        let key = format!("imap.select:{name}");
        let _ = rec
            .run_independent(&key, t.step(), |d| explain::step_timeout(P, d), async {
                match session.examine(&raw).await {
                    Ok(mb) => Ok((
                        (),
                        Done::note(Msg::new("mailcheck-note-folder").arg("messages", mb.exists)),
                    )),
                    Err(ImapError::No(_)) | Err(ImapError::Bad(_)) => {
                        Err(explain::folder_missing(&name, field_name))
                    }
                    Err(e) => Err(explain::protocol_error(P, e)),
                }
            })
            .await;
    }
    let _ = rec
        .shared
        .cancel
        .run_until_cancelled(tokio::time::timeout(
            t.step().min(std::time::Duration::from_secs(2)),
            session.logout(),
        ))
        .await;
    Some(folders)
}

/// A session outside the step report (the round trip's fetch), bounded as a whole.
pub async fn quiet_session(s: &ServerSettings) -> Result<Session, String> {
    let addrs = net::resolve(P, &s.host, s.port)
        .await
        .map_err(|f| f.message.id)?;
    let tcp = net::connect(P, &addrs).await.map_err(|f| f.message.id)?;
    let conn = if s.security() == Security::Tls {
        tls::handshake(tcp, s, P).await.map_err(|f| f.message.id)?
    } else {
        Conn::Plain(tcp)
    };
    let mut client = Client::new(Tap::new(conn, ReplyLog::default()));
    client.read_response().await.map_err(|e| e.to_string())?;
    if s.security() == Security::Starttls {
        client
            .run_command_and_check_ok("STARTTLS", None)
            .await
            .map_err(|e| e.to_string())?;
        let (conn, log) = client.into_inner().into_parts();
        let Conn::Plain(tcp) = conn else {
            unreachable!()
        };
        client = Client::new(Tap::new(
            tls::handshake(tcp, s, P).await.map_err(|f| f.message.id)?,
            log,
        ));
    }
    client
        .login(&s.username, s.password.expose())
        .await
        .map_err(|(e, _)| e.to_string())
}
