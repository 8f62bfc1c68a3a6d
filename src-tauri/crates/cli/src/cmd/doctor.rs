//! `switchboard-cli doctor [--json]`: data and log folders, keychain round trip, versions.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_doctor::CHECK_TIMEOUT;

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
    // The same bounded steps as the Diagnostics panel: a keychain daemon waiting on a
    // prompt cannot hang the terminal. Ctrl-C stops at once.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let cancel = CancellationToken::new();
    let diagnosis = rt.block_on(async {
        let c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                c.cancel();
            }
        });
        switchboard_doctor::diagnose(
            &ctx.app_id,
            &ctx.paths,
            versions,
            CHECK_TIMEOUT,
            &|_e: ProgressEvent| {},
            &cancel,
        )
        .await
    });
    // A keychain probe stuck past its bound must not keep the process alive.
    rt.shutdown_background();
    let Ok(report) = diagnosis else {
        eprintln!("{}", ctx.t("err-cancelled"));
        return ExitCode::from(130);
    };
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
        crate::term::out_json(&v);
    } else {
        crate::outln!("{}", ctx.t("doctor-title"));
        crate::outln!("  {}: {}", ctx.t("doctor-app-id"), report.app_id);
        for c in &report.checks {
            let mark = if c.ok { "✓" } else { "✗" };
            let value = c.value.as_deref().unwrap_or("");
            crate::outln!("  {mark} {}: {value}", ctx.l10n.format(&c.label));
            crate::outln!("      {}", ctx.l10n.format(&c.detail));
        }
        crate::outln!("  {}:", ctx.t("doctor-versions"));
        for (name, v) in &report.versions {
            crate::outln!("      {name} {v}");
        }
        crate::outln!(
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
