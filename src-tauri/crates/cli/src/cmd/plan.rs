//! `switchboard-cli plan --account NAME [--json] [--out plan.json]`: what an apply would
//! change on the platform, channel by channel, field by field (before → after), for
//! pipelines: exit 0 when there is nothing to do, 2 when there are changes, 1 on error.
//! The plan file holds no secret; `apply` refuses it once it is stale or edited.

use super::account::{client_for, fail, find_account, open_service, runtime};
use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use switchboard_catalogue::{kind_schema, Kind};
use switchboard_channels::ChannelService;
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_core::Msg;
use switchboard_store::Account;
use switchboard_sync::{FieldClass, Plan};

pub fn command(ctx: &Ctx) -> Command {
    Command::new("plan")
        .about(ctx.t("cli-plan-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("account")
                .long("account")
                .value_name("NAME")
                .required(true)
                .help(ctx.t("cli-arg-account")),
        )
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("FILE")
                .help(ctx.t("cli-plan-arg-out")),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "∅".into(),
        serde_json::Value::String(s) => format!("“{}”", crate::term::escape(s)),
        other => crate::term::escape(&other.to_string()),
    }
}

/// A setting's label as the review window shows it: "Section › Label" (only the section's
/// title for a path inside a section with no declared field; the path itself when the
/// kind does not declare it). Item numbers of list sections (`signatures.0.body`) are
/// skipped, as the catalogue declares record fields without them.
pub fn setting_label(ctx: &Ctx, kind: &str, path: &str) -> String {
    let Some(schema) = Kind::parse(kind).map(kind_schema) else {
        return path.to_owned();
    };
    let declared: Vec<&str> = path
        .split('.')
        .filter(|seg| seg.parse::<u32>().is_err())
        .collect();
    let section = declared.first().and_then(|s| schema.section(s));
    match (section, schema.field(&declared.join("."))) {
        (Some(s), Some(f)) => format!("{} › {}", ctx.t(&s.label), ctx.t(&f.label)),
        (Some(s), None) => ctx.t(&s.label),
        _ => path.to_owned(),
    }
}

/// Why a file could not be written, in the user's language (the system's own text is
/// English, whatever the locale).
pub fn write_cause(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => Msg::new("cli-write-no-folder"),
        K::PermissionDenied => Msg::new("cli-write-permission"),
        K::ReadOnlyFilesystem => Msg::new("cli-write-read-only"),
        K::StorageFull | K::QuotaExceeded => Msg::new("cli-write-disk-full"),
        K::IsADirectory => Msg::new("cli-write-is-folder"),
        _ => Msg::new("cli-write-other").arg(
            "code",
            e.raw_os_error()
                .map_or_else(|| format!("{:?}", e.kind()), |c| c.to_string()),
        ),
    }
}

