//! IMAP diagnosis with async-imap: resolve → connect → TLS → greeting → STARTTLS →
//! CAPABILITY → LOGIN → LIST → EXAMINE of each folder to synchronize and of the Sent
//! folder. async-imap has no connect helper and no timeouts: we bring the stream (tapped,
//! so each step can show the server's words) and every step runs under `Recorder::run`.

use crate::explain;
use crate::mutf7;
use crate::net;
use crate::report::{Folder, Protocol};
use crate::settings::{ImapSettings, Security, ServerSettings, Timeouts};
use crate::step::{Done, Failure, Recorder, Stop};
use crate::tap::{Conn, ReplyLog, Tap};
use crate::tls;
use crate::xoauth2;
use async_imap::error::Error as ImapError;
use async_imap::imap_proto::NameAttribute;
use futures::TryStreamExt;
use switchboard_core::Msg;

pub type Client = async_imap::Client<Tap>;
pub type Session = async_imap::Session<Tap>;

const P: Protocol = Protocol::Imap;

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
    let login = if s.uses_xoauth2() {
        "imap.xoauth2"
    } else {
        "imap.login"
    };
    v.extend(["imap.capability", login, "imap.list"]);
    v.into_iter().map(String::from).collect()
}

fn tls_done(s: &ServerSettings, conn: &Conn, proto: Protocol) -> Done {
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
    log.set_default_limit(IMAP_STEP_BYTES);
    let mut client = Client::new(Tap::new(conn, log.clone()));
    // Whether the greeting's capabilities name STARTTLS: a refusal then means "refused",
    // not "not offered".
    let starttls_advertised = rec
        .run(
            "imap.greeting",
            t.step(),
            |d| explain::greeting_timeout(P, sec == Security::Tls, d),
            async {
                match client.read_response().await {
                    Ok(Some(_)) => {
                        let raw = log.peek();
                        if raw.starts_with("* OK") || raw.starts_with("* PREAUTH") {
                            let advertised = raw.to_ascii_uppercase().contains("STARTTLS");
                            Ok((advertised, Done::default()))
                        } else if raw.starts_with("* BYE") {
                            Err(explain::greeting_refused(P))
                        } else {
                            Err(explain::greeting_unexpected(P))
                        }
                    }
                    Ok(None) => Err(explain::closed(P)),
                    Err(_) if log.overflowed() => Err(explain::reply_too_long(P, log.limit())),
                    // Something that is not IMAP (an SMTP banner, an HTTP server...).
                    // (The parser's error quotes the whole input: the bytes alone say it.)
                    Err(_) if !log.peek().is_empty() => Err(explain::greeting_unexpected(P)),
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
                            return Err(if starttls_advertised {
                                explain::starttls_refused(P)
                            } else {
                                explain::starttls_not_offered(P)
                            })
                        }
                        Err(e) => return Err(no_reply(&log, e)),
                    }
                    // async-imap's own buffer goes with the client: anything the server
                    // sent after its OK is dropped here, never read as if it came over TLS.
                    let (conn, log) = client.into_inner().into_parts();
                    let Conn::Plain(tcp) = conn else {
                        unreachable!("STARTTLS runs on plain TCP")
                    };
                    let conn = tls::handshake(tcp, s, P)
                        .await
                        .map_err(|f| tls::after_starttls(P, f))?;
                    let done = tls_done(s, &conn, P);
                    Ok((Client::new(Tap::new(conn, log)), done))
                },
            )
            .await?;
    }
    let (login_disabled, xoauth2_offered) = rec
        .run(
            "imap.capability",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                client
                    .run_command_and_check_ok("CAPABILITY", None)
                    .await
                    .map_err(|e| no_reply(&log, e))?;
                let caps = log.peek().to_ascii_uppercase();
                Ok((
                    (
                        caps.contains("LOGINDISABLED"),
                        caps.contains("AUTH=XOAUTH2"),
                    ),
                    Done::default(),
                ))
            },
        )
        .await?;
    if s.uses_xoauth2() {
        return rec
            .run(
                "imap.xoauth2",
                t.step(),
                |d| explain::step_timeout(P, d),
                async {
                    let token = xoauth2::token(s, P)?;
                    if !xoauth2_offered {
                        return Err(xoauth2::not_offered(P, sec != Security::None));
                    }
                    let auth = xoauth2::ImapAuthenticator::new(&s.username, token);
                    match client.authenticate("XOAUTH2", auth).await {
                        Ok(session) => Ok((session, Done::default())),
                        Err((e, _)) => Err(xoauth2::imap_refusal(&e, &s.username)
                            .unwrap_or_else(|| no_reply(&log, e))),
                    }
                },
            )
            .await;
    }
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
                Err((e, _)) => Err(no_reply(&log, e)),
            }
        },
    )
    .await
}

