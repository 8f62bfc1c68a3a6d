//! IPC commands, one file per area. Each decodes its input, calls a domain crate and
//! encodes the result or an `IpcError`. No logic lives here.

pub mod app;
pub mod channels;
pub mod demo;
pub mod doctor;
pub mod history;
pub mod mail;
pub mod oauth;
pub mod oauth_twitter;
pub mod oauth_window;
pub mod platform;
pub mod prefs;
pub mod promote;
pub mod sync;
pub mod tasks;
pub mod transfer;
