//! `switchboard-cli account add|list|test|remove`: the app's platform accounts from a
//! terminal, through the same `ChannelService` methods and account test as the window.
//! The API token is read only from an environment variable (`--token-env VAR`): an
//! argument would sit in the shell history and in every `ps` listing.

use crate::ctx::Ctx;
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;
use switchboard_channels::{ChannelError, ChannelService};
use switchboard_core::progress::{CancellationToken, ProgressEvent, StepStatus};
use switchboard_core::{Msg, Sensitive};
use switchboard_platform::{BaseUrl, Client, HostPreset};
use switchboard_store::{Account, AccountFields, Environment};

pub fn command(ctx: &Ctx) -> Command {
    let name = || {
        Arg::new("name")
            .value_name("NAME")
            .required(true)
            .help(ctx.t("cli-account-arg-name"))
    };
    let json = || {
        Arg::new("json")
            .long("json")
            .action(ArgAction::SetTrue)
            .help(ctx.t("cli-arg-json"))
    };
    let opt = |id: &'static str, value: &'static str, help: &str| {
        Arg::new(id).long(id).value_name(value).help(ctx.t(help))
    };
    Command::new("account")
        .about(ctx.t("cli-account-about"))
        .help_template(ctx.t("cli-help-template"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("add")
                .about(ctx.t("cli-account-add-about"))
                .help_template(ctx.t("cli-help-template"))
                .arg(name())
                .arg(opt("domain", "DOMAIN", "cli-account-arg-domain"))
                .arg(opt("host", "ringcentral|dimelo", "cli-account-arg-host"))
                .arg(opt("url", "URL", "cli-account-arg-url").conflicts_with("domain"))
                .arg(opt(
                    "environment",
                    "production|sandbox|other",
                    "cli-account-arg-environment",
                ))
                .arg(opt("token-env", "VAR", "cli-account-arg-token-env").required(true))
                .arg(opt(
                    "token-user-email",
                    "EMAIL",
                    "cli-account-arg-token-user-email",
                ))
                .arg(
                    opt("rate-limit", "N", "cli-account-arg-rate-limit")
                        .value_parser(clap::value_parser!(u32)),
                )
                .arg(json()),
        )
        .subcommand(
            Command::new("list")
                .about(ctx.t("cli-account-list-about"))
                .help_template(ctx.t("cli-help-template"))
                .arg(json()),
        )
        .subcommand(
            Command::new("test")
                .about(ctx.t("cli-account-test-about"))
                .help_template(ctx.t("cli-help-template"))
                .arg(name())
                .arg(json()),
        )
        .subcommand(
            Command::new("remove")
                .about(ctx.t("cli-account-remove-about"))
                .help_template(ctx.t("cli-help-template"))
                .arg(name()),
        )
}

/// The app's channel service on its own database and keychain.
pub fn open_service(ctx: &Ctx) -> Result<ChannelService, ExitCode> {
    let store = super::list::open_store(ctx)?;
    Ok(ChannelService::new(
        store,
        switchboard_vault::for_app(&ctx.app_id),
    ))
}

/// Says a message on stderr and gives the exit code.
pub fn fail(ctx: &Ctx, msg: &Msg, code: u8) -> ExitCode {
    crate::errln!("{}", ctx.l10n.format(msg));
    ExitCode::from(code)
}

fn channel_fail(ctx: &Ctx, e: &ChannelError) -> ExitCode {
    crate::errln!("{}", ctx.l10n.format(&e.msg()));
    if let ChannelError::InvalidAccount(fields) = e {
        for f in fields {
            crate::errln!("  {}: {}", f.path, ctx.l10n.format(&f.message));
        }
    }
    ExitCode::from(1)
}

/// An account by its label (as the user named it) or its id.
pub fn find_account(ctx: &Ctx, service: &ChannelService, name: &str) -> Result<Account, ExitCode> {
    let accounts = service.accounts().map_err(|e| channel_fail(ctx, &e))?;
    accounts
        .into_iter()
        .find(|a| a.fields.label == name || a.id == name)
        .ok_or_else(|| {
            fail(
                ctx,
                &Msg::new("cli-account-not-found").arg("name", crate::term::escape(name)),
                1,
            )
        })
}

/// A client for a stored account, paced by a budget at its limit (the same construction
/// as the window's: `switchboard_sync::account_client`).
pub fn client_for(
    ctx: &Ctx,
    service: &ChannelService,
    account: &Account,
) -> Result<Client, ExitCode> {
    let budgets = switchboard_sync::Budgets::default();
    match switchboard_sync::account_client(service, &account.id, &budgets) {
        Ok((_, client)) => Ok(client),
        Err(switchboard_sync::SyncError::Channel(e)) => Err(channel_fail(ctx, &e)),
        Err(e) => Err(fail(ctx, &e.msg(), 1)),
    }
}

/// A runtime for one command, with Ctrl-C cancelling `cancel`.
pub fn runtime(cancel: &CancellationToken) -> tokio::runtime::Runtime {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let c = cancel.clone();
    rt.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            c.cancel();
        }
    });
    rt
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    match m.subcommand() {
        Some(("add", m)) => add(ctx, m),
        Some(("list", m)) => list(ctx, m),
        Some(("test", m)) => test(ctx, m),
        Some(("remove", m)) => remove(ctx, m),
        _ => ExitCode::from(2),
    }
}

