//! Shared vocabulary of the Switchboard crates. Nothing here knows about Tauri, SQLite or
//! the network: domain crates depend on it to speak the same language across IPC and CLI.

#![warn(missing_docs)]

pub mod app_id;
pub mod jsonpath;
pub mod logging;
pub mod msg;
pub mod paths;
pub mod prefs;
pub mod progress;
pub mod sensitive;

pub use msg::{Arg, FieldMsg, Msg};
pub use sensitive::Sensitive;
