//! `switchboard-cli pull --account NAME [--json]`: "Pull from the platform" from a
//! terminal, with the same `switchboard_sync::pull` as the window. Progress goes to
//! stderr (one line per step), the summary to stdout; exit 1 when the pull stopped on an
//! error or was cancelled (Ctrl-C). Pages already committed stay whole either way.

use super::account::{client_for, find_account, open_service, runtime};
use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use switchboard_core::progress::{CancellationToken, ProgressEvent, StepStatus};
use switchboard_core::Msg;
use switchboard_sync::PullReport;

pub fn command(ctx: &Ctx) -> Command {
    Command::new("pull")
        .about(ctx.t("cli-pull-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("account")
                .long("account")
                .value_name("NAME")
                .required(true)
                .help(ctx.t("cli-arg-account")),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

fn summary(r: &PullReport) -> Msg {
    let c = &r.counts;
    Msg::new("cli-pull-summary")
        .arg("sources", r.sources)
        .arg("pages", r.pages)
        .arg("adopted", c.adopted)
        .arg("followed", c.followed)
        .arg("unchanged", c.unchanged)
        .arg("both", c.changed_both)
        .arg("kept", c.kept_local)
        .arg("missing", c.missing)
        .arg("unadopted", c.unadopted)
        .arg("complete", if r.complete { "yes" } else { "no" })
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let json = m.get_flag("json");
    let service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = m.get_one::<String>("account").cloned().unwrap_or_default();
    let account = match find_account(ctx, &service, &name) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let client = match client_for(ctx, &service, &account) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cancel = CancellationToken::new();
    let rt = runtime(&cancel);
    let sink = |e: ProgressEvent| {
        if let ProgressEvent::Step {
            label,
            status,
            duration_ms,
            detail,
            ..
        } = e
        {
            if status == StepStatus::Running {
                return;
            }
            let ms = duration_ms
                .map(|d| format!(" ({d} ms)"))
                .unwrap_or_default();
            let detail = detail
                .map(|d| format!(" — {}", ctx.l10n.format(&d)))
                .unwrap_or_default();
            crate::errln!("{}{ms}{detail}", ctx.l10n.format(&label));
        }
    };
    let service = Arc::new(Mutex::new(service));
    let result = rt.block_on(switchboard_sync::pull(
        service,
        &account.id,
        &client,
        &sink,
        &cancel,
    ));
    let (report, error) = match result {
        Ok(r) => (r, None),
        Err((e, partial)) => (partial, Some(e)),
    };
    if json {
        crate::term::out_json(&serde_json::json!({
            "ok": error.is_none(),
            "report": report,
            "error": error.as_ref().map(|e| ctx.l10n.format(&e.msg())),
        }));
    } else {
        crate::outln!("{}", ctx.l10n.format(&summary(&report)));
        for u in &report.unadopted {
            crate::outln!(
                "{}",
                ctx.l10n.format(
                    &Msg::new("cli-pull-unadopted")
                        .arg("id", crate::term::escape(&u.remote_id))
                        .arg("name", crate::term::escape(u.name.as_deref().unwrap_or("")))
                        .arg("type", crate::term::escape(&u.source_type))
                )
            );
        }
    }
    match error {
        None => ExitCode::SUCCESS,
        Some(e) => {
            crate::errln!("{}", ctx.l10n.format(&e.msg()));
            ExitCode::from(1)
        }
    }
}