/// The plan for a person: each channel, then each field with its label and values.
pub fn print_plan(ctx: &Ctx, plan: &Plan) {
    for c in &plan.channels {
        crate::outln!(
            "{} ({})",
            crate::term::escape(&c.name),
            crate::term::escape(&c.kind)
        );
        if let Some(e) = &c.error {
            crate::outln!("  {}", ctx.l10n.format(e));
        }
        if let Some(sc) = &c.server_change {
            let at = sc.at.clone().unwrap_or_default();
            let msg = match sc.by.as_deref().or(sc.user_id.as_deref()) {
                Some(by) => Msg::new("cli-plan-server-change")
                    .arg("by", crate::term::escape(by))
                    .arg("at", at),
                None => Msg::new("cli-plan-server-change-at").arg("at", at),
            };
            crate::outln!("  {}", ctx.l10n.format(&msg));
        }
        for f in &c.fields {
            let label = f
                .label
                .as_deref()
                .map(|l| ctx.t(l))
                .unwrap_or_else(|| f.field.clone());
            let (class, before, after) = match f.class {
                FieldClass::Send => ("cli-plan-send", &f.remote, &f.local),
                FieldClass::Take => ("cli-plan-take", &f.local, &f.remote),
                FieldClass::Conflict => ("cli-plan-conflict", &f.base, &f.local),
            };
            if f.class == FieldClass::Conflict {
                crate::outln!(
                    "  [{}] {label}: {} → {} / {}",
                    ctx.t(class),
                    value_text(before),
                    value_text(after),
                    value_text(&f.remote)
                );
            } else {
                crate::outln!(
                    "  [{}] {label}: {} → {}",
                    ctx.t(class),
                    value_text(before),
                    value_text(after)
                );
            }
        }
        for s in &c.secrets {
            let label = s
                .label
                .as_deref()
                .map(|l| ctx.t(l))
                .unwrap_or_else(|| s.field.clone());
            crate::outln!("  [{}] {label}", ctx.t("cli-plan-secret"));
        }
        for w in &c.web_admin {
            let label = w
                .label
                .as_deref()
                .map(|l| ctx.t(l))
                .unwrap_or_else(|| w.field.clone());
            crate::outln!("  [{}] {label}", ctx.t("cli-plan-web-admin"));
        }
        if c.invalid {
            for p in &c.problems {
                crate::outln!(
                    "  [{}] {}: {}",
                    ctx.t("cli-plan-blocked"),
                    setting_label(ctx, &c.kind, &p.path),
                    ctx.l10n.format(&p.message)
                );
            }
        }
    }
    for l in &plan.local_only {
        crate::outln!(
            "{}",
            ctx.l10n.format(
                &Msg::new("cli-plan-local-only")
                    .arg("name", crate::term::escape(&l.name))
                    .arg("candidates", l.candidates.len())
            )
        );
    }
    // Secrets to set are changes too: a plan with only those is not "0 changes" (and
    // exits 2).
    let changes: usize = plan
        .channels
        .iter()
        .map(|c| c.fields.len() + c.secrets.len())
        .sum();
    crate::outln!(
        "{}",
        ctx.l10n.format(
            &Msg::new("cli-plan-summary")
                .arg("channels", plan.channels.len())
                .arg("changes", changes)
                .arg("conflicts", plan.conflicts())
        )
    );
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = m.get_one::<String>("account").cloned().unwrap_or_default();
    let account = match find_account(ctx, &service, &name) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let plan = match plan_account(ctx, m, service, &account) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if m.get_flag("json") {
        crate::term::out_json(&plan);
    } else {
        print_plan(ctx, &plan);
    }
    plan_exit(&plan)
}

/// The account's plan, written to `--out` when asked: what `plan` and `promote` both
/// print. `Err` is the exit code, the message already said.
pub fn plan_account(
    ctx: &Ctx,
    m: &ArgMatches,
    service: ChannelService,
    account: &Account,
) -> Result<Plan, ExitCode> {
    let client = client_for(ctx, &service, account)?;
    let cancel = CancellationToken::new();
    let rt = runtime(&cancel);
    let sink = |_: ProgressEvent| {};
    let service = Arc::new(Mutex::new(service));
    let plan = rt
        .block_on(switchboard_sync::plan(
            service,
            &account.id,
            &client,
            &sink,
            &cancel,
        ))
        .map_err(|e| fail(ctx, &e.msg(), 1))?;
    if let Some(out) = m.get_one::<String>("out") {
        let text = serde_json::to_string_pretty(&plan).expect("plans serialize");
        std::fs::write(out, text).map_err(|e| {
            let msg = Msg::new("cli-plan-write-failed")
                .arg("file", crate::term::escape(out))
                .arg("reason", ctx.l10n.format(&write_cause(&e)));
            fail(ctx, &msg, 1)
        })?;
    }
    Ok(plan)
}

/// For pipelines: 0 when there is nothing to do, 2 when the plan has changes.
pub fn plan_exit(plan: &Plan) -> ExitCode {
    if plan.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
