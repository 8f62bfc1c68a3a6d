//! `switchboard-cli export [--all | ID...] -o FILE`: the app's export from a terminal.
//! Secrets are never written; the file lists, per channel, the ones to re-enter.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::path::PathBuf;
use std::process::ExitCode;
use switchboard_core::Msg;

pub fn command(ctx: &Ctx) -> Command {
    Command::new("export")
        .about(ctx.t("cli-export-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .conflicts_with("ids")
                .help(ctx.t("cli-arg-export-all")),
        )
        .arg(
            Arg::new("ids")
                .value_name("ID")
                .num_args(1..)
                .help(ctx.t("cli-arg-export-ids")),
        )
        .arg(
            Arg::new("output")
                .short('o')
                .long("output")
                .value_name("FILE")
                .required(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help(ctx.t("cli-arg-output")),
        )
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let out = m.get_one::<PathBuf>("output").expect("required");
    let store = match super::list::open_store_for_reading(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let schema = super::import::doc_schema();
    let ids: Vec<String> = m
        .get_many::<String>("ids")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let result = if m.get_flag("all") {
        store.export_all(&schema)
    } else if ids.is_empty() {
        crate::errln!("{}", ctx.t("cli-export-nothing"));
        return ExitCode::from(2);
    } else {
        store.export(&ids, &schema)
    };
    let file = match result {
        Ok(f) => f,
        Err(e) => {
            crate::errln!("{}", ctx.l10n.format(&e.msg()));
            return ExitCode::from(1);
        }
    };
    // Written next to the target and renamed: an interrupted export never leaves a
    // truncated file under the requested name.
    let tmp = out.with_extension("partial");
    if let Err(e) =
        std::fs::write(&tmp, file.to_json_pretty()).and_then(|()| std::fs::rename(&tmp, out))
    {
        let msg = Msg::new("err-io")
            .arg("path", out.display().to_string())
            .arg("reason", e.to_string());
        crate::errln!("{}", ctx.l10n.format(&msg));
        return ExitCode::from(1);
    }
    let to_reenter = file
        .channels
        .iter()
        .filter(|c| {
            c["secrets_to_reenter"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        })
        .count();
    let done = Msg::new("cli-export-done")
        .arg("count", file.channels.len())
        .arg("path", out.display().to_string());
    crate::outln!("{}", ctx.l10n.format(&done));
    if to_reenter > 0 {
        crate::outln!(
            "{}",
            ctx.l10n
                .format(&Msg::new("cli-export-secrets").arg("count", to_reenter))
        );
    }
    ExitCode::SUCCESS
}
