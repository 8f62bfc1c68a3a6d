//! `switchboard-cli`: the same domain crates as the desktop app, from a terminal. Every
//! text it prints comes from the Fluent files (`--lang`, `SWITCHBOARD_LANG`, the app's
//! saved preference, then the system's language). Each subcommand lives in `cmd/`.

mod cmd;
mod ctx;
mod term;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let ctx = ctx::Ctx::from_args(&args);
    let matches = match cmd::command(&ctx).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    cmd::dispatch(&ctx, &matches)
}
