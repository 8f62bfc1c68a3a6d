//! `switchboard-cli list [--json] [--kind K] [--search TEXT]`: the channels of the local
//! store, like the app's channel list.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use switchboard_core::Msg;
use switchboard_store::{ListQuery, Store, Validity};

pub fn command(ctx: &Ctx) -> Command {
    Command::new("list")
        .about(ctx.t("cli-list-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
        .arg(
            Arg::new("kind")
                .long("kind")
                .value_name("KIND")
                .help(ctx.t("cli-arg-kind")),
        )
        .arg(
            Arg::new("search")
                .long("search")
                .value_name("TEXT")
                .help(ctx.t("cli-arg-search")),
        )
}

/// Opens the app's database, or says why not (with the backup offer) on stderr.
pub fn open_store(ctx: &Ctx) -> Result<Store, ExitCode> {
    Store::open(&ctx.paths.database_file()).map_err(|failure| {
        eprintln!("{}", ctx.l10n.format(&failure.msg()));
        ExitCode::from(1)
    })
}

fn validity_label(ctx: &Ctx, v: Validity) -> String {
    ctx.t(match v {
        Validity::Valid => "cli-list-valid",
        Validity::Invalid => "cli-list-invalid",
        Validity::Unknown => "cli-list-unchecked",
    })
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let store = match open_store(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let query = ListQuery {
        search: m.get_one::<String>("search").cloned(),
        kind: m.get_one::<String>("kind").cloned(),
        ..Default::default()
    };
    let page = match store.list(&query) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", ctx.l10n.format(&e.msg()));
            return ExitCode::from(1);
        }
    };
    if m.get_flag("json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&page).expect("list serializes")
        );
        return ExitCode::SUCCESS;
    }
    let headers = [
        ctx.t("cli-list-col-name"),
        ctx.t("cli-list-col-kind"),
        ctx.t("cli-list-col-state"),
        ctx.t("cli-list-col-id"),
    ];
    let rows: Vec<[String; 4]> = page
        .items
        .iter()
        .map(|c| {
            let active = ctx.t(if c.active {
                "cli-list-active"
            } else {
                "cli-list-inactive"
            });
            [
                c.name.clone(),
                c.kind.clone(),
                format!("{active}, {}", validity_label(ctx, c.validity)),
                c.id.clone(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String; 4]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(&headers);
    rows.iter().for_each(line);
    println!(
        "{}",
        ctx.l10n
            .format(&Msg::new("cli-list-total").arg("count", page.total))
    );
    ExitCode::SUCCESS
}
