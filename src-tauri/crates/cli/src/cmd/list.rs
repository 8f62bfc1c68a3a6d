//! `switchboard-cli list [--json] [--kind K] [--search TEXT]`: the channels of the local
//! store, like the app's channel list.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use switchboard_core::Msg;
use switchboard_store::{ListQuery, Store, StoreError, Validity};

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
        crate::errln!("{}", ctx.l10n.format(&failure.msg()));
        ExitCode::from(1)
    })
}

/// For commands that only read (list, export, a stored channel's test): a read-only data
/// folder still lets them work, with a note on stderr.
pub fn open_store_for_reading(ctx: &Ctx) -> Result<Store, ExitCode> {
    let path = ctx.paths.database_file();
    match Store::open(&path) {
        Ok(s) => Ok(s),
        Err(f) if matches!(f.error, StoreError::ReadOnly) && path.exists() => {
            match Store::open_read_only(&path) {
                Ok(s) => {
                    let folder = path.parent().unwrap_or(&path).display().to_string();
                    let note = Msg::new("cli-store-read-only-note")
                        .arg("folder", crate::term::escape(&folder));
                    crate::errln!("{}", ctx.l10n.format(&note));
                    Ok(s)
                }
                Err(_) => {
                    crate::errln!("{}", ctx.l10n.format(&f.msg()));
                    Err(ExitCode::from(1))
                }
            }
        }
        Err(f) => {
            crate::errln!("{}", ctx.l10n.format(&f.msg()));
            Err(ExitCode::from(1))
        }
    }
}

fn validity_label(ctx: &Ctx, v: Validity) -> String {
    ctx.t(match v {
        Validity::Valid => "cli-list-valid",
        Validity::Invalid => "cli-list-invalid",
        Validity::Unknown => "cli-list-unchecked",
    })
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let store = match open_store_for_reading(ctx) {
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
            crate::errln!("{}", ctx.l10n.format(&e.msg()));
            return ExitCode::from(1);
        }
    };
    if m.get_flag("json") {
        crate::term::out_json(&page);
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
            // Names come from files and other people: escaped, never raw.
            [
                crate::term::escape(&c.name),
                crate::term::escape(&c.kind),
                if c.secrets_to_reenter {
                    format!(
                        "{active}, {}, {}",
                        validity_label(ctx, c.validity),
                        ctx.t("cli-list-secrets-to-reenter")
                    )
                } else {
                    format!("{active}, {}", validity_label(ctx, c.validity))
                },
                crate::term::escape(&c.id),
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
        crate::outln!("{}", padded.join("  ").trim_end());
    };
    line(&headers);
    rows.iter().for_each(line);
    crate::outln!(
        "{}",
        ctx.l10n
            .format(&Msg::new("cli-list-total").arg("count", page.total))
    );
    ExitCode::SUCCESS
}