fn base_url(ctx: &Ctx, m: &ArgMatches) -> Result<String, ExitCode> {
    if let Some(url) = m.get_one::<String>("url") {
        return Ok(url.clone());
    }
    let Some(domain) = m.get_one::<String>("domain") else {
        return Err(fail(ctx, &Msg::new("cli-account-error-where"), 2));
    };
    let preset = match m.get_one::<String>("host").map(String::as_str) {
        None | Some("ringcentral") => HostPreset::RingCentral,
        Some("dimelo") => HostPreset::Dimelo,
        Some(other) => {
            return Err(fail(
                ctx,
                &Msg::new("cli-account-error-host").arg("value", crate::term::escape(other)),
                2,
            ))
        }
    };
    BaseUrl::from_domain(domain, preset)
        .map(|b| b.as_str().to_owned())
        .map_err(|e| {
            crate::errln!("domain: {}", ctx.l10n.format(&Msg::new(e.msg_id())));
            ExitCode::from(2)
        })
}

fn add(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let label = m.get_one::<String>("name").cloned().unwrap_or_default();
    let environment = match m.get_one::<String>("environment") {
        None => Environment::Other,
        Some(e) => match Environment::parse(e) {
            Some(e) => e,
            None => {
                return fail(
                    ctx,
                    &Msg::new("cli-account-error-environment").arg("value", crate::term::escape(e)),
                    2,
                )
            }
        },
    };
    let base_url = match base_url(ctx, m) {
        Ok(u) => u,
        Err(code) => return code,
    };
    let var = m
        .get_one::<String>("token-env")
        .cloned()
        .unwrap_or_default();
    let token = match std::env::var(&var) {
        Ok(t) if !t.trim().is_empty() => Sensitive::new(t),
        _ => {
            return fail(
                ctx,
                &Msg::new("cli-account-error-token-env").arg("var", crate::term::escape(&var)),
                2,
            )
        }
    };
    let fields = AccountFields {
        label,
        environment,
        base_url,
        token_user_email: m.get_one::<String>("token-user-email").cloned(),
        demo: false,
        rate_limit: m.get_one::<u32>("rate-limit").copied().unwrap_or(500),
    };
    let mut service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if service
        .accounts()
        .map(|all| all.iter().any(|a| a.fields.label == fields.label.trim()))
        .unwrap_or(false)
    {
        return fail(
            ctx,
            &Msg::new("cli-account-error-exists").arg("name", crate::term::escape(&fields.label)),
            1,
        );
    }
    match service.create_account(fields, Some(&token)) {
        Ok(account) => {
            if m.get_flag("json") {
                crate::term::out_json(&account);
            } else {
                crate::outln!(
                    "{}",
                    ctx.l10n.format(
                        &Msg::new("cli-account-added")
                            .arg("name", crate::term::escape(&account.fields.label))
                            .arg("url", crate::term::escape(&account.fields.base_url))
                    )
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => channel_fail(ctx, &e),
    }
}

fn environment_label(ctx: &Ctx, e: Environment) -> String {
    ctx.t(&format!("cli-account-env-{}", e.as_str()))
}

fn list(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let accounts = match service.accounts() {
        Ok(a) => a,
        Err(e) => return channel_fail(ctx, &e),
    };
    if m.get_flag("json") {
        crate::term::out_json(&accounts);
        return ExitCode::SUCCESS;
    }
    for a in &accounts {
        let token = ctx.t(if a.token_set {
            "cli-account-token-set"
        } else {
            "cli-account-token-missing"
        });
        crate::outln!(
            "{}  [{}]  {}  {}",
            crate::term::escape(&a.fields.label),
            environment_label(ctx, a.fields.environment),
            crate::term::escape(&a.fields.base_url),
            token
        );
    }
    crate::outln!(
        "{}",
        ctx.l10n
            .format(&Msg::new("cli-account-total").arg("count", accounts.len()))
    );
    ExitCode::SUCCESS
}

fn status_mark(s: StepStatus) -> &'static str {
    match s {
        StepStatus::Ok => "ok  ",
        StepStatus::Warning => "warn",
        StepStatus::Failed => "FAIL",
        StepStatus::Skipped => "skip",
        _ => "... ",
    }
}

fn test(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let json = m.get_flag("json");
    let service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = m.get_one::<String>("name").cloned().unwrap_or_default();
    let account = match find_account(ctx, &service, &name) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let client = match client_for(ctx, &service, &account) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cancel = CancellationToken::new();
    let rt = runtime(&cancel);
    let sink = |e: ProgressEvent| {
        if json {
            return;
        }
        if let ProgressEvent::Step {
            label,
            status,
            duration_ms: Some(ms),
            detail,
            ..
        } = e
        {
            let detail = detail
                .map(|d| format!(" — {}", ctx.l10n.format(&d)))
                .unwrap_or_default();
            crate::outln!(
                "[{}] {} ({ms} ms){detail}",
                status_mark(status),
                ctx.l10n.format(&label)
            );
        }
    };
    let report = rt.block_on(switchboard_platform::probe::test_account(
        &client,
        account.fields.token_user_email.as_deref(),
        &sink,
        &cancel,
    ));
    if json {
        crate::term::out_json(&report);
    } else {
        for f in &report.fields {
            crate::outln!("  {}: {}", f.path, ctx.l10n.format(&f.message));
        }
        crate::outln!(
            "{}",
            ctx.t(if report.ok {
                "cli-account-test-ok"
            } else {
                "cli-account-test-failed"
            })
        );
    }
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn remove(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let mut service = match open_service(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = m.get_one::<String>("name").cloned().unwrap_or_default();
    let account = match find_account(ctx, &service, &name) {
        Ok(a) => a,
        Err(code) => return code,
    };
    match service.delete_account(&account.id) {
        Ok(kept) => {
            crate::outln!(
                "{}",
                ctx.l10n.format(
                    &Msg::new("cli-account-removed")
                        .arg("name", crate::term::escape(&account.fields.label))
                        .arg("count", kept)
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => channel_fail(ctx, &e),
    }
}
