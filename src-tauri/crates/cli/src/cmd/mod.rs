//! The subcommands. To add one: a module here with `command(ctx)` and `run(ctx, matches)`,
//! one line in `command()` and one in `dispatch()`, and its strings in `i18n/*/cli.ftl`.

mod account;
mod apply;
mod connect;
mod doctor;
mod export;
mod import;
mod list;
mod mail_test;
mod plan;
mod promote;
mod pull;
mod validate;

use crate::ctx::Ctx;
use clap::{Arg, ArgMatches, Command};
use std::process::ExitCode;

pub fn command(ctx: &Ctx) -> Command {
    let root = Command::new("switchboard-cli")
        .version(env!("CARGO_PKG_VERSION"))
        .about(ctx.t("cli-about"))
        .disable_help_subcommand(true)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .help_template(ctx.t("cli-help-template"))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .help(ctx.t("cli-arg-help"))
                .action(clap::ArgAction::Help),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .help(ctx.t("cli-arg-version"))
                .action(clap::ArgAction::Version),
        )
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_name("fr|en")
                .help(ctx.t("cli-arg-lang")),
        )
        .subcommand(doctor::command(ctx))
        .subcommand(list::command(ctx))
        .subcommand(export::command(ctx))
        .subcommand(import::command(ctx))
        .subcommand(validate::command(ctx))
        .subcommand(mail_test::command(ctx))
        .subcommand(connect::command(ctx))
        .subcommand(account::command(ctx))
        .subcommand(pull::command(ctx))
        .subcommand(plan::command(ctx))
        .subcommand(apply::command(ctx))
        .subcommand(promote::command(ctx));
    localize_headings(root, ctx)
}

/// clap titles its help sections in English ("Commands", "Options", "Arguments"): give
/// every argument and subcommand list a heading from the Fluent files instead.
fn localize_headings(cmd: Command, ctx: &Ctx) -> Command {
    let (options, arguments) = (ctx.t("cli-heading-options"), ctx.t("cli-heading-arguments"));
    cmd.subcommand_help_heading(ctx.t("cli-heading-commands"))
        .mut_args(|a| {
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading(arguments.clone())
            } else {
                a.help_heading(options.clone())
            }
        })
        .mut_subcommands(|sub| localize_headings(sub, ctx))
}

pub fn dispatch(ctx: &Ctx, matches: &ArgMatches) -> ExitCode {
    match matches.subcommand() {
        Some(("doctor", m)) => doctor::run(ctx, m),
        Some(("list", m)) => list::run(ctx, m),
        Some(("export", m)) => export::run(ctx, m),
        Some(("import", m)) => import::run(ctx, m),
        Some(("validate", m)) => validate::run(ctx, m),
        Some(("mail-test", m)) => mail_test::run(ctx, m),
        Some(("connect", m)) => connect::run(ctx, m),
        Some(("account", m)) => account::run(ctx, m),
        Some(("pull", m)) => pull::run(ctx, m),
        Some(("plan", m)) => plan::run(ctx, m),
        Some(("apply", m)) => apply::run(ctx, m),
        Some(("promote", m)) => promote::run(ctx, m),
        _ => ExitCode::from(2),
    }
}