/// An error that is not a tagged NO/BAD: the server closed the connection, sent too
/// much, or sent something that is not IMAP. Never an explanation about credentials.
fn no_reply(log: &ReplyLog, e: ImapError) -> Failure {
    if log.overflowed() {
        explain::reply_too_long(P, log.limit())
    } else if log.saw_eof()
        || matches!(e, ImapError::ConnectionLost)
        || matches!(&e, ImapError::Io(io) if crate::tap::disconnected(io))
    {
        explain::dropped(P)
    } else {
        explain::protocol_error(P, e)
    }
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

/// What an IMAP step other than LIST may read. Greetings, CAPABILITY and LOGIN replies
/// are a few hundred bytes; the parser re-reads an unfinished line on every read, so a
/// line that never ends must be cut early, not at megabytes.
const IMAP_STEP_BYTES: usize = 256 * 1024;

/// Folders kept from one LIST: far more than any real account, small in memory (a
/// server that streams LIST lines forever is stopped by the step's byte limit first).
pub const MAX_FOLDERS: usize = 50_000;
/// What the LIST step may read: 50,000 folders of 300 bytes each.
pub const LIST_BYTES: usize = 16 * 1024 * 1024;

/// The folder as the picker shows it: decoded, or the raw name marked as undecodable.
pub fn folder(raw: &str, delimiter: Option<&str>, attrs: &[NameAttribute<'_>]) -> Folder {
    let decoded = mutf7::decode(raw);
    Folder {
        undecodable: decoded.is_none(),
        name: decoded.unwrap_or_else(|| raw.to_owned()),
        raw: raw.to_owned(),
        delimiter: delimiter.map(str::to_owned),
        special_use: special_use(attrs),
        selectable: !attrs.iter().any(|a| {
            matches!(a, NameAttribute::NoSelect)
                || matches!(a, NameAttribute::Extension(x) if x.eq_ignore_ascii_case("\\NonExistent"))
        }),
    }
}

/// The server's spelling of a folder the user picked: its raw name from LIST when the
/// picker gave the decoded one, else the modified UTF-7 encoding of it.
pub fn raw_name(folders: &[Folder], wanted: &str) -> String {
    folders
        .iter()
        .find(|f| f.name == wanted || f.raw == wanted)
        .map(|f| f.raw.clone())
        .unwrap_or_else(|| mutf7::encode(wanted))
}

/// LIST "" "*", kept to `MAX_FOLDERS`. Entries are turned into folders as they arrive
/// (the parsed responses are not held), and the loop yields now and then so that the
/// step's time limit can fire even when every line is already buffered.
pub async fn list(session: &mut Session, log: &ReplyLog) -> Result<(Vec<Folder>, usize), Failure> {
    log.set_limit(LIST_BYTES);
    let mut stream = session
        .list(Some(""), Some("*"))
        .await
        .map_err(|e| no_reply(log, e))?;
    let mut folders = Vec::new();
    let mut seen = 0usize;
    while let Some(n) = stream.try_next().await.map_err(|e| no_reply(log, e))? {
        seen += 1;
        if folders.len() < MAX_FOLDERS {
            folders.push(folder(n.name(), n.delimiter(), n.attributes()));
        }
        if seen.is_multiple_of(256) {
            tokio::task::yield_now().await;
        }
    }
    drop(stream);
    // INBOX first, then by name: the order a person expects in a picker.
    folders.sort_by_cached_key(|f| (f.raw != "INBOX", f.name.to_lowercase()));
    Ok((folders, seen))
}

/// Runs the IMAP diagnosis; returns the folder list when LIST succeeded.
pub async fn diagnose(
    s: &ImapSettings,
    rec: &mut Recorder<'_>,
    t: &Timeouts,
) -> Option<Vec<Folder>> {
    let mut session = connect_and_login(&s.server, rec, t).await.ok()?;
    let log = rec.replies.clone();
    let folders = rec
        .run(
            "imap.list",
            t.step(),
            |d| explain::step_timeout(P, d),
            async {
                let (f, seen) = list(&mut session, &log).await?;
                let note = Msg::new("mailcheck-note-folders").arg("count", seen);
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
                    Err(e) => Err(no_reply(&log, e)),
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
    if s.uses_xoauth2() {
        let token = xoauth2::token(s, P).map_err(|f| f.message.id)?;
        return client
            .authenticate(
                "XOAUTH2",
                xoauth2::ImapAuthenticator::new(&s.username, token),
            )
            .await
            .map_err(|(e, _)| e.to_string());
    }
    client
        .login(&s.username, s.password.expose())
        .await
        .map_err(|(e, _)| e.to_string())
}
