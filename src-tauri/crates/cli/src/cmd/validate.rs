//! `switchboard-cli validate FILE… [--json]`: validates channel documents (one document
//! per file, or the export format `{"format":"switchboard.channels","version":1,
//! "channels":[…]}`) with the same rules and messages as the app.
//! Exit code: 0 all valid, 1 some channel invalid, 2 some file unreadable.
//!
//! Files never carry secret values, so secrets count as set here; a secret value found
//! in a file is reported.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use switchboard_catalogue::{kind_of, name_of, validate_set, validate_with};
use switchboard_core::{Arg as MsgArg, FieldMsg, Msg};

const EXPORT_FORMAT: &str = "switchboard.channels";
const EXPORT_VERSION: u64 = 1;

pub fn command(ctx: &Ctx) -> Command {
    Command::new("validate")
        .about(ctx.t("cli-validate-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("files")
                .value_name("FILE")
                .num_args(1..)
                .required(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help(ctx.t("cli-validate-arg-files")),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help(ctx.t("cli-arg-json")),
        )
}

/// The channel documents of one file, or why there are none.
fn read_channels(path: &PathBuf) -> Result<Vec<Value>, Msg> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Msg::new("err-io")
            .arg("path", file.as_str())
            .arg("reason", e.to_string())
    })?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| {
        Msg::new("cli-validate-not-json")
            .arg("file", file.as_str())
            .arg("reason", e.to_string())
    })?;
    if v.get("format").is_none() {
        return Ok(vec![v]);
    }
    if v["format"] != EXPORT_FORMAT {
        return Err(Msg::new("cli-validate-bad-export").arg("file", file.as_str()));
    }
    if v["version"].as_u64() != Some(EXPORT_VERSION) {
        return Err(Msg::new("cli-validate-export-version")
            .arg("file", file.as_str())
            .arg("version", v["version"].to_string()));
    }
    match v.get("channels") {
        Some(Value::Array(a)) => Ok(a.clone()),
        _ => Err(Msg::new("cli-validate-bad-export").arg("file", file.as_str())),
    }
}

/// Problems of each channel of one file: its own, then those across the file's channels.
fn problems_of(channels: &[Value]) -> Vec<Vec<FieldMsg>> {
    let mut out: Vec<Vec<FieldMsg>> = channels
        .iter()
        .map(|d| validate_with(d, &|_| true))
        .collect();
    for p in validate_set(channels) {
        out[p.index].push(p.problem);
    }
    out
}

fn field_label(ctx: &Ctx, p: &FieldMsg) -> Option<String> {
    match p.message.args.get("field") {
        Some(MsgArg::Msg(m)) => Some(ctx.l10n.format(m)),
        _ => None,
    }
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let json_out = m.get_flag("json");
    let mut unreadable = false;
    let mut invalid = 0usize;
    let mut total = 0usize;
    let mut report = Vec::new();
    for path in m.get_many::<PathBuf>("files").expect("required") {
        let file = path.display().to_string();
        let shown_file = crate::term::escape(&file);
        let channels = match read_channels(path) {
            Ok(c) => c,
            Err(msg) => {
                unreadable = true;
                let text = ctx.l10n.format(&msg);
                if json_out {
                    report.push(json!({"file": file, "error": {"message": msg, "text": text}, "channels": []}));
                } else {
                    crate::errln!("{text}");
                }
                continue;
            }
        };
        let problems = problems_of(&channels);
        let mut file_report = Vec::new();
        for (i, (doc, probs)) in channels.iter().zip(&problems).enumerate() {
            total += 1;
            let name = name_of(doc)
                .filter(|n| !n.trim().is_empty())
                .map(str::to_owned);
            let kind = kind_of(doc).map(|k| ctx.l10n.text(&k.label_id()));
            if !probs.is_empty() {
                invalid += 1;
            }
            if json_out {
                let items: Vec<Value> = probs
                    .iter()
                    .map(|p| json!({"path": p.path, "message": p.message, "text": ctx.l10n.format(&p.message), "field": field_label(ctx, p)}))
                    .collect();
                file_report.push(json!({"index": i, "name": name, "kind": doc.get("kind"), "valid": probs.is_empty(), "problems": items}));
                continue;
            }
            let who = match &name {
                Some(n) => crate::term::escape(n),
                None => ctx
                    .l10n
                    .format(&Msg::new("cli-validate-unnamed").arg("index", i + 1)),
            };
            let kind = kind.unwrap_or_else(|| "?".into());
            if probs.is_empty() {
                crate::outln!(
                    "{}",
                    ctx.l10n.format(
                        &Msg::new("cli-validate-channel-ok")
                            .arg("file", shown_file.as_str())
                            .arg("name", who)
                            .arg("kind", kind)
                    )
                );
                continue;
            }
            crate::outln!(
                "{}",
                ctx.l10n.format(
                    &Msg::new("cli-validate-channel-invalid")
                        .arg("file", shown_file.as_str())
                        .arg("name", who)
                        .arg("kind", kind)
                        .arg("count", probs.len())
                )
            );
            for p in probs {
                let path = if p.path.is_empty() {
                    "·"
                } else {
                    p.path.as_str()
                };
                match field_label(ctx, p) {
                    Some(label) => {
                        crate::outln!("  {path} ({label}): {}", ctx.l10n.format(&p.message))
                    }
                    None => crate::outln!("  {path}: {}", ctx.l10n.format(&p.message)),
                }
            }
        }
        if json_out {
            report.push(json!({"file": file, "channels": file_report}));
        }
    }
    if json_out {
        let out = json!({"valid": invalid == 0 && !unreadable, "channels": total, "invalid": invalid, "files": report});
        crate::term::out_json(&out);
    } else {
        crate::outln!(
            "{}",
            ctx.l10n.format(
                &Msg::new("cli-validate-summary")
                    .arg("total", total)
                    .arg("invalid", invalid)
            )
        );
    }
    if unreadable {
        ExitCode::from(2)
    } else if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
