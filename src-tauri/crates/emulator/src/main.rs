//! `switchboard-emulator --port 0 --sources N --seed S [--rate-limit 50/6] [--latency-ms X]
//! [--error-rate 0.05] [--drop-rate 0.02] [--token T]`
//!
//! Prints the API's base URL as the first line of stdout, then one `holder token user_id
//! email` line per token, and serves until SIGTERM or SIGINT.

use clap::{value_parser, Arg, Command};
use std::io::Write;
use std::time::Duration;
use switchboard_emulator::{Config, Emulator, RateLimit, Tokens};

fn rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err("a share between 0 and 1".into()),
    }
}

fn main() {
    let m = Command::new("switchboard-emulator")
        .about("A local stand-in for the platform's REST API, for tests and the demo platform")
        .arg(
            Arg::new("host")
                .long("host")
                .default_value("127.0.0.1")
                .value_parser(value_parser!(std::net::IpAddr)),
        )
        .arg(
            Arg::new("port")
                .long("port")
                .default_value("0")
                .value_parser(value_parser!(u16)),
        )
        .arg(
            Arg::new("sources")
                .long("sources")
                .default_value("40")
                .value_parser(value_parser!(usize)),
        )
        .arg(
            Arg::new("seed")
                .long("seed")
                .default_value("1")
                .value_parser(value_parser!(u64)),
        )
        .arg(
            Arg::new("rate-limit")
                .long("rate-limit")
                .help("requests/seconds per token, e.g. 50/6 (default 500/60; 0/1 turns it off)")
                .value_parser(|s: &str| RateLimit::parse(s).ok_or("expected N/SECONDS")),
        )
        .arg(
            Arg::new("latency-ms")
                .long("latency-ms")
                .default_value("0")
                .value_parser(value_parser!(u64)),
        )
        .arg(
            Arg::new("error-rate")
                .long("error-rate")
                .default_value("0")
                .value_parser(rate),
        )
        .arg(
            Arg::new("drop-rate")
                .long("drop-rate")
                .default_value("0")
                .value_parser(rate),
        )
        .arg(
            Arg::new("token")
                .long("token")
                .help("the administrator's token (default: from the seed)"),
        )
        .get_matches();
    let mut config = Config {
        host: *m.get_one("host").expect("default"),
        port: *m.get_one("port").expect("default"),
        sources: *m.get_one("sources").expect("default"),
        seed: *m.get_one("seed").expect("default"),
        latency: Duration::from_millis(*m.get_one::<u64>("latency-ms").expect("default")),
        error_rate: *m.get_one("error-rate").expect("default"),
        drop_rate: *m.get_one("drop-rate").expect("default"),
        tokens: Tokens {
            admin: m.get_one::<String>("token").cloned(),
            ..Tokens::default()
        },
        ..Config::default()
    };
    if let Some(r) = m.get_one::<RateLimit>("rate-limit") {
        config.rate_limit = *r;
    }
    let running = match Emulator::start(config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("switchboard-emulator: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", running.url());
    for t in running.tokens() {
        let holder = serde_json::to_value(t.holder).unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {} {} {}",
            holder.as_str().unwrap_or_default(),
            t.token,
            t.user_id,
            t.email
        );
    }
    let _ = out.flush();
    drop(out);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for signals");
    rt.block_on(async {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminated() => {}
        }
    });
    running.shutdown();
}

#[cfg(unix)]
async fn terminated() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            term.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn terminated() {
    std::future::pending::<()>().await
}
