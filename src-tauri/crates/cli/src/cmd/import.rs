//! `switchboard-cli import FILE`: the app's import engine from a terminal. The whole file
//! is validated first and every problem is printed; nothing is written unless all is
//! well.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::path::PathBuf;
use std::process::ExitCode;
use switchboard_core::Msg;
use switchboard_store::{DocSchema, ImportError};

/// The document schema the CLI validates and indexes with: the catalogue's, exactly as
/// the app's (export strips the catalogue's secret paths; import validates every setting).
pub fn doc_schema() -> impl DocSchema {
    switchboard_channels::CatalogueDocSchema
}

pub fn command(ctx: &Ctx) -> Command {
    Command::new("import")
        .about(ctx.t("cli-import-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("file")
                .value_name("FILE")
                .required(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help(ctx.t("cli-arg-import-file")),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let path = m.get_one::<PathBuf>("file").expect("required");
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let msg = Msg::new("err-io")
                .arg("path", path.display().to_string())
                .arg("reason", e.to_string());
            crate::errln!("{}", ctx.l10n.format(&msg));
            return ExitCode::from(1);
        }
    };
    let mut store = match super::list::open_store(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let json = m.get_flag("json");
    match store.import(&bytes, &doc_schema()) {
        Ok(report) => {
            if json {
                crate::term::out_json(&report);
                return ExitCode::SUCCESS;
            }
            let done = Msg::new("cli-import-done").arg("count", report.channels.len());
            crate::outln!("{}", ctx.l10n.format(&done));
            for c in report
                .channels
                .iter()
                .filter(|c| !c.secrets_to_reenter.is_empty())
            {
                let msg = Msg::new("cli-import-reenter")
                    .arg("name", crate::term::escape(&c.name))
                    .arg(
                        "paths",
                        crate::term::escape(&c.secrets_to_reenter.join(", ")),
                    );
                crate::outln!("  {}", ctx.l10n.format(&msg));
            }
            // Unfinished drafts come in as drafts (issue 12): say which, and what is left.
            for c in report.channels.iter().filter(|c| !c.problems.is_empty()) {
                let msg = Msg::new("state-cli-import-draft")
                    .arg("name", crate::term::escape(&c.name))
                    .arg("count", c.problems.len());
                crate::outln!("  {}", ctx.l10n.format(&msg));
                for p in &c.problems {
                    let text = crate::term::escape(&ctx.l10n.format(&p.message));
                    crate::outln!("    {}: {text}", p.path);
                }
            }
            ExitCode::SUCCESS
        }
        Err(ImportError::Invalid(problems)) => {
            if json {
                let localized: Vec<_> = problems
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "channel": p.channel, "path": p.path, "message": p.message,
                            "text": ctx.l10n.format(&p.message),
                        })
                    })
                    .collect();
                crate::term::out_json(&localized);
            }
            crate::errln!(
                "{}",
                ctx.l10n
                    .format(&ImportError::Invalid(problems.clone()).msg())
            );
            for p in &problems {
                let text = ctx.l10n.format(&p.message);
                let line = match p.channel {
                    Some(i) => Msg::new("cli-import-problem")
                        .arg("index", i + 1)
                        .arg(
                            "path",
                            if p.path.is_empty() {
                                "-"
                            } else {
                                p.path.as_str()
                            },
                        )
                        .arg("message", text),
                    None => Msg::new("cli-import-problem-file").arg("message", text),
                };
                crate::errln!("  {}", ctx.l10n.format(&line));
            }
            ExitCode::from(1)
        }
        Err(e) => {
            crate::errln!("{}", ctx.l10n.format(&e.msg()));
            ExitCode::from(1)
        }
    }
}
