//! Pull and the platform client against the emulator: one binary, one module per concern.

mod client_faults;
mod common;
mod link;
mod oauth_mail;
mod plan_apply;
mod promote;
mod pull;
mod secrets_authors;
