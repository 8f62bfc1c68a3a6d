//! `switchboard-cli mail-test`: the e-mail connection test of the channel editor, from a
//! terminal. Settings come from the command line (passwords only through environment
//! variables, never as arguments); steps print as they end; exit status 1 when a step
//! failed or the test was cancelled (Ctrl-C), 2 for a usage error.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use std::time::Duration;
use switchboard_core::progress::{CancellationToken, StepStatus};
use switchboard_core::Msg;
use switchboard_mailcheck::{
    DiagnosisReport, ImapSettings, MailSettings, Security, ServerSettings, SmtpSettings,
    SslVerifyMode, StepReport, Timeouts,
};

pub fn command(ctx: &Ctx) -> Command {
    let opt = |name: &'static str, value: &'static str, help: &str| {
        Arg::new(name)
            .long(name)
            .value_name(value)
            .help(ctx.t(help))
    };
    Command::new("mail-test")
        .about(ctx.t("cli-mail-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(opt("channel", "ID", "cli-mail-arg-channel"))
        .arg(opt("imap", "HOST:PORT", "cli-mail-arg-imap"))
        .arg(opt(
            "imap-security",
            "tls|starttls|none",
            "cli-mail-arg-imap-security",
        ))
        .arg(opt("smtp", "HOST:PORT", "cli-mail-arg-smtp"))
        .arg(opt(
            "smtp-security",
            "tls|starttls|none",
            "cli-mail-arg-smtp-security",
        ))
        .arg(opt("user", "USER", "cli-mail-arg-user"))
        .arg(opt("smtp-user", "USER", "cli-mail-arg-smtp-user"))
        .arg(opt("password-env", "VAR", "cli-mail-arg-password-env"))
        .arg(opt(
            "smtp-password-env",
            "VAR",
            "cli-mail-arg-smtp-password-env",
        ))
        .arg(opt("ca-file", "PEM", "cli-mail-arg-ca-file"))
        .arg(opt("verify-mode", "MODE", "cli-mail-arg-verify-mode"))
        .arg(opt("helo", "DOMAIN", "cli-mail-arg-helo"))
        .arg(
            Arg::new("round-trip")
                .long("round-trip")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-mail-arg-round-trip")),
        )
        .arg(
            opt("timeout", "SECS", "cli-mail-arg-timeout")
                .value_parser(clap::value_parser!(u64).range(1..=600)),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

/// A usage problem, said in the user's language.
struct Usage(Msg);

fn host_port(value: &str) -> Result<(String, u16), Usage> {
    let bad = || Usage(Msg::new("cli-mail-error-host-port").arg("value", value));
    let (host, port) = value.rsplit_once(':').ok_or_else(bad)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port: u16 = port.parse().map_err(|_| bad())?;
    if host.is_empty() || port == 0 {
        return Err(bad());
    }
    Ok((host.to_owned(), port))
}

fn security(value: Option<&String>, port: u16) -> Result<Security, Usage> {
    match value.map(|v| v.to_ascii_lowercase()).as_deref() {
        Some("tls") | Some("ssl") => Ok(Security::Tls),
        Some("starttls") => Ok(Security::Starttls),
        Some("none") | Some("plain") => Ok(Security::None),
        Some(other) => Err(Usage(
            Msg::new("cli-mail-error-security").arg("value", other),
        )),
        // The usual meaning of the well-known ports; TLS otherwise (the safe guess).
        None => Ok(match port {
            143 | 587 | 25 => Security::Starttls,
            _ => Security::Tls,
        }),
    }
}

fn password(var: &str) -> Result<String, Usage> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Ok(v),
        _ => Err(Usage(
            Msg::new("cli-mail-error-password-env").arg("var", var),
        )),
    }
}

fn settings_from_args(m: &ArgMatches) -> Result<MailSettings, Usage> {
    let s = |k: &str| m.get_one::<String>(k);
    if s("imap").is_none() && s("smtp").is_none() {
        return Err(Usage(Msg::new("cli-mail-error-nothing-to-test")));
    }
    let user = s("user")
        .cloned()
        .ok_or_else(|| Usage(Msg::new("cli-mail-error-user-required")))?;
    let pw_var =
        s("password-env").ok_or_else(|| Usage(Msg::new("cli-mail-error-password-env-required")))?;
    let pw = password(pw_var)?;
    let verify = match s("verify-mode") {
        Some(v) => SslVerifyMode::parse(v).ok_or_else(|| {
            Usage(Msg::new("cli-mail-error-verify-mode").arg("value", v.as_str()))
        })?,
        None => SslVerifyMode::Default,
    };
    let ca_file = s("ca-file").cloned();
    let server = |hp: &String,
                  sec: Option<&String>,
                  user: String,
                  pw: String|
     -> Result<ServerSettings, Usage> {
        let (host, port) = host_port(hp)?;
        let sec = security(sec, port)?;
        Ok(ServerSettings {
            host,
            port,
            username: user,
            password: pw.into(),
            use_ssl_tls: sec == Security::Tls,
            use_start_tls: sec == Security::Starttls,
            ssl_verify_mode: verify,
            ca_file: ca_file.clone(),
            authentication_type: Default::default(),
            oauth: None,
        })
    };
    let imap = match s("imap") {
        Some(hp) => Some(ImapSettings {
            server: server(hp, s("imap-security"), user.clone(), pw.clone())?,
            folders: vec![],
            sent_folder: None,
        }),
        None => None,
    };
    let smtp = match s("smtp") {
        Some(hp) => {
            let smtp_user = s("smtp-user").cloned().unwrap_or_else(|| user.clone());
            let smtp_pw = match s("smtp-password-env") {
                Some(var) => password(var)?,
                None => pw.clone(),
            };
            Some(SmtpSettings {
                server: server(hp, s("smtp-security"), smtp_user, smtp_pw)?,
                helo_domain: s("helo").cloned(),
            })
        }
        None => None,
    };
    let timeouts = match m.get_one::<u64>("timeout") {
        Some(secs) => Timeouts::uniform(Duration::from_secs(*secs)),
        None => Timeouts::default(),
    };
    Ok(MailSettings {
        address: Some(user).filter(|u| u.contains('@')),
        imap,
        smtp,
        postmark: None,
        round_trip: m.get_flag("round-trip"),
        timeouts,
    })
}

fn mark(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Ok => "✓",
        StepStatus::Warning => "!",
        StepStatus::Failed => "✗",
        StepStatus::Skipped => "–",
        StepStatus::Cancelled => "⊘",
        StepStatus::Running => "…",
    }
}

fn print_step(ctx: &Ctx, s: &StepReport) {
    let note = s.message.as_ref().map(|m| ctx.l10n.format(m));
    match s.status {
        StepStatus::Ok | StepStatus::Skipped => {
            let tail = note.map(|n| format!(" — {n}")).unwrap_or_default();
            crate::outln!(
                "{} {} ({} ms){tail}",
                mark(s.status),
                ctx.l10n.format(&s.label),
                s.duration_ms
            );
        }
        _ => {
            crate::outln!(
                "{} {} ({} ms)",
                mark(s.status),
                ctx.l10n.format(&s.label),
                s.duration_ms
            );
            if let Some(n) = note {
                crate::outln!("    {n}");
            }
            if !s.fields.is_empty() {
                crate::outln!("    {}: {}", ctx.t("cli-mail-fields"), s.fields.join(", "));
            }
            if let Some(r) = &s.server_reply {
                crate::outln!("    {}:", ctx.t("cli-mail-server-reply"));
                for line in r.lines().take(12) {
                    crate::outln!("      {}", crate::term::escape(line));
                }
            }
        }
    }
}

fn to_json(ctx: &Ctx, r: &DiagnosisReport) -> serde_json::Value {
    let steps: Vec<_> = r
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "protocol": s.protocol,
                "step": s.step,
                "label": ctx.l10n.format(&s.label),
                "status": s.status,
                "duration_ms": s.duration_ms,
                "fields": s.fields,
                "message": s.message.as_ref().map(|m| ctx.l10n.format(m)),
                "message_id": s.message.as_ref().map(|m| m.id.clone()),
                "server_reply": s.server_reply,
            })
        })
        .collect();
    serde_json::json!({ "ok": r.ok, "cancelled": r.cancelled, "steps": steps, "folders": r.folders })
}

