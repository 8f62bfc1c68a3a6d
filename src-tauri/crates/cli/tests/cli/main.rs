//! The CLI's integration tests, built into one binary: each runs the real
//! `switchboard-cli` executable and they all link the same crates.

mod connect_cli;
mod help_cli;
mod hostile_files;
mod hostile_servers;
mod mail_channel;
mod mail_test;
mod platform_cli;
mod store_cli;
mod sync_cli;
mod validate_cli;
