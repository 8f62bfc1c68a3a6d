//! `switchboard-cli connect --channel ID`: "Continue with …" for machines without a
//! desktop session. It prints the authorization URL (to open in any browser of this
//! machine, the redirect comes back to 127.0.0.1), waits for the loopback callback (5
//! minutes, Ctrl-C cancels), and seals the token for the channel's field in the vault.
//! The provider app comes from the local settings, as in the app.

use crate::ctx::Ctx;
use clap::{Arg, ArgMatches, Command};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use switchboard_catalogue::ActionKind;
use switchboard_channels::{oauth_target, ChannelService};
use switchboard_core::progress::CancellationToken;
use switchboard_core::Msg;
use switchboard_oauth::{CallbackPages, OAuth};

/// The sign-ins built so far, in the order tried: the first whose field the channel has.
/// An e-mail channel signs in for IMAP; `--smtp` picks its SMTP sign-in.
const ACTIONS: [ActionKind; 4] = [
    ActionKind::OauthYoutube,
    ActionKind::OauthGoogle,
    ActionKind::OauthRingcentral,
    ActionKind::OauthMicrosoftImap,
];

pub fn command(ctx: &Ctx) -> Command {
    Command::new("connect")
        .about(ctx.t("cli-connect-about"))
        .help_template(ctx.t("cli-help-template"))
        .arg(
            Arg::new("channel")
                .long("channel")
                .value_name("ID")
                .required(true)
                .help(ctx.t("cli-connect-arg-channel")),
        )
        .arg(
            Arg::new("smtp")
                .long("smtp")
                .action(clap::ArgAction::SetTrue)
                .help(ctx.t("cli-connect-arg-smtp")),
        )
}

pub fn run(ctx: &Ctx, m: &ArgMatches) -> ExitCode {
    let id = m.get_one::<String>("channel").expect("required").clone();
    let fail = |msg: Msg| {
        eprintln!("{}", ctx.l10n.format(&msg));
        ExitCode::from(1)
    };
    let store = match super::list::open_store(ctx) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut service = ChannelService::new(store, switchboard_vault::for_app(&ctx.app_id));
    if let Err(e) = service.get(&id) {
        return fail(e.msg());
    }
    let actions = if m.get_flag("smtp") {
        vec![ActionKind::OauthMicrosoftSmtp]
    } else {
        ACTIONS.to_vec()
    };
    let Some((purpose, path)) = actions
        .into_iter()
        .filter_map(oauth_target)
        .find(|(_, path)| service.check_connection_target(&id, path).is_ok())
    else {
        return fail(Msg::new("cli-connect-no-sign-in").arg("id", id.as_str()));
    };
    // A channel linked to a platform account signs in with that account's app.
    let account = match service.apps_account(&id) {
        Ok(a) => a,
        Err(e) => return fail(e.msg()),
    };
    let (provider, app) = match service.provider_for(&account, purpose.provider()) {
        Ok(p) => p,
        Err(switchboard_channels::OAuthOrChannel::OAuth(e)) => return fail(e.msg()),
        Err(switchboard_channels::OAuthOrChannel::Channel(e)) => return fail(e.msg()),
    };
    let pages = Arc::new(CallbackPages::new(ctx.l10n.lang().code(), |id| ctx.t(id)));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let engine = OAuth::new();
    let cancel = CancellationToken::new();
    let result = rt.block_on(async {
        let c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                c.cancel();
            }
        });
        let mut pending = engine
            .begin(&provider, purpose.scopes(), &app, pages)
            .await?;
        // The sentence on stderr, the URL alone on stdout: a script can take it as is.
        eprintln!("{}", ctx.t("cli-connect-open"));
        println!("{}", pending.url);
        let _ = std::io::stdout().flush();
        let code = pending.callback(&cancel).await?;
        let tokens = pending.exchange(&code, &cancel).await?;
        let name = engine.account_name(&provider, &tokens).await;
        Ok::<_, switchboard_oauth::OAuthError>((tokens, name))
    });
    let (tokens, name) = match result {
        Ok(t) => t,
        Err(e) => return fail(e.msg()),
    };
    match service.store_connection(&id, path, provider.id, &tokens, name) {
        Ok(view) => {
            let who = view.account_name.unwrap_or_default();
            eprintln!(
                "{}",
                ctx.l10n.format(
                    &Msg::new("cli-connect-done")
                        .arg("name", who.as_str())
                        .arg("path", path)
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e.msg()),
    }
}
