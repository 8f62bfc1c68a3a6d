//! `switchboard-cli apply plan.json [--yes] [--json]`: applies a plan made by `plan`.
//! A plan edited after it was made, or made before a channel was saved, is refused (make
//! a new one). It asks before sending anything unless `--yes`. An apply that was killed
//! or cancelled resumes where its journal stands when the same plan is applied again.
//! Exit 0 when every planned channel was applied, 1 otherwise.

use super::account::{client_for, find_account, open_service, runtime};
use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::io::BufRead;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use switchboard_core::progress::{CancellationToken, ProgressEvent, StepStatus};
use switchboard_core::Msg;
use switchboard_store::JournalStep;
use switchboard_sync::Plan;

pub fn command(ctx: &Ctx) -> Command {
    Command::new("apply")
        .about(ctx.t("cli-apply-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("plan")
                .value_name("PLAN")
                .required(true)
                .help(ctx.t("cli-apply-arg-plan")),
        )
        .arg(
            Arg::new("yes")
                .long("yes")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-apply-arg-yes")),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

fn fail(ctx: &Ctx, msg: &Msg) -> ExitCode {
    crate::errln!("{}", ctx.l10n.format(msg));
    ExitCode::from(1)
}

fn confirmed(ctx: &Ctx) -> bool {
    crate::errln!("{}", ctx.t("cli-apply-confirm"));
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(
        line.trim().to_lowercase().as_str(),
        "y" | "yes" | "o" | "oui"
    )
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let json = m.get_flag("json");
    let file = m.get_one::<String>("plan").cloned().unwrap_or_default();
    let plan: Plan = match std::fs::read_to_string(&file)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(p) => p,
        Err(reason) => {
            return fail(
                ctx,
                &Msg::new("cli-apply-unreadable")
                    .arg("file", crate::term::escape(&file))
                    .arg("reason", crate::term::escape(&reason)),
            )
        }
    };
    if !plan.is_intact() {
        return fail(ctx, &Msg::new("sync-err-plan-tampered"));
    }
    let service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let account = match find_account(ctx, &service, &plan.account_id) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let client = match client_for(ctx, &service, &account) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cancel = CancellationToken::new();
    let rt = runtime(&cancel);
    let service = Arc::new(Mutex::new(service));
    let resuming = service
        .lock()
        .map(|s| {
            s.store()
                .apply_of_plan(&plan.account_id, &plan.hash)
                .ok()
                .flatten()
                .is_some()
        })
        .unwrap_or(false);
    if !resuming {
        if let Err(e) = rt.block_on(switchboard_sync::check_plan(&service, &plan)) {
            return fail(ctx, &e.msg());
        }
    }
    if !json {
        super::plan::print_plan(ctx, &plan);
    }
    if !m.get_flag("yes") && !confirmed(ctx) {
        crate::errln!("{}", ctx.t("cli-apply-declined"));
        return ExitCode::from(1);
    }
    let sink = |e: ProgressEvent| {
        if let ProgressEvent::Step {
            label,
            status,
            detail,
            ..
        } = e
        {
            if status == StepStatus::Running {
                return;
            }
            let detail = detail
                .map(|d| format!(" — {}", ctx.l10n.format(&d)))
                .unwrap_or_default();
            crate::errln!("{}{detail}", ctx.l10n.format(&label));
        }
    };
    let report = match rt.block_on(switchboard_sync::apply(
        service, &client, &plan, &sink, &cancel,
    )) {
        Ok(r) => r,
        Err(e) => return fail(ctx, &e.msg()),
    };
    if json {
        crate::term::out_json(&report);
    } else {
        crate::outln!(
            "{}",
            ctx.l10n.format(
                &Msg::new("cli-apply-summary")
                    .arg("applied", report.count(JournalStep::Applied))
                    .arg("stale", report.count(JournalStep::Stale))
                    .arg("failed", report.count(JournalStep::Failed))
            )
        );
        for o in report
            .outcomes
            .iter()
            .filter(|o| !o.server_changed.is_empty())
        {
            crate::outln!(
                "{}",
                ctx.l10n.format(
                    &Msg::new("cli-apply-server-changed")
                        .arg("name", crate::term::escape(&o.name))
                        .arg("fields", o.server_changed.join(", "))
                )
            );
        }
    }
    let all = !report.cancelled
        && report
            .outcomes
            .iter()
            .all(|o| o.step == JournalStep::Applied);
    if all {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
