//! E-mail connection diagnosis for Switchboard: IMAP, SMTP and Postmark checked step by
//! step against the settings on screen, with the server's replies, a localized
//! explanation and the form fields to highlight for each step; folder discovery for the
//! pickers; settings auto-detection from an address. No Tauri here: the shell streams the
//! `ProgressEvent`s to the UI, the CLI prints them.
//!
//! ```ignore
//! let report = switchboard_mailcheck::diagnose(&settings, &sink, &cancel).await;
//! ```

// Private modules behind one re-export list (ripgrep's shape): callers see the entry
// points and the report types, not the step machinery or the streams under the clients.
mod autodetect;
mod diagnosis;
mod document;
mod explain;
#[cfg(feature = "test-support")]
pub mod harness;
mod imap;
mod mutf7;
mod net;
mod postmark;
mod report;
mod settings;
mod smtp;
mod step;
mod tap;
mod tls;
mod xoauth2;

pub use autodetect::{autodetect, Candidate, ProbeOptions, Proposal, ProposalSource, ServerGuess};
pub use diagnosis::{diagnose, diagnose_with};
pub use document::from_document;
pub use report::{DiagnosisReport, Folder, Protocol, StepReport};
pub use settings::{
    AuthType, ImapSettings, MailSettings, OAuthToken, PostmarkSettings, Security, ServerSettings,
    SmtpSettings, SslVerifyMode, Timeouts,
};
pub use step::StepListener;