/// A stored channel's settings, with its secrets opened from the vault (the app's own
/// keychain entry for this app identifier), as the editor's Test button does.
fn settings_from_channel(
    ctx: &Ctx,
    id: &str,
) -> Result<
    (
        switchboard_mailcheck::MailSettings,
        switchboard_channels::ChannelService,
    ),
    ExitCode,
> {
    let store = super::list::open_store_for_reading(ctx)?;
    let fail = |msg: Msg| {
        crate::errln!("{}", ctx.l10n.format(&msg));
        ExitCode::from(2)
    };
    let service =
        switchboard_channels::ChannelService::new(store, switchboard_vault::for_app(&ctx.app_id));
    let view = service.get(id).map_err(|e| fail(e.msg()))?;
    if view.channel.kind != "email" {
        return Err(fail(Msg::new("cli-mail-error-not-email").arg("id", id)));
    }
    let secrets = service.open_secrets(id).map_err(|e| fail(e.msg()))?;
    let settings =
        switchboard_mailcheck::from_document(&view.channel.doc, |p| secrets.get(p).cloned())
            .map_err(|(section, e)| {
                fail(
                    Msg::new("cli-mail-error-channel-settings")
                        .arg("section", section)
                        .arg("reason", e.to_string()),
                )
            })?;
    Ok((settings, service))
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let json = m.get_flag("json");
    // A stored channel's service, kept for its XOAUTH2 tokens (refreshed below).
    let mut channel = None;
    let settings = if let Some(id) = m.get_one::<String>("channel") {
        match settings_from_channel(ctx, id) {
            Ok((s, service)) => {
                channel = Some((id.clone(), std::sync::Mutex::new(service)));
                Ok(s)
            }
            Err(code) => return code,
        }
    } else {
        settings_from_args(m)
    };
    let mut settings = match settings {
        Ok(s) => s,
        Err(Usage(msg)) => {
            crate::errln!("{}", ctx.l10n.format(&msg));
            return ExitCode::from(2);
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let cancel = CancellationToken::new();
    let report = rt.block_on(async {
        let c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                c.cancel();
            }
        });
        if let Some((id, service)) = &channel {
            let oauth = switchboard_oauth::OAuth::new();
            switchboard_channels::fill_mail_tokens(service, &oauth, id, &mut settings, &cancel)
                .await;
        }
        let sink = |_e| {};
        let listener = |s: &StepReport| {
            if !json {
                print_step(ctx, s);
            }
        };
        switchboard_mailcheck::diagnose_with(&settings, &sink, Some(&listener), &cancel).await
    });
    if json {
        crate::term::out_json(&to_json(ctx, &report));
    } else {
        if !report.folders.is_empty() {
            crate::outln!("{}", ctx.t("cli-mail-folders"));
            for f in &report.folders {
                // Folder names are the server's words: escaped, and marked when they
                // are not valid modified UTF-7 (shown as the server sent them).
                let raw = if f.undecodable {
                    format!("  ({})", ctx.t("mailcheck-folder-undecodable"))
                } else if f.raw != f.name {
                    format!("  ({})", crate::term::escape(&f.raw))
                } else {
                    String::new()
                };
                let special = f
                    .special_use
                    .as_ref()
                    .map(|s| format!("  [{s}]"))
                    .unwrap_or_default();
                crate::outln!("  {}{raw}{special}", crate::term::escape(&f.name));
            }
        }
        let verdict = if report.cancelled {
            "cli-mail-cancelled"
        } else if report.ok {
            "cli-mail-ok"
        } else {
            "cli-mail-failed"
        };
        crate::outln!("{}", ctx.t(verdict));
    }
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port_parse_including_ipv6() {
        assert_eq!(
            host_port("imap.example.com:993").ok(),
            Some(("imap.example.com".into(), 993))
        );
        assert_eq!(host_port("[::1]:143").ok(), Some(("::1".into(), 143)));
        assert!(host_port("imap.example.com").is_err());
        assert!(host_port("h:99999").is_err());
    }

    #[test]
    fn security_defaults_follow_the_port() {
        assert_eq!(security(None, 993).ok(), Some(Security::Tls));
        assert_eq!(security(None, 587).ok(), Some(Security::Starttls));
        assert_eq!(
            security(Some(&"NONE".to_owned()), 25).ok(),
            Some(Security::None)
        );
        assert!(security(Some(&"maybe".to_owned()), 25).is_err());
    }
}
