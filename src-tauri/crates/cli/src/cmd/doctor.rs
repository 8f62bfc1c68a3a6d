//! `switchboard-cli doctor [--json]`: data and log folders, keychain round trip, versions.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;

pub fn command(ctx: &Ctx) -> Command {
    Command::new("doctor")
        .about(ctx.t("cli-doctor-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let versions = vec![
        (
            "switchboard-cli".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned(),
        ),
        (
            "os".to_owned(),
            format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        ),
        ("lang".to_owned(), ctx.l10n.lang().code().to_owned()),
    ];
    let report = switchboard_doctor::run(&ctx.app_id, &ctx.paths, versions);
    if m.get_flag("json") {
        // Localized texts ride along with the ids so scripts can show them as they are.
        let mut v = serde_json::to_value(&report).expect("report serializes");
        for check in v["checks"].as_array_mut().unwrap() {
            let i = report
                .checks
                .iter()
                .position(|c| c.key == check["key"])
                .unwrap();
            check["text"] = ctx.l10n.format(&report.checks[i].detail).into();
        }
        println!("{}", serde_json::to_string_pretty(&v).unwrap());
    } else {
        println!("{}", ctx.t("doctor-title"));
        println!("  {}: {}", ctx.t("doctor-app-id"), report.app_id);
        for c in &report.checks {
            let mark = if c.ok { "✓" } else { "✗" };
            let value = c.value.as_deref().unwrap_or("");
            println!("  {mark} {}: {value}", ctx.l10n.format(&c.label));
            println!("      {}", ctx.l10n.format(&c.detail));
        }
        println!("  {}:", ctx.t("doctor-versions"));
        for (name, v) in &report.versions {
            println!("      {name} {v}");
        }
        println!(
            "{}",
            ctx.t(if report.ok {
                "doctor-all-ok"
            } else {
                "doctor-some-failed"
            })
        );
    }
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
