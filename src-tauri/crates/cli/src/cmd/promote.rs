//! `switchboard-cli promote --from A --to B --channel ID… [--map kind:from=to]… [--json]
//! [--out plan.json]`: copies channels from one account to another (sandbox →
//! production) as the window's promotion dialog does, printing the reference mapping
//! (matched by name, corrected by `--map`), then the target account's plan. Nothing is
//! sent to the platform: apply the plan file with `switchboard-cli apply`. Exit codes as
//! `plan`: 0 nothing to do, 2 changes, 1 on error.

use super::account::{fail, find_account, open_service};
use super::plan::{plan_account, plan_exit, print_plan, setting_label};
use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde::Serialize;
use std::process::ExitCode;
use switchboard_core::Msg;
use switchboard_sync::{
    MappingRow, Plan, PromotePreview, PromoteReport, PromoteRequest, PromoteSelection,
};

pub fn command(ctx: &Ctx) -> Command {
    Command::new("promote")
        .about(ctx.t("cli-promote-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("from")
                .long("from")
                .value_name("ACCOUNT")
                .required(true)
                .help(ctx.t("cli-promote-arg-from")),
        )
        .arg(
            Arg::new("to")
                .long("to")
                .value_name("ACCOUNT")
                .required(true)
                .help(ctx.t("cli-promote-arg-to")),
        )
        .arg(
            Arg::new("channel")
                .long("channel")
                .value_name("ID")
                .required(true)
                .num_args(1..)
                .action(ArgAction::Append)
                .help(ctx.t("cli-promote-arg-channel")),
        )
        .arg(
            Arg::new("map")
                .long("map")
                .value_name("KIND:FROM=TO")
                .action(ArgAction::Append)
                .help(ctx.t("cli-promote-arg-map")),
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

/// `kind:from=to`, where `from` is the source entry's id or name and `to` the target
/// entry's id or name (empty: none, the reference is cleared).
fn apply_map(preview: &mut PromotePreview, spec: &str) -> Result<(), Msg> {
    let bad = || Msg::new("cli-promote-bad-map").arg("map", crate::term::escape(spec));
    let (kind, rest) = spec.split_once(':').ok_or_else(bad)?;
    let (from, to) = rest.split_once('=').ok_or_else(bad)?;
    let kind = kind.trim().replace('-', "_");
    let choices = preview
        .choices
        .iter()
        .find(|c| c.kind == kind)
        .ok_or_else(bad)?;
    let to_id = if to.trim().is_empty() {
        None
    } else {
        let t = to.trim();
        let found = choices
            .items
            .iter()
            .find(|i| i.id == t)
            .or_else(|| {
                choices
                    .items
                    .iter()
                    .find(|i| i.name.trim().eq_ignore_ascii_case(t))
            })
            .ok_or_else(|| {
                Msg::new("cli-promote-map-no-target").arg("target", crate::term::escape(t))
            })?;
        Some(found.id.clone())
    };
    let row = preview
        .mapping
        .iter_mut()
        .find(|r| {
            r.kind == kind
                && (r.from_id == from.trim()
                    || r.from_name.trim().eq_ignore_ascii_case(from.trim()))
        })
        .ok_or_else(|| {
            Msg::new("cli-promote-map-no-source").arg("source", crate::term::escape(from))
        })?;
    row.to_id = to_id;
    row.by_name = false;
    Ok(())
}

fn target_name(preview: &PromotePreview, row: &MappingRow) -> Option<String> {
    let id = row.to_id.as_ref()?;
    preview
        .choices
        .iter()
        .find(|c| c.kind == row.kind)
        .and_then(|c| c.items.iter().find(|i| i.id == *id))
        .map(|i| i.name.clone())
}

fn print_mapping(ctx: &Ctx, preview: &PromotePreview) {
    for r in &preview.mapping {
        let kind = ctx.t(&format!("promote-kind-{}", r.kind.replace('_', "-")));
        let to = target_name(preview, r)
            .map(|n| crate::term::escape(&n))
            .unwrap_or_else(|| format!("[{}]", ctx.t("cli-promote-unmatched")));
        crate::outln!("{kind}: {} → {to}", crate::term::escape(&r.from_name));
    }
}

fn print_report(ctx: &Ctx, preview: &PromotePreview, report: &PromoteReport) {
    for o in &report.outcomes {
        let kind = preview
            .channels
            .iter()
            .find(|c| c.channel_id == o.channel_id)
            .map_or("", |c| c.kind.as_str());
        let what = if o.created {
            ctx.t("promote-created")
        } else {
            ctx.t("promote-updated")
        };
        crate::outln!("{} — {what}", crate::term::escape(&o.result_name));
        for p in &o.cleared {
            crate::outln!(
                "  [{}] {}",
                ctx.t("cli-promote-cleared"),
                setting_label(ctx, kind, p)
            );
        }
        for s in &o.secrets_to_reenter {
            crate::outln!("  [{}] {}", ctx.t("cli-promote-reenter"), ctx.t(&s.label));
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonOut<'a> {
    mapping: &'a [MappingRow],
    report: &'a PromoteReport,
    plan: &'a Plan,
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let mut service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let get = |k: &str| m.get_one::<String>(k).cloned().unwrap_or_default();
    let from = match find_account(ctx, &service, &get("from")) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let to = match find_account(ctx, &service, &get("to")) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let channels: Vec<String> = m
        .get_many::<String>("channel")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let mut preview = match switchboard_sync::promote_preview(&service, &from.id, &to.id, &channels)
    {
        Ok(p) => p,
        Err(e) => return fail(ctx, &e.msg(), 1),
    };
    for spec in m.get_many::<String>("map").into_iter().flatten() {
        if let Err(msg) = apply_map(&mut preview, spec) {
            return fail(ctx, &msg, 1);
        }
    }
    let request = PromoteRequest {
        from_account: from.id.clone(),
        to_account: to.id.clone(),
        channels: preview
            .channels
            .iter()
            .map(|c| PromoteSelection {
                channel_id: c.channel_id.clone(),
                target: c.target.clone(),
            })
            .collect(),
        mapping: preview.mapping.clone(),
    };
    let report = match switchboard_sync::promote(&mut service, &request) {
        Ok(r) => r,
        Err(e) => return fail(ctx, &e.msg(), 1),
    };
    let plan = match plan_account(ctx, m, service, &to) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if m.get_flag("json") {
        crate::term::out_json(&JsonOut {
            mapping: &preview.mapping,
            report: &report,
            plan: &plan,
        });
    } else {
        print_mapping(ctx, &preview);
        print_report(ctx, &preview, &report);
        print_plan(ctx, &plan);
    }
    plan_exit(&plan)
}
